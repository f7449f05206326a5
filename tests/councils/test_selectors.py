"""One read per list: the page, its Excel export and the API share the same selector."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from councils import api, selectors, views
from councils.models import Delegate
from tests.councils.records import RESOURCE_NAMES
from tests.factories import CommitteeFactory, DelegateFactory, MembershipFactory, TermFactory
from tests.xlsx import read_export

pytestmark = pytest.mark.django_db

VIEWSETS = {
    "term": api.TermViewSet,
    "constituency": api.ConstituencyViewSet,
    "committee": api.CommitteeViewSet,
    "delegate": api.DelegateViewSet,
    "membership": api.MembershipViewSet,
    "agency": api.AgencyViewSet,
    "partycell": api.PartyCellViewSet,
}


@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_it_reads_the_page_and_the_api_through_the_same_selector(name):
    selector = getattr(selectors, f"{name}_list")
    resource = next(r for r in views.RESOURCES if r.name == name)

    assert resource.selector is selector
    assert VIEWSETS[name].selector is selector


@pytest.fixture
def delegates(council):
    """Two terms; the page lists the newest term first, then names in order."""
    old = TermFactory(council=council, name="2021-2026", number=8, start_date=dt.date(2021, 6, 1))
    new = TermFactory(council=council, name="2026-2031", number=9, start_date=dt.date(2026, 3, 15))
    for term, name in [
        (old, "Phạm Văn Cũ"),
        (new, "Trần Thị Bích"),
        (old, "Đỗ Minh An"),
        (new, "Lê Văn Bình"),
    ]:
        DelegateFactory(term=term, full_name=name)


def test_it_lists_delegates_in_the_same_order_on_the_page_in_excel_and_in_the_api(
    client, make_persona, delegates
):
    user = make_persona("staff")
    client.force_login(user)
    api_client = APIClient()
    api_client.force_login(user)

    # Every term ("Tất cả nhiệm kỳ"), as the API lists them; the page opens on the current one.
    every_term = {"term": ""}
    rows = client.get("/councils/delegate/", every_term).context["rows"]
    page = [row["obj"].full_name for row in rows]
    export = read_export(client.get("/councils/delegate/", {**every_term, "format": "xlsx"}))
    excel = [row[0] for row in export.rows]
    from_api = [r["full_name"] for r in api_client.get("/api/v1/delegates/").json()["results"]]

    assert page == excel == from_api
    assert [name for name in page if name in {"Trần Thị Bích", "Phạm Văn Cũ"}] == [
        "Trần Thị Bích",
        "Phạm Văn Cũ",
    ]  # the current term first


def test_it_finds_a_membership_by_the_delegates_current_name(staff_client, council):
    """The delegate's own name is read at query time, not a copy taken when it was saved."""
    term = TermFactory(council=council)
    membership = MembershipFactory(
        delegate=DelegateFactory(term=term, full_name="Nguyễn Thị Hoa"),
        committee=CommitteeFactory(term=term, name="Ban Pháp chế"),
    )
    # A rename that bypasses save() (a bulk import) leaves any copied text stale.
    Delegate.objects.filter(pk=membership.delegate_id).update(
        full_name="Nguyễn Thị Hồng", search_text="nguyen thi hong"
    )

    response = staff_client.get("/councils/membership/", {"q": "thi hong"})

    assert [row["obj"] for row in response.context["rows"]] == [membership]
    api_client = APIClient()
    api_client.force_login(response.wsgi_request.user)
    found = api_client.get("/api/v1/memberships/", {"q": "thi hong"}).json()["results"]
    assert [r["id"] for r in found] == [membership.pk]

"""The inbox and its API share one read: search by the agency's current name, fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from councils.models import Agency
from tests.factories import AgencyFactory, CommitteeFactory, TermFactory
from tests.followups.support import item, travel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with travel():
        yield


@pytest.fixture
def staff_api(make_persona):
    client = APIClient()
    client.force_login(make_persona("staff", username="api-staff"))
    return client


def test_it_finds_items_by_the_agencys_current_name(staff_client, staff_api, council):
    police = AgencyFactory(council=council, name="Công an xã")
    theirs = item(council, due=3, agency=police, title="Báo cáo an ninh")
    item(council, due=4, title="Sửa đường")
    # Renamed by a bulk update (no save()): nothing copied onto the items is refreshed.
    Agency.objects.filter(pk=police.pk).update(
        name="Công an xã Phúc Lộc", search_text="cong an xa phuc loc"
    )

    page = staff_client.get("/followups/", {"q": "phuc loc"}).context["page"]
    found = staff_api.get("/api/v1/followups/", {"q": "phuc loc"}).json()["results"]

    assert [f.pk for f in page.object_list] == [theirs.pk]
    assert [r["id"] for r in found] == [theirs.pk]


def test_the_api_lists_items_in_a_fixed_number_of_queries(staff_api, council):
    agencies = [AgencyFactory(council=council) for _ in range(3)]
    committee = CommitteeFactory(term=TermFactory(council=council))
    for n in range(5):
        item(council, due=n, agency=agencies[n % 3], committee=committee)
    staff_api.get("/api/v1/followups/")  # warm-up: session, content types
    with CaptureQueriesContext(connection) as few:
        staff_api.get("/api/v1/followups/")
    for n in range(30):
        item(council, due=n, agency=agencies[n % 3], committee=committee)
    with CaptureQueriesContext(connection) as many:
        response = staff_api.get("/api/v1/followups/")

    assert response.json()["count"] == 35
    # Agency, committee, assignee and rule come joined with the rows.
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)

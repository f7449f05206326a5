"""A follow-up and the record it follows up: "Hồ sơ gốc" on the item, the items on the record."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import CouncilRole, Delegate
from hdnd_portal.core.access import Access
from hdnd_portal.followups.models import FollowUp
from hdnd_portal.followups.selectors import followups_for_source
from hdnd_portal.followups.services import followup_answer
from tests.factories import AgencyFactory, DelegateFactory, TermFactory
from tests.followups.support import item, travel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with travel():
        yield


@pytest.fixture
def delegate(council):
    return DelegateFactory(term=TermFactory(council=council), full_name="Nguyễn Văn Thành")


def about(record, council, **kwargs) -> FollowUp:
    followup = item(council, **kwargs)
    followup.source = record
    followup.save()
    return followup


def source_row(response) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    start = body.index('id="followup-source"')
    return body[start : body.index("</dd>", start)]


def test_the_item_links_to_the_delegate_it_follows_up(staff_client, council, delegate):
    followup = about(delegate, council, due=5)

    row = source_row(staff_client.get(f"/followups/{followup.pk}/"))

    assert f'href="/councils/delegate/{delegate.pk}/"' in row
    assert "Nguyễn Văn Thành" in row
    assert staff_client.get(f"/councils/delegate/{delegate.pk}/").status_code == 200


def test_an_agency_sees_its_item_without_the_delegates_record(client, make_persona, council):
    user = make_persona("agency")
    agency = CouncilRole.objects.get(user=user).agency
    delegate = DelegateFactory(term=TermFactory(council=council), full_name="Trần Thị Kín")
    followup = about(delegate, council, due=5, agency=agency)
    client.force_login(user)

    row = source_row(client.get(f"/followups/{followup.pk}/"))

    assert "href" not in row and "Trần Thị Kín" not in row  # agencies may not read delegates
    assert "đại biểu" in row.lower()  # what kind of record it is, still


def test_a_deleted_source_is_named_as_such(staff_client, council, delegate):
    followup = about(delegate, council, due=5)
    Delegate.objects.filter(pk=delegate.pk).delete()

    row = source_row(staff_client.get(f"/followups/{followup.pk}/"))

    assert "(đã xóa)" in row and "href" not in row


def test_a_source_without_a_page_or_policy_is_shown_without_a_link(staff_client, council):
    followup = about(council, council, due=5)  # the council itself: no page, no policy

    row = source_row(staff_client.get(f"/followups/{followup.pk}/"))

    assert "href" not in row


def test_the_delegate_profile_lists_its_items_open_first(staff_client, council, delegate):
    later = about(delegate, council, due=20, title="Trả lời về trường học")
    overdue = about(delegate, council, due=-3, title="Trả lời về đường thôn")
    done = about(delegate, council, due=-9, title="Trả lời về điện chiếu sáng")
    followup_answer(followup=done, by_user=None, answer="Đã lắp")
    item(council, due=1, title="Việc của người khác")

    response = staff_client.get(f"/councils/delegate/{delegate.pk}/")

    body = response.content.decode()
    card = body[body.index('id="followups-for-source"') :]
    assert "Việc cần đôn đốc liên quan" in card
    assert [f.title for f in response.context["followups"]] == [
        overdue.title,
        later.title,
        done.title,
    ]
    assert "Việc của người khác" not in card
    assert f'href="/followups/{overdue.pk}/"' in card
    assert "Quá hạn 3 ngày" in card and "Đã trả lời" in card


def test_a_delegate_without_items_says_so(staff_client, delegate):
    body = staff_client.get(f"/councils/delegate/{delegate.pk}/").content.decode()

    assert "Chưa có việc cần đôn đốc nào liên quan." in body


def test_an_agency_sees_only_its_own_items_of_a_record(council, delegate):
    ours, theirs = AgencyFactory(council=council), AgencyFactory(council=council)
    mine = about(delegate, council, due=5, agency=ours)
    about(delegate, council, due=6, agency=theirs)
    access = Access(
        user_id=1, council_id=council.pk, council_name="x", role="agency", agency_id=ours.pk
    )
    other_council = Access(user_id=1, council_id=council.pk + 1, council_name="y", role="staff")

    assert list(followups_for_source(access, delegate)) == [mine]
    assert list(followups_for_source(other_council, delegate)) == []
    assert list(followups_for_source(None, delegate)) == []


def test_the_profile_reads_its_items_in_a_fixed_number_of_queries(staff_client, council, delegate):
    url = f"/councils/delegate/{delegate.pk}/"
    agencies = [AgencyFactory(council=council) for _ in range(3)]
    about(delegate, council, due=1, agency=agencies[0])
    staff_client.get(url)  # warm-up: content types
    with CaptureQueriesContext(connection) as one:
        staff_client.get(url)
    for n in range(12):
        about(delegate, council, due=n - 4, agency=agencies[n % 3])
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(url)

    assert len(response.context["followups"]) == 13
    # The items come in one query with their agency, committee, assignee and rule.
    assert len(many) == len(one), "\n".join(q["sql"] for q in many.captured_queries)

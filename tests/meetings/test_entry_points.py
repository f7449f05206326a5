"""One write path: a session changed through the API has the page's consequences
(meetings.services.session_save): its notice follow-up opens and moves with it."""

import datetime as dt

import pytest

from hdnd_portal.followups.models import FollowUp
from meetings import services
from meetings.models import Session

pytestmark = pytest.mark.django_db


def _notice():
    return FollowUp.objects.get(kind=services.SESSION_NOTICE)


def test_a_session_created_through_the_api_opens_its_notice_item(sitting, api):
    response = api("staff").post(
        "/api/v1/sessions/",
        {"term": sitting.term.pk, "number": 4, "kind": "regular", "start_date": "2027-06-30"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert _notice().due_date == dt.date(2027, 6, 10)


@pytest.mark.parametrize("door", ["page", "api"])
def test_moving_a_session_later_moves_its_notice_item_through_every_door(
    sitting, staff_client, api, door
):
    term = sitting.term
    staff_client.post(
        "/meetings/session/new/",
        {"term": term.pk, "number": 4, "kind": "regular", "start_date": "30/06/2027"},
    )
    session = Session.objects.get(number=4, term=term)
    assert _notice().due_date == dt.date(2027, 6, 10)
    if door == "page":
        response = staff_client.post(
            f"/meetings/session/{session.pk}/edit/",
            {"term": term.pk, "number": 4, "kind": "regular", "start_date": "10/07/2027"},
        )
        assert response.status_code == 302
    else:
        response = api("staff").patch(
            f"/api/v1/sessions/{session.pk}/", {"start_date": "2027-07-10"}, format="json"
        )
        assert response.status_code == 200, response.content
    item = _notice()
    assert (item.original_due_date, item.due_date) == (dt.date(2027, 6, 10), dt.date(2027, 6, 18))
    assert "dời ngày khai mạc sang 10/07/2027" in item.extensions.get().reason


def test_page_and_api_refuse_a_duplicate_session_number_with_the_same_words(
    sitting, staff_client, api
):
    term = sitting.term
    page = staff_client.post(
        "/meetings/session/new/",
        {"term": term.pk, "number": 3, "kind": "regular", "start_date": "30/06/2027"},
    )
    response = api("staff").post(
        "/api/v1/sessions/",
        {"term": term.pk, "number": 3, "kind": "regular", "start_date": "2027-06-30"},
        format="json",
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    message = next(iter(fields.values()))[0]
    assert message in page.content.decode()
    assert Session.objects.filter(term=term, number=3).count() == 1

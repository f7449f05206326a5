"""Issue 19, state changes follow the calendar: a session opens on its opening day, not before;
it closes on or after it; the vote is dated the day it is closed; a number is not issued before
that day; an opened session's opening day does not move into the future."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import Session
from tests.factories import ResolutionFactory
from tests.meetings.conftest import OPENING, vn
from tests.meetings.doors import DOORS, attend, refusals

EVE = OPENING - dt.timedelta(days=1)


@pytest.mark.parametrize("door", DOORS)
def test_a_session_opens_on_its_opening_day_and_not_a_minute_before(
    sitting, client, time_machine, door
):
    attend(sitting.session, sitting.delegates, 15)
    client.force_login(sitting.staff)
    url = reverse("meetings-session-transition", args=[sitting.session.pk, "open"])

    def open_it():
        return refusals(door, lambda: services.session_open(session=sitting.session), client, url)

    time_machine.move_to(vn(EVE, 23, 59), tick=False)
    assert open_it() == [
        "Chưa đến ngày khai mạc (20/12/2026): không khai mạc kỳ họp trước ngày này. Nếu kỳ họp "
        "đổi ngày, hãy sửa ngày khai mạc trước."
    ]
    page = client.get(sitting.session.get_absolute_url()).content.decode()
    assert "Khai mạc được từ ngày 20/12/2026." in page and "Khai mạc</button>" not in page
    public = client.get(reverse("meetings-public-council", args=[sitting.term.council.slug]))
    assert "Đang họp" not in public.content.decode()

    time_machine.move_to(vn(OPENING, 0, 0), tick=False)
    assert open_it() == []
    assert Session.objects.get(pk=sitting.session.pk).state == Session.State.IN_SESSION
    public = client.get(reverse("meetings-public-council", args=[sitting.term.council.slug]))
    assert "Đang họp" in public.content.decode()


def test_a_session_closes_on_or_after_its_opening_day_which_ends_it_that_day(sitting):
    sitting.session.end_date = OPENING + dt.timedelta(days=1)
    sitting.session.save()
    attend(sitting.session, sitting.delegates, 15)
    services.session_open(session=sitting.session)
    with pytest.raises(
        ValidationError, match=r"Không bế mạc kỳ họp trước ngày khai mạc \(20/12/2026\)"
    ):
        services.session_close(session=sitting.session, on=EVE)
    # Closed on its first day, a day earlier than planned: it ended that day.
    session = services.session_close(session=sitting.session)
    assert (session.state, session.end_date) == (Session.State.CLOSED, OPENING)


def test_the_vote_is_dated_the_day_it_is_closed_and_numbered_from_that_day(sitting, time_machine):
    sitting.session.end_date = OPENING + dt.timedelta(days=1)
    sitting.session.save()
    attend(sitting.session, sitting.delegates, 15)
    services.session_open(session=sitting.session)
    resolution = ResolutionFactory(session=sitting.session)
    services.votes_all_present_for(resolution=resolution)
    time_machine.move_to(vn(OPENING + dt.timedelta(days=1), 10), tick=False)
    resolution = services.vote_close(resolution=resolution)
    assert resolution.voted_on == OPENING + dt.timedelta(days=1)
    assert resolution.vote_closed_at == vn(OPENING + dt.timedelta(days=1), 10)
    with pytest.raises(ValidationError, match="không được trước ngày biểu quyết thông qua"):
        services.resolution_issue(resolution=resolution, issued_by=sitting.staff, on=OPENING)
    issued = services.resolution_issue(resolution=resolution, issued_by=sitting.staff)
    assert issued.document.issued_on == OPENING + dt.timedelta(days=1)


@pytest.mark.parametrize("door", ["page", "api"])
def test_an_opened_session_keeps_its_opening_day_out_of_the_future(sitting, client, api, door):
    attend(sitting.session, sitting.delegates, 15)
    session = services.session_open(session=sitting.session)
    later = OPENING + dt.timedelta(days=8)
    message = "Kỳ họp đã khai mạc: ngày khai mạc không được sau hôm nay (20/12/2026)."
    if door == "api":
        response = api("staff").patch(
            f"/api/v1/sessions/{session.pk}/", {"start_date": later.isoformat()}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["error"]["fields"]["start_date"] == [message]
    else:
        client.force_login(sitting.staff)
        response = client.post(
            reverse("meetings-session-update", args=[session.pk]),
            {
                "term": session.term_id,
                "number": session.number,
                "kind": session.kind,
                "start_date": f"{later:%d/%m/%Y}",
                "place": session.place,
            },
        )
        assert response.status_code == 200 and message in response.content.decode()
    assert Session.objects.get(pk=session.pk).start_date == OPENING

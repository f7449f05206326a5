"""Issue 19, the quorum after the opening: attendance that falls below 2/3 of the delegates in
office is shown on the session's page, and no vote is closed until the quorum is back — or the
chair records the adjournment, and nothing is voted until the session resumes with it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import Session
from tests.factories import ResolutionFactory
from tests.meetings.doors import DOORS, attend, refusals

LOST = "Không đủ túc số: có mặt 9/15, cần ít nhất 10 (2/3 tổng số đại biểu)."


@pytest.fixture
def dropped(sitting):
    """Opened with 10 of 15 present (the quorum exactly), then one of them leaves: 9/15."""
    attend(sitting.session, sitting.delegates, 10)
    services.session_open(session=sitting.session)
    sitting.resolution = ResolutionFactory(session=sitting.session)
    services.votes_all_present_for(resolution=sitting.resolution)
    services.attendance_record(
        session=sitting.session, statuses={sitting.delegates[9].pk: "absent"}
    )
    return sitting


def test_the_session_and_resolution_pages_warn_when_attendance_falls_below_the_quorum(
    dropped, client
):
    client.force_login(dropped.staff)
    for url in (dropped.session.get_absolute_url(), dropped.resolution.get_absolute_url()):
        page = client.get(url).content.decode()
        assert 'id="quorum-lost"' in page and LOST in page
        assert "hoặc chủ tọa ghi nhận tạm dừng kỳ họp" in page


@pytest.mark.parametrize("door", DOORS)
def test_a_vote_is_not_closed_below_the_quorum_and_is_once_it_is_restored(dropped, client, door):
    client.force_login(dropped.staff)
    url = reverse("meetings-resolution-vote-action", args=[dropped.resolution.pk, "close"])

    def close():
        return refusals(
            door, lambda: services.vote_close(resolution=dropped.resolution), client, url
        )

    assert close() == [
        "Không kết thúc được biểu quyết: chưa đủ túc số (có mặt 9/15, cần ít nhất 10 — 2/3 "
        "tổng số đại biểu). Hãy điểm danh lại khi đủ túc số, hoặc ghi nhận tạm dừng kỳ họp."
    ]
    dropped.resolution.refresh_from_db()
    assert not dropped.resolution.vote_closed
    # The delegate comes back (late counts as present): 10/15 again, the boundary.
    services.attendance_record(session=dropped.session, statuses={dropped.delegates[9].pk: "late"})
    assert close() == []
    dropped.resolution.refresh_from_db()
    assert dropped.resolution.vote_closed and dropped.resolution.vote_snapshot["for"] == 10


def test_the_chair_records_the_adjournment_and_nothing_is_voted_until_it_resumes(dropped, client):
    client.force_login(dropped.staff)
    transition = lambda action: reverse(  # noqa: E731
        "meetings-session-transition", args=[dropped.session.pk, action]
    )
    page = client.post(transition("adjourn"), follow=True).content.decode()
    assert "Đã ghi nhận tạm dừng kỳ họp." in page and 'id="adjourned"' in page
    session = Session.objects.get(pk=dropped.session.pk)
    assert session.state == Session.State.ADJOURNED
    assert session.get_state_display() == "Tạm dừng"
    with pytest.raises(ValidationError, match="Kỳ họp đang tạm dừng"):
        services.vote_close(resolution=dropped.resolution)
    with pytest.raises(ValidationError, match="Kỳ họp đang tạm dừng"):
        services.votes_record(
            resolution=dropped.resolution, choices={dropped.delegates[0].pk: ("against", False)}
        )
    # Resuming needs the quorum again.
    page = client.post(transition("resume"), follow=True).content.decode()
    assert "Chưa đủ túc số: có mặt 9/15, cần ít nhất 10" in page
    services.attendance_record(session=session, statuses={dropped.delegates[12].pk: "present"})
    page = client.post(transition("resume"), follow=True).content.decode()
    assert "Kỳ họp đã họp lại." in page
    assert services.vote_close(resolution=dropped.resolution).passed is True  # 9 of 15 for

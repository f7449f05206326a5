"""A session closed (bế mạc) ends what was still being prepared for it; what it decided lives on."""

import pytest

from hdnd_portal.followups.models import FollowUp
from hdnd_portal.followups.selectors import followups_of
from meetings import services
from meetings.models import Attendance
from meetings.preparation.services import preparationtask_open_followup
from tests.factories import FollowUpFactory, ResolutionFactory
from tests.meetings.conftest import OPENING
from tests.meetings_prep.factories import PreparationTaskFactory

pytestmark = pytest.mark.django_db


def test_closing_the_session_closes_its_notice_and_its_preparation_tasks(sitting, council):
    session = sitting.session
    notice = services.session_notice_open(
        session=session, created_by=sitting.staff, today=OPENING.replace(day=1)
    )
    task = PreparationTaskFactory(council=council, session=session)
    preparationtask_open_followup(task=task, by_user=sitting.staff, started_on=task.due_date)
    resolution_task = FollowUpFactory(council=council, kind=services.RESOLUTION_TASK)
    resolution_task.source = ResolutionFactory(session=session)
    resolution_task.save()
    statuses = {d.pk: Attendance.Status.PRESENT for d in sitting.delegates}
    services.attendance_record(session=session, statuses=statuses)
    services.session_open(session=session)

    services.session_close(session=session, on=OPENING, by_user=sitting.staff)

    reason = f"Kỳ họp thứ ba đã bế mạc ngày {OPENING:%d/%m/%Y}."
    task.refresh_from_db()
    for followup in (notice, task.followup):
        followup.refresh_from_db()
        assert followup.state == FollowUp.State.CLOSED
        assert followup.closed_reason == reason
        assert followup.history.first().history_user == sitting.staff
    assert followups_of(session, open_only=True).count() == 0
    # A resolution's implementation goes on after the session.
    resolution_task.refresh_from_db()
    assert resolution_task.state == FollowUp.State.OPEN

"""One action through either door: the command itself, or the page's button (confirmed)."""

from django.core.exceptions import ValidationError

from meetings import services
from meetings.models import Attendance

DOORS = ["command", "page"]


def refusals(door: str, command, client=None, url: str = "", data: dict | None = None):
    """Run the action; the Vietnamese refusals the user is shown (empty when it was done)."""
    if door == "command":
        try:
            command()
        except ValidationError as exc:
            return exc.messages
        return []
    response = client.post(url, {"confirmed": "1", **(data or {})}, follow=True)
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


def attend(session, delegates, present: int, absent=Attendance.Status.ABSENT_LEAVE) -> None:
    """The first ``present`` delegates present, the others ``absent``."""
    statuses = {d.pk: "present" if i < present else absent for i, d in enumerate(delegates)}
    services.attendance_record(session=session, statuses=statuses)

"""The delegate profile's section "Tiếp xúc cử tri": the meetings they attended."""

from hdnd_portal.core.permissions import can
from voters.policies import MEETING
from voters.selectors import meetings_of_delegate

SECTION_LIMIT = 10


def voter_meetings_section(request, delegate) -> dict | None:
    access = request.access
    if not can(access, MEETING, "view"):
        return None
    meetings = meetings_of_delegate(access=access, delegate=delegate)
    return {
        "title": "Tiếp xúc cử tri",
        "template": "voters/_profile_meetings.html",
        "context": {"meetings": list(meetings[:SECTION_LIMIT]), "total": meetings.count()},
    }

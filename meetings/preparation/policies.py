"""Who may do what with the preparation records and the Standing Committee's work.

The Office (staff) and the Standing Committee prepare sessions and keep the Standing
Committee's meetings; every council reader follows them; agencies see none of them
(their tasks reach them as follow-up items in their inbox).
"""

from hdnd_portal.core.access import ADMIN, COUNCIL_READERS, STAFF, STANDING, WRITERS

PREPARERS = frozenset({ADMIN, STAFF, STANDING})

JOINT_MEETING = "meetings.jointmeeting"
PREPARATION_TASK = "meetings.preparationtask"
STANDING_MEETING = "meetings.standingmeeting"
QUARTERLY_REPORT = "meetings.quarterlyreport"
CONGRESS_GOAL = "meetings.congressgoal"

PREPARATION_ROLES = {
    "view": COUNCIL_READERS,
    "add": PREPARERS,
    "change": PREPARERS,
    "export": COUNCIL_READERS,
    "history": COUNCIL_READERS,
}
GOAL_ROLES = {
    "view": COUNCIL_READERS,
    "add": WRITERS,
    "change": WRITERS,
    "export": COUNCIL_READERS,
    "history": COUNCIL_READERS,
    # The Excel import of the Party Congress goals and targets.
    "import": WRITERS,
}


def register() -> None:
    from hdnd_portal.core.permissions import register_policy

    for key in (JOINT_MEETING, PREPARATION_TASK, STANDING_MEETING, QUARTERLY_REPORT):
        register_policy(key, **PREPARATION_ROLES)
    register_policy(CONGRESS_GOAL, **GOAL_ROLES)

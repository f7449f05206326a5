"""Who may do what with the coordination regulation and its reviews.

As for the joint meetings held under it: the Office (staff) and the Standing Committee record
them; every council reader (delegates, Bans, the Party leadership, the city) reads them;
agencies see none of them.
"""

from hdnd_portal.core.access import COUNCIL_READERS
from meetings.preparation.policies import PREPARERS

COORDINATION_REGULATION = "meetings.coordinationregulation"
COORDINATION_REVIEW = "meetings.coordinationreview"

COORDINATION_ROLES = {
    "view": COUNCIL_READERS,
    "add": PREPARERS,
    "change": PREPARERS,
    "export": COUNCIL_READERS,
    "history": COUNCIL_READERS,
}


def register() -> None:
    from hdnd_portal.core.permissions import register_policy

    for key in (COORDINATION_REGULATION, COORDINATION_REVIEW):
        register_policy(key, **COORDINATION_ROLES)

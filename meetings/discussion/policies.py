"""Who may record group discussions and the Front's criticism.

The Office (staff) records them as the session's secretariat, the Standing Committee (which
chairs the session) too; every council reader follows them; agencies see none (a forwarded
opinion reaches the UBND through the session's answers, not through these pages).
"""

from hdnd_portal.core.access import ADMIN, COUNCIL_READERS, STAFF, STANDING

RECORDERS = frozenset({ADMIN, STAFF, STANDING})

DISCUSSION_GROUP = "meetings.discussiongroup"
DISCUSSION_OPINION = "meetings.discussionopinion"
SOCIAL_CRITICISM = "meetings.socialcriticism"

ROLES = {
    "view": COUNCIL_READERS,
    "add": RECORDERS,
    "change": RECORDERS,
    "export": COUNCIL_READERS,
    "history": COUNCIL_READERS,
}


def register() -> None:
    from hdnd_portal.core.permissions import register_policy

    for key in (DISCUSSION_GROUP, DISCUSSION_OPINION, SOCIAL_CRITICISM):
        register_policy(key, **ROLES)

"""Who may do what with confidence votes (README: role matrix).

The Office and the Standing Committee prepare a vote, enter its tallies and close it; every
council reader sees the positions and their holders; delegates (and the Bans' members) and
the Party leadership see a vote's result only once its tally is closed
(``ConfidenceVote.check_access`` and ``ConfidenceVoteQuerySet.visible_to``). Agencies see none.
"""

from hdnd_portal.core.access import COUNCIL_READERS
from supervision.models.confidence import CONFIDENCE_MANAGERS

POSITION = "supervision.electedposition"
HOLDER = "supervision.positionholder"
VOTE = "supervision.confidencevote"

POSITION_ROLES = {
    "view": COUNCIL_READERS,
    "add": CONFIDENCE_MANAGERS,
    "change": CONFIDENCE_MANAGERS,
}
VOTE_ROLES = {
    "view": COUNCIL_READERS,
    "add": CONFIDENCE_MANAGERS,
    "change": CONFIDENCE_MANAGERS,
    # Enter the tallies, close the tally, open a vote of confidence from a rating.
    "tally": CONFIDENCE_MANAGERS,
}


def register() -> None:
    from hdnd_portal.core.permissions import register_policy

    register_policy(POSITION, **POSITION_ROLES)
    register_policy(HOLDER, **POSITION_ROLES)
    register_policy(VOTE, **VOTE_ROLES)

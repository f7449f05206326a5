"""Who may do what with voter meetings and voters' petitions (README: role matrix).

Delegates record their own meetings and the petitions raised there (per record: they change
only what they recorded, ``check_access``); staff merge, forward and record answers; the
answering body (agency) sees and answers only what was forwarded to it.
"""

from hdnd_portal.core.access import (
    ADMIN,
    AGENCY,
    COUNCIL_READERS,
    DELEGATE,
    STAFF,
    STANDING,
    WRITERS,
)

MEETING = "voters.votermeeting"
PETITION = "voters.voterpetition"
SYNTH = "voters.synthesizedpetition"
FIELD = "voters.petitionfield"

# The refusals of voters.services (page and API alike).
OWN_GROUP = "Đại biểu chỉ ghi cuộc tiếp xúc cử tri của tổ đại biểu mình."
OWN_MEETING = "Đại biểu chỉ ghi ý kiến, kiến nghị vào cuộc tiếp xúc do mình ghi."

RECORDERS = WRITERS | {DELEGATE, STANDING}

MEETING_ROLES = {
    "view": COUNCIL_READERS,
    "add": RECORDERS,
    "change": RECORDERS,
    "export": COUNCIL_READERS,
    "history": COUNCIL_READERS,
}
PETITION_ROLES = MEETING_ROLES
SYNTH_ROLES = {
    "view": COUNCIL_READERS | {AGENCY},
    "add": WRITERS,
    "change": WRITERS,
    "export": COUNCIL_READERS | {AGENCY},
    "history": COUNCIL_READERS,
    "assign": WRITERS | {STANDING},
    "answer": frozenset({ADMIN, STAFF, AGENCY}),
}
FIELD_ROLES = {
    "view": COUNCIL_READERS,
    "add": WRITERS,
    "change": WRITERS,
    "export": COUNCIL_READERS,
    "history": COUNCIL_READERS,
}


def register() -> None:
    from hdnd_portal.core.permissions import register_policy

    register_policy(MEETING, **MEETING_ROLES)
    register_policy(PETITION, **PETITION_ROLES)
    register_policy(SYNTH, **SYNTH_ROLES)
    register_policy(FIELD, **FIELD_ROLES)


def holds_own_group(access, holder) -> bool:
    """A delegate records the meetings of their own delegate group; staff any holder."""
    if access is None or access.role != DELEGATE:
        return True
    from voters.selectors import delegate_group_of

    group = delegate_group_of(access)
    return group is not None and holder is not None and holder.pk == group.pk


def may_add_petition(access, meeting) -> bool:
    """Petitions are added to a meeting one may change (a delegate: one they recorded)."""
    from hdnd_portal.core.permissions import can

    return can(access, MEETING, "change", meeting)

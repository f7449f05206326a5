"""Who may do what with supervision records (README: role matrix).

On top of the role table: a Ban member (``access.committee_ids``) changes only their Ban's
programme and activities (and what hangs on them); a delegate group's head only the group's;
the Standing Committee, the Office and admins everything; the HĐND's own programme, and the
Party and MTTQ plans recorded beside it, are the Office's and the Standing Committee's.
"""

from django.utils import timezone

from hdnd_portal.core.access import (
    ADMIN,
    AGENCY,
    COMMITTEE,
    COUNCIL_READERS,
    DELEGATE,
    STAFF,
    STANDING,
)

MANAGERS = frozenset({ADMIN, STAFF, STANDING})
EDITORS = frozenset({ADMIN, STAFF, STANDING, COMMITTEE, DELEGATE})

PROGRAMME = "supervision.programme"
PROGRAMME_ITEM = "supervision.programmeitem"
ACTIVITY = "supervision.activity"
QUESTION = "supervision.question"
CONCLUSION = "supervision.conclusion"
RECOMMENDATION = "supervision.recommendation"
STATS = "supervision.stats"

# The refusal when a Ban member or a group head files a record under another body (page, API).
BODY_ONLY = "Bạn chỉ được lập, sửa hồ sơ giám sát của Ban, Tổ đại biểu của mình."

RECORD_ROLES = {
    "view": COUNCIL_READERS,
    "add": EDITORS,
    "change": EDITORS,
    "export": COUNCIL_READERS,
    "history": COUNCIL_READERS,
}
# An agency reads the recommendations addressed to it (and answers them in the inbox).
RECOMMENDATION_ROLES = {**RECORD_ROLES, "view": COUNCIL_READERS | {AGENCY}}
# Activities also: decide (number the decision), move through states, re-supervise.
ACTIVITY_ROLES = {**RECORD_ROLES, "decide": EDITORS, "transition": EDITORS, "resupervise": EDITORS}


def register() -> None:
    """Called from SupervisionConfig.ready()."""
    from hdnd_portal.core.permissions import register_policy, register_policy_label

    register_policy(PROGRAMME, **RECORD_ROLES)
    register_policy(PROGRAMME_ITEM, **RECORD_ROLES)
    register_policy(ACTIVITY, **ACTIVITY_ROLES)
    register_policy(QUESTION, **RECORD_ROLES)
    register_policy(CONCLUSION, **RECORD_ROLES)
    register_policy(RECOMMENDATION, **RECOMMENDATION_ROLES)
    register_policy(STATS, view=COUNCIL_READERS, export=COUNCIL_READERS)
    register_policy_label(STATS, "Thống kê giám sát (chỉ tiêu 1.4)")


def headed_group_ids(access) -> frozenset[int]:
    """The delegate groups whose head (Tổ trưởng) the user's delegate is today."""
    if access is None or not access.delegate_id:
        return frozenset()
    from councils.models import Committee, Membership

    cache = getattr(access, "_headed_groups", None)
    if cache is not None:
        return cache
    ids = frozenset(
        Membership.objects.filter(
            delegate_id=access.delegate_id,
            role=Membership.Role.HEAD,
            committee__kind=Committee.Kind.DELEGATE_GROUP,
        )
        .on(timezone.localdate())
        .values_list("committee_id", flat=True)
    )
    object.__setattr__(access, "_headed_groups", ids)
    return ids


def editable_committee_ids(access) -> frozenset[int] | None:
    """The committees whose records the user may change; ``None``: every body."""
    if access is None:
        return frozenset()
    if access.role in MANAGERS:
        return None
    if access.role in (COMMITTEE, DELEGATE):
        return frozenset(access.committee_ids) | headed_group_ids(access)
    return frozenset()


def may_edit_body(access, record) -> bool:
    """Whether ``access`` may change a record held by ``record.body``/``record.committee``."""
    ids = editable_committee_ids(access)
    if ids is None:
        return True
    return bool(record.committee_id) and record.committee_id in ids

"""Who may do what with delegates' supervision plans: every reader of the council sees them;
a delegate files and changes their own (``DelegatePlan.check_access``); the Office, the
Standing Committee and admins every delegate's."""

from supervision.policies import RECORD_ROLES

PLAN = "supervision.delegateplan"
PLAN_ITEM = "supervision.delegateplanitem"


def register() -> None:
    from hdnd_portal.core.permissions import register_policy

    register_policy(PLAN, **RECORD_ROLES)
    register_policy(PLAN_ITEM, **RECORD_ROLES)

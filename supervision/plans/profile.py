"""The delegate's profile section: their yearly supervision plans and what was done."""

from hdnd_portal.core.permissions import can
from supervision.plans.policies import PLAN
from supervision.plans.selectors import delegate_plans


def delegate_plan_section(request, delegate) -> dict | None:
    access = getattr(request, "access", None)
    if access is None or not can(access, PLAN, "view"):
        return None
    return {
        "title": "Kế hoạch giám sát của đại biểu",
        "template": "supervision/_profile_plans.html",
        "context": {
            "plans": delegate_plans(access=access, delegate=delegate),
            "delegate": delegate,
            "may_add": can(access, PLAN, "add")
            and (
                access.role in ("admin", "staff", "standing") or access.delegate_id == delegate.pk
            ),
        },
    }

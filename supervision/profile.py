"""The delegate's profile section: the supervisions they took part in."""

from hdnd_portal.core.permissions import can
from supervision.policies import ACTIVITY
from supervision.selectors import delegate_supervisions


def delegate_section(request, delegate) -> dict | None:
    access = getattr(request, "access", None)
    if access is None or not can(access, ACTIVITY, "view"):
        return None
    return {
        "title": "Tham gia giám sát",
        "template": "supervision/_profile_section.html",
        "context": {"memberships": delegate_supervisions(access=access, delegate=delegate)},
    }

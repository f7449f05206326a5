"""A delegate's emulation registrations and rewards on their profile page."""

from councils.library import policies, selectors
from hdnd_portal.core.permissions import can


def delegate_section(request, delegate) -> dict | None:
    access = getattr(request, "access", None)
    if access is None or not can(access, policies.REWARD, "view"):
        return None
    return {
        "title": "Thi đua, khen thưởng",
        "template": "councils/library/_profile_section.html",
        "context": selectors.delegate_emulation(access=access, delegate=delegate),
    }

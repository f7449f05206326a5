"""Who may see and change the plan's targets (README: role matrix)."""

from hdnd_portal.core.access import (
    ADMIN,
    CITY,
    COUNCIL_READERS,
    LEADERSHIP,
    STAFF,
    STANDING,
    WRITERS,
)

TARGET_ROLES = {
    "view": COUNCIL_READERS,
    "add": WRITERS,
    "change": WRITERS,
    "export": COUNCIL_READERS,
    "history": COUNCIL_READERS,
}
# The roles that oversee a council: who sees it in the side-by-side view of their councils.
CITY_ROLES = frozenset({ADMIN, STAFF, STANDING, LEADERSHIP, CITY})


def register() -> None:
    from hdnd_portal.core.permissions import register_policy

    register_policy("targets.target", **TARGET_ROLES)
    register_policy("targets.planreview", **TARGET_ROLES)

"""Who may do what in the follow-up engine (README: role matrix).

Per-object rules sit on the models' ``check_access``: an agency acts only on
its own items; a rule or day off shared by every council is changed only by a
system administrator.
"""

from hdnd_portal.core.access import ADMIN, AGENCY, ALL_ROLES, STAFF, STANDING

FOLLOWUP = "followups.followup"
DEADLINE_RULE = "followups.deadlinerule"
DAY_OFF = "followups.dayoff"

MANAGERS = frozenset({ADMIN, STAFF, STANDING})

FOLLOWUP_ROLES = {
    # Everybody reads; an agency only its own items (FollowUpQuerySet.visible_to).
    "view": ALL_ROLES,
    "export": ALL_ROLES,
    "history": ALL_ROLES,
    "add": MANAGERS,
    "change": MANAGERS,
    "extend": MANAGERS,
    "close": MANAGERS,
    "reopen": MANAGERS,
    "remind": MANAGERS,
    # Thường trực HĐND (and the Office for it) reviews an answer: accepted, or sent back.
    "accept": MANAGERS,
    "send_back": MANAGERS,
    # The agency answers its own items; the Office may enter an answer on its behalf.
    "answer": frozenset({AGENCY, STAFF, ADMIN}),
}

# Rules and days off: everyone may read them (they are cited on every item);
# the Office and administrators keep them up to date.
CALENDAR_ROLES = {
    "view": ALL_ROLES,
    "add": frozenset({ADMIN, STAFF}),
    "change": frozenset({ADMIN, STAFF}),
}


def register() -> None:
    """Called from FollowupsConfig.ready(): permissions, navigation."""
    from hdnd_portal.core.navigation import NavItem, register_nav
    from hdnd_portal.core.permissions import register_policy
    from hdnd_portal.followups.selectors import nav_badge

    register_policy(FOLLOWUP, **FOLLOWUP_ROLES)
    register_policy(DEADLINE_RULE, **CALENDAR_ROLES)
    register_policy(DAY_OFF, **CALENDAR_ROLES)
    section = "Theo dõi, đôn đốc"
    register_nav(
        NavItem(
            section,
            "Việc cần đôn đốc",
            "followups-inbox",
            FOLLOWUP,
            icon="alarm",
            order=10,
            badge=nav_badge,
        )
    )
    register_nav(
        NavItem(
            section,
            "Quy tắc thời hạn",
            "followups-deadlinerule-list",
            DEADLINE_RULE,
            icon="journal-text",
            order=11,
        )
    )
    register_nav(
        NavItem(
            section,
            "Ngày nghỉ, ngày làm bù",
            "followups-dayoff-list",
            DAY_OFF,
            icon="calendar-x",
            order=12,
        )
    )
    from hdnd_portal.core.access import AGENCY, COMMITTEE, DELEGATE, LEADERSHIP
    from hdnd_portal.core.navigation import nav_first

    for role in (STAFF, STANDING, COMMITTEE, DELEGATE, LEADERSHIP, AGENCY):
        nav_first(role, "followups-inbox")

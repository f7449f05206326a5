"""Group discussion and social criticism on the session's and the resolution's pages.

Keys are prefixed ``disc_`` so they never clash with the pages' own context; the templates
``meetings/_session_discussion.html`` and ``meetings/_resolution_criticism.html`` render them.
"""

from hdnd_portal.core.permissions import can
from meetings.discussion.policies import DISCUSSION_GROUP, DISCUSSION_OPINION, SOCIAL_CRITICISM


def session_discussion_context(request, session) -> dict:
    from meetings.discussion.selectors import session_discussion

    access = getattr(request, "access", None)
    if not can(access, DISCUSSION_GROUP, "view") or session is None or session.pk is None:
        return {"disc_visible": False}
    data = session_discussion(access=access, session=session)
    return {
        "disc_visible": True,
        "disc_groups": data["discussion_groups"],
        "disc_criticisms": data["criticisms"] if can(access, SOCIAL_CRITICISM, "view") else [],
        "disc_can_add_group": can(access, DISCUSSION_GROUP, "add"),
        "disc_can_add_opinion": can(access, DISCUSSION_OPINION, "add"),
        "disc_can_add_criticism": can(access, SOCIAL_CRITICISM, "add"),
    }


def resolution_criticism_context(request, resolution) -> dict:
    from meetings.discussion.selectors import criticism_check

    access = getattr(request, "access", None)
    if not can(access, SOCIAL_CRITICISM, "view"):
        return {"disc_check": None}
    return {
        "disc_check": criticism_check(resolution),
        "disc_can_add_criticism": can(access, SOCIAL_CRITICISM, "add"),
        "disc_opinions": list(resolution.discussion_opinions.select_related("group", "speaker")),
    }


def criticism_details(resolution) -> list[str]:
    """Lines of the "Kết thúc biểu quyết" confirmation about the Front's criticism."""
    from meetings.discussion.selectors import criticism_check

    check = criticism_check(resolution)
    if check.missing:
        return [check.missing_message]
    lines = []
    for c in check.criticisms:
        lines.append(f"Phản biện xã hội của MTTQ: văn bản số {c.reference} — {c.state_label}.")
    if check.unexplained:
        lines.append(check.unexplained_message)
    return lines

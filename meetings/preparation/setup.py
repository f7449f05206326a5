"""Registrations of the preparation part of the meetings app, called from ``MeetingsConfig.ready()``:
policies, API viewsets, menu entries, search targets, the follow-up kind ``session_task``, the
quarterly report (printing registry), calendar sources and the demo loader."""

from hdnd_portal.core.navigation import NavItem, register_nav
from hdnd_portal.core.search import SearchTarget, register_searchable

PREP_DEMO_ORDER = 11


def _join(*parts) -> str:
    return " · ".join(str(p) for p in parts if p)


def register_search() -> None:
    from meetings.preparation import selectors as selectors

    targets = [
        (
            "jointmeeting",
            "Họp liên tịch",
            selectors.jointmeeting_list,
            lambda m: _join(m.session, m.place),
            "people",
        ),
        (
            "preparationtask",
            "Nhiệm vụ chuẩn bị kỳ họp",
            selectors.preparationtask_list,
            lambda t: _join(t.person_label, f"hạn {t.due_date:%d/%m/%Y}", t.state_label),
            "list-check",
        ),
        (
            "standingmeeting",
            "Phiên họp Thường trực",
            selectors.standingmeeting_list,
            lambda m: _join(m.get_kind_display(), f"{m.held_on:%d/%m/%Y}", m.place),
            "calendar-event",
        ),
        (
            "congressgoal",
            "Mục tiêu, chỉ tiêu Đại hội",
            selectors.congressgoal_list,
            lambda g: _join(g.get_kind_display(), g.field, g.target_value),
            "flag",
        ),
    ]
    for order, (name, label, selector, describe, icon) in enumerate(targets):
        register_searchable(
            SearchTarget(
                key=f"meetings.{name}",
                label=label,
                queryset=lambda access, selector=selector: selector(access=access),
                url=lambda obj: obj.get_absolute_url(),
                list_url_name=f"meetings-{name}-list",
                describe=describe,
                # As the list searches (views.py ``search_through``).
                through=("agency", "delegate") if name == "preparationtask" else (),
                order=220 + order,
                icon=icon,
            )
        )


def register_menu() -> None:
    entries = [
        ("Kỳ họp", "Họp liên tịch", "jointmeeting", "people", 212),
        ("Kỳ họp", "Nhiệm vụ chuẩn bị kỳ họp", "preparationtask", "list-check", 213),
        ("Kỳ họp", "Mục tiêu, chỉ tiêu Đại hội", "congressgoal", "flag", 214),
        ("Thường trực HĐND", "Phiên họp Thường trực", "standingmeeting", "calendar-event", 230),
        ("Thường trực HĐND", "Báo cáo hoạt động quý", "quarterlyreport", "journal-text", 231),
    ]
    for section, label, name, icon, order in entries:
        register_nav(
            NavItem(
                section, label, f"meetings-{name}-list", f"meetings.{name}", icon=icon, order=order
            )
        )


def register() -> None:
    from hdnd_portal.api_router import router
    from hdnd_portal.core.calendar import register_calendar_nav
    from hdnd_portal.core.demo import register_demo_loader
    from hdnd_portal.followups.kinds import register_kind
    from meetings.calendar_sources import register_calendar
    from meetings.preparation import api as prep_api
    from meetings.preparation import demo as prep_demo
    from meetings.preparation import policies as prep_policies
    from meetings.preparation import reports as prep_reports
    from meetings.preparation.services import SESSION_TASK, SESSION_TASK_LABEL

    prep_policies.register()
    prep_api.register(router)
    register_menu()
    register_search()
    # Each task gives its own due date (rõ thời hạn): the kind has no default rule.
    register_kind(SESSION_TASK, SESSION_TASK_LABEL, icon="list-check")
    prep_reports.register_documents()
    register_calendar()
    register_calendar_nav()
    register_demo_loader("meetings.preparation", PREP_DEMO_ORDER, prep_demo.load)

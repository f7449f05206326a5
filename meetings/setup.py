"""Everything the kernel learns about the meetings app (policies, API, documents, search, menu,
follow-up kinds, metrics, profile sections, demo loaders), called from its ``AppConfig.ready()``:
every app and sub-package wires itself the same way, in its ``setup.register()``."""


def register() -> None:
    from hdnd_portal.api_router import router
    from hdnd_portal.core.demo import register_demo_loader
    from hdnd_portal.core.navigation import NavItem, register_nav
    from hdnd_portal.followups.kinds import register_kind
    from meetings import demo, home, metrics, policies, services
    from meetings.api import register as register_api
    from meetings.preparation import setup as preparation_setup
    from meetings.reports import register_documents
    from meetings.search import register_search

    policies.register()
    register_api(router)
    register_documents()
    register_search()
    home.register_home()
    metrics.register_metrics()  # targets 1.2 and 1.7, the "between two sessions" period
    register_kind(
        services.SESSION_NOTICE,
        "Gửi giấy mời, tài liệu kỳ họp",
        icon="envelope-paper",
        rule_code="session.notice_regular",
    )
    register_kind(
        services.SESSION_COMMITMENT,
        "Thực hiện cam kết sau chất vấn",
        icon="chat-left-text",
        rule_code=services.QUESTIONING_RULE,
    )
    register_kind(services.RESOLUTION_TASK, "Triển khai nghị quyết HĐND", icon="journal-check")
    for order, (label, name, icon) in enumerate(
        [
            ("Kỳ họp", "session", "calendar-event"),
            ("Nghị quyết", "resolution", "journal-check"),
            ("Chương trình kỳ họp", "agendaitem", "list-ol"),
            ("Tài liệu kỳ họp", "sessiondocument", "file-earmark-text"),
            ("Báo cáo thẩm tra", "examination", "clipboard-check"),
            ("Chất vấn", "question", "chat-left-text"),
        ]
    ):
        register_nav(
            NavItem(
                "Kỳ họp",
                label,
                f"meetings-{name}-list",
                f"meetings.{name}",
                icon=icon,
                order=200 + order,
            )
        )
    register_demo_loader("meetings.sessions", 10, demo.load_sessions)
    # The preparation part registers its own policies, API, navigation and documents.
    preparation_setup.register()
    # The coordination regulation (quy chế phối hợp) and its reviews.
    from meetings.coordination import setup as coordination_setup

    coordination_setup.register()
    # Group discussion and the Front's social criticism (meetings/discussion/).
    from meetings.discussion import setup as discussion_setup

    discussion_setup.register()
    from hdnd_portal.core.access import LEADERSHIP, STAFF, STANDING
    from hdnd_portal.core.navigation import nav_first

    for role in (STAFF, STANDING, LEADERSHIP):
        nav_first(role, "meetings-session-list", "meetings-resolution-list")

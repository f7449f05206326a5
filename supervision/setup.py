"""Everything the kernel learns about the supervision app (policies, API, documents, search, menu,
follow-up kinds, metrics, profile sections, demo loaders), called from its ``AppConfig.ready()``:
every app and sub-package wires itself the same way, in its ``setup.register()``."""


def register() -> None:
    from hdnd_portal.api_router import router
    from hdnd_portal.core.demo import register_demo_loader
    from hdnd_portal.core.navigation import NavItem, register_nav
    from hdnd_portal.core.profile import register_delegate_section
    from supervision import metrics, policies
    from supervision.api import register as register_api
    from supervision.confidence import setup as confidence_setup
    from supervision.demo import load_demo
    from supervision.profile import delegate_section
    from supervision.reports import register_documents
    from supervision.search import register_search
    from supervision.services import register_kinds

    policies.register()
    register_api(router)
    register_documents()
    register_search()
    register_kinds()
    register_delegate_section(delegate_section)
    register_demo_loader("supervision", 20, load_demo)
    metrics.register_metrics()  # target 1.4, the dashboard picture, the calendar

    def nav(label, url_name, resource, order, icon="binoculars"):
        register_nav(
            NavItem("Giám sát", label, url_name, f"supervision.{resource}", icon=icon, order=order)
        )

    nav("Hoạt động giám sát", "supervision-activity-list", "activity", 300, icon="binoculars")
    nav(
        "Chương trình giám sát",
        "supervision-programme-list",
        "programme",
        301,
        icon="journal-text",
    )
    nav(
        "Nội dung chương trình",
        "supervision-programmeitem-list",
        "programmeitem",
        302,
        icon="list-ul",
    )
    nav("Chất vấn, giải trình", "supervision-question-list", "question", 303, icon="chat-quote")
    nav(
        "Báo cáo, kết luận",
        "supervision-conclusion-list",
        "conclusion",
        304,
        icon="file-earmark-check",
    )
    nav(
        "Kiến nghị sau giám sát",
        "supervision-recommendation-list",
        "recommendation",
        305,
        icon="clipboard-check",
    )
    nav("Thống kê giám sát", "supervision-stats", "stats", 306, icon="bar-chart")
    confidence_setup.register()
    from supervision.plans import setup as plans_setup

    plans_setup.register()
    from hdnd_portal.core.access import COMMITTEE, DELEGATE, STANDING
    from hdnd_portal.core.navigation import nav_first

    for role in (COMMITTEE, STANDING):
        nav_first(role, "supervision-activity-list", "supervision-recommendation-list")
    # A delegate files their own yearly supervision plan (issue 22 item 9), from a phone.
    nav_first(DELEGATE, "supervision-delegateplan-list")
    from supervision.sections import register as register_report_parts

    register_report_parts()

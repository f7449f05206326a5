from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "Giám sát"
    url_prefix = "supervision/"

    def ready(self):
        from hdnd_portal.api_router import router
        from hdnd_portal.core.demo import register_demo_loader
        from hdnd_portal.core.navigation import NavItem, register_nav
        from hdnd_portal.core.profile import register_delegate_section
        from hdnd_portal.followups.kinds import register_kind
        from supervision import confidence_setup, policies
        from supervision.api import register as register_api
        from supervision.demo import load_demo
        from supervision.profile import delegate_section
        from supervision.reports import register_documents
        from supervision.search import register_search
        from supervision.services import FOLLOWUP_KINDS

        policies.register()
        register_api(router)
        register_documents()
        register_search()
        register_delegate_section(delegate_section)
        register_demo_loader("supervision", 20, load_demo)
        for code, label, icon, rule_code in FOLLOWUP_KINDS:
            register_kind(code, label, icon=icon, rule_code=rule_code)
        for order, (label, url_name, resource, icon) in enumerate(
            [
                ("Hoạt động giám sát", "supervision-activity-list", "activity", "binoculars"),
                (
                    "Chương trình giám sát",
                    "supervision-programme-list",
                    "programme",
                    "journal-text",
                ),
                (
                    "Nội dung chương trình",
                    "supervision-programmeitem-list",
                    "programmeitem",
                    "list-ul",
                ),
                ("Chất vấn, giải trình", "supervision-question-list", "question", "chat-quote"),
                (
                    "Báo cáo, kết luận",
                    "supervision-conclusion-list",
                    "conclusion",
                    "file-earmark-check",
                ),
                (
                    "Kiến nghị sau giám sát",
                    "supervision-recommendation-list",
                    "recommendation",
                    "clipboard-check",
                ),
                ("Thống kê giám sát", "supervision-stats", "stats", "bar-chart"),
            ]
        ):
            register_nav(
                NavItem(
                    "Giám sát",
                    label,
                    url_name,
                    f"supervision.{resource}",
                    icon=icon,
                    order=300 + order,
                )
            )
        confidence_setup.register()

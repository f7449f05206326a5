from django.apps import AppConfig


class TargetsConfig(AppConfig):
    """The plan's targets: metrics registry, periods, status, snapshots, dashboard, review."""

    name = "hdnd_portal.targets"
    label = "targets"
    verbose_name = "Chỉ tiêu Kế hoạch"
    url_prefix = "targets/"

    def ready(self):
        from hdnd_portal.api_router import router
        from hdnd_portal.core.demo import register_demo_loader
        from hdnd_portal.core.navigation import NavItem, register_nav
        from hdnd_portal.followups.kinds import register_kind
        from hdnd_portal.targets import home, policies
        from hdnd_portal.targets.api import register as register_api
        from hdnd_portal.targets.demo import load_targets
        from hdnd_portal.targets.reports import register_documents
        from hdnd_portal.targets.services import TARGET_AT_RISK

        policies.register()
        register_api(router)
        register_documents()
        home.register_home()  # "Chỉ tiêu Kế hoạch" for the leadership and the Standing Committee
        register_kind(TARGET_AT_RISK, "Chỉ tiêu có nguy cơ không đạt", icon="alarm")
        register_nav(
            NavItem(
                "Kế hoạch",
                "Theo dõi chỉ tiêu",
                "targets-dashboard",
                "targets.target",
                icon="clipboard-check",
                order=50,
            )
        )
        register_demo_loader("targets.plan", 90, load_targets)
        from hdnd_portal.core.access import LEADERSHIP, STANDING
        from hdnd_portal.core.navigation import nav_first

        for role in (STANDING, LEADERSHIP):
            nav_first(role, "targets-dashboard")

from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    """The follow-up engine (đôn đốc): tracked obligations, deadlines, reminders."""

    name = "hdnd_portal.followups"
    label = "followups"
    verbose_name = "Theo dõi, đôn đốc"
    url_prefix = "followups/"

    def ready(self):
        from hdnd_portal.api_router import router
        from hdnd_portal.followups import home, kinds, policies  # noqa: F401 - built-in kinds
        from hdnd_portal.followups.api import register as register_api
        from hdnd_portal.followups.search import register_search

        policies.register()
        register_api(router)
        register_search()
        home.register_home()

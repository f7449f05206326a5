from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    """The follow-up engine (đôn đốc): tracked obligations, deadlines, reminders."""

    name = "hdnd_portal.followups"
    label = "followups"
    verbose_name = "Theo dõi, đôn đốc"

    def ready(self):
        from hdnd_portal.followups import kinds, policies  # noqa: F401 - built-in kinds
        from hdnd_portal.followups.search import register_search

        policies.register()
        register_search()

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Kỳ họp"
    url_prefix = "meetings/"

    def ready(self):
        from meetings import setup

        setup.register()

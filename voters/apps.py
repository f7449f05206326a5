from django.apps import AppConfig


class VotersConfig(AppConfig):
    name = "voters"
    verbose_name = "Tiếp xúc cử tri"
    url_prefix = "voters/"

    def ready(self):
        from voters import setup

        setup.register()

from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "Giám sát"
    url_prefix = "supervision/"

    def ready(self):
        from supervision import setup

        setup.register()

from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = "Tổ chức HĐND"
    url_prefix = "councils/"

    def ready(self):
        from councils import setup

        setup.register()

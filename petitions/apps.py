from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = "Tiếp công dân, đơn thư"
    url_prefix = "petitions/"

    def ready(self):
        from petitions import setup

        setup.register()

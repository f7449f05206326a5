from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = "Tiếp công dân, đơn thư"
    url_prefix = "petitions/"

    def ready(self):
        from petitions import checks, setup  # noqa: F401 - checks registers the deploy checks
        from petitions.metrics import register_metrics

        setup.register_all()
        register_metrics()

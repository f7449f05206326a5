from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The kernel: council scoping, roles and the permission gate, search, list views."""

    name = "hdnd_portal.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

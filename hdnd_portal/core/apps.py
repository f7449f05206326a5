from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The kernel: council scoping, roles and the permission gate, search, list views."""

    name = "hdnd_portal.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created

        from hdnd_portal.core import client_ip  # noqa: F401 - registers its deploy check
        from hdnd_portal.core.collation import on_connection_created, register_sqlite_collation

        # Every SQLite connection gets the "vi" collation before its first query
        # (migrations included: a table rebuild copies rows ordered by it).
        connection_created.connect(on_connection_created, dispatch_uid="core.vi_collation")
        for connection in connections.all(initialized_only=True):
            register_sqlite_collation(connection)

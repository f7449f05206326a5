"""An optional read replica for the heavy reads: Excel exports and printed drafts.

With ``DATABASE_REPLICA_URL`` set, settings add the ``replica`` database. Reads go there only
inside :func:`use_replica` (the export response and the printing view use it) and only while no
transaction is open on the primary: a view that just wrote, or a service inside ``atomic()``,
reads its own writes from the primary. Without the setting, everything is on ``default``.
Writes always go to ``default``; migrations run there only (the replica copies them).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings


@contextmanager
def use_replica() -> Iterator[None]:
    """Send the reads inside the block to the replica, when there is one."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def reading_replica() -> bool:
    """True when a read made now would go to the replica."""
    return (
        _reading_replica.get()
        and replica_configured()
        and not connections[DEFAULT_DB_ALIAS].in_atomic_block
    )


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if reading_replica() else None

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both databases hold the same rows.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA

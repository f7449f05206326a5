"""The city benchmark's own database: created by it, marked, and never anyone else's dropped.

``make bench-city`` builds its data in the database named by ``DATABASE_URL`` (the name in the
URL *is* the bench database; ``hdnd_bench_city`` when ``DATABASE_URL`` is unset). On a shared
server that name may already hold somebody's data, so the benchmark marks every database it
creates with ``COMMENT ON DATABASE … IS 'hdnd bench-city'`` and checks that mark before it drops,
rebuilds or reuses one: an unmarked database is refused (exit status 2), whatever the flags.

The functions take a DB-API cursor connected to *another* database of the same server (the
maintenance database ``postgres``), in autocommit: ``CREATE``/``DROP DATABASE`` cannot run
inside a transaction nor in the database they name.
"""

from __future__ import annotations

MARK = "hdnd bench-city"
# Never the bench database, whatever DATABASE_URL says: the server's own databases.
RESERVED = frozenset({"postgres", "template0", "template1"})


class Refused(Exception):
    """The database exists and was not made by this benchmark (or cannot be one)."""


def state(cursor, name: str) -> str:
    """``absent``, ``marked`` (created by the benchmark) or ``unmarked``."""
    cursor.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [name],
    )
    row = cursor.fetchone()
    if row is None:
        return "absent"
    return "marked" if row[0] == MARK else "unmarked"


def check_name(name: str) -> None:
    if not name or name in RESERVED:
        raise Refused(
            f"The bench database cannot be {name or 'empty'!r}: put a database of its own in "
            "DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/hdnd_bench_city_yourname."
        )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create(cursor, name: str) -> None:
    """A fresh marked database; an existing one is dropped first only if it carries the mark."""
    check_name(name)
    found = state(cursor, name)
    if found == "unmarked":
        raise Refused(
            f"The database {name!r} exists and was not created by bench-city (no "
            f"'{MARK}' comment): refusing to drop it. Name another database in DATABASE_URL, "
            "or drop this one yourself if it is really a throw-away."
        )
    if found == "marked":
        drop(cursor, name)
    cursor.execute(f"CREATE DATABASE {_quote(name)}")
    cursor.execute(f"COMMENT ON DATABASE {_quote(name)} IS '{MARK}'")


def check_reusable(cursor, name: str) -> None:
    """``--reuse`` measures a database this benchmark built and kept, nothing else."""
    check_name(name)
    found = state(cursor, name)
    if found == "absent":
        raise Refused(f"--reuse: there is no database {name!r}; build it first with --keep.")
    if found == "unmarked":
        raise Refused(
            f"--reuse: the database {name!r} was not created by bench-city (no '{MARK}' "
            "comment): refusing to migrate or measure it."
        )


def drop(cursor, name: str) -> None:
    """Drop a database the benchmark made; anything else is refused."""
    check_name(name)
    found = state(cursor, name)
    if found == "absent":
        return
    if found != "marked":
        raise Refused(f"The database {name!r} was not created by bench-city: not dropping it.")
    cursor.execute(f"DROP DATABASE {_quote(name)} WITH (FORCE)")

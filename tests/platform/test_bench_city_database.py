"""``make bench-city`` drops or reuses only a database it created itself (``bench/benchdb.py``):
it marks what it creates, and refuses an unmarked database whatever its name."""

import os
import uuid

import pytest

from bench import benchdb

psycopg = pytest.importorskip("psycopg")


@pytest.fixture
def server():
    """An autocommit cursor on the PostgreSQL server's maintenance database (skipped without
    one): the bench creates and drops databases from there."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        params = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"]}
    else:
        params = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
    try:
        conn = psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=3, **params)
    except psycopg.Error as exc:
        pytest.skip(f"no PostgreSQL server: {exc}")
    with conn, conn.cursor() as cursor:
        yield cursor


@pytest.fixture
def name(server):
    """A database name of this test only, dropped afterwards whatever happened."""
    name = f"hdnd_benchguard_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    yield name
    server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_it_refuses_to_drop_rebuild_or_reuse_a_database_it_did_not_create(server, name):
    server.execute(f'CREATE DATABASE "{name}"')  # somebody's data
    assert benchdb.state(server, name) == "unmarked"
    with pytest.raises(benchdb.Refused, match="not created by bench-city"):
        benchdb.create(server, name)
    with pytest.raises(benchdb.Refused, match="not created by bench-city"):
        benchdb.check_reusable(server, name)
    with pytest.raises(benchdb.Refused):
        benchdb.drop(server, name)
    assert benchdb.state(server, name) == "unmarked"  # still there


def test_it_marks_what_it_creates_and_may_rebuild_reuse_and_drop_it(server, name):
    with pytest.raises(benchdb.Refused, match="no database"):
        benchdb.check_reusable(server, name)
    benchdb.create(server, name)
    assert benchdb.state(server, name) == "marked"
    benchdb.check_reusable(server, name)
    benchdb.create(server, name)  # a rebuild: dropped and made again, marked
    assert benchdb.state(server, name) == "marked"
    benchdb.drop(server, name)
    assert benchdb.state(server, name) == "absent"


@pytest.mark.parametrize("reserved", ["postgres", "template1", ""])
def test_it_never_takes_the_servers_own_databases(server, reserved):
    with pytest.raises(benchdb.Refused):
        benchdb.create(server, reserved)
    with pytest.raises(benchdb.Refused):
        benchdb.drop(server, reserved)

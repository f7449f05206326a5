import os

import pytest
from rest_framework.test import APIClient

from tests.councils.records import build_records
from tests.factories import CouncilFactory, persona

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_sessionstart(session):
    """In CI (CI_REQUIRE_SERVICES=1, set by .ci/run) missing PostgreSQL/Redis is an error, not a skip."""
    if os.environ.get("CI_REQUIRE_SERVICES") != "1":
        return
    from django.conf import settings

    problems = []
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        problems.append(f"DATABASE_URL is not PostgreSQL (engine {db['ENGINE']})")
    else:
        import psycopg

        try:
            psycopg.connect(
                dbname="postgres",
                host=db["HOST"] or None,
                port=db["PORT"] or None,
                user=db["USER"] or None,
                password=db["PASSWORD"] or None,
                connect_timeout=5,
            ).close()
        except psycopg.Error as exc:
            problems.append(f"PostgreSQL does not answer: {exc}")
    if not settings.REDIS_URL:
        problems.append("REDIS_URL is not set")
    else:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3).ping()
        except redis.RedisError as exc:
            problems.append(f"Redis does not answer at {settings.REDIS_URL}: {exc}")
    if problems:
        pytest.exit("CI_REQUIRE_SERVICES=1 but: " + "; ".join(problems), returncode=3)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURE_SSL_REDIRECT = False
    settings.AXES_ENABLED = False
    # Sessions in the database only: with REDIS_URL (CI) production uses cached_db, whose cache
    # hit saves a query and would make the pages' query counts depend on the machine.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    # Fast hashing in tests only (production hashes with Argon2id: tests/core/test_password_hasher.py).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from hdnd_portal.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


@pytest.fixture
def council(db):
    return CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")


@pytest.fixture
def other_council(db):
    return CouncilFactory(commune="Hòa Bình", slug="hoa-binh")


@pytest.fixture
def make_persona(db, council):
    def _make(role: str, **kwargs):
        return persona(role, kwargs.pop("council", council), **kwargs)

    return _make


@pytest.fixture
def staff_client(client, make_persona):
    client.force_login(make_persona("staff"))
    return client


@pytest.fixture
def ours(council):
    """Every councils record of the user's council (Phúc Lộc)."""
    return build_records(council, "Phúc Lộc", number=9)


@pytest.fixture
def theirs(other_council):
    """Every councils record of another council (Hòa Bình)."""
    return build_records(other_council, "Hòa Bình", number=9)


@pytest.fixture
def api(make_persona):
    """An API client logged in (session) with a role in the ``council`` fixture."""

    def _api(role="staff", **kwargs):
        client = APIClient()
        client.force_login(make_persona(role, **kwargs))
        return client

    return _api


@pytest.fixture
def staff_api(api):
    return api("staff")

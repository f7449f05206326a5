import os

import pytest

from tests.factories import CouncilFactory, persona

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURE_SSL_REDIRECT = False
    settings.AXES_ENABLED = False
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

"""Issue 21 item 7: with DEBUG off, no process starts on a missing or public key.

The development SECRET_KEY is in the repository, so anyone could forge sessions and password
reset links with it; the identity numbers' key used to fall back to it. Each case starts the
production entry point (``hdnd_portal.wsgi``, what gunicorn loads) in a fresh process.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parents[2]
DEV_KEY = "django-insecure-dev-key-change-me-" + "x" * 40
OWN_KEY = "a-production-key-of-its-own-" + "Zq7!rT" * 6
FIELD_KEY = "a-field-key-of-its-own-" + "Vb3k" * 8
PROBE = "import hdnd_portal.wsgi; from django.conf import settings as s; print(s.SECRET_KEY)"


def _start(**env) -> subprocess.CompletedProcess:
    keep = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "FIELD_ENCRYPTION_KEY", "DJANGO_SETTINGS_MODULE"}
        and not k.endswith("_FILE")
    }
    environ = {
        **keep,
        "DJANGO_SETTINGS_MODULE": "hdnd_portal.settings",
        "ALLOWED_HOSTS": "hdnd.phucloc.gov.vn",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        env={k: v for k, v in environ.items() if v is not None},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("secret_key", "field_key", "named"),
    [
        (None, FIELD_KEY, "SECRET_KEY"),  # forgotten
        ("", FIELD_KEY, "SECRET_KEY"),  # .env.example's empty line
        (DEV_KEY, FIELD_KEY, "SECRET_KEY"),  # the public development key, copied
        (OWN_KEY, OWN_KEY, "FIELD_ENCRYPTION_KEY"),  # the identity key "defaulting" to it
    ],
    ids=["missing", "empty", "development-key", "field-key-is-the-secret-key"],
)
def test_production_refuses_to_start_naming_the_variable_to_set(secret_key, field_key, named):
    result = _start(DEBUG="0", SECRET_KEY=secret_key, FIELD_ENCRYPTION_KEY=field_key)

    assert result.returncode != 0
    assert f"ImproperlyConfigured: {named} is not set or unusable." in result.stderr
    assert f"{named} chưa đặt hoặc không dùng được." in result.stderr  # in Vietnamese too
    assert f"{named}_FILE" in result.stderr


def test_production_starts_with_keys_of_its_own():
    result = _start(DEBUG="0", SECRET_KEY=OWN_KEY, FIELD_ENCRYPTION_KEY=FIELD_KEY)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == OWN_KEY


def test_development_still_starts_on_the_development_key_with_debug_on():
    # `make run` (DEBUG=1) sets no key at all.
    result = _start(DEBUG="1", SECRET_KEY=None, FIELD_ENCRYPTION_KEY=None)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == DEV_KEY


def test_the_test_suite_runs_with_debug_off_on_keys_of_its_own():
    assert settings.DEBUG is False
    assert not settings.SECRET_KEY.startswith("django-insecure-")
    assert settings.FIELD_ENCRYPTION_KEY != settings.SECRET_KEY

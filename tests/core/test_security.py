"""Login throttling, password rules and the production security settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import PASSWORD, UserFactory

REPO = Path(__file__).resolve().parents[2]
LOGIN_URL = "/accounts/login/"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    return settings


def _fail_login(client, username="lan.nguyen"):
    return client.post(LOGIN_URL, {"username": username, "password": "sai-mat-khau"})


@pytest.mark.django_db
def test_it_locks_the_login_after_five_wrong_passwords(client, axes_on):
    UserFactory(username="lan.nguyen")

    for _attempt in range(4):
        response = _fail_login(client)
        assert response.status_code == 200
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()

    fifth = _fail_login(client)
    assert fifth.status_code == 429
    page = fifth.content.decode()
    assert "Tài khoản tạm thời bị khóa đăng nhập" in page
    assert "Vui lòng thử lại sau 15 phút" in page

    # Even the right password is refused while the lock lasts.
    right = client.post(LOGIN_URL, {"username": "lan.nguyen", "password": PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_it_locks_only_the_guessed_account_not_colleagues_on_the_same_computer(client, axes_on):
    UserFactory(username="lan.nguyen")
    UserFactory(username="binh.tran")
    for _attempt in range(5):
        _fail_login(client, "lan.nguyen")

    response = client.post(LOGIN_URL, {"username": "binh.tran", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.django_db
def test_it_rejects_a_numeric_common_password_in_vietnamese(client):
    user = UserFactory(username="hoa.le")
    client.force_login(user)

    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "12345678",
            "new_password2": "12345678",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Mật khẩu này quá phổ biến." in page
    assert "Mật khẩu này hoàn toàn là số." in page
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_it_accepts_a_strong_new_password(client):
    user = UserFactory(username="hoa.le")
    client.force_login(user)

    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Phuc-Loc-ky-hop-2026",
            "new_password2": "Phuc-Loc-ky-hop-2026",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Phuc-Loc-ky-hop-2026")


def _production_env(**overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "FIELD_ENCRYPTION_KEY",
            "FIELD_ENCRYPTION_KEY_FILE",
            "FIELD_ENCRYPTION_KEYS_OLD",
            "ALLOWED_HOSTS",
            "SECURE_COOKIES",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    env.update(
        {
            "DEBUG": "0",
            "ALLOWED_HOSTS": "hdnd.phucloc.gov.vn",
            "SECRET_KEY": "k3y-for-the-test-" + "q8Zr!w" * 10,
            "FIELD_ENCRYPTION_KEY": "field-k3y-for-the-test-" + "Hn4w" * 8,
            "DJANGO_SETTINGS_MODULE": "hdnd_portal.settings",
        }
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def _run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def test_it_passes_the_deployment_checklist_with_production_settings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], _production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_does_not_even_start_the_deployment_checklist_without_a_secret_key():
    # Formerly security.W009 of `check --deploy`; now no process starts (test_secret_keys_required).
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        _production_env(SECRET_KEY=None),
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr


FIELD_KEY_PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.FIELD_ENCRYPTION_KEY, s.FIELD_ENCRYPTION_KEYS_OLD)"
)


def test_it_refuses_to_start_with_debug_off_and_no_field_encryption_key():
    result = _run(["manage.py", "check"], _production_env(FIELD_ENCRYPTION_KEY=None))

    assert result.returncode != 0
    assert "ImproperlyConfigured: FIELD_ENCRYPTION_KEY is not set" in result.stderr
    assert "With DEBUG off it is required" in result.stderr


def test_it_reads_the_field_encryption_keys_from_files_like_other_secrets(tmp_path):
    (tmp_path / "field-key").write_text("key-from-a-secret-file\n", encoding="utf-8")
    (tmp_path / "old-keys").write_text("older-key, oldest-key\n", encoding="utf-8")
    env = _production_env(
        FIELD_ENCRYPTION_KEY=None,
        FIELD_ENCRYPTION_KEY_FILE=str(tmp_path / "field-key"),
        FIELD_ENCRYPTION_KEYS_OLD_FILE=str(tmp_path / "old-keys"),
    )

    result = _run(["-c", FIELD_KEY_PROBE], env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "key-from-a-secret-file ['older-key', 'oldest-key']"
    )


def test_development_derives_the_field_key_from_the_secret_key():
    dev = _run(["-c", FIELD_KEY_PROBE], _production_env(DEBUG="1", FIELD_ENCRYPTION_KEY=None))

    assert dev.returncode == 0, dev.stderr
    assert dev.stdout.strip().splitlines()[-1].startswith("k3y-for-the-test-")


@pytest.mark.parametrize(
    ("key", "error"),
    [("same-as-secret", "petitions.E001"), ("change-me", "petitions.E002"), ("k" * 32, None)],
)
def test_the_deployment_checklist_refuses_a_field_key_that_is_the_secret_key_or_short(
    settings, key, error
):
    from petitions.checks import check_field_encryption_key

    settings.SECRET_KEY = "same-as-secret"
    settings.FIELD_ENCRYPTION_KEY = key

    assert [e.id for e in check_field_encryption_key(None)] == ([error] if error else [])


def test_it_sends_cookies_only_over_https_when_debug_is_off():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ('SESSION_COOKIE_SECURE', "
        "'CSRF_COOKIE_SECURE', 'LANGUAGE_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
        "'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS')}))"
    )
    prod = json.loads(_run(["-c", script], _production_env()).stdout.strip().splitlines()[-1])
    dev = json.loads(
        _run(["-c", script], _production_env(DEBUG="1")).stdout.strip().splitlines()[-1]
    )

    assert prod == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
    }
    # `make run` serves plain http://127.0.0.1:8000/: cookies must work there.
    assert dev["SESSION_COOKIE_SECURE"] is False
    assert dev["SECURE_SSL_REDIRECT"] is False

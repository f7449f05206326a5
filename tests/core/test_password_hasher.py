"""Passwords are hashed with Argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane), and a hash
made before (Django's PBKDF2) becomes Argon2id at the user's next login (issue 24)."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, identify_hasher, make_password
from django.urls import reverse

from tests.factories import persona

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_hashers(settings):
    """The suite hashes with MD5 for speed (tests/conftest.py); here, production's list."""
    from hdnd_portal import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS


def test_a_new_password_is_argon2id_at_owasps_minimum():
    encoded = make_password("Mật khẩu mới 2026")
    assert identify_hasher(encoded).algorithm == "argon2"
    # $argon2id$v=19$m=19456,t=2,p=1$salt$hash
    variety, _version, params, *_ = encoded.split("$", 1)[1].split("$")
    assert variety == "argon2id"
    assert params == "m=19456,t=2,p=1"


def test_an_old_pbkdf2_hash_is_upgraded_when_its_user_logs_in(client, council):
    user = persona("staff", council, username="vanphong-cu")
    user.password = PBKDF2PasswordHasher().encode("demo-hdnd-cu", PBKDF2PasswordHasher().salt())
    user.save(update_fields=["password"])
    assert identify_hasher(user.password).algorithm == "pbkdf2_sha256"

    response = client.post(
        reverse("login"), {"username": "vanphong-cu", "password": "demo-hdnd-cu"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password("demo-hdnd-cu")

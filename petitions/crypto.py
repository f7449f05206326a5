"""Identity numbers encrypted at rest (LEGAL.md §4, §10).

``EncryptedTextField`` stores a Fernet token (AES-128-CBC + HMAC-SHA256, from the
``cryptography`` package) prefixed ``f1:``. The keys are derived with HKDF-SHA256 from
``FIELD_ENCRYPTION_KEY`` (the environment variable, or a Django setting of that name; several
keys separated by commas rotate: the first encrypts, every one decrypts — MultiFernet) or, when
unset, from ``SECRET_KEY``. Changing the keys without keeping the old one in the list makes the
stored numbers unreadable (they then show as empty, never as an error page).

A keyed hash (``blind_index``) of the normalised number lets the portal find a citizen or a
duplicate letter by number without decrypting every row.
"""

import base64
import hashlib
import hmac
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

PREFIX = "f1:"
SALT = b"hdnd-portal-petitions"


class DecryptionError(ValueError):
    pass


def _hkdf(key: bytes, info: bytes, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=SALT, info=info).derive(key)


def _master_keys() -> list[bytes]:
    raw = os.environ.get("FIELD_ENCRYPTION_KEY") or getattr(settings, "FIELD_ENCRYPTION_KEY", "")
    keys = [k.strip() for k in (raw or "").split(",") if k.strip()]
    return [k.encode() for k in keys] or [settings.SECRET_KEY.encode()]


def _fernet() -> MultiFernet:
    return MultiFernet(
        [Fernet(base64.urlsafe_b64encode(_hkdf(key, b"fernet"))) for key in _master_keys()]
    )


def encrypt(plain: str) -> str:
    if not plain:
        return ""
    return PREFIX + _fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    if not token.startswith(PREFIX):
        raise DecryptionError("not an encrypted value")
    try:
        return _fernet().decrypt(token[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError("the value was altered or the key changed") from exc


def normalise_id(number: str) -> str:
    return "".join(ch for ch in (number or "") if ch.isalnum()).upper()


def blind_index(number: str) -> str:
    """A keyed hash of the normalised number ('' for none): equal numbers, equal hashes."""
    value = normalise_id(number)
    if not value:
        return ""
    key = _hkdf(_master_keys()[0], b"blind-index")
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def mask_id(number: str) -> str:
    """ "001086012323" -> "0010******23": the first four and the last two digits."""
    value = normalise_id(number)
    if not value:
        return ""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 6) + value[-2:]


class EncryptedTextField(models.TextField):
    """Text encrypted in the database, plain in Python."""

    def from_db_value(self, value, expression, connection):
        if not value:
            return value or ""
        try:
            return decrypt(value)
        except (DecryptionError, ValueError):
            return ""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return ""
        return encrypt(value)

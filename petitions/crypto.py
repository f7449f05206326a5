"""Identity numbers encrypted at rest (LEGAL.md §4, §10).

``EncryptedTextField`` stores a Fernet token (AES-128-CBC + HMAC-SHA256, from the
``cryptography`` package) prefixed ``f1:``. The keys are derived with HKDF-SHA256 from the
settings ``FIELD_ENCRYPTION_KEY`` (encrypts; README "Configuration") and
``FIELD_ENCRYPTION_KEYS_OLD`` (still decrypt, after a rotation): a MultiFernet, the first key
encrypting, every key decrypting. ``manage.py reencrypt_fields --apply`` moves the stored values
to the current key, after which the old keys can go.

A value that no key decrypts raises ``DecryptionError`` wherever it is read: a page then fails
with the server error page and the log names the field, instead of showing a blank number that
the next save would write back over the real one.

A keyed hash (``blind_index``) of the normalised number lets the portal find a citizen or a
duplicate letter by number without decrypting every row. It is keyed by the current key too;
lookups accept the hash under any configured key (``blind_indexes``), so a rotation loses no
match before ``reencrypt_fields`` has recomputed the stored hashes.
"""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "f1:"
SALT = b"hdnd-portal-petitions"


class DecryptionError(Exception):
    """A stored value that no configured key decrypts (altered, or its key is gone).

    Not a ValueError: nothing that tolerates bad input (forms, template lookups) may swallow it.
    """


def _hkdf(key: bytes, info: bytes, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=SALT, info=info).derive(key)


def _split(keys) -> list[str]:
    if isinstance(keys, str):
        keys = keys.split(",")
    return [k.strip() for k in keys or () if k and k.strip()]


def master_keys() -> list[bytes]:
    """The current key first, then the old ones (settings, read on every call)."""
    keys = _split(settings.FIELD_ENCRYPTION_KEY) + _split(
        getattr(settings, "FIELD_ENCRYPTION_KEYS_OLD", ())
    )
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is empty: identity numbers need it.")
    return [k.encode() for k in dict.fromkeys(keys)]


def _fernets() -> list[Fernet]:
    return [Fernet(base64.urlsafe_b64encode(_hkdf(key, b"fernet"))) for key in master_keys()]


def encrypt(plain: str) -> str:
    if not plain:
        return ""
    return PREFIX + _fernets()[0].encrypt(plain.encode()).decode()


def _token(value: str) -> bytes:
    if not value.startswith(PREFIX):
        raise DecryptionError("not an encrypted value")
    return value[len(PREFIX) :].encode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return MultiFernet(_fernets()).decrypt(_token(token)).decode()
    except InvalidToken as exc:
        raise DecryptionError(
            "no key decrypts it: the value was altered, or its key is missing from "
            "FIELD_ENCRYPTION_KEY / FIELD_ENCRYPTION_KEYS_OLD"
        ) from exc


def key_index(token: str) -> int:
    """Which configured key decrypts ``token``: 0 the current one, 1… the old ones."""
    raw = _token(token)
    for index, fernet in enumerate(_fernets()):
        try:
            fernet.decrypt(raw)
        except InvalidToken:
            continue
        return index
    raise DecryptionError("no configured key decrypts this value")


def reencrypt(token: str) -> str:
    """The same plain text under the current key (the token's timestamp kept)."""
    return PREFIX + MultiFernet(_fernets()).rotate(_token(token)).decode()


def normalise_id(number: str) -> str:
    return "".join(ch for ch in (number or "") if ch.isalnum()).upper()


def _digest(key: bytes, value: str) -> str:
    return hmac.new(_hkdf(key, b"blind-index"), value.encode(), hashlib.sha256).hexdigest()


def blind_index(number: str) -> str:
    """A keyed hash of the normalised number ('' for none): equal numbers, equal hashes."""
    value = normalise_id(number)
    return _digest(master_keys()[0], value) if value else ""


def blind_indexes(number: str) -> list[str]:
    """The number's hash under every configured key (current first): what a lookup matches."""
    value = normalise_id(number)
    return [_digest(key, value) for key in master_keys()] if value else []


def mask_id(number: str) -> str:
    """ "001086012323" -> "0010******23": the first four and the last two digits."""
    value = normalise_id(number)
    if not value:
        return ""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 6) + value[-2:]


class EncryptedTextField(models.TextField):
    """Text encrypted in the database, plain in Python.

    ``hash_field`` names the sibling field holding its ``blind_index`` (recomputed by
    ``reencrypt_fields``); Python-only, not part of the migrations.
    """

    def __init__(self, *args, hash_field: str = "", **kwargs):
        self.hash_field = hash_field
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        if not value:
            return ""
        try:
            return decrypt(value)
        except DecryptionError as exc:
            raise DecryptionError(f"{self.model._meta.label}.{self.name}: {exc}") from exc

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return ""
        return encrypt(value)

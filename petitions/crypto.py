"""Identity numbers encrypted at rest (LEGAL.md §4, §10).

``EncryptedTextField`` stores ``v1:<base64(nonce | ciphertext | tag)>``: an HMAC-SHA256
keystream in counter mode (encrypt), then HMAC-SHA256 over nonce and ciphertext
(authenticate), both keys derived with HKDF-SHA256 from ``FIELD_ENCRYPTION_KEY`` (the
environment variable, or a Django setting of that name) or, when unset, from
``SECRET_KEY``. The standard library only: the shared virtualenv has no ``cryptography``
package; swapping in Fernet later only needs a ``v2:`` prefix here.

A keyed hash (``blind_index``) of the normalised number lets the portal find a citizen or a
duplicate letter by number without decrypting every row.
"""

import base64
import hashlib
import hmac
import os
import secrets

from django.conf import settings
from django.db import models

PREFIX = "v1:"
NONCE_BYTES = 16
TAG_BYTES = 32


class DecryptionError(ValueError):
    pass


def _hkdf(key: bytes, info: bytes, length: int = 32) -> bytes:
    prk = hmac.new(b"hdnd-portal-petitions", key, hashlib.sha256).digest()
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out += block
        counter += 1
    return out[:length]


def _master_key() -> bytes:
    key = os.environ.get("FIELD_ENCRYPTION_KEY") or getattr(settings, "FIELD_ENCRYPTION_KEY", "")
    return (key or settings.SECRET_KEY).encode()


def _keys() -> tuple[bytes, bytes]:
    master = _master_key()
    return _hkdf(master, b"encrypt"), _hkdf(master, b"authenticate")


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    out = bytearray()
    counter = 0
    while len(out) < length:
        out += hmac.new(key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest()
        counter += 1
    return bytes(out[:length])


def encrypt(plain: str) -> str:
    if not plain:
        return ""
    enc_key, mac_key = _keys()
    nonce = secrets.token_bytes(NONCE_BYTES)
    data = plain.encode()
    cipher = bytes(a ^ b for a, b in zip(data, _keystream(enc_key, nonce, len(data)), strict=True))
    tag = hmac.new(mac_key, nonce + cipher, hashlib.sha256).digest()
    return PREFIX + base64.urlsafe_b64encode(nonce + cipher + tag).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    if not token.startswith(PREFIX):
        raise DecryptionError("not an encrypted value")
    raw = base64.urlsafe_b64decode(token[len(PREFIX) :].encode())
    nonce, cipher, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    enc_key, mac_key = _keys()
    expected = hmac.new(mac_key, nonce + cipher, hashlib.sha256).digest()
    if not hmac.compare_digest(tag, expected):
        raise DecryptionError("the value was altered or the key changed")
    stream = _keystream(enc_key, nonce, len(cipher))
    return bytes(a ^ b for a, b in zip(cipher, stream, strict=True)).decode()


def normalise_id(number: str) -> str:
    return "".join(ch for ch in (number or "") if ch.isalnum()).upper()


def blind_index(number: str) -> str:
    """A keyed hash of the normalised number ('' for none): equal numbers, equal hashes."""
    value = normalise_id(number)
    if not value:
        return ""
    key = _hkdf(_master_key(), b"blind-index")
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

"""Printed PDFs kept for repeat prints, by what they are printed from.

A PDF is a pure function of its HTML, of the files the HTML loads (the fonts) and of the engine's
version. The same draft printed again, opened once to read and once to download, or handed out
in twenty copies before a meeting is served from the cache in milliseconds instead of being laid
out again (WeasyPrint spends seconds on a long table: ~3 s of CPU for the voters' synthesis of 500
petitions, ``bench/bench_voters_synthesis.py``). Any change to what the document shows changes
its HTML, hence its key: nothing is ever invalidated by hand, and a stale PDF cannot be served.

An entry is sealed with the HTML it was printed from: its key is a hash of the HTML's digest and
its content is encrypted (AES-256-GCM) under the digest itself. Whoever reads the cache's store
(Redis, shared by the nodes) learns nothing of a document he could not print himself: a
denouncer's name never sits there in clear (``LEGAL.md``, confidentiality).

The files the rendering loaded are recorded with the entry (path, size, modification time) and
checked on every hit: a font replaced on deployment makes the entry a miss.

``DOCUMENT_PDF_CACHE_SECONDS`` (default a day; 0: off) is how long an entry is kept. The cache is
``CACHES["documents"]`` when it is configured, else ``"default"``. The cache failing (Redis
down) never fails a print: the document is rendered as if it were a miss.
"""

import hashlib
import logging
import os
from pathlib import Path

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches

logger = logging.getLogger(__name__)

KEY_PREFIX = "documents:pdf:"
MAX_BYTES = 4 * 1024 * 1024  # a bigger PDF is rendered each time rather than fill the cache
_VERSION = 1  # the entry's format


def timeout() -> int:
    return max(0, int(getattr(settings, "DOCUMENT_PDF_CACHE_SECONDS", 0)))


def _cache():
    try:
        return caches["documents"]
    except InvalidCacheBackendError:
        return caches["default"]


def _engine_versions() -> str:
    import pydyf
    import weasyprint

    return f"weasyprint {weasyprint.__version__}; pydyf {pydyf.__version__}; v{_VERSION}"


def digest(html: str, base: Path) -> bytes:
    """What the PDF is a function of, hashed: the engine's version, the base folder, the HTML."""
    sha = hashlib.sha256()
    for part in (_engine_versions(), str(base), html):
        sha.update(part.encode("utf-8", "surrogatepass"))
        sha.update(b"\0")
    return sha.digest()


def _key(secret: bytes) -> str:
    # The key reveals nothing of the digest that opens the entry.
    return KEY_PREFIX + hashlib.sha256(b"key\0" + secret).hexdigest()


def _fingerprint(paths) -> tuple[tuple[str, int, int], ...]:
    prints = []
    for path in sorted(set(map(str, paths))):
        stat = os.stat(path)
        prints.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(prints)


def get(secret: bytes) -> bytes | None:
    """The PDF cached for this digest, if it is there and the files it loaded are unchanged."""
    if not timeout():
        return None
    try:
        raw = _cache().get(_key(secret))
    except Exception:  # the cache is a help, never a condition of printing
        logger.warning("The PDF cache could not be read; rendering.", exc_info=True)
        return None
    if raw is None:
        return None
    try:
        version, files, nonce, sealed = raw
        if version != _VERSION or _fingerprint(path for path, _, _ in files) != files:
            return None
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        return AESGCM(secret).decrypt(nonce, sealed, None)
    except Exception:  # a file gone, an entry of another format or tampered with: a miss
        return None


def put(secret: bytes, pdf: bytes, files) -> bool:
    """Keep ``pdf`` under this digest with the fingerprint of the ``files`` it loaded."""
    if not timeout() or len(pdf) > MAX_BYTES:
        return False
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    try:
        entry = (_VERSION, _fingerprint(files), nonce, AESGCM(secret).encrypt(nonce, pdf, None))
        _cache().set(_key(secret), entry, timeout())
    except Exception:
        logger.warning("The PDF cache could not be written.", exc_info=True)
        return False
    return True

"""`make bench` (3/3): the bytes of a first visit — what a delegate on rural 3G downloads.

Runs as production serves: DEBUG off, hashed names and gzip/brotli copies
(MANIFEST_STATIC=1 STATIC_COMPRESS=1). Collects the static files into a temporary STATIC_ROOT
(WhiteNoise writes the .gz and .br beside each file), builds a throw-away SQLite database with
`seed_demo`, then fetches the login page (anonymous) and the follow-up inbox (the demo delegate
`daibieu`) with Django's test client. For each page it lists the stylesheets, scripts and icon
sprite the HTML links, and every url() those stylesheets reference (fonts, images), with raw,
gzip and brotli bytes read from the files WhiteNoise wrote; the HTML itself is compressed here
(gzip -6, brotli -q 5, what a reverse proxy would send). Exits 1 if the compressed first load
of a page is above the target (150 KB, gzip: the encoding every browser accepts).

    make bench                       # with the other benchmarks
    python bench/bench_first_load.py
"""

import gzip
import os
import re
import shutil
import sys
import tempfile
import time
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import urljoin, urlsplit

REPO = Path(__file__).resolve().parents[1]
TARGET_KB = 150

sys.path.insert(0, str(REPO))
os.chdir(REPO)
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"  # production settings, test-only keys
# Never touch the environment's database or static root: throw-away ones, production settings.
os.environ.pop("DATABASE_URL", None)
VAR_DIR = Path(tempfile.mkdtemp(prefix="hdnd-bench-first-load-"))
os.environ.update(
    {
        "VAR_DIR": str(VAR_DIR),
        "STATIC_ROOT": str(VAR_DIR / "staticfiles"),
        "DEBUG": "0",
        "MANIFEST_STATIC": "1",
        "STATIC_COMPRESS": "1",
        "WHITENOISE_USE_FINDERS": "0",
        "CELERY_TASK_ALWAYS_EAGER": "1",
    }
)

import brotli  # noqa: E402
import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402


class _Assets(HTMLParser):
    """The URLs a browser fetches before the page is usable: CSS, scripts, the icon sprite."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "use" and (attrs.get("href") or attrs.get("xlink:href")):
            self.urls.append((attrs.get("href") or attrs["xlink:href"]).split("#", 1)[0])


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def _static_file(url: str) -> Path:
    path = urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), f"not a static file: {url}"
    return Path(settings.STATIC_ROOT) / path[len(settings.STATIC_URL) :]


def _sizes(path: Path) -> tuple[int, int, int]:
    """Raw, gzip and brotli bytes; WhiteNoise skips a compressed copy that saves nothing."""
    raw = path.stat().st_size
    gz = path.with_name(path.name + ".gz")
    br = path.with_name(path.name + ".br")
    return raw, gz.stat().st_size if gz.exists() else raw, br.stat().st_size if br.exists() else raw


def first_load(client: Client, url: str) -> list[tuple[str, int, int, int]]:
    response = client.get(url, secure=True)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    html = response.content
    rows = [
        (
            f"{url} (HTML)",
            len(html),
            len(gzip.compress(html, compresslevel=6)),
            len(brotli.compress(html, quality=5)),
        )
    ]
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    seen: set[str] = set()
    queue = list(parser.urls)
    while queue:
        asset = urlsplit(queue.pop(0)).path
        if asset in seen:
            continue
        seen.add(asset)
        path = _static_file(asset)
        rows.append((asset, *_sizes(path)))
        if path.suffix == ".css":
            for ref in CSS_URL.findall(path.read_text(encoding="utf-8")):
                if not ref.startswith(("data:", "#")):
                    queue.append(urljoin(asset, ref))
    return rows


def main() -> int:
    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    collected = time.perf_counter() - started
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--force", stdout=StringIO())
    print(
        f"collectstatic with hashing + gzip/brotli: {collected:.0f} s; "
        f"storage {settings.STORAGES['staticfiles']['BACKEND']}"
    )
    from councils.models import User

    anonymous, delegate = Client(), Client()
    delegate.force_login(User.objects.get(username="daibieu"))
    pages = [
        ("login page (anonymous)", anonymous, "/accounts/login/"),
        ("follow-up inbox (delegate daibieu)", delegate, reverse("followups-inbox")),
    ]
    over = False
    for label, client, url in pages:
        rows = first_load(client, url)
        print(f"\n{label}")
        print(f"| {'file':68} | {'raw':>9} | {'gzip':>9} | {'brotli':>9} |")
        print(f"|{'-' * 70}|{'-' * 10}:|{'-' * 10}:|{'-' * 10}:|")
        for name, raw, gz, br in rows:
            print(f"| {name:68} | {raw:>9,} | {gz:>9,} | {br:>9,} |")
        raw, gz, br = (sum(row[i] for row in rows) for i in (1, 2, 3))
        print(f"| {'total':68} | {raw:>9,} | {gz:>9,} | {br:>9,} |")
        print(
            f"first load: {raw / 1024:.0f} KiB raw, {gz / 1000:.0f} KB gzip, "
            f"{br / 1000:.0f} KB brotli (target ≤ {TARGET_KB} KB)"
        )
        over |= gz > TARGET_KB * 1000
    return 1 if over else 0


if __name__ == "__main__":
    try:
        code = main()
    finally:
        shutil.rmtree(VAR_DIR, ignore_errors=True)
    sys.exit(code)

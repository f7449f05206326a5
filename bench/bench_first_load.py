"""`make bench` (3/3): the bytes of a first visit — what a delegate on rural 3G downloads.

Runs as production serves: DEBUG off, hashed names and gzip/brotli copies
(MANIFEST_STATIC=1 STATIC_COMPRESS=1). Collects the static files into a temporary STATIC_ROOT
(WhiteNoise writes the .gz and .br beside each file), builds a throw-away SQLite database with
`seed_demo`, then fetches the login page (anonymous), the home page after login (the demo
delegate `daibieu` and the Office `vanphong`) and the delegate's follow-up inbox with Django's test
client. For each page it lists the stylesheets, scripts and icon sprite the HTML links, and every
url() those stylesheets reference (fonts, images), and fetches each twice through the portal's own
middleware: plainly (raw bytes) and with a browser's ``Accept-Encoding`` (the bytes actually sent:
GZipMiddleware's gzip for the HTML, WhiteNoise's brotli copy for static files). Prints MET or MISS
per page against the goal (150 KB as sent) and exits 1 on a miss.

    make bench                       # with the other benchmarks
    python bench/bench_first_load.py
"""

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


BROWSER_ACCEPT = "gzip, deflate, br, zstd"  # what Chromium and Firefox send over HTTPS


def _sent(client: Client, url: str) -> tuple[int, int, str]:
    """Raw bytes and bytes as sent to a browser (``Accept-Encoding`` of a real one), with the
    encoding the portal chose: GZipMiddleware for pages, WhiteNoise's .br/.gz for static files."""
    plain = client.get(url, secure=True)
    sent = client.get(url, secure=True, headers={"accept-encoding": BROWSER_ACCEPT})
    assert plain.status_code == sent.status_code == 200, f"{url} answered {sent.status_code}"

    def body(response) -> bytes:
        if response.streaming:
            data = b"".join(response.streaming_content)
            response.close()
            return data
        return response.content

    return len(body(plain)), len(body(sent)), sent.get("Content-Encoding", "none")


def first_load(client: Client, url: str) -> list[tuple[str, int, int, str]]:
    """The page and every stylesheet, script, sprite and CSS url() it pulls, as sent."""
    page = client.get(url, secure=True)
    assert page.status_code == 200, f"{url} answered {page.status_code}"
    html = page.content
    rows = [(f"{url} (HTML)", *_sent(client, url))]
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    seen: set[str] = set()
    queue = list(parser.urls)
    while queue:
        asset = urlsplit(queue.pop(0)).path
        if asset in seen:
            continue
        seen.add(asset)
        assert asset.startswith(settings.STATIC_URL), f"not a static file: {asset}"
        rows.append((asset, *_sent(client, asset)))
        if asset.endswith(".css"):
            text = body_text(client, asset)
            for ref in CSS_URL.findall(text):
                if not ref.startswith(("data:", "#")):
                    queue.append(urljoin(asset, ref))
    return rows


def body_text(client: Client, url: str) -> str:
    response = client.get(url, secure=True)
    data = b"".join(response.streaming_content) if response.streaming else response.content
    response.close()
    return data.decode("utf-8")


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

    anonymous, delegate, office = Client(), Client(), Client()
    delegate.force_login(User.objects.get(username="daibieu"))
    office.force_login(User.objects.get(username="vanphong"))
    pages = [
        ("login page (anonymous)", anonymous, "/accounts/login/"),
        ("home after login (delegate daibieu)", delegate, reverse("home")),
        ("home after login (Office vanphong)", office, reverse("home")),
        ("follow-up inbox (delegate daibieu)", delegate, reverse("followups-inbox")),
    ]
    over = False
    for label, client, url in pages:
        rows = first_load(client, url)
        print(f"\n{label}")
        print(f"| {'file':68} | {'raw':>9} | {'as sent':>9} | {'encoding':>8} |")
        print(f"|{'-' * 70}|{'-' * 10}:|{'-' * 10}:|{'-' * 10}|")
        for name, raw, sent, encoding in rows:
            print(f"| {name:68} | {raw:>9,} | {sent:>9,} | {encoding:>8} |")
        raw, sent = sum(row[1] for row in rows), sum(row[2] for row in rows)
        print(f"| {'total':68} | {raw:>9,} | {sent:>9,} | {'':>8} |")
        met = sent <= TARGET_KB * 1000
        print(
            f"first load {label}: {raw / 1024:.0f} KiB raw, {sent / 1000:.0f} KB as sent "
            f"(goal ≤ {TARGET_KB} KB): {'MET' if met else 'MISS'}"
        )
        over |= not met
    return 1 if over else 0


if __name__ == "__main__":
    try:
        code = main()
    finally:
        shutil.rmtree(VAR_DIR, ignore_errors=True)
    sys.exit(code)

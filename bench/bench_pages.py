"""`make bench` (1/2): time the busiest pages of the portal on the demo commune plus generated rows.

Builds a throw-away SQLite database under a temporary VAR_DIR (DATABASE_URL is ignored: set
BENCH_DATABASE_URL to an empty PostgreSQL database of your own to bench there), runs `seed_demo`, adds BENCH_ROWS delegates to the current term, then requests each page
BENCH_REPEAT times as the office user (`vanphong`) through Django's test client. Prints
median / p95 milliseconds and the SQL query count of each page, and writes the same numbers
to bench/results/bench-<UTC time>.json. Exits 1 if a page does not answer 200.

    make bench
    BENCH_ROWS=2000 BENCH_REPEAT=20 make bench
"""

import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROWS = int(os.environ.get("BENCH_ROWS", "500"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "10"))

sys.path.insert(0, str(REPO))
os.chdir(REPO)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")  # test-only keys
# Never seed the database the environment points at: only a throw-away one.
os.environ.pop("DATABASE_URL", None)
if os.environ.get("BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
OWN_VAR_DIR = "VAR_DIR" not in os.environ
if OWN_VAR_DIR:
    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="hdnd-bench-")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

# (label, URL name, query string). The first two rows are the baselines every other page is
# compared with: the lightest view of the portal, and Django's own admin changelist of the same
# delegates (as the superuser `admin`).
TRIVIAL, ADMIN = "health check (trivial view)", "admin changelist of delegates (Django)"
PAGES = [
    (TRIVIAL, "healthz", ""),
    (ADMIN, "admin:councils_delegate_changelist", ""),
    ("home", "home", ""),
    ("delegates, page 1", "councils-delegate-list", ""),
    ("delegates, search without diacritics", "councils-delegate-list", "q=nguyen+van"),
    ("delegates, last page", "councils-delegate-list", "page=last"),
    ("delegates, Excel export", "councils-delegate-list", "format=xlsx"),
    ("delegates, API", "api-delegate-list", ""),
    ("memberships", "councils-membership-list", ""),
    ("follow-ups, API", "api-followup-list", ""),
    ("notifications", "notifications-list", ""),
    ("delegate roster, PDF (WeasyPrint)", "documents-print", ""),
]
# Pages too slow to request REPEAT times.
MAX_REPEAT = {"documents-print": 3}


def build_data() -> None:
    from councils.models import Term
    from tests.factories import DelegateFactory

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--force", stdout=StringIO())
    term = Term.objects.current().order_by("-start_date").first()
    for n in range(ROWS):
        DelegateFactory(term=term, full_name=f"Nguyễn Văn Bench {n:05d}")


def url_kwargs(name: str) -> dict:
    """The roster prints the current term (the one build_data filled)."""
    if name != "documents-print":
        return {}
    from councils.models import Term

    term = Term.objects.current().order_by("-start_date").first()
    return {"kind": "councils.roster", "pk": term.pk}


def measure(client: Client, url: str, repeat: int) -> dict:
    client.get(url, secure=True)  # warm-up: template and query caches
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, secure=True)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            break
    timings.sort()
    return {
        "status": response.status_code,
        "requests": len(timings),
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.95))], 1),
        "queries": len(queries),
        "bytes": len(response.content),
    }


def main() -> int:
    setup_test_environment()
    started = time.perf_counter()
    build_data()
    print(
        f"Data: demo commune + {ROWS} delegates on {connection.vendor} "
        f"({time.perf_counter() - started:.1f} s to build); {REPEAT} requests per page."
    )

    client, admin = Client(), Client()
    from councils.models import User

    client.force_login(User.objects.get(username="vanphong"))
    admin.force_login(User.objects.get(username="admin"))
    results, failed, base = [], False, {}
    print(
        f"{'page':40} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KB':>7}"
        f" {'× trivial':>9} {'× admin':>8}"
    )
    for label, name, query in PAGES:
        try:
            url = reverse(name, kwargs=url_kwargs(name))
        except NoReverseMatch:
            print(f"{label:40} (no URL named {name}: skipped)")
            continue
        if query == "page=last":
            query = "page=" + str(max(1, (ROWS + 60) // 25))
        url += f"?{query}" if query else ""
        row = {
            "page": label,
            "url": url,
            **measure(
                admin if label == ADMIN else client,
                url,
                min(REPEAT, MAX_REPEAT.get(name, REPEAT)),
            ),
        }
        failed |= row["status"] != 200
        base.setdefault(label, row["median_ms"])
        row["x_trivial"] = round(row["median_ms"] / max(base[TRIVIAL], 0.1), 1)
        row["x_admin"] = round(row["median_ms"] / max(base.get(ADMIN, row["median_ms"]), 0.1), 2)
        results.append(row)
        print(
            f"{label:40} {row['status']:>6} {row['median_ms']:>10} {row['p95_ms']:>8} "
            f"{row['queries']:>8} {row['bytes'] / 1024:>7.1f} {row['x_trivial']:>9} "
            f"{row['x_admin']:>8}"
        )

    out_dir = REPO / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = out_dir / f"bench-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "when": stamp,
                "rows": ROWS,
                "repeat": REPEAT,
                "database": connection.vendor,
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "results": results,
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"Written {out.relative_to(REPO)}")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        code = main()
    finally:
        if OWN_VAR_DIR:
            shutil.rmtree(os.environ["VAR_DIR"], ignore_errors=True)
    sys.exit(code)

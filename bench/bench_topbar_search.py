"""`make bench`: the top bar's search (``/search/?q=``) for the Office, by number of words.

Builds a throw-away SQLite database under a temporary VAR_DIR (DATABASE_URL is ignored: set
BENCH_DATABASE_URL to an empty PostgreSQL database of your own to bench there), runs
`seed_demo`, then adds BENCH_ROWS delegates, agencies and follow-ups of the demo commune named
after "Thôn Hạ" and as many agencies of another council named the same (which the search must
not read). For 1, 3 and 6 words it times, BENCH_REPEAT times, as the office user (`vanphong`):

* ``search_everything`` (the search alone): queries and median ms;
* the former search, target by target (two queries per target, one per word and relation,
  related rows of every council), kept here as the baseline: queries and median ms;
* the whole page through Django's test client: queries and median ms.

Prints a goal line, MET or MISS: "≤ 12 queries whatever the number of words" (the search's
queries, equal for 1, 3 and 6 words, and the whole page's ≤ 12 too).

    python bench/bench_topbar_search.py
    BENCH_ROWS=2000 BENCH_REPEAT=20 python bench/bench_topbar_search.py
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROWS = int(os.environ.get("BENCH_ROWS", "200"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "10"))
GOAL = 12

sys.path.insert(0, str(REPO))
os.chdir(REPO)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")  # test-only keys
# Never seed the database the environment points at: only a throw-away one.
os.environ.pop("DATABASE_URL", None)
if os.environ.get("BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
OWN_VAR_DIR = "VAR_DIR" not in os.environ
if OWN_VAR_DIR:
    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="hdnd-bench-search-")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

WORDS = {
    1: "xa",
    3: "thon ha xa",
    6: "ke hoach giam sat thon ha",
}


def build_data() -> None:
    from councils.models import Council, Term
    from tests.factories import (
        AgencyFactory,
        CouncilFactory,
        DelegateFactory,
        FollowUpFactory,
    )

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--force", stdout=StringIO())
    council = Council.objects.get(slug="phuc-loc")
    other = CouncilFactory(commune="Bench Khác", slug="bench-khac")
    term = Term.objects.filter(council=council).current().order_by("-start_date").first()
    for n in range(ROWS):
        agency = AgencyFactory(council=council, name=f"Ban quản lý Thôn Hạ {n:04d}")
        DelegateFactory(term=term, full_name=f"Vũ Văn Hạ {n:04d}", address="Thôn Hạ, xã")
        FollowUpFactory(council=council, agency=agency, title=f"Kế hoạch giám sát số {n:04d}")
        AgencyFactory(council=other, name=f"UBND Thôn Hạ xã khác {n:04d}")


def one_by_one(access, q):
    """The search before issue 24: per target its first rows, then its count when they fill
    the limit; related rows read per word and relation, of every council."""
    from hdnd_portal.core.search import clean_query, search_terms, targets_for

    q = clean_query(q)
    if not search_terms(q):
        return []
    found = []
    for target in targets_for(access):
        qs = target.queryset(access).search(q, through=target.through)
        rows = list(qs[: target.limit])
        if rows:
            total = len(rows) if len(rows) < target.limit else qs.count()
            found.append(
                (target.key, [target.describe(o) if target.describe else "" for o in rows], total)
            )
    return found


def timed(fn, repeat: int) -> tuple[float, int]:
    fn()  # warm-up
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            fn()
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 1), len(queries)


def main() -> int:
    from councils.middleware import build_access
    from councils.models import User
    from hdnd_portal.core.search import search_everything, targets_for

    setup_test_environment()
    started = time.perf_counter()
    build_data()
    user = User.objects.get(username="vanphong")
    access = build_access(user)
    print(
        f"Top-bar search: demo commune + {ROWS} matching delegates, agencies and follow-ups, "
        f"{ROWS} agencies of another council, on {connection.vendor} "
        f"({time.perf_counter() - started:.1f} s to build); {len(targets_for(access))} targets "
        f"for the Office; median of {REPEAT}."
    )
    client = Client()
    client.force_login(user)
    url = reverse("core-search")
    print(
        f"{'words':>5}  {'groups':>6}  {'search q / ms':>14}  {'before q / ms':>14}  "
        f"{'page q / ms':>12}"
    )
    search_queries, page_queries = {}, {}
    for n, q in WORDS.items():
        groups = search_everything(access, q)
        ms, queries = timed(lambda q=q: search_everything(access, q), REPEAT)
        before_ms, before_queries = timed(lambda q=q: one_by_one(access, q), max(1, REPEAT // 2))
        page_ms, page = timed(lambda q=q: client.get(url, {"q": q}, secure=True), REPEAT)
        search_queries[n], page_queries[n] = queries, page
        print(
            f"{n:>5}  {len(groups):>6}  {queries:>7} / {ms:>5}  {before_queries:>7} / "
            f"{before_ms:>5}  {page:>5} / {page_ms:>5}"
        )
    counts = "/".join(str(search_queries[n]) for n in WORDS)
    pages = "/".join(str(page_queries[n]) for n in WORDS)
    met = len(set(search_queries.values())) == 1 and max(page_queries.values()) <= GOAL
    print(
        f"top-bar search queries (1/3/6 words): {counts} (page {pages})  "
        f"goal ≤ {GOAL} constant  {'MET' if met else 'MISS'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        if OWN_VAR_DIR:
            shutil.rmtree(os.environ["VAR_DIR"], ignore_errors=True)

"""Benchmark of search without diacritics on 500,000 follow-ups, with and without pg_trgm.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hdnd python bench/bench_search.py
    DATABASE_URL=... python bench/bench_search.py --rows 200000 --keep
    python bench/bench_search.py              # SQLite: a small run (20,000 rows at most)

The database is a throwaway one (``<name>_bench_search``), created and migrated the way
the test runner does it, and dropped at the end (``--keep`` keeps it). The follow-ups
are written with ``COPY`` (``bulk_create`` on SQLite): titles, details and references
drawn from the vocabulary of a commune's follow-ups, spread over ``--councils``
councils (default 1: the whole table is one council's, the worst case for search) and
20 agencies each; a handful of rows mention the rare place "Khe Nứa".

Three queries of the inbox ("Việc cần đôn đốc": open items of the council, searched,
ordered by due date; the count and the first page of 25) are timed, each for the
follow-up's own text and through its agency (``search(q, through=("agency",))``):

* rare term: ``khe nua``;
* common term: ``duong`` (roads, in about a third of the rows);
* two terms: ``thoat nuoc thon ha``.

They run first without any index on ``search_text``, then after ``CREATE EXTENSION
pg_trgm`` and a GIN ``gin_trgm_ops`` index on the follow-ups' and the agencies'
``search_text`` and ``ANALYZE``. ``EXPLAIN (ANALYZE, BUFFERS)`` of the inbox page
query is printed for the rare term in both states.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")  # test-only keys

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.words import SUBJECTS  # noqa: E402
from hdnd_portal.core.access import Access  # noqa: E402
from hdnd_portal.core.text import fold  # noqa: E402

SQLITE_MAX_ROWS = 20_000
AGENCIES_PER_COUNCIL = 20
PAGE = 25
REPEAT = 5
QUERIES = [("rare term", "khe nua"), ("common term", "duong"), ("two terms", "thoat nuoc thon ha")]

ACTIONS = [
    "Trả lời kiến nghị cử tri về",
    "Kiểm tra, xử lý",
    "Báo cáo kết quả giải quyết",
    "Khắc phục tình trạng",
    "Giải quyết đơn phản ánh về",
    "Rà soát, đề xuất phương án",
    "Đôn đốc thực hiện",
]
PLACES = [
    "thôn Hạ",
    "thôn Thượng",
    "thôn Đông",
    "thôn Đoài",
    "thôn Trung",
    "xóm Chùa",
    "xóm Mới",
    "xóm Bến",
    "tổ dân phố 3",
    "khu tái định cư",
    "cánh đồng Mả Lăng",
    "bến đò Vân",
]
RARE_PLACE = "bản Khe Nứa"
REFERENCES = [
    "Báo cáo tổng hợp ý kiến cử tri trước kỳ họp thứ {n}",
    "Kết luận giám sát số {n}/KL-HĐND",
    "Nghị quyết số {n}/NQ-HĐND",
    "Kế hoạch số {n}-KH/ĐU, mục III",
]
AGENCY_NAMES = [
    "UBND xã",
    "Công an xã",
    "Ủy ban MTTQ Việt Nam xã",
    "Trạm Y tế xã",
    "Văn phòng - Thống kê",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Trường Mầm non",
    "Trường Tiểu học",
    "Trường THCS",
    "Hợp tác xã nông nghiệp",
    "Ban Chỉ huy Quân sự xã",
    "Hội Nông dân",
    "Hội Liên hiệp Phụ nữ",
    "Đoàn Thanh niên",
    "Hội Cựu chiến binh",
    "Bưu điện văn hóa xã",
    "Điện lực khu vực",
    "Ban quản lý chợ",
    "Ban quản lý dự án",
]
STATES = ["open"] * 5 + ["extended"] + ["done"] * 3 + ["closed"]


def setup_database() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        folder = Path(settings.VAR_DIR) / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        db["TEST"]["NAME"] = str(folder / "search.sqlite3")
        for suffix in ("", "-wal", "-shm"):
            Path(db["TEST"]["NAME"] + suffix).unlink(missing_ok=True)
    else:
        db["TEST"]["NAME"] = f"{db['NAME']}_bench_search"
    return connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=False
    )


def create_agencies(councils: int) -> list[list[int]]:
    from councils.models import Agency, Council

    ids = []
    for c in range(councils):
        council = Council.objects.create(
            name=f"Hội đồng nhân dân xã Thử {c}", slug=f"thu-{c}", commune=f"Thử {c}"
        )
        agencies = [
            Agency(council=council, name=name, kind="ubnd_unit", search_text=fold(name))
            for name in AGENCY_NAMES[:AGENCIES_PER_COUNCIL]
        ]
        Agency.objects.bulk_create(agencies)
        ids.append((council.pk, [a.pk for a in Agency.objects.filter(council=council)]))
    return ids


def generate_rows(rows: int, agencies: list, rng: random.Random):
    """One tuple per follow-up, in COLUMNS order; search_text holds its own fields only."""
    start = dt.date(2026, 1, 1)
    now = timezone.now()
    rare_every = max(1, rows // 20)  # about 20 rows mention the rare place
    for n in range(rows):
        council_id, agency_ids = agencies[n % len(agencies)]
        place = RARE_PLACE if n % rare_every == rare_every // 2 else rng.choice(PLACES)
        title = f"{rng.choice(ACTIONS)} {rng.choice(SUBJECTS)} tại {place}"
        description = f"Cử tri {rng.choice(PLACES)} phản ánh: {rng.choice(SUBJECTS)}."
        reference = rng.choice(REFERENCES).format(n=rng.randint(1, 40))
        started = start + dt.timedelta(days=rng.randint(0, 700))
        due = started + dt.timedelta(days=rng.choice((10, 15, 30, 45, 60)))
        state = rng.choice(STATES)
        answer = "Đã khắc phục xong." if state == "done" else ""
        search_text = " ".join(p for p in map(fold, (title, description, reference, answer)) if p)
        yield (
            council_id,
            "task",
            title,
            description,
            reference,
            rng.choice(agency_ids),
            started,
            due,
            due,
            state,
            answer,
            "",
            now,
            now,
            search_text,
        )


COLUMNS = [
    "council_id",
    "kind",
    "title",
    "description",
    "reference",
    "agency_id",
    "started_on",
    "original_due_date",
    "due_date",
    "state",
    "answer",
    "closed_reason",
    "created_at",
    "updated_at",
    "search_text",
]


def load_followups(rows: int, agencies: list) -> None:
    from hdnd_portal.followups.models import FollowUp

    rng = random.Random(20260315)
    table = FollowUp._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3: COPY … FROM STDIN, row by row
            with raw.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in generate_rows(rows, agencies, rng):
                    copy.write_row(row)
        return
    batch = []
    for row in generate_rows(rows, agencies, rng):
        batch.append(FollowUp(**dict(zip(COLUMNS, row, strict=True))))
        if len(batch) == 5000:
            FollowUp.objects.bulk_create(batch)
            batch = []
    FollowUp.objects.bulk_create(batch)


def _trigram_indexes():
    """(index name, table) of the migrations' trigram indexes the search uses."""
    from councils.models import Agency
    from hdnd_portal.core.migration_ops import AddTrigramIndex
    from hdnd_portal.followups.models import FollowUp

    return [
        (AddTrigramIndex(model._meta.model_name).index_name(model), model._meta.db_table)
        for model in (FollowUp, Agency)
    ]


def drop_indexes() -> None:
    """The migrations create the indexes: drop them for the "none" measurements."""
    with connection.cursor() as cursor:
        for index, _table in _trigram_indexes():
            cursor.execute(f"DROP INDEX IF EXISTS {index}")


def create_indexes() -> None:
    """The same indexes the migrations create (``AddTrigramIndex``), built on the loaded data."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for index, table in _trigram_indexes():
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (search_text gin_trgm_ops)"
            )


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def inbox(council_id: int, q: str, through: tuple[str, ...]):
    """The inbox's query: open items of the council, searched, by due date."""
    from hdnd_portal.followups.selectors import followup_queryset

    access = Access(user_id=0, council_id=council_id, council_name="", role="staff")
    return followup_queryset(access).open().search(q, through=through).order_by("due_date", "id")


def timed(fn) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = fn()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), result


def measure(council_id: int, label: str) -> list[dict]:
    results = []
    for name, q in QUERIES:
        for through in ((), ("agency",)):
            qs = inbox(council_id, q, through)
            count_ms, total = timed(qs.count)
            page_ms, _rows = timed(lambda qs=qs: list(qs[:PAGE]))
            results.append(
                {
                    "index": label,
                    "query": f"{name}: {q!r}" + (" + agency" if through else ""),
                    "matches": total,
                    "count_ms": count_ms,
                    "page_ms": page_ms,
                }
            )
            row = results[-1]
            print(
                f"{label:9} {row['query']:42} {row['matches']:>8} "
                f"{row['count_ms']:>10.1f} {row['page_ms']:>10.1f}",
                flush=True,
            )
    return results


def explain(council_id: int, q: str, through: tuple[str, ...]) -> None:
    qs = inbox(council_id, q, through)[:PAGE]
    sql, params = qs.query.sql_with_params()
    print(f"\nEXPLAIN (ANALYZE, BUFFERS) inbox page, q={q!r}, through={through}:")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        for (line,) in cursor.fetchall():
            print("  " + line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=None, help="follow-ups (default 500000)")
    parser.add_argument("--councils", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()
    is_pg = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    rows = args.rows or (500_000 if is_pg else SQLITE_MAX_ROWS)
    if not is_pg and rows > SQLITE_MAX_ROWS:
        print(
            f"SQLite is for a small run only (--rows {SQLITE_MAX_ROWS} at most); set "
            "DATABASE_URL to a PostgreSQL server for the 500,000-row benchmark.",
            file=sys.stderr,
        )
        return 2

    old_name = settings.DATABASES["default"]["NAME"]
    name = setup_database()
    try:
        started = time.perf_counter()
        if is_pg:
            drop_indexes()
        agencies = create_agencies(args.councils)
        load_followups(rows, agencies)
        analyze()
        council_id = agencies[0][0]
        print(
            f"{rows} follow-ups in {args.councils} council(s) on {connection.vendor} "
            f"({name}), written in {time.perf_counter() - started:.1f} s; "
            f"median of {REPEAT} runs."
        )
        print(f"{'index':9} {'query':42} {'matches':>8} {'count ms':>10} {'page ms':>10}")
        results = measure(council_id, "none")
        if is_pg:
            explain(council_id, "khe nua", ("agency",))
            started = time.perf_counter()
            create_indexes()
            analyze()
            print(f"\npg_trgm GIN indexes built in {time.perf_counter() - started:.1f} s\n")
            print(f"{'index':9} {'query':42} {'matches':>8} {'count ms':>10} {'page ms':>10}")
            results += measure(council_id, "pg_trgm")
            explain(council_id, "khe nua", ())
            explain(council_id, "khe nua", ("agency",))
            explain(council_id, "thoat nuoc thon ha", ("agency",))
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

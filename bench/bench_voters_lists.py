"""Benchmark (not a test): the voters' list pages of a small and a big council, on PostgreSQL.

Issue 24: a list page must not slow down as a council's history grows. This builds, in a
throw-away PostgreSQL database it creates itself (``hdnd_bench_voters`` on the server of
``DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/postgres``; ``--db`` names
another), one small council (1,500 voters' petitions) and one big one (12,000), both among
other councils holding ``--others`` synthesised petitions between them (the city's history
the lists must not read), then requests each voters list as each council's office user
through Django's test client and prints:

* the page time (median of ``--runs`` requests after warm-ups, templates rendered), small
  and big, and their ratio;
* the page query (the SELECT that reads the page's rows) as PostgreSQL times it
  (``EXPLAIN ANALYZE``), small and big, and their ratio; and the list's ``COUNT``.

Goal (issue 24): ratio big ÷ small ≤ 1.5 for the page and its page query: ``MET`` or
``MISS`` each. The database is dropped at the end (``--keep`` keeps it; a database of that
name this script did not create is never touched).

    .venv/bin/python bench/bench_voters_lists.py
    .venv/bin/python bench/bench_voters_lists.py --small 1500 --big 12000 --others 60000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")  # test-only keys
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

GOAL_RATIO = 1.5
# The database's comment: what tells this script a database is its own to drop.
MARK = "throw-away database of bench/bench_voters_lists.py"
WARMUP = 2
# (label, URL name, query string, council-dependent kwargs)
PAGES = [
    ("voters' petitions", "voters-voterpetition-list", ""),
    ("voters' petitions, not merged", "voters-voterpetition-list", "synthesized_state=false"),
    ("voters' petitions, merged", "voters-voterpetition-list", "synthesized_state=true"),
    ("synthesised petitions", "voters-synthesizedpetition-list", ""),
    ("synthesised, forwarded", "voters-synthesizedpetition-list", "state=forwarded"),
    ("repeated petitions", "voters-repeats", ""),
    ("voter meetings", "voters-votermeeting-list", ""),
    ("merge page (candidates)", "voters-merge", ""),
    ("public page", "voters-public", ""),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=1500, help="voters' petitions, small")
    parser.add_argument("--big", type=int, default=12000, help="voters' petitions, big")
    parser.add_argument("--others", type=int, default=60000, help="other councils' synthesised")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--db", default="hdnd_bench_voters")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    return parser.parse_args()


def server_url(name: str) -> str:
    url = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    if not url.scheme.startswith("postgres"):
        sys.exit("PostgreSQL only: set DATABASE_URL to a postgres:// server (any database).")
    return urlunsplit(url._replace(path=f"/{name}"))


def admin(sql: str, *params, fetch: bool = False):
    import psycopg

    with psycopg.connect(server_url("postgres"), autocommit=True) as conn:
        rows = conn.execute(sql, params or None)
        return rows.fetchall() if fetch else None


def create_database(name: str) -> None:
    exists = admin("SELECT 1 FROM pg_database WHERE datname = %s", name, fetch=True)
    if exists:
        comment = admin(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            name,
            fetch=True,
        )[0][0]
        if comment != MARK:
            sys.exit(f"Database {name} exists and is not this benchmark's: not touching it.")
        admin(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{name}"')
    admin(f"COMMENT ON DATABASE \"{name}\" IS '{MARK}'")


def drop_database(name: str) -> None:
    from django.db import connections

    connections.close_all()
    comment = admin(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        name,
        fetch=True,
    )
    if comment and comment[0][0] == MARK:
        admin(f'DROP DATABASE "{name}" WITH (FORCE)')


# -- data ----------------------------------------------------------------------------------
def copy_rows(model, rows: list[dict]) -> None:
    """COPY ``rows`` (dicts by attname, ids included) into ``model``'s table."""
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    fields = model._meta.concrete_fields
    defaults = {}
    for f in fields:
        if f.has_default():
            defaults[f.attname] = f.get_default()
        elif f.name in ("created_at", "updated_at"):
            defaults[f.attname] = now
        elif not f.null and f.empty_strings_allowed:
            defaults[f.attname] = ""
        else:
            defaults[f.attname] = None
    names = [f.attname for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {model._meta.db_table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([row.get(n, defaults[n]) for n in names])


def build_council(n: int, petitions: int, ids: dict, rng: random.Random) -> dict:
    """A council with five years of voter meetings, ``petitions`` voters' petitions (about
    eight behind each synthesised one; the last few not merged yet) and their answers."""
    from councils.models import Agency, Committee, Council, Term
    from hdnd_portal.core.text import fold
    from meetings.models import Session
    from tests.factories import persona
    from voters.models import PetitionField, SynthesizedPetition, VoterMeeting, VoterPetition

    council = Council.objects.create(name=f"HĐND xã Bench {n}", slug=f"bv-{n}", commune=f"B{n}")
    term = Term.objects.create(
        council=council, name="2021-2026", number=1, start_date=dt.date(2021, 6, 25)
    )
    group = Committee.objects.create(
        council=council, term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 1"
    )
    sessions = [
        Session.objects.create(
            council=council, term=term, number=i + 1, start_date=dt.date(2021, 7, 1) + 180 * DAY * i
        )
        for i in range(10)
    ]
    agency = Agency.objects.create(council=council, name="Ủy ban nhân dân xã", kind="ubnd")
    fields = [
        PetitionField.objects.create(council=council, name=name, order=i)
        for i, name in enumerate(("Đất đai", "Giao thông", "Môi trường", "Y tế", "Giáo dục"))
    ]
    c = {"council_id": council.pk, "search_text": ""}
    meetings, synths, raws = [], [], []
    n_meetings = max(10, petitions // 20)
    start = dt.date(2021, 7, 1)
    for m in range(n_meetings):
        held = start + dt.timedelta(days=int(m * 1800 / n_meetings))
        session = sessions[min(9, (held - start).days // 180)]
        ids["meeting"] += 1
        meetings.append(
            {
                **c,
                "id": ids["meeting"],
                "kind": "before",
                "session_id": session.pk,
                "holder_id": group.pk,
                "place": f"Thôn {m % 12}",
                "search_text": f"thon {m % 12}",
                "held_on": held,
                "voter_count": 80,
            }
        )
    unmerged = max(20, petitions // 50)
    for p in range(petitions):
        meeting = meetings[p * n_meetings // petitions]
        text = f"Cử tri đề nghị sửa đường thôn {p % 12}, kiến nghị {p}."
        synth_id = None
        if p < petitions - unmerged:
            if p % 8 == 0:
                ids["synth"] += 1
                forwarded = rng.random() < 0.9
                synths.append(
                    {
                        **c,
                        "id": ids["synth"],
                        "content": text,
                        "search_text": fold(text),
                        "field_id": fields[p % 5].pk,
                        "session_id": meeting["session_id"],
                        "agency_id": agency.pk if forwarded else None,
                        "forwarded_on": meeting["held_on"] + 20 * DAY if forwarded else None,
                        "state": rng.choice(("forwarded", "answered", "resolved"))
                        if forwarded
                        else "new",
                        "repeat_of_id": ids["synth"] - 40 if p % 160 == 8 and synths else None,
                    }
                )
            synth_id = ids["synth"]
        ids["petition"] += 1
        raws.append(
            {
                **c,
                "id": ids["petition"],
                "meeting_id": meeting["id"],
                "meeting_held_on": meeting["held_on"],
                "content": text,
                "search_text": fold(text),
                "field_id": fields[p % 5].pk,
                "voter_count": 1 + p % 4,
                "synthesized_id": synth_id,
            }
        )
    # A repeat points at an earlier petition of the same council.
    first_synth = synths[0]["id"] if synths else 0
    for s in synths:
        if s["repeat_of_id"] is not None and s["repeat_of_id"] < first_synth:
            s["repeat_of_id"] = None
    copy_rows(VoterMeeting, meetings)
    copy_rows(SynthesizedPetition, synths)
    copy_rows(VoterPetition, raws)
    user = persona("staff", council, username=f"vanphong-{n}")
    return {"council": council, "user": user, "petitions": petitions, "synths": len(synths)}


DAY = dt.timedelta(days=1)


def build(args) -> tuple[dict, dict]:
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    rng = random.Random(24)
    ids = {"meeting": 0, "synth": 0, "petition": 0}
    with transaction.atomic():
        small = build_council(1, args.small, ids, rng)
    # The rest of the city: other councils' history, written between the two measured ones.
    per_other = 8 * 1500  # about 1,500 synthesised petitions each
    for n in range(2, 2 + max(0, args.others // 1500)):
        with transaction.atomic():
            build_council(n, per_other, ids, rng)
    with transaction.atomic():
        big = build_council(1000, args.big, ids, rng)
    with connection.cursor() as cursor:
        for table in ("voters_votermeeting", "voters_synthesizedpetition", "voters_voterpetition"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        cursor.execute("VACUUM ANALYZE")
    return small, big


def reused() -> tuple[dict, dict]:
    """The councils of a kept database, migrated first (the migrations under test run on
    the data of the code before them)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.1f} s")

    from voters.models import SynthesizedPetition, VoterPetition

    sides = []
    for n in (1, 1000):
        user = get_user_model().objects.get(username=f"vanphong-{n}")
        council = user.council_roles.get().council
        sides.append(
            {
                "council": council,
                "user": user,
                "petitions": VoterPetition.objects.filter(council=council).count(),
                "synths": SynthesizedPetition.objects.filter(council=council).count(),
            }
        )
    return sides[0], sides[1]


def others_count(small: dict, big: dict) -> int:
    from voters.models import SynthesizedPetition

    return SynthesizedPetition.objects.exclude(
        council__in=[small["council"], big["council"]]
    ).count()


# -- measure -------------------------------------------------------------------------------
def explain_ms(sql: str) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = plan if isinstance(plan, list) else json.loads(plan)
    return plan[0]["Execution Time"]


def page_query(queries: list[str]) -> tuple[str, str]:
    """The page's row query (a SELECT with LIMIT on a voters table) and its COUNT."""
    rows = count = ""
    for sql in queries:
        head = sql.lstrip().upper()
        if not head.startswith("SELECT") or "voters_" not in sql:
            continue
        if "COUNT(*)" in head[:40] and not count:
            count = sql
        elif " LIMIT " in sql.upper() and not rows:
            rows = sql
    return rows, count


def measure(client, url: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, secure=True)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        client.get(url, secure=True)
    sqls = [q["sql"] for q in ctx.captured_queries]
    rows, count = page_query(sqls)
    best = lambda sql: min(explain_ms(sql) for _ in range(5)) if sql else 0.0  # noqa: E731
    return {
        "ms": statistics.median(times),
        "queries": len(sqls),
        "rows_ms": best(rows),
        "count_ms": best(count),
    }


def ratio(big: float, small: float, floor: float = 0.0) -> float:
    # Below half a millisecond a query's time on a shared machine is noise: floor both.
    return max(big, floor) / max(small, floor)


def main() -> int:
    args = parse_args()
    if not args.reuse:
        create_database(args.db)
    os.environ["DATABASE_URL"] = server_url(args.db)
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    try:
        started = time.perf_counter()
        small, big = reused() if args.reuse else build(args)
        print(
            f"built in {time.perf_counter() - started:.0f} s: small council "
            f"{small['petitions']} voters' petitions ({small['synths']} synthesised), big "
            f"{big['petitions']} ({big['synths']}), other councils' synthesised "
            f"{others_count(small, big)}; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        print(
            f"{'list':32s} {'page ms small/big':>18s} {'ratio':>6s}  "
            f"{'page query ms':>15s} {'ratio':>6s}  {'count ms':>11s}  queries  goal"
        )
        missed = 0
        for label, name, query in PAGES:
            result = {}
            for key, side in (("small", small), ("big", big)):
                client = Client()
                client.force_login(side["user"])
                kwargs = {"slug": side["council"].slug} if name == "voters-public" else {}
                url = reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")
                result[key] = measure(client, url, args.runs)
            s, b = result["small"], result["big"]
            page_ratio, query_ratio = (
                ratio(b["ms"], s["ms"]),
                ratio(b["rows_ms"], s["rows_ms"], 0.5),
            )
            met = page_ratio <= GOAL_RATIO and query_ratio <= GOAL_RATIO
            missed += not met
            print(
                f"{label:32s} {s['ms']:8.1f}/{b['ms']:<8.1f} {page_ratio:6.2f}  "
                f"{s['rows_ms']:6.2f}/{b['rows_ms']:<7.2f} {query_ratio:6.2f}  "
                f"{s['count_ms']:5.2f}/{b['count_ms']:<5.2f}  {s['queries']:>3d}/{b['queries']:<3d}  "
                f"{'MET' if met else 'MISS'}"
            )
        print(f"goal: big ÷ small ≤ {GOAL_RATIO} (page and page query): {missed} missed")
        return 1 if missed else 0
    finally:
        if not args.keep:
            drop_database(args.db)


if __name__ == "__main__":
    sys.exit(main())

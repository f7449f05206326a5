"""Benchmark of the daily reminder job on 1k, 10k and 100k (up to 1M) open follow-ups.

    python bench/bench_reminders.py                  # SQLite file var/bench/reminders.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1/hdnd python bench/bench_reminders.py
                                                     # PostgreSQL database hdnd_bench_reminders
    python bench/bench_reminders.py --sizes 1000,10000 --keep
    DATABASE_URL=… python bench/bench_reminders.py --sizes 1000000 --runs all-due

The database is a throwaway one, ``<DATABASE_URL's name>_bench_reminders`` on
PostgreSQL: the bench creates it, refuses to start when it already exists (it
never drops a database it did not create), migrates it the way the test runner
does, and drops it at the end (``--keep`` keeps it). On PostgreSQL the items
are written with ``COPY`` (not timed). For each size
the items belong to 10 councils of 20 agencies each (every agency has a user
and an address; every council has 2 Office clerks and 2 Standing Committee
members), and three runs of the job are measured:

* ``go-live``: due dates spread over the year, a backlog overdue 15+ days
  never escalated (12 % of the items): the first run after installation;
* ``next day``: the same items the day after (steady state);
* ``all due``: every item hits the same stage the same day (worst case).

Each run is measured in a fresh Python process (as a worker runs it): wall time, CPU time of
the job's process (user + system; the database server's CPU is not in it), the
number of SQL statements, and the peak resident set size of the process
(Linux's ``VmHWM``: the interpreter, Django and everything the job held, what
the machine must really have; "job" is the part above the process's resident
size just before the job, i.e. after ``django.setup()``). The issue's goal — 1,000,000 open
items all due: at most 30 s and 300 MB — is printed as MET or MISS on every
row; below 1M it is the same absolute limit, so there it is only informational.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")  # test-only keys

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.mail.backends.base import BaseEmailBackend  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from hdnd_portal.followups.reminders import run_reminders  # noqa: E402

COUNCILS = 10
AGENCIES_PER_COUNCIL = 20
TODAY = dt.date(2027, 3, 1)
GOAL_SECONDS = 30
GOAL_MB = 300
RUNS = ("go-live", "next-day", "all-due")


class CountingBackend(BaseEmailBackend):
    """Builds each MIME message as SMTP would, counts it and keeps nothing."""

    sent = 0

    def send_messages(self, email_messages):
        for message in email_messages:
            message.message().as_bytes()
        CountingBackend.sent += len(email_messages)
        return len(email_messages)


class QueryCounter:
    """Counts SQL statements without keeping them (CaptureQueriesContext would)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _remove_sqlite_files(name: str) -> None:
    # Django removes the database file but not SQLite's WAL files: a stale WAL
    # would be replayed into the next database of the same name.
    for suffix in ("", "-wal", "-shm"):
        Path(name + suffix).unlink(missing_ok=True)


def setup_database() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        folder = Path(settings.VAR_DIR) / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        db["TEST"]["NAME"] = str(folder / "reminders.sqlite3")
        _remove_sqlite_files(db["TEST"]["NAME"])
        return connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=False
        )
    name = f"{db['NAME']}_bench_reminders"
    db["TEST"]["NAME"] = name
    # CREATE DATABASE fails on an existing one: the bench only ever drops what it made.
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone():
            sys.exit(f"The database {name} exists; the bench did not create it and stops.")
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
    # keepdb: migrate the database just made (never drop and recreate one).
    return connection.creation.create_test_db(
        verbosity=0, autoclobber=False, serialize=False, keepdb=True
    )


def create_people():
    from councils.models import Agency, Council, CouncilRole, User

    users, roles, agencies = [], [], []
    for c in range(COUNCILS):
        council = Council.objects.create(
            name=f"Hội đồng nhân dân xã Thử {c}", slug=f"thu-{c}", commune=f"Thử {c}"
        )
        for a in range(AGENCIES_PER_COUNCIL):
            agencies.append(
                Agency(
                    council=council,
                    name=f"Cơ quan {c}-{a}",
                    kind="ubnd_unit",
                    email=f"coquan{c}-{a}@example.vn",
                )
            )
        for role, n in (("staff", 2), ("standing", 2)):
            for i in range(n):
                user = User(username=f"{role}-{c}-{i}", email=f"{role}-{c}-{i}@example.vn")
                users.append(user)
                roles.append((user, council, role, None))
    Agency.objects.bulk_create(agencies)
    for agency in agencies:
        user = User(username=f"agency-{agency.pk}", email=f"agency-{agency.pk}@example.vn")
        users.append(user)
        roles.append((user, agency.council, "agency", agency))
    User.objects.bulk_create(users)
    CouncilRole.objects.bulk_create(
        CouncilRole(user=u, council=c, role=r, agency=a) for u, c, r, a in roles
    )
    return agencies


def create_items(n: int, agencies, due_for) -> None:
    from hdnd_portal.followups.models import FollowUp

    rng = random.Random(n)

    def items():
        for i in range(n):
            agency = rng.choice(agencies)
            due = due_for(i, rng)
            yield FollowUp(
                council_id=agency.council_id,
                agency=agency,
                kind="task",
                title=f"Trả lời kiến nghị cử tri số {i}",
                started_on=due - dt.timedelta(days=30),
                original_due_date=due,
                due_date=due,
            )

    if connection.vendor == "postgresql":
        _copy_items(items())
    else:
        batch = []
        for item in items():
            batch.append(item)
            if len(batch) == 5000:
                FollowUp.objects.bulk_create(batch)
                batch = []
        FollowUp.objects.bulk_create(batch)
    # A live database has planner statistics (autovacuum); a freshly loaded one not yet.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _copy_items(items) -> None:
    """``COPY`` the items, each column as ``bulk_create`` would prepare it (streamed)."""
    from hdnd_portal.followups.models import FollowUp

    fields = [f for f in FollowUp._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    connection.ensure_connection()
    with transaction.atomic(), connection.connection.cursor() as raw:
        with raw.copy(f"COPY {FollowUp._meta.db_table} ({columns}) FROM STDIN") as copy:
            for obj in items:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )


def reset_runs() -> None:
    """Forget every run (logs, outbox, notifications, escalations) but keep the items."""
    from hdnd_portal.followups.models import FollowUp, ReminderLog
    from hdnd_portal.notifications.models import Notification, OutboxMessage

    with connection.cursor() as cursor:
        for model in (ReminderLog, OutboxMessage, Notification, FollowUp.history.model):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    FollowUp.objects.update(escalated_at=None)


def undo_runs_after(moment: dt.datetime) -> None:
    """Back to the state at ``moment`` (a run after it is measured again)."""
    from hdnd_portal.followups.models import FollowUp, ReminderLog
    from hdnd_portal.notifications.models import Notification, OutboxMessage

    ReminderLog.objects.filter(sent_at__gt=moment).delete()
    OutboxMessage.objects.filter(created_at__gt=moment).delete()
    Notification.objects.filter(created_at__gt=moment).delete()
    FollowUp.objects.filter(escalated_at__gt=moment).update(escalated_at=None)


def clear_items() -> None:
    from hdnd_portal.followups.models import FollowUp

    reset_runs()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(FollowUp._meta.db_table)}")


def measure(day: dt.date, before=None) -> dict:
    """Run the job on ``day`` in a fresh Python process, as a worker would run it."""
    if before:
        before()
    child = subprocess.run(
        [sys.executable, __file__, "--child", day.isoformat(), connection.settings_dict["NAME"]],
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode:
        sys.exit(f"The measured run failed:\n{child.stderr}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def _rss_mb(key: str) -> float:
    """``VmHWM`` (peak) or ``VmRSS`` (now) of this process, from Linux's /proc.

    Not ``getrusage``'s ``ru_maxrss``: Linux keeps that across ``exec``, so a child
    of a big bench process would report the parent's peak.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024  # kB
    return 0.0


def child(day: str, name: str) -> None:
    """The measured process: Django is set up, the job runs once, JSON on the last line."""
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    settings.DEBUG = False
    connection.settings_dict["NAME"] = name
    counter = QueryCounter()
    before = _rss_mb("VmRSS")
    cpu, started = time.process_time(), time.perf_counter()
    with connection.execute_wrapper(counter):
        stats = run_reminders(today=dt.date.fromisoformat(day))
    result = {
        **stats,
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "queries": counter.count,
        "rss_mb": _rss_mb("VmHWM"),
        "rss_before_mb": before,
        "mails": CountingBackend.sent,
    }
    print(json.dumps(result))


def print_row(n, scenario, r) -> None:
    met = r["seconds"] <= GOAL_SECONDS and r["rss_mb"] <= GOAL_MB
    print(
        f"{n:>9,} {scenario:<9} {r['seconds']:>7.2f} {r['cpu']:>7.2f} {r['queries']:>7} "
        f"{r['rss_mb']:>7.1f} {r['rss_mb'] - r['rss_before_mb']:>6.1f} {r['reminders']:>9,} {r['escalated']:>9,} {r['digests']:>7} "
        f"{r['mails']:>6}  {'MET' if met else 'MISS'}",
        flush=True,
    )


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:4])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", default=",".join(RUNS), help=f"which runs, of {', '.join(RUNS)}")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = [r.strip() for r in args.runs.split(",")]
    if set(runs) - set(RUNS):
        parser.error(f"--runs: one or more of {', '.join(RUNS)}")

    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    settings.DEBUG = False
    old_name = connection.settings_dict["NAME"]
    name = setup_database()
    print(
        f"database: {connection.vendor} {name}; stages {settings.FOLLOWUP_REMINDER_STAGES}, "
        f"escalation after {settings.FOLLOWUP_ESCALATE_AFTER_DAYS} days; "
        f"goal: 1,000,000 all due in <= {GOAL_SECONDS} s and <= {GOAL_MB} MB peak RSS "
        "(MET/MISS on every row, the same absolute limit at every size)"
    )
    print(
        f"{'items':>9} {'run':<9} {'wall s':>7} {'CPU s':>7} {'queries':>7} {'RSS MB':>7} {'job':>6} "
        f"{'reminders':>9} {'escalated':>9} {'digests':>7} {'mails':>6}  goal"
    )
    try:
        agencies = create_people()
        for n in sizes:
            if "go-live" in runs or "next-day" in runs:
                clear_items()
                # Due dates spread from 60 days ago to 300 days ahead.
                create_items(
                    n, agencies, lambda i, rng: TODAY + dt.timedelta(days=rng.randint(-60, 299))
                )
                if "go-live" in runs:
                    print_row(n, "go-live", measure(TODAY, before=reset_runs))
                if "next-day" in runs:
                    # Steady state: the day after the go-live run.
                    reset_runs()
                    run_reminders(today=TODAY)
                    day_one_end = timezone.now()
                    print_row(
                        n,
                        "next day",
                        measure(
                            TODAY + dt.timedelta(days=1),
                            before=partial(undo_runs_after, day_one_end),
                        ),
                    )
            if "all-due" in runs:
                clear_items()
                create_items(n, agencies, lambda i, rng: TODAY + dt.timedelta(days=7))
                print_row(n, "all due", measure(TODAY, before=reset_runs))
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            if connection.vendor == "sqlite":
                _remove_sqlite_files(name)
        else:
            print(f"kept database {name}")


if __name__ == "__main__":
    main()

"""Benchmark of the daily reminder job on 1k, 10k and 100k open follow-ups.

    python bench/bench_reminders.py                  # SQLite file var/bench/reminders.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1/hdnd python bench/bench_reminders.py
                                                     # PostgreSQL database hdnd_bench
    python bench/bench_reminders.py --sizes 1000,10000 --keep

The database is a throwaway one, created and migrated the way the test
runner does it, and dropped at the end (``--keep`` keeps it). For each size
the items belong to 10 councils of 20 agencies each (every agency has a user
and an address; every council has 2 Office clerks and 2 Standing Committee
members), and three runs of the job are measured:

* ``go-live``: due dates spread over the year, a backlog overdue 15+ days
  never escalated (12 % of the items): the first run after installation;
* ``next day``: the same items the day after (steady state);
* ``all due``: every item hits the same stage the same day (worst case).

Each run is measured twice on the same state: once for wall time and the
number of SQL queries, once under tracemalloc for the peak Python memory
(tracemalloc slows Python down, so its time is not reported).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
import tracemalloc
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")  # test-only keys

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.mail.backends.base import BaseEmailBackend  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from hdnd_portal.followups.reminders import run_reminders  # noqa: E402

COUNCILS = 10
AGENCIES_PER_COUNCIL = 20
TODAY = dt.date(2027, 3, 1)


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
    else:
        db["TEST"]["NAME"] = f"{db['NAME']}_bench"
    name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=False
    )
    return name


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
    batch = []
    for i in range(n):
        agency = rng.choice(agencies)
        due = due_for(i, rng)
        batch.append(
            FollowUp(
                council_id=agency.council_id,
                agency=agency,
                kind="task",
                title=f"Trả lời kiến nghị cử tri số {i}",
                started_on=due - dt.timedelta(days=30),
                original_due_date=due,
                due_date=due,
            )
        )
        if len(batch) == 5000:
            FollowUp.objects.bulk_create(batch)
            batch = []
    FollowUp.objects.bulk_create(batch)
    # A live database has planner statistics (autovacuum); a freshly loaded one not yet.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


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
    """Run the job on ``day`` twice from the same state: time+queries, then memory."""

    def one(traced: bool):
        if before:
            before()
        CountingBackend.sent = 0
        counter = QueryCounter()
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            stats = run_reminders(today=day)
        elapsed = time.perf_counter() - started
        peak = 0
        if traced:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        return stats, elapsed, counter.count, peak

    stats, elapsed, queries, _ = one(traced=False)
    _, _, _, peak = one(traced=True)
    return {
        **stats,
        "seconds": elapsed,
        "queries": queries,
        "peak_mb": peak / 2**20,
        "mails": CountingBackend.sent,
    }


def print_row(n, scenario, r) -> None:
    print(
        f"{n:>8,} {scenario:<9} {r['seconds']:>8.2f} {r['queries']:>8} {r['peak_mb']:>8.1f} "
        f"{r['reminders']:>9,} {r['escalated']:>9,} {r['digests']:>7} {r['mails']:>6}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    settings.DEBUG = False
    old_name = connection.settings_dict["NAME"]
    name = setup_database()
    print(
        f"database: {connection.vendor} {name}; stages {settings.FOLLOWUP_REMINDER_STAGES}, "
        f"escalation after {settings.FOLLOWUP_ESCALATE_AFTER_DAYS} days"
    )
    print(
        f"{'items':>8} {'run':<9} {'seconds':>8} {'queries':>8} {'peak MB':>8} "
        f"{'reminders':>9} {'escalated':>9} {'digests':>7} {'mails':>6}"
    )
    try:
        agencies = create_people()
        for n in sizes:
            clear_items()
            # Due dates spread from 60 days ago to 300 days ahead.
            create_items(
                n, agencies, lambda i, rng: TODAY + dt.timedelta(days=rng.randint(-60, 299))
            )
            print_row(n, "go-live", measure(TODAY, before=reset_runs))
            # Steady state: the day after the go-live run.
            reset_runs()
            run_reminders(today=TODAY)
            day_one_end = timezone.now()
            print_row(
                n,
                "next day",
                measure(TODAY + dt.timedelta(days=1), before=partial(undo_runs_after, day_one_end)),
            )
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

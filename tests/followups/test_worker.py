"""A real Celery worker process runs the daily reminders (embedded filesystem broker).

The worker is a separate process, as under ``make run``: it sees the test
database (PostgreSQL: the test database itself; SQLite: a file copy of the
in-memory test database) and the task reaches it through the broker. The
helpers here are shared with ``test_worker_redis.py``.
"""

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from tests.factories import AgencyFactory, CouncilFactory, FollowUpFactory, persona

pytestmark = pytest.mark.worker

ROOT = Path(settings.BASE_DIR)
DUE = dt.date(2026, 11, 30)
STARTUP_TIMEOUT = 60
TASK_TIMEOUT = 60


class WorkerDatabase:
    """The test database as another process sees it, and a way to read it back."""

    def __init__(self, tmp_path: Path):
        db = connection.settings_dict
        self.vendor = connection.vendor
        if self.vendor == "postgresql":
            auth = quote(db["USER"] or "", safe="")
            if db["PASSWORD"]:
                auth += ":" + quote(db["PASSWORD"], safe="")
            self.url = (
                f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
            )
            self.path = None
        elif self.vendor == "sqlite":
            self.path = tmp_path / "worker.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            pytest.fail(f"no worker test for the {self.vendor} backend")

    def publish(self) -> None:
        """Make what the test wrote visible to the worker (SQLite: copy to the file)."""
        if self.path is not None:
            connection.ensure_connection()
            target = sqlite3.connect(self.path)
            try:
                connection.connection.backup(target)
            finally:
                target.close()

    def scalar(self, sql: str):
        if self.path is not None:
            with sqlite3.connect(self.path, timeout=30) as db:
                return db.execute(sql).fetchone()[0]
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]


def seed_overdue_item() -> None:
    """An item due on DUE at an agency with a user and an address, and an Office clerk."""
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    agency = AgencyFactory(council=council, name="Phòng Kinh tế", email="ktxh@phucloc.vn")
    persona("agency", council, username="can-bo-kt", agency=agency)
    persona("staff", council, username="van-phong")
    FollowUpFactory(
        council=council, agency=agency, original_due_date=DUE, title="Sửa chữa đường liên thôn"
    )


def new_queue_name() -> str:
    return f"test-{uuid.uuid4().hex[:10]}"


class Worker:
    """``celery -A hdnd_portal worker`` in a subprocess, on its own queue."""

    def __init__(
        self, tmp_path: Path, database: WorkerDatabase, redis_url: str = "", queue: str = ""
    ):
        self.queue = queue or new_queue_name()
        self.var_dir = tmp_path / "var"
        self.log_path = tmp_path / "worker.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hdnd_portal.settings",
            "DATABASE_URL": database.url,
            "VAR_DIR": str(self.var_dir),
            "REDIS_URL": redis_url,
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "PYTHONUNBUFFERED": "1",
        }
        self.redis_url = redis_url
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "hdnd_portal",
                "worker",
                "--loglevel=INFO",
                "--pool=solo",
                "-Q",
                self.queue,
                "-n",
                f"{self.queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the worker exited ({self.process.returncode}):\n{self.log()}")
            if "ready." in self.log():
                return
            time.sleep(0.3)
        pytest.fail(f"the worker did not start in {STARTUP_TIMEOUT} s:\n{self.log()}")

    def producer(self) -> Celery:
        """A Celery client configured as the web process would be (same broker)."""
        if self.redis_url:
            return Celery("worker-test", broker=self.redis_url)
        folder = self.var_dir / "celery"
        return Celery(
            "worker-test",
            broker="filesystem://",
            broker_transport_options={
                "data_folder_in": str(folder / "queue"),
                "data_folder_out": str(folder / "queue"),
                "control_folder": str(folder / "control"),
            },
        )

    def send(self, task: str, **kwargs) -> None:
        app = self.producer()
        try:
            app.send_task(task, kwargs=kwargs, queue=self.queue)
        finally:
            app.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def mails(self) -> str:
        folder = self.var_dir / "mail"
        return "".join(p.read_text(errors="replace") for p in sorted(folder.glob("*")))


def wait_for(condition, worker: Worker, what: str):
    deadline = time.monotonic() + TASK_TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.process.poll() is not None:
            pytest.fail(f"the worker died while waiting for {what}:\n{worker.log()}")
        time.sleep(0.5)
    pytest.fail(f"no {what} after {TASK_TIMEOUT} s; worker log:\n{worker.log()}")


def run_daily_reminders_in_a_real_worker(
    tmp_path: Path, redis_url: str = "", queue: str = ""
) -> Worker:
    database = WorkerDatabase(tmp_path)
    seed_overdue_item()
    database.publish()
    worker = Worker(tmp_path, database, redis_url=redis_url, queue=queue)
    try:
        worker.start()
        worker.send("followups.daily_reminders", today=(DUE - dt.timedelta(days=7)).isoformat())

        wait_for(
            lambda: (
                database.scalar(
                    "SELECT COUNT(*) FROM notifications_outboxmessage "
                    "WHERE delivered_at IS NOT NULL"
                )
                == 3
            ),
            worker,
            "delivered digests",
        )
        assert database.scalar("SELECT COUNT(*) FROM followups_reminderlog WHERE stage = -7") == 1
        assert database.scalar("SELECT COUNT(*) FROM notifications_notification") == 2
        mails = worker.mails()
        for address in ("ktxh@phucloc.vn", "can-bo-kt@example.vn", "van-phong@example.vn"):
            assert f"To: {address}" in mails
        assert "Sửa chữa đường liên thôn" in mails
        assert "succeeded" in worker.log()
    finally:
        worker.stop()
    return worker


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_the_filesystem_broker_sends_the_reminders(tmp_path):
    run_daily_reminders_in_a_real_worker(tmp_path)

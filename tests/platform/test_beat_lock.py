"""Two beats started by mistake: only the one holding the lock sends jobs, and a beat taking over
does not send again what the other just sent.

The file lock (no Redis, one machine) runs everywhere; the Redis lock needs ``REDIS_URL`` (CI).
"""

import datetime as dt
import os
import time
import uuid

import pytest
import redis
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from hdnd_portal.celery import app
from hdnd_portal.core import beat_lock
from hdnd_portal.core.beat_lock import FileBeatLock, LockedDatabaseScheduler, RedisBeatLock


def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.skip("REDIS_URL is not set (CI sets it)")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        pytest.fail(f"REDIS_URL is set but Redis does not answer: {exc}")
    return url


@pytest.fixture(params=["file", pytest.param("redis", marks=pytest.mark.services)])
def lock_backend(request, settings, tmp_path):
    """The beat lock the settings choose: a file without Redis, Redis with it."""
    settings.CELERY_DATA_DIR = tmp_path
    settings.BEAT_LOCK_TIMEOUT = 30
    if request.param == "file":
        settings.REDIS_URL = ""
    else:
        settings.REDIS_URL = redis_url()
        settings.BEAT_LOCK_KEY = f"test-beat-lock-{uuid.uuid4().hex[:8]}"
    yield request.param
    if request.param == "redis":
        redis.Redis.from_url(settings.REDIS_URL).delete(settings.BEAT_LOCK_KEY)


def test_a_second_file_lock_waits_until_the_first_is_freed(tmp_path):
    first, second = FileBeatLock(tmp_path / "beat.lock"), FileBeatLock(tmp_path / "beat.lock")
    assert first.hold() and first.hold()  # holding it again is renewing
    assert not second.hold()
    first.release()
    assert second.hold()
    second.release()


@pytest.mark.services
def test_a_redis_lock_passes_to_the_other_beat_when_its_holder_stops_renewing():
    url, key = redis_url(), f"test-beat-lock-{uuid.uuid4().hex[:8]}"
    first, second = RedisBeatLock(url, key, timeout=30), RedisBeatLock(url, key, timeout=30)
    try:
        assert first.hold() and first.hold()
        assert not second.hold()
        # The holder dies (SIGKILL): nothing releases the lock, it expires.
        first.client.pexpire(key, 1)
        while first.client.exists(key):
            time.sleep(0.01)
        assert second.hold()
        assert not first.hold(), "a beat that lost the lock must not renew it"
    finally:
        second.release()
        first.client.delete(key)


@pytest.fixture
def due_job(transactional_db):
    # Beat calls close_old_connections(), which closes a connection inside a transaction: the
    # test cannot wrap itself in one.
    every_hour = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    return PeriodicTask.objects.create(
        name="Nhắc hạn hằng ngày (thử)",
        task="platform.test_job",  # not a registered task: beat sends it by name
        interval=every_hour,
        last_run_at=timezone.now() - dt.timedelta(hours=2),
    )


def scheduler(sent: list) -> LockedDatabaseScheduler:
    beat = LockedDatabaseScheduler(app=app)
    # Everything of beat's sending runs (saving the run to the database) but the broker.
    beat.send_task = lambda name, *args, **kwargs: sent.append(name)
    return beat


def test_two_beats_send_a_due_job_once(lock_backend, due_job):
    sent: list[str] = []
    first, second = scheduler(sent), scheduler(sent)
    try:
        for _ in range(5):
            first.tick()
            second.tick()
        assert sent == [due_job.task]
    finally:
        first.close()
        second.close()


def test_a_beat_taking_over_does_not_send_again_what_the_other_sent(lock_backend, due_job):
    sent: list[str] = []
    first, second = scheduler(sent), scheduler(sent)
    second.tick()  # the standby: loaded its schedule, sends nothing
    try:
        for _ in range(3):
            first.tick()
        assert sent == [due_job.task]
    finally:
        first.close()  # stops: frees the lock
    try:
        for _ in range(3):
            second.tick()
        assert second.beat_lock.held
        assert sent == [due_job.task]
        due_job.refresh_from_db()
        assert due_job.total_run_count == 1
    finally:
        second.close()


def test_without_redis_the_lock_is_a_file_under_the_celery_folder(settings, tmp_path):
    settings.REDIS_URL = ""
    settings.CELERY_DATA_DIR = tmp_path
    lock = beat_lock.beat_lock()
    assert isinstance(lock, FileBeatLock) and lock.path == tmp_path / "beat.lock"

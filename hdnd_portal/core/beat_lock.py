"""Exactly one scheduler: django-celery-beat's DatabaseScheduler behind a lock.

Two ``celery beat`` processes started by mistake (two machines, a scaled compose service) would
each send every periodic job. ``LockedDatabaseScheduler`` keeps django-celery-beat's schedule
(rows edited in Django admin, written by ``setup_schedules``) and sends jobs only while it holds
a lock; the other beat ticks idle and takes over when the holder stops renewing it.

* With ``REDIS_URL``: redis-py's ``Lock`` (SET NX PX with a random token, released and extended
  by Lua scripts, so only the holder renews or frees it) under ``BEAT_LOCK_KEY``, expiring after
  ``BEAT_LOCK_TIMEOUT`` seconds; the holder renews it on every tick (at most every third of the
  timeout). A beat killed with SIGKILL frees it by expiry.
* Without Redis (the embedded, one-machine default): an exclusive ``flock`` on a file under
  ``var/celery/`` that the kernel frees when the process dies.

A beat that takes the lock over reloads the schedule from the database first (the last run times
its predecessor saved: ``beat_sync_every`` is 1, so each sent job is saved at once), so it does not
send again what the other has just sent. Why not celery-redbeat: it keeps the schedule in Redis
and would drop django-celery-beat's admin pages and ``setup_schedules``.
"""

import fcntl
import logging
import os
from pathlib import Path

from django.conf import settings
from django_celery_beat.schedulers import DatabaseScheduler

logger = logging.getLogger(__name__)


class RedisBeatLock:
    def __init__(self, url: str, key: str, timeout: int):
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self.lock = self.client.lock(key, timeout=timeout, blocking=False, thread_local=False)
        self.held = False

    def hold(self) -> bool:
        """True while this process holds the lock (taking or renewing it)."""
        import redis

        try:
            if self.held:
                self.lock.reacquire()
            else:
                self.held = bool(self.lock.acquire(blocking=False))
                return self.held
        except redis.exceptions.LockError:
            self.held = False  # expired and taken by another beat
        except redis.RedisError:
            logger.warning("beat lock: Redis does not answer; sending nothing meanwhile")
            self.held = False
        return self.held

    def release(self) -> None:
        import redis

        if self.held:
            self.held = False
            try:
                self.lock.release()
            except redis.RedisError:
                pass  # expires by itself


class FileBeatLock:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.fd: int | None = None

    @property
    def held(self) -> bool:
        return self.fd is not None

    def hold(self) -> bool:
        if self.fd is None:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
            self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # frees the flock
            self.fd = None


def beat_lock():
    if settings.REDIS_URL:
        return RedisBeatLock(settings.REDIS_URL, settings.BEAT_LOCK_KEY, settings.BEAT_LOCK_TIMEOUT)
    return FileBeatLock(Path(settings.CELERY_DATA_DIR) / "beat.lock")


class LockedDatabaseScheduler(DatabaseScheduler):
    """DatabaseScheduler that sends jobs only while it holds the beat lock."""

    def __init__(self, *args, **kwargs):
        self.beat_lock = beat_lock()
        self.renew_every = max(1.0, settings.BEAT_LOCK_TIMEOUT / 3)
        super().__init__(*args, **kwargs)

    def tick(self, *args, **kwargs):
        was_held = self.beat_lock.held
        if not self.beat_lock.hold():
            if was_held:
                logger.warning("beat lock lost: this beat stops sending jobs")
            # Standing by: keep up with the schedule the holder saves (each sent job is saved at
            # once, CELERY_BEAT_SYNC_EVERY=1), so a takeover starts from the last run times.
            self.schedule  # noqa: B018 (the property reloads what changed)
            return min(self.renew_every, self.max_interval)
        if not was_held:
            logger.info("beat lock taken: this beat sends the periodic jobs")
            self._heap = None  # rebuilt from the schedule as it is now
        return min(super().tick(*args, **kwargs), self.renew_every)

    def populate_heap(self, *args, **kwargs):
        # django-celery-beat flags the heap as stale when it reloads a changed schedule and clears
        # the flag only in schedules_equal(); when the reload happens while the heap is being
        # built (the first tick after another process saved a schedule row: a second beat
        # starting, an admin edit), the flag survives and the next tick rebuilds the heap from
        # entries read before the job was sent: the job goes out twice. Built now: not stale.
        self._heap_invalidated = False
        super().populate_heap(*args, **kwargs)

    def close(self):
        try:
            super().close()
        finally:
            self.beat_lock.release()

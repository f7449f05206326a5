"""A real Celery worker on the machine's Redis runs the daily reminders.

Needs ``REDIS_URL`` (CI sets it): without it the test is skipped; with it and
Redis unreachable the test FAILS. The worker uses its own Redis database index
(``WORKER_TEST_REDIS_DB``, default 13) and its own queue, so it never takes
tasks from, or gives them to, a development worker on the same Redis.
"""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis

from tests.followups.test_worker import new_queue_name, run_daily_reminders_in_a_real_worker

pytestmark = [pytest.mark.services, pytest.mark.worker]


def dedicated_redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.skip("REDIS_URL is not set (CI sets it)")
    parts = urlsplit(url)
    index = os.environ.get("WORKER_TEST_REDIS_DB", "13")
    url = urlunsplit((parts.scheme, parts.netloc, f"/{index}", parts.query, parts.fragment))
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        pytest.fail(f"REDIS_URL is set but Redis does not answer at {url}: {exc}")
    return url


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_sends_the_reminders(tmp_path):
    url = dedicated_redis_url()
    queue = new_queue_name()
    try:
        worker = run_daily_reminders_in_a_real_worker(tmp_path, redis_url=url, queue=queue)
        assert "redis://" in worker.log()  # the worker's banner names its broker
    finally:
        # The queue and its bindings were this test's only; task results expire by themselves.
        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"*{queue}*"):
            client.delete(key)

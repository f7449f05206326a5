"""Queueing Celery tasks after a commit, without letting a broker outage break the request.

The data a task needs is committed first (an outbox row, a log); the task only delivers it, and
a periodic sweep (``notifications.deliver_outbox``) picks up whatever was not queued. So when
Redis is down at that moment, nothing is lost: the failure is logged and reported back, and the
page tells the user the messages will go out once the queue is back, instead of a 500 for work
that was saved.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

logger = logging.getLogger("hdnd_portal.followups")

# What a broker that is down or unreachable raises on publish (kombu wraps most of them in
# kombu.exceptions.OperationalError; a refused socket can surface as a plain OSError).
BROKER_ERRORS = (KombuError, RedisError, OSError)


@dataclass
class Enqueued:
    """The fate of one enqueue: ``queued`` is None until the transaction commits."""

    task: str
    queued: bool | None = None
    error: str = ""


def enqueue(task, **kwargs) -> Enqueued:
    """``task.apply_async(kwargs=kwargs)`` now, without retrying; broker errors are logged."""
    result = Enqueued(task=task.name)
    try:
        task.apply_async(kwargs=kwargs, retry=False)
    except BROKER_ERRORS as exc:
        result.queued = False
        result.error = str(exc)[:200]
        logger.warning(
            "Could not queue %s (broker unreachable: %s); the periodic sweep will deliver it",
            task.name,
            result.error,
        )
    else:
        result.queued = True
    return result


def enqueue_on_commit(task, **kwargs) -> Enqueued:
    """Queue ``task`` with ``kwargs`` once the current transaction commits.

    Returns an :class:`Enqueued` whose ``queued`` is filled in at the commit: True, or False
    when the broker refused (logged on ``hdnd_portal.followups``, never raised into the
    request). Outside a transaction the task is queued at once.
    """
    result = Enqueued(task=task.name)

    def send():
        outcome = enqueue(task, **kwargs)
        result.queued, result.error = outcome.queued, outcome.error

    transaction.on_commit(send)
    return result

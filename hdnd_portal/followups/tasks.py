"""Celery tasks of the follow-up engine: they take dates/ids and call services."""

import datetime as dt
import logging

from celery import shared_task

from hdnd_portal.followups.reminders import run_reminders
from hdnd_portal.notifications.tasks import TRANSIENT_ERRORS

logger = logging.getLogger(__name__)


@shared_task(
    name="followups.daily_reminders",
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=6,
)
def daily_reminders(today: str | None = None) -> dict:
    """Nhắc hạn hằng ngày: stages, escalation, one digest per recipient.

    ``today`` (ISO date) replays a given day; by default the local date. Safe
    to run twice and to retry (see :mod:`hdnd_portal.followups.reminders`): a
    retry logs nothing new and only delivers what is still pending. E-mails
    the mail server refused stay in the outbox, which retries them with
    back-off (``notifications.deliver_outbox``).
    """
    stats = run_reminders(today=dt.date.fromisoformat(today) if today else None)
    if stats["failed"]:
        logger.warning(
            "Daily reminders %s: %s e-mails left pending in the outbox",
            stats["date"],
            stats["failed"],
        )
    return stats

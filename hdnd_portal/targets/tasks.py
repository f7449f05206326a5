"""Celery task of the targets app: the daily snapshot (scheduled by ``setup_schedules``)."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from hdnd_portal.notifications.tasks import TRANSIENT_ERRORS
from hdnd_portal.targets.services import snapshots_take_all


@shared_task(
    name="targets.daily_snapshots",
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=6,
)
def daily_snapshots(today: str | None = None) -> dict:
    """Ghi nhận chỉ tiêu hằng ngày; ``today`` (ISO date) replays a day. Safe to rerun."""
    on = dt.date.fromisoformat(today) if today else timezone.localdate()
    stats = snapshots_take_all(on=on)
    stats["date"] = on.isoformat()
    return stats

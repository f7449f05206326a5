"""Celery tasks of the notifications app (they take ids and call services)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from hdnd_portal.notifications.services import outbox_deliver

# Worth retrying the whole task: the database was briefly unreachable. Mail
# failures are not raised: the outbox keeps those rows and backs off by itself.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    name="notifications.deliver_outbox",
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=8,
)
def deliver_outbox(ids: list[int] | None = None) -> dict:
    """Send pending outbox rows (in-app notifications and e-mails); idempotent.

    Runs after a manual reminder and every few minutes (``setup_schedules``),
    so a row left pending by a crash or a mail-server outage is sent later.
    """
    return outbox_deliver(ids=ids)

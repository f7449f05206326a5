"""Writes of the notifications app: in-app notifications and the outbox.

The outbox (:class:`OutboxMessage`) is how jobs send mail safely: they insert
rows in their own transaction, and :func:`outbox_deliver` sends what is still
pending after the commit. Why this is "never twice, never lost" is argued in
:mod:`hdnd_portal.followups.reminders`.
"""

import datetime as dt
import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from hdnd_portal.notifications.models import Notification, OutboxMessage

logger = logging.getLogger(__name__)

# A deliverer owns a row it claimed for this long; after a crash another run retries it.
OUTBOX_LEASE = dt.timedelta(minutes=10)
# After a failure: wait 1, 2, 4 … minutes (at most 6 hours); stop after this many
# attempts (about three days), leaving the row for a person to look at in admin.
OUTBOX_MAX_ATTEMPTS = 20
OUTBOX_MAX_BACKOFF = dt.timedelta(hours=6)
# This many e-mail failures in a row: the mail server is down, stop trying this run.
MAIL_DOWN_AFTER = 3
# Rows read per query: each holds a rendered mail (tens of kB).
_CHUNK = 50


def notification_create(
    *, user, title: str, body: str = "", url: str = "", council=None, dedupe_key: str = ""
) -> Notification | None:
    """Create a notification; with a ``dedupe_key`` it is created at most once per user."""
    user_id = getattr(user, "pk", user)
    council_id = getattr(council, "pk", council)
    if dedupe_key and Notification.objects.filter(user_id=user_id, dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            return Notification.objects.create(
                user_id=user_id,
                title=title[:255],
                body=body,
                url=url,
                council_id=council_id,
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        return None


def notifications_mark_read(*, user, ids=None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=[int(i) for i in ids if str(i).isdigit()])
    return qs.update(read_at=timezone.now())


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def _message_id(key: str) -> str:
    """A Message-ID derived from the outbox key: a re-sent copy carries the same id,
    so mail clients that deduplicate by Message-ID show it once."""
    host = urlsplit(settings.PORTAL_BASE_URL).hostname or "hdnd.local"
    return f"<{re.sub(r'[^A-Za-z0-9.+_-]', '.', key)}@{host}>"


def _pending(now: dt.datetime):
    return OutboxMessage.objects.filter(
        delivered_at__isnull=True, attempts__lt=OUTBOX_MAX_ATTEMPTS
    ).filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))


def _backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(minutes=2 ** max(0, attempts - 1)), OUTBOX_MAX_BACKOFF)


def outbox_deliver(*, ids=None) -> dict:
    """Deliver pending outbox rows (all of them, or those in ``ids``); idempotent.

    Each row is first *claimed* with a conditional UPDATE (a lease), so two
    deliverers running at once never both handle it, and a crash after the
    claim only delays it until the lease expires. Then, channel by channel:

    * the in-app notification is created in the transaction that marks
      ``notified_at`` (and its ``dedupe_key`` is the row's key): exactly once,
      even when the mail server is down;
    * the e-mail is sent, then ``emailed_at``/``delivered_at`` are marked. A
      failure leaves the row pending with a growing back-off. A crash between
      the server accepting the mail and the mark is the one case that sends a
      mail twice; the copy has the same Message-ID.
    """
    stats = {"delivered": 0, "emails": 0, "notifications": 0, "failed": 0}
    mailer = _Mailer()
    last_id = 0
    try:
        while True:
            now = timezone.now()
            qs = _pending(now).filter(pk__gt=last_id)
            if ids is not None:
                qs = qs.filter(pk__in=ids)
            chunk = list(qs.order_by("pk")[:_CHUNK])
            if not chunk:
                break
            last_id = chunk[-1].pk
            for msg in chunk:
                _deliver_one(msg, now, mailer, stats)
    finally:
        mailer.close()
    return stats


def _deliver_one(msg: OutboxMessage, now: dt.datetime, mailer: "_Mailer", stats: dict) -> None:
    rows = OutboxMessage.objects.filter(pk=msg.pk)
    if (
        not _pending(now)
        .filter(pk=msg.pk)
        .update(claimed_until=now + OUTBOX_LEASE, attempts=F("attempts") + 1)
    ):
        return  # another deliverer has it
    email_due = bool(msg.email) and msg.emailed_at is None
    done = {"delivered_at": timezone.now(), "claimed_until": None}
    if msg.user_id and msg.notified_at is None:
        with transaction.atomic():
            if notification_create(
                user=msg.user_id,
                title=msg.title,
                body=msg.body,
                url=msg.url,
                council=msg.council_id,
                dedupe_key=msg.key,
            ):
                stats["notifications"] += 1
            rows.update(notified_at=timezone.now(), **({} if email_due else done))
    elif not email_due:
        rows.update(**done)  # every channel was done before a crash; close the row
    if not email_due:
        stats["delivered"] += 1
        return
    error = mailer.send(msg)
    if error:
        stats["failed"] += 1
        rows.update(claimed_until=now + _backoff(msg.attempts + 1), last_error=error[:2000])
        return
    stats["emails"] += 1
    stats["delivered"] += 1
    rows.update(
        emailed_at=timezone.now(), delivered_at=timezone.now(), claimed_until=None, last_error=""
    )


class _Mailer:
    """One mail connection for a whole delivery run; gives up when the server is down."""

    def __init__(self):
        self.connection = None
        self.failures_in_a_row = 0

    def send(self, msg: OutboxMessage) -> str:
        """Send ``msg``; return an error text ("" when sent)."""
        if self.failures_in_a_row >= MAIL_DOWN_AFTER:
            return "Máy chủ thư không trả lời trong lần gửi này; sẽ thử lại."
        try:
            if self.connection is None:
                self.connection = get_connection()
                self.connection.open()
            mail = EmailMultiAlternatives(
                subject=msg.subject,
                body=msg.body_text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[msg.email],
                headers={"Message-ID": _message_id(msg.key)},
                connection=self.connection,
            )
            if msg.body_html:
                mail.attach_alternative(msg.body_html, "text/html")
            mail.send()
        except Exception as exc:  # noqa: BLE001 - any mail failure: keep pending, retry later
            logger.warning("Outbox %s: e-mail to %s failed: %s", msg.key, msg.email, exc)
            self.failures_in_a_row += 1
            self.close()
            return f"{type(exc).__name__}: {exc}"
        self.failures_in_a_row = 0
        return ""

    def close(self) -> None:
        if self.connection is None:
            return
        try:
            self.connection.close()
        except Exception:  # noqa: BLE001 - closing a broken SMTP session
            logger.debug("closing the mail connection failed", exc_info=True)
        self.connection = None


def outbox_retry(*, ids) -> int:
    """Give failed rows a fresh set of attempts (admin action)."""
    return OutboxMessage.objects.filter(pk__in=ids, delivered_at__isnull=True).update(
        attempts=0, claimed_until=None
    )

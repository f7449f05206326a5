"""The outbox: each digest is notified and mailed once, and a failure is retried later."""

import datetime as dt
import smtplib
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from hdnd_portal.notifications.models import Notification, OutboxMessage
from hdnd_portal.notifications.services import (
    OUTBOX_MAX_ATTEMPTS,
    outbox_deliver,
    outbox_retry,
)
from tests.factories import UserFactory

NOW = dt.datetime(2026, 12, 1, 7, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


def later(**delta):
    return time_machine.travel(NOW + dt.timedelta(**delta), tick=False)


@pytest.fixture(autouse=True)
def _frozen():
    with later():
        yield


def message(n: int = 1, **fields) -> OutboxMessage:
    defaults = {
        "key": f"reminder:2026-12-01:run:{n}",
        "email": f"coquan{n}@phucloc.vn",
        "subject": "Nhắc hạn 1 việc cần đôn đốc",
        "body_text": "Kính gửi…",
        "body_html": "<p>Kính gửi…</p>",
        "title": "Nhắc hạn: 1 việc",
        "url": "/followups/",
    }
    return OutboxMessage.objects.create(**{**defaults, **fields})


def test_it_notifies_and_mails_once(db):
    user = UserFactory(username="can-bo")
    row = message(user=user, email="can-bo@phucloc.vn")

    first = outbox_deliver()
    second = outbox_deliver()

    assert first == {"delivered": 1, "emails": 1, "notifications": 1, "failed": 0}
    assert second == {"delivered": 0, "emails": 0, "notifications": 0, "failed": 0}
    assert [m.to for m in mail.outbox] == [["can-bo@phucloc.vn"]]
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert Notification.objects.get(user=user).title == "Nhắc hạn: 1 việc"
    row.refresh_from_db()
    assert row.delivered_at and row.emailed_at and row.notified_at


def test_the_message_id_comes_from_the_key_so_a_resent_copy_is_recognisable(db, settings):
    settings.PORTAL_BASE_URL = "https://hdnd.phucloc.gov.vn"
    message(key="reminder:2026-12-01:abc:u7")

    outbox_deliver()

    assert (
        mail.outbox[0].message()["Message-ID"] == "<reminder.2026-12-01.abc.u7@hdnd.phucloc.gov.vn>"
    )


def test_a_row_another_deliverer_is_sending_is_left_to_it_until_its_lease_ends(db):
    message(claimed_until=NOW + dt.timedelta(minutes=5), attempts=1)

    assert outbox_deliver()["delivered"] == 0
    with later(minutes=11):  # that deliverer crashed: its lease ran out
        assert outbox_deliver()["emails"] == 1
    assert len(mail.outbox) == 1


def test_the_bell_does_not_wait_for_a_failing_mail_server(db):
    user = UserFactory(username="can-bo")
    message(user=user, email="can-bo@phucloc.vn")

    with mock.patch(SEND, side_effect=smtplib.SMTPServerDisconnected("mất kết nối")) as send:
        stats = outbox_deliver()
        assert outbox_deliver()["failed"] == 0  # backing off: not tried again at once
    assert send.call_count == 1
    assert stats == {"delivered": 0, "emails": 0, "notifications": 1, "failed": 1}
    assert Notification.objects.filter(user=user).count() == 1

    with later(minutes=2):
        assert outbox_deliver() == {"delivered": 1, "emails": 1, "notifications": 0, "failed": 0}
    assert Notification.objects.filter(user=user).count() == 1
    assert len(mail.outbox) == 1


def test_it_stops_trying_when_the_mail_server_is_down(db):
    for n in range(5):
        message(n)

    with mock.patch(SEND, side_effect=ConnectionRefusedError("từ chối kết nối")) as send:
        stats = outbox_deliver()

    assert send.call_count == 3
    assert stats["failed"] == 5
    assert set(OutboxMessage.objects.values_list("delivered_at", flat=True)) == {None}
    assert all(OutboxMessage.objects.values_list("last_error", flat=True))


def test_it_gives_up_after_many_attempts_until_someone_retries(db):
    row = message(attempts=OUTBOX_MAX_ATTEMPTS, last_error="SMTPRecipientsRefused")

    assert outbox_deliver()["delivered"] == 0
    assert outbox_retry(ids=[row.pk]) == 1
    assert outbox_deliver()["emails"] == 1


def test_an_address_without_an_account_gets_only_the_mail(db):
    message(email="mttq@phucloc.vn")

    stats = outbox_deliver()

    assert stats["emails"] == 1 and stats["notifications"] == 0
    assert Notification.objects.count() == 0


def test_a_user_without_an_address_gets_only_the_bell(db):
    user = UserFactory(username="khong-thu", email="")
    message(user=user, email="")

    stats = outbox_deliver()

    assert stats == {"delivered": 1, "emails": 0, "notifications": 1, "failed": 0}
    assert mail.outbox == []

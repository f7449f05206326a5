"""The inbox's "Gửi nhắc nhở": limited per item, says who was reminded, survives a broker outage."""

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from hdnd_portal.celery import app
from hdnd_portal.followups.models import ReminderLog
from hdnd_portal.notifications.models import OutboxMessage
from tests.factories import AgencyFactory, FollowUpFactory

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
URL = "/followups/remind/"


def at(hour: int, minute: int = 0, tick: bool = False):
    when = dt.datetime(2026, 11, 16, hour, minute, tzinfo=HANOI)
    return time_machine.travel(when, tick=tick)


@pytest.fixture
def items(council):
    ubnd = AgencyFactory(council=council, name="UBND xã", email="ubnd@phucloc.vn")
    police = AgencyFactory(council=council, name="Công an xã", email="congan@phucloc.vn")
    return [
        FollowUpFactory(council=council, agency=ubnd, title="Sửa đường"),
        FollowUpFactory(council=council, agency=ubnd, title="Lắp đèn"),
        FollowUpFactory(council=council, agency=police, title="Trật tự chợ"),
    ]


def _post(client, ids):
    return client.post(URL, {"ids": ids}, follow=True)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.mark.django_db(transaction=True)
def test_it_says_who_was_reminded_and_skips_items_reminded_within_the_hour(staff_client, items):
    ids = [f.pk for f in items]
    with at(9, 12):
        first = _post(staff_client, ids)
    assert _messages(first) == ["Đã nhắc: UBND xã (2 việc), Công an xã (1 việc)."]
    assert sorted(m.to[0] for m in mail.outbox) == ["congan@phucloc.vn", "ubnd@phucloc.vn"]

    mail.outbox.clear()
    with at(9, 40):
        again = _post(staff_client, [items[0].pk])
    assert _messages(again)[0].startswith("Bỏ qua 1 việc vừa được nhắc lúc 09:12")
    assert mail.outbox == []
    assert ReminderLog.objects.filter(manual=True).count() == 3

    with at(10, 13):
        later = _post(staff_client, [items[0].pk])
    assert _messages(later) == ["Đã nhắc: UBND xã (1 việc)."]
    assert [m.to for m in mail.outbox] == [["ubnd@phucloc.vn"]]


@pytest.mark.django_db(transaction=True)
def test_the_limit_is_a_setting(staff_client, items, settings):
    settings.FOLLOWUP_MANUAL_REMINDER_MINUTES = 5
    with at(9):
        _post(staff_client, [items[2].pk])
    with at(9, 6):
        response = _post(staff_client, [items[2].pk])
    assert _messages(response) == ["Đã nhắc: Công an xã (1 việc)."]
    assert ReminderLog.objects.filter(manual=True).count() == 2


@pytest.mark.django_db
def test_bad_ids_are_ignored_not_a_500(staff_client, items):
    response = _post(staff_client, ["²", "9" * 40, "-1", "1e3", str(items[0].pk)])
    assert response.status_code == 200
    assert ReminderLog.objects.get().followup_id == items[0].pk
    nothing = _post(staff_client, ["²", "9" * 40])
    assert _messages(nothing) == ["Chưa chọn việc nào đang theo dõi để nhắc."]


@pytest.fixture
def broker_down(settings, monkeypatch):
    """A real (not eager) Celery app whose broker refuses connections (nothing on port 1)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(app.conf, "broker_connection_timeout", 1)
    # The producer pool holds connections to the broker it was built for: build a new one.
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    yield
    if app._pool is not None:
        app._pool.force_close_all()


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_reminders_are_saved_and_the_page_says_so(
    staff_client, items, broker_down, caplog
):
    # Time must flow: kombu gives up connecting after broker_connection_timeout seconds.
    with at(9, tick=True), caplog.at_level(logging.WARNING, logger="hdnd_portal.followups"):
        response = staff_client.post(URL, {"ids": [items[0].pk, items[2].pk]})
        page = staff_client.get(response["Location"])

    assert response.status_code == 302
    text = " ".join(_messages(page))
    assert (
        "Đã lưu 2 thư nhắc; hàng đợi gửi thư đang gián đoạn, thư sẽ được gửi khi hàng đợi "
        "hoạt động lại." in text
    )
    assert "Sẽ nhắc: Công an xã (1 việc), UBND xã (1 việc)." in text
    # Saved, waiting for the periodic sweep (notifications.deliver_outbox).
    assert OutboxMessage.objects.filter(kind="manual").count() == 2
    assert ReminderLog.objects.filter(manual=True).count() == 2
    assert mail.outbox == []
    assert any("Could not queue notifications.deliver_outbox" in r.message for r in caplog.records)

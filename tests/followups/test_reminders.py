"""The daily reminder job: stages, digests, escalation, retries, scale."""

import datetime as dt
import smtplib
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hdnd_portal.followups.models import FollowUp, ReminderLog
from hdnd_portal.followups.reminders import run_reminders, send_manual_reminders
from hdnd_portal.followups.tasks import daily_reminders
from hdnd_portal.notifications.models import Notification, OutboxMessage
from hdnd_portal.notifications.tasks import deliver_outbox
from tests.factories import AgencyFactory, FollowUpFactory, UserFactory, persona

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DUE = dt.date(2026, 11, 30)


def at(day: dt.date, hour: int = 7):
    """Travel to ``hour`` o'clock, Hanoi time, on ``day`` (the job's usual time)."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour), tzinfo=HANOI), tick=False)


def run_on(day: dt.date) -> dict:
    with at(day):
        return run_reminders()


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


@pytest.fixture
def people(council):
    """An agency with its user and address, the Office clerk, a Standing Committee member."""
    agency = AgencyFactory(council=council, name="Phòng Kinh tế", email="ktxh@phucloc.vn")
    return {
        "agency": agency,
        "agency_user": persona("agency", council, username="can-bo-kt", agency=agency),
        "staff": persona("staff", council, username="van-phong"),
        "standing": persona("standing", council, username="chu-tich"),
    }


@pytest.fixture
def item(council, people):
    return FollowUpFactory(
        council=council,
        agency=people["agency"],
        original_due_date=DUE,
        title="Sửa chữa đường liên thôn Đông - Đoài",
    )


def test_it_reminds_on_the_four_stage_days_and_no_other(item, people):
    sent_on = {}
    for offset in range(-10, 11):
        mail.outbox.clear()
        run_on(DUE + dt.timedelta(days=offset))
        if mail.outbox:
            sent_on[offset] = recipients()

    # D-7, D-1, D+1, D+7: the agency user, the agency's address and the Office.
    expected = {"can-bo-kt@example.vn", "ktxh@phucloc.vn", "van-phong@example.vn"}
    assert sent_on == {-7: expected, -1: expected, 1: expected, 7: expected}
    assert Notification.objects.filter(user=people["agency_user"]).count() == 4
    assert Notification.objects.filter(user=people["staff"]).count() == 4
    # Escalation comes later (15 days): the Standing Committee heard nothing yet.
    assert not Notification.objects.filter(user=people["standing"]).exists()
    assert sorted(ReminderLog.objects.values_list("stage", flat=True)) == [-7, -1, 1, 7]


def test_it_writes_the_digest_in_vietnamese_with_dates_and_links(item, people, settings):
    settings.PORTAL_BASE_URL = "https://hdnd.phucloc.gov.vn"
    run_on(DUE + dt.timedelta(days=7))

    message = next(m for m in mail.outbox if m.to == ["can-bo-kt@example.vn"])
    assert "Nhắc hạn 1 việc cần đôn đốc (1 việc quá hạn)" in message.subject
    assert "07/12/2026" in message.subject
    assert "Sửa chữa đường liên thôn Đông - Đoài" in message.body
    assert "Hạn xử lý: 30/11/2026" in message.body
    assert "quá hạn 7 ngày" in message.body
    assert "https://hdnd.phucloc.gov.vn/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Quá hạn 7 ngày" in html and "https://hdnd.phucloc.gov.vn/" in html
    note = Notification.objects.get(user=people["agency_user"])
    assert note.title == "Nhắc hạn: 1 việc cần đôn đốc"
    assert "Sửa chữa đường liên thôn" in note.body


def test_a_second_run_the_same_day_sends_nothing_new(item):
    first = run_on(DUE - dt.timedelta(days=7))
    sent = len(mail.outbox)
    second = run_on(DUE - dt.timedelta(days=7))

    assert first["reminders"] == 1 and sent == 3
    assert second["reminders"] == 0 and second["digests"] == 0
    assert len(mail.outbox) == sent
    assert Notification.objects.count() == 2


def test_a_crash_after_logging_loses_nothing_and_the_retry_sends_once(item, people):
    day = DUE - dt.timedelta(days=1)
    with (
        mock.patch(
            "hdnd_portal.followups.reminders.outbox_deliver",
            side_effect=RuntimeError("worker killed"),
        ),
        pytest.raises(RuntimeError),
    ):
        run_on(day)

    # The stage is logged and its digests wait in the outbox: nothing was sent yet.
    assert ReminderLog.objects.filter(stage=-1).count() == 1
    assert OutboxMessage.objects.filter(delivered_at__isnull=True).count() == 3
    assert mail.outbox == []

    retry = run_on(day)
    assert retry["reminders"] == 0 and retry["emails"] == 3
    assert sorted(recipients()) == [
        "can-bo-kt@example.vn",
        "ktxh@phucloc.vn",
        "van-phong@example.vn",
    ]
    run_on(day)
    assert len(mail.outbox) == 3
    assert Notification.objects.filter(user=people["agency_user"]).count() == 1


def test_mail_refused_by_the_server_is_retried_later_and_sent_once(item, people):
    day = DUE + dt.timedelta(days=1)
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=smtplib.SMTPServerDisconnected("mất kết nối"),
        ),
        at(day),
    ):
        stats = daily_reminders.delay().get()

    assert stats["reminders"] == 1 and stats["failed"] == 3 and mail.outbox == []
    # The bell does not wait for the mail server.
    assert Notification.objects.filter(user=people["agency_user"]).count() == 1
    pending = OutboxMessage.objects.filter(delivered_at__isnull=True)
    assert pending.count() == 3 and "SMTPServerDisconnected" in pending.first().last_error

    with at(day, hour=8):  # the next sweep of the outbox, the server is back
        assert deliver_outbox.delay().get()["emails"] == 3
        assert deliver_outbox.delay().get()["emails"] == 0
        assert daily_reminders.delay().get()["reminders"] == 0
    assert sorted(recipients()) == [
        "can-bo-kt@example.vn",
        "ktxh@phucloc.vn",
        "van-phong@example.vn",
    ]
    assert Notification.objects.count() == 2
    assert ReminderLog.objects.count() == 1


def test_it_sends_one_digest_per_recipient_listing_all_their_items(council, people):
    for n in range(3):
        FollowUpFactory(
            council=council,
            agency=people["agency"],
            original_due_date=DUE,
            title=f"Kiến nghị số {n + 1} về thủy lợi",
        )
    other = AgencyFactory(council=council, name="Công an xã", email="")
    FollowUpFactory(
        council=council, agency=other, original_due_date=DUE, title="Bảo đảm an ninh chợ phiên"
    )

    run_on(DUE - dt.timedelta(days=7))

    to_agency = [m for m in mail.outbox if m.to == ["can-bo-kt@example.vn"]]
    assert len(to_agency) == 1
    assert all(f"Kiến nghị số {n} về thủy lợi" in to_agency[0].body for n in (1, 2, 3))
    assert "an ninh chợ phiên" not in to_agency[0].body
    # The Office hears about all four items, in one e-mail.
    to_office = [m for m in mail.outbox if m.to == ["van-phong@example.vn"]]
    assert len(to_office) == 1 and "4 việc" in to_office[0].subject
    assert Notification.objects.filter(user=people["staff"]).count() == 1


def test_it_escalates_long_overdue_items_to_the_standing_committee_once(item, people):
    backlog = FollowUpFactory(
        council=item.council,
        agency=people["agency"],
        original_due_date=DUE - dt.timedelta(days=40),
        title="Giải quyết đơn tồn đọng",
    )
    run_on(DUE + dt.timedelta(days=14))
    standing_mail = [m for m in mail.outbox if m.to == ["chu-tich@example.vn"]]
    assert len(standing_mail) == 1
    assert "Giải quyết đơn tồn đọng" in standing_mail[0].body
    assert "Sửa chữa đường" not in standing_mail[0].body  # 14 days: not yet

    mail.outbox.clear()
    run_on(DUE + dt.timedelta(days=15))
    standing_mail = [m for m in mail.outbox if m.to == ["chu-tich@example.vn"]]
    assert len(standing_mail) == 1
    assert "Báo cáo 1 việc quá hạn từ 15 ngày trở lên" in standing_mail[0].subject
    assert "Sửa chữa đường liên thôn" in standing_mail[0].body
    assert "quá hạn 15 ngày" in standing_mail[0].body
    assert "đề nghị Thường trực HĐND chỉ đạo đôn đốc" in standing_mail[0].body

    mail.outbox.clear()
    for offset in range(16, 30):
        run_on(DUE + dt.timedelta(days=offset))
    assert "chu-tich@example.vn" not in recipients()
    assert Notification.objects.filter(user=people["standing"]).count() == 2
    item.refresh_from_db()
    backlog.refresh_from_db()
    assert item.escalated_at is not None and backlog.escalated_at is not None
    assert item.history.filter(history_change_reason__startswith="Báo cáo Thường trực").count() == 1


def test_an_agency_without_users_still_gets_mail_at_its_address(council):
    agency = AgencyFactory(council=council, name="Ủy ban MTTQ xã", email="mttq@phucloc.vn")
    FollowUpFactory(council=council, agency=agency, original_due_date=DUE)

    run_on(DUE - dt.timedelta(days=1))

    assert recipients() == {"mttq@phucloc.vn"}
    assert "Kính gửi: Ủy ban MTTQ xã" in mail.outbox[0].body
    assert Notification.objects.count() == 0


def test_the_assignee_is_reminded_and_an_address_shared_with_a_user_gets_one_mail(council):
    clerk = UserFactory(username="thu-ky", email="chung@phucloc.vn")
    agency = AgencyFactory(council=council, email="Chung@phucloc.vn")
    FollowUpFactory(
        council=council,
        agency=agency,
        assignee=clerk,
        original_due_date=DUE,
        title="Việc giao cho thư ký",
    )
    FollowUpFactory(
        council=council, agency=agency, original_due_date=DUE, title="Việc giao cho cơ quan"
    )

    run_on(DUE + dt.timedelta(days=1))

    assert [m.to for m in mail.outbox] == [["chung@phucloc.vn"]]
    assert "Nhắc hạn 2 việc cần đôn đốc" in mail.outbox[0].subject
    assert "Việc giao cho thư ký" in mail.outbox[0].body
    assert "Việc giao cho cơ quan" in mail.outbox[0].body
    assert Notification.objects.get(user=clerk).title == "Nhắc hạn: 2 việc cần đôn đốc"


def test_finished_items_are_not_reminded(council, people):
    FollowUpFactory(
        council=council, agency=people["agency"], original_due_date=DUE, state=FollowUp.State.DONE
    )
    FollowUpFactory(
        council=council, agency=people["agency"], original_due_date=DUE, state=FollowUp.State.CLOSED
    )

    stats = run_on(DUE + dt.timedelta(days=1))

    assert stats["reminders"] == 0 and mail.outbox == []


def test_an_extension_starts_the_stages_again_for_the_new_due_date(item):
    run_on(DUE - dt.timedelta(days=7))
    new_due = DUE + dt.timedelta(days=20)
    FollowUp.objects.filter(pk=item.pk).update(due_date=new_due, state="extended")
    mail.outbox.clear()

    run_on(new_due - dt.timedelta(days=7))

    assert len(mail.outbox) == 3
    assert "Hạn xử lý: 20/12/2026" in mail.outbox[0].body
    assert set(ReminderLog.objects.values_list("stage", "due_date")) == {(-7, DUE), (-7, new_due)}


def test_each_council_hears_only_about_its_own_items(item, people, other_council):
    other_staff = persona("staff", other_council, username="vp-hoa-binh")
    run_on(DUE - dt.timedelta(days=7))

    assert "vp-hoa-binh@example.vn" not in recipients()
    assert not Notification.objects.filter(user=other_staff).exists()


def test_the_number_of_queries_does_not_grow_with_the_number_of_items(council, people):
    def queries_for(count: int, due: dt.date) -> int:
        FollowUp.objects.bulk_create(
            FollowUpFactory.build(
                council=council, agency=people["agency"], original_due_date=due, due_date=due
            )
            for _ in range(count)
        )
        with at(due - dt.timedelta(days=7)), CaptureQueriesContext(connection) as ctx:
            stats = run_reminders()
        assert stats["reminders"] == count and stats["digests"] == 3
        return len(ctx.captured_queries)

    assert queries_for(10, DUE) == queries_for(50, DUE + dt.timedelta(days=3))


def test_manual_reminders_send_one_digest_per_responsible_recipient(
    council, people, django_capture_on_commit_callbacks
):
    police = AgencyFactory(council=council, name="Công an xã", email="congan@phucloc.vn")
    items = [
        FollowUpFactory(
            council=council,
            agency=people["agency"],
            original_due_date=DUE,
            title="Việc của Phòng Kinh tế",
        ),
        FollowUpFactory(
            council=council, agency=police, original_due_date=DUE, title="Việc của Công an xã"
        ),
        FollowUpFactory(
            council=council,
            agency=police,
            original_due_date=DUE,
            state=FollowUp.State.DONE,
            title="Việc đã xong",
        ),
    ]

    with at(DUE + dt.timedelta(days=3)), django_capture_on_commit_callbacks(execute=True):
        result = send_manual_reminders(followups=items, by_user=people["staff"])

    assert result.digests == 3  # agency user + agency address, and the police's address
    assert result.reminded == [("Công an xã", 1), ("Phòng Kinh tế", 1)]
    assert recipients() == {"can-bo-kt@example.vn", "ktxh@phucloc.vn", "congan@phucloc.vn"}
    police_mail = next(m for m in mail.outbox if m.to == ["congan@phucloc.vn"])
    assert "Nhắc nhở 1 việc cần đôn đốc" in police_mail.subject
    assert "Việc của Công an xã" in police_mail.body and "Việc đã xong" not in police_mail.body
    assert "quá hạn 3 ngày" in police_mail.body
    assert str(people["staff"]) in police_mail.body
    assert ReminderLog.objects.filter(manual=True).count() == 2
    # Manual reminders do not use up the automatic stages.
    mail.outbox.clear()
    run_on(DUE + dt.timedelta(days=7))
    assert "congan@phucloc.vn" in recipients()


def test_a_long_digest_lists_the_first_items_and_counts_the_rest(council, people):
    FollowUp.objects.bulk_create(
        FollowUpFactory.build(
            council=council,
            agency=people["agency"],
            original_due_date=DUE,
            due_date=DUE,
            title=f"Kiến nghị số {n:02d}",
        )
        for n in range(55)
    )

    run_on(DUE - dt.timedelta(days=7))

    message = next(m for m in mail.outbox if m.to == ["ktxh@phucloc.vn"])
    assert "Nhắc hạn 55 việc cần đôn đốc" in message.subject
    assert message.body.count("Hạn xử lý: 30/11/2026") == 50
    assert "... và 5 việc khác." in message.body
    assert "Xem tất cả việc cần đôn đốc: http" in message.body


def test_the_queries_do_not_grow_with_due_items_of_the_same_recipients(council, people):
    """5 or 50 items per kind (stage reminders of two agencies, assigned items, escalations):
    the same statements, because the job works on sets and groups items by recipients."""
    police = AgencyFactory(council=council, name="Công an xã", email="congan@phucloc.vn")
    clerk = UserFactory(username="thu-ky", email="thu-ky@phucloc.vn")

    def queries_for(count: int, due: dt.date) -> int:
        FollowUp.objects.bulk_create(
            FollowUpFactory.build(
                council=council, original_due_date=d, due_date=d, assignee=who, agency=agency
            )
            for agency, who, d in (
                (people["agency"], None, due),
                (police, None, due),
                (police, clerk, due),
                (people["agency"], None, due - dt.timedelta(days=30)),  # to escalate
            )
            for _ in range(count)
        )
        with at(due - dt.timedelta(days=7)), CaptureQueriesContext(connection) as ctx:
            stats = run_reminders()
        assert stats["reminders"] == 3 * count and stats["escalated"] == count
        # Agency user + address, police address, clerk, Office; the Standing Committee.
        assert stats["digests"] == 6
        FollowUp.objects.update(state=FollowUp.State.DONE)  # out of the next round
        return len(ctx.captured_queries)

    assert queries_for(5, DUE) == queries_for(50, DUE + dt.timedelta(days=100))


def test_a_digest_of_several_agencies_lists_the_first_50_items_in_job_order(council, people):
    police = AgencyFactory(council=council, name="Công an xã", email="congan@phucloc.vn")
    for n in range(60):  # interleaved: ids alternate between the two agencies
        FollowUpFactory(
            council=council,
            agency=police if n % 2 else people["agency"],
            original_due_date=DUE,
            title=f"Việc số {n:02d}",
        )

    stats = run_on(DUE - dt.timedelta(days=1))

    assert stats["reminders"] == 60
    office = next(m for m in mail.outbox if m.to == ["van-phong@example.vn"])
    assert "Nhắc hạn 60 việc cần đôn đốc" in office.subject
    listed = [n for n in range(60) if f"Việc số {n:02d}" in office.body]
    assert listed == list(range(50))  # the first 50 met, from both agencies
    assert "... và 10 việc khác." in office.body
    police_mail = next(m for m in mail.outbox if m.to == ["congan@phucloc.vn"])
    assert "Nhắc hạn 30 việc cần đôn đốc" in police_mail.subject
    assert [n for n in range(60) if f"Việc số {n:02d}" in police_mail.body] == list(range(1, 60, 2))
    assert "Kính gửi: Công an xã" in police_mail.body


def test_escalation_history_is_the_item_as_escalated(item, people):
    with at(DUE + dt.timedelta(days=15)):
        stats = run_reminders()
    assert stats["escalated"] == 1

    item.refresh_from_db()
    entry = item.history.get(history_change_reason__startswith="Báo cáo Thường trực")
    assert entry.history_type == "~" and entry.history_user is None
    assert entry.history_date == item.escalated_at
    assert entry.escalated_at == item.escalated_at and entry.title == item.title
    assert entry.history_change_reason == "Báo cáo Thường trực HĐND: quá hạn từ 15 ngày"
    assert entry.due_date == DUE and entry.state == item.state


def test_an_item_at_a_stage_and_escalated_the_same_day_is_in_both_sections(item, people, settings):
    settings.FOLLOWUP_REMINDER_STAGES = [-7, -1, 1, 7, 15]

    stats = run_on(DUE + dt.timedelta(days=15))

    assert stats["reminders"] == 1 and stats["escalated"] == 1
    office = next(m for m in mail.outbox if m.to == ["van-phong@example.vn"])
    assert "quá hạn 15 ngày" in office.body
    standing = next(m for m in mail.outbox if m.to == ["chu-tich@example.vn"])
    assert "Báo cáo 1 việc quá hạn từ 15 ngày trở lên" in standing.subject
    assert run_on(DUE + dt.timedelta(days=15))["digests"] == 0


def test_an_inactive_assignee_is_not_reminded_but_the_agency_is(council, people):
    gone = UserFactory(username="da-nghi", email="da-nghi@phucloc.vn", is_active=False)
    FollowUpFactory(council=council, agency=people["agency"], assignee=gone, original_due_date=DUE)

    run_on(DUE + dt.timedelta(days=1))

    assert recipients() == {"can-bo-kt@example.vn", "ktxh@phucloc.vn", "van-phong@example.vn"}

"""A letter's result ends its follow-ups: closed with the result as the reason, never reminded."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from hdnd_portal.followups.models import FollowUp, ReminderLog
from hdnd_portal.followups.selectors import followups_of
from hdnd_portal.followups.tasks import daily_reminders
from petitions import services
from petitions.models import Kind, Letter
from tests.petitions.conftest import new_letter

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2026, 7, 2)  # a petition: its answer deadline and the 45-day alarm
RESULT = "UBND xã đã sửa xong đoạn đường sạt lở, công dân đồng ý."


@pytest.fixture(autouse=True)
def _received_day():
    with time_machine.travel(dt.datetime(2026, 7, 3, 9, 0), tick=False):
        yield


def forwarded(council, handler, agency, **fields) -> Letter:
    letter = new_letter(council, handler, kind=Kind.PETITION, received_on=RECEIVED, **fields)
    services.letter_forward(letter=letter, agency=agency, by_user=handler, on=RECEIVED)
    letter.refresh_from_db()
    return letter


def test_recording_the_result_closes_the_letters_open_follow_ups(council, handler, agency, rules):
    letter = forwarded(council, handler, agency)
    assert followups_of(letter, open_only=True).count() == 2  # the deadline and the alarm

    services.letter_record_result(letter=letter, result=RESULT, by_user=handler)

    letter.refresh_from_db()
    assert letter.state == Letter.State.RESOLVED
    assert followups_of(letter, open_only=True).count() == 0
    # (the Office's own handling item was done at forwarding: test_letter_clocks.py)
    for followup in followups_of(letter, kinds=[services.LETTER_FOLLOWUP]):
        assert followup.state == FollowUp.State.CLOSED
        assert followup.closed_reason == f"Đơn đã có kết quả giải quyết: {RESULT}"
        last = followup.history.order_by("-history_date", "-history_id").first()
        assert last.history_change_reason.startswith("Đóng: Đơn đã có kết quả giải quyết: ")
        assert last.history_user == handler


def test_no_reminder_goes_out_for_a_resolved_letter(council, handler, agency, rules):
    resolved = forwarded(council, handler, agency)
    waiting = forwarded(
        council,
        handler,
        agency,
        sender_name="Trần Thị Lan",
        sender_id_number="001186099999",
        subject="Kiến nghị lắp đèn đường thôn Thượng",
        content="Thôn Thượng chưa có đèn chiếu sáng công cộng.",
    )
    services.letter_record_result(letter=resolved, result=RESULT, by_user=handler)

    # Every stage day of every item (7 days before to 7 days after each due date).
    days = sorted(
        {
            followup.due_date + dt.timedelta(days=offset)
            for followup in FollowUp.objects.all()
            for offset in (-7, -1, 1, 7)
        }
    )
    for day in days:
        daily_reminders.delay(today=day.isoformat()).get()

    assert not ReminderLog.objects.filter(followup__in=followups_of(resolved)).exists()
    # The letter still waiting is reminded as usual: the job did run on those days.
    assert ReminderLog.objects.filter(followup__in=followups_of(waiting)).exists()
    assert mail.outbox
    assert not any(str(resolved) in message.body for message in mail.outbox)


def test_an_answer_waiting_for_review_stays_for_the_standing_committee(
    council, handler, agency, rules
):
    from hdnd_portal.followups.services import followup_answer

    letter = forwarded(council, handler, agency)
    main = services.letter_main_followup(letter)
    followup_answer(followup=main, by_user=handler, answer="Đã trả lời công dân bằng văn bản.")

    services.letter_record_result(letter=letter, result=RESULT, by_user=handler)

    main.refresh_from_db()
    assert main.state == FollowUp.State.ANSWERED
    assert followups_of(letter, open_only=True).count() == 0  # the alarm is closed

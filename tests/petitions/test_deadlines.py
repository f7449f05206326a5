"""Each kind's legal deadline, from the rule in force on the day its clock starts (the body's
receipt for acceptance, the acceptance for resolution: test_letter_clocks.py)."""

import datetime as dt

import pytest
import time_machine

from petitions import services
from petitions.models import Kind
from tests.petitions.conftest import new_letter

pytestmark = pytest.mark.django_db


def _forward(council, user, agency, **fields):
    letter = new_letter(council, user, **fields)
    items = services.letter_forward(
        letter=letter, agency=agency, by_user=user, on=fields["received_on"]
    )
    return items[0]


def test_a_complaint_received_on_30_june_2026_gets_10_working_days_of_the_2011_law(
    council, handler, agency, rules
):
    item = _forward(council, handler, agency, kind=Kind.COMPLAINT, received_on=dt.date(2026, 6, 30))

    assert item.due_date == dt.date(2026, 7, 14)
    assert item.rule.article == "Điều 27"
    assert "Luật Khiếu nại 02/2011/QH13" in item.rule.legal_source


def test_a_complaint_received_on_2_july_2026_gets_7_working_days_of_decree_155(
    council, handler, agency, rules
):
    item = _forward(council, handler, agency, kind=Kind.COMPLAINT, received_on=dt.date(2026, 7, 2))

    assert item.due_date == dt.date(2026, 7, 13)
    assert item.rule.article == "Điều 10"
    assert "Nghị định 155/2026" in item.rule.legal_source


def test_a_petition_counts_working_days_over_the_national_day_holiday(
    council, handler, agency, rules
):
    # Friday 28/08/2026: the 2 September holiday is skipped.
    item = _forward(council, handler, agency, kind=Kind.PETITION, received_on=dt.date(2026, 8, 28))

    assert item.due_date == dt.date(2026, 9, 16)
    assert item.rule.article == "Điều 28, khoản 1"
    assert item.due_date > dt.date(2026, 8, 28) + dt.timedelta(days=14)


def test_a_petition_received_after_july_2026_also_gets_the_45_day_alarm(
    council, handler, agency, rules
):
    letter = new_letter(council, handler, kind=Kind.PETITION, received_on=dt.date(2026, 7, 2))
    items = services.letter_forward(
        letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 7, 3)
    )

    assert [i.rule.code for i in items] == ["reception.reply", "petition.overdue_alarm"]
    assert items[1].due_date == dt.date(2026, 8, 17)


def test_a_petition_received_before_july_2026_has_no_alarm_yet(council, handler, agency, rules):
    letter = new_letter(council, handler, kind=Kind.REFLECTION, received_on=dt.date(2026, 6, 30))
    items = services.letter_forward(
        letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 6, 30)
    )

    assert [i.rule.code for i in items] == ["reception.reply"]


def _accepted_denunciation(council, handler, agency, received_on, accepted_on):
    letter = new_letter(council, handler, kind=Kind.DENUNCIATION, received_on=received_on)
    services.letter_forward(letter=letter, agency=agency, by_user=handler, on=received_on)
    return services.letter_record_acceptance(
        letter=letter, accepted_on=accepted_on, document="01/QĐ-UBND", by_user=handler
    )[0]


def test_a_denunciation_ending_in_tet_moves_to_the_next_working_day(
    council, handler, agency, rules
):
    # Accepted 10/01/2027: 30 days is 09/02/2027, in the Tết holiday of 2027.
    with time_machine.travel(dt.datetime(2027, 3, 1, 9, 0), tick=False):
        item = _accepted_denunciation(
            council, handler, agency, dt.date(2027, 1, 8), accepted_on=dt.date(2027, 1, 10)
        )

    assert item.due_date == dt.date(2027, 2, 11)
    assert item.rule.article == "Điều 30"


def test_an_accepted_denunciation_cites_article_30(council, handler, agency, rules):
    with time_machine.travel(dt.datetime(2026, 11, 5, 9, 0), tick=False):
        item = _accepted_denunciation(
            council, handler, agency, dt.date(2026, 9, 28), accepted_on=dt.date(2026, 10, 1)
        )

    assert item.due_date == dt.date(2026, 11, 2)  # 31/10 is a Saturday: next working day
    assert item.rule.article == "Điều 30"
    assert "Bảo" not in item.title and "Hùng" not in item.title


def test_a_second_complaint_is_accepted_within_10_days_of_article_36(
    council, handler, agency, rules
):
    item = _forward(
        council,
        handler,
        agency,
        kind=Kind.COMPLAINT,
        complaint_round=2,
        received_on=dt.date(2026, 7, 2),
    )

    assert item.rule.code == "complaint.accept_second"
    assert item.rule.article == "Điều 36"
    assert item.due_date == dt.date(2026, 7, 13)  # 12/07 is a Sunday: next working day

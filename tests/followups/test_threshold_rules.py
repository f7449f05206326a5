"""Shares the law sets (quorum, majority, confidence) are dated data compared exactly."""

import datetime as dt

import pytest
from django.core.management import call_command

from hdnd_portal.followups.models import ThresholdRule
from hdnd_portal.followups.rules import ThresholdNotFound, threshold_in_force

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_legal_rules", verbosity=0)


def test_two_thirds_of_fifteen_is_ten_exactly(seeded):
    quorum = threshold_in_force("session.quorum", dt.date(2026, 12, 1))
    assert quorum.minimum(15) == 10
    assert quorum.met(10, 15) and not quorum.met(9, 15)


def test_more_than_half_of_all_delegates(seeded):
    majority = threshold_in_force("resolution.pass", dt.date(2026, 12, 1))
    assert majority.minimum(15) == 8 and majority.minimum(14) == 8
    assert not majority.met(7, 14) and majority.met(8, 14)
    assert majority.citation == "Điều 35, Luật Tổ chức chính quyền địa phương 72/2025/QH15"


def test_a_councils_own_version_wins_and_a_later_version_applies_from_its_day(seeded, council):
    ThresholdRule.objects.create(
        code="session.quorum",
        name="Túc số riêng",
        numerator=3,
        denominator=4,
        legal_source="Quy chế",
        valid_from=dt.date(2027, 1, 1),
        council=council,
    )
    assert threshold_in_force("session.quorum", dt.date(2026, 12, 31), council).numerator == 2
    assert threshold_in_force("session.quorum", dt.date(2027, 1, 1), council).numerator == 3


def test_a_missing_rule_says_so_in_vietnamese():
    with pytest.raises(ThresholdNotFound) as exc:
        threshold_in_force("session.quorum", dt.date(2026, 12, 1))
    assert "Chưa có quy tắc tỷ lệ" in exc.value.message


def test_seeding_twice_adds_nothing_and_keeps_a_changed_setting(seeded):
    quorum = ThresholdRule.objects.get(code="session.quorum", council=None)
    quorum.numerator, quorum.denominator = 3, 5
    quorum.save()
    count = ThresholdRule.objects.count()
    call_command("seed_legal_rules", verbosity=0)
    assert ThresholdRule.objects.count() == count
    quorum.refresh_from_db()
    assert (quorum.numerator, quorum.denominator) == (3, 5)

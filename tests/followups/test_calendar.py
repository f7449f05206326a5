import datetime as dt

import pytest

from hdnd_portal.followups.calendar import (
    add_calendar_days,
    add_working_days,
    is_working_day,
    public_holidays,
    working_days_between,
)
from hdnd_portal.followups.models import DayOff

pytestmark = pytest.mark.django_db

D = dt.date


def test_it_starts_counting_the_day_after_receipt():
    # Received on Monday 2 November 2026: the first working day is Tuesday.
    assert add_working_days(D(2026, 11, 2), 1) == D(2026, 11, 3)
    assert add_working_days(D(2026, 11, 2), 0) == D(2026, 11, 2)


def test_it_skips_the_weekend():
    assert add_working_days(D(2026, 11, 6), 1) == D(2026, 11, 9)  # Friday -> Monday
    assert add_working_days(D(2026, 11, 6), 5) == D(2026, 11, 13)


def test_it_skips_national_day_and_the_substitute_day_off_before_it():
    # Fri 28/8/2026; Sat, Sun, Mon 31/8 (day off in exchange for Sat 22/8), Tue 1/9, Wed 2/9.
    assert not is_working_day(D(2026, 9, 2))
    assert not is_working_day(D(2026, 8, 31))
    assert add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)
    assert add_working_days(D(2026, 8, 28), 3) == D(2026, 9, 7)


def test_it_counts_the_saturday_the_government_swapped_for_a_day_off():
    # Saturday 22/8/2026 is worked in exchange for Monday 31/8 (holidays package, VN).
    assert is_working_day(D(2026, 8, 22))
    assert add_working_days(D(2026, 8, 21), 1) == D(2026, 8, 22)


def test_it_skips_tet_2027():
    # Tết Đinh Mùi: 4 to 10 February 2027 are days off.
    assert add_working_days(D(2027, 2, 3), 1) == D(2027, 2, 11)
    assert working_days_between(D(2027, 2, 3), D(2027, 2, 12)) == 2


def test_it_skips_an_extra_day_off_added_by_staff(council, other_council):
    DayOff.objects.create(
        date=D(2027, 2, 11), kind=DayOff.Kind.OFF, name="Nghỉ bù Tết", council=council
    )
    assert add_working_days(D(2027, 2, 3), 1, council=council) == D(2027, 2, 12)
    # Another council's calendar is not changed.
    assert add_working_days(D(2027, 2, 3), 1, council=other_council) == D(2027, 2, 11)


def test_a_day_off_for_every_council_applies_to_all(council, other_council):
    DayOff.objects.create(date=D(2026, 11, 3), kind=DayOff.Kind.OFF, name="Nghỉ chung")
    assert add_working_days(D(2026, 11, 2), 1, council=council) == D(2026, 11, 4)
    assert add_working_days(D(2026, 11, 2), 1, council=other_council) == D(2026, 11, 4)


def test_a_make_up_working_day_on_a_saturday_counts(council):
    DayOff.objects.create(
        date=D(2026, 11, 7), kind=DayOff.Kind.WORK, name="Làm bù", council=council
    )
    assert add_working_days(D(2026, 11, 6), 1, council=council) == D(2026, 11, 7)
    assert add_working_days(D(2026, 11, 6), 1) == D(2026, 11, 9)


def test_the_councils_own_day_wins_over_the_global_one(council):
    DayOff.objects.create(date=D(2026, 11, 7), kind=DayOff.Kind.WORK, name="Làm bù chung")
    DayOff.objects.create(
        date=D(2026, 11, 7), kind=DayOff.Kind.OFF, name="Xã nghỉ", council=council
    )
    assert add_working_days(D(2026, 11, 6), 1, council=council) == D(2026, 11, 9)
    assert add_working_days(D(2026, 11, 6), 1) == D(2026, 11, 7)


def test_a_calendar_deadline_ending_on_a_holiday_moves_to_the_next_working_day(settings):
    # 3/8/2026 + 30 days = Wednesday 2/9/2026, National Day.
    assert add_calendar_days(D(2026, 8, 3), 30) == D(2026, 9, 3)
    assert add_calendar_days(D(2026, 8, 3), 30, roll=False) == D(2026, 9, 2)
    settings.FOLLOWUP_CALENDAR_DEADLINE_ROLLS = False
    assert add_calendar_days(D(2026, 8, 3), 30) == D(2026, 9, 2)


def test_counting_back_lands_before_the_weekend():
    # "At least N days before Monday 30/11/2026": a Sunday moves earlier, to Friday.
    assert add_calendar_days(D(2026, 11, 30), -1) == D(2026, 11, 27)
    assert add_working_days(D(2026, 11, 30), -1) == D(2026, 11, 27)


def test_it_reads_the_days_off_of_a_long_count_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert add_working_days(D(2027, 1, 4), 60) == D(2027, 4, 5)


def test_it_names_public_holidays_in_vietnamese():
    assert public_holidays(2026)[D(2026, 9, 2)] == "Quốc khánh"

"""Periods (year, half-year, quarter, between two sessions) and the status rule, day by day."""

import datetime as dt

import pytest

from hdnd_portal.targets.periods import (
    PeriodKind,
    period_for,
    register_period_source,
    unregister_period_source,
)
from hdnd_portal.targets.status import evaluate, judge

D = dt.date


def test_a_year_a_half_and_a_quarter_hold_the_day(council):
    year = period_for(PeriodKind.YEAR, council, D(2026, 8, 1))
    assert (year.start, year.end, year.label) == (D(2026, 1, 1), D(2026, 12, 31), "Năm 2026")
    half = period_for(PeriodKind.HALF_YEAR, council, D(2026, 8, 1))
    assert (half.start, half.end, half.label) == (
        D(2026, 7, 1),
        D(2026, 12, 31),
        "6 tháng cuối năm 2026",
    )
    quarter = period_for(PeriodKind.QUARTER, council, D(2026, 5, 31))
    assert (quarter.start, quarter.end, quarter.label) == (
        D(2026, 4, 1),
        D(2026, 6, 30),
        "Quý II/2026",
    )


def test_the_elapsed_share_counts_the_first_and_the_last_day(council):
    half = period_for(PeriodKind.HALF_YEAR, council, D(2026, 1, 1))
    assert half.elapsed_share == pytest.approx(1 / 181)
    assert period_for(PeriodKind.HALF_YEAR, council, D(2026, 6, 30)).elapsed_share == 1.0


@pytest.fixture
def sessions():
    # Regular sessions ended on 10/07/2026; the next one opens on 15/12/2026.
    def window(council, on):
        if on < D(2026, 7, 10):
            return None, D(2026, 7, 8)
        return D(2026, 7, 10), (D(2026, 12, 15) if on < D(2026, 12, 15) else None)

    from hdnd_portal.targets import periods

    real = periods._SOURCES.get("sessions")
    register_period_source("sessions", window)
    yield
    unregister_period_source("sessions")
    if real is not None:  # the app's own source (meetings) stays for the tests that follow
        register_period_source("sessions", real)


def test_between_two_sessions_follows_the_real_session_dates(council, sessions):
    period = period_for(PeriodKind.BETWEEN_SESSIONS, council, D(2026, 9, 1))
    assert (period.start, period.end) == (D(2026, 7, 11), D(2026, 12, 14))
    assert period.label == "Giữa hai kỳ họp: từ 11/07/2026 đến 14/12/2026"


def test_between_sessions_without_a_next_session_lasts_six_months(council, sessions):
    period = period_for(PeriodKind.BETWEEN_SESSIONS, council, D(2026, 12, 20))
    assert (period.start, period.end) == (D(2026, 7, 11), D(2027, 1, 11))
    assert "chưa có lịch kỳ họp tiếp theo" in period.label


def test_between_sessions_without_any_session_falls_back_to_the_half_year(council):
    period = period_for(PeriodKind.BETWEEN_SESSIONS, council, D(2026, 3, 1))
    assert (period.start, period.end) == (D(2026, 1, 1), D(2026, 6, 30))
    assert "chưa có lịch kỳ họp" in period.label


@pytest.mark.parametrize(
    ("on", "actual", "status"),
    [
        (D(2026, 3, 1), 0, "on_track"),  # the first half: never at risk
        (D(2026, 6, 30), 0, "on_track"),  # 181/365 < half
        (D(2026, 7, 3), 0, "at_risk"),  # past half, nothing yet
        (D(2026, 7, 1), 0, "on_track"),  # 182/365: not yet half
        (D(2026, 7, 3), 1, "at_risk"),  # 1 < 2 × 184/365 = 1.008
        (D(2026, 10, 1), 1, "at_risk"),  # 1 < 2 × 274/365
        (D(2026, 10, 1), 2, "met"),
        (D(2027, 1, 1), 1, "missed"),  # seen after the year ended
        (D(2026, 2, 1), 3, "met"),  # met early
    ],
)
def test_a_count_of_two_a_year_is_judged_by_the_time_gone(council, on, actual, status):
    year = period_for(PeriodKind.YEAR, council, min(on, D(2026, 12, 31)))
    year = year.__class__(year.kind, year.start, year.end, on, year.label)
    assert judge(actual=actual, threshold=2, period=year)[0] == status


def test_the_expected_figure_is_the_threshold_times_the_elapsed_share(council):
    period = period_for(PeriodKind.YEAR, council, D(2026, 7, 2))
    status, expected = judge(actual=40, threshold=100, period=period)
    assert expected == pytest.approx(100 * 183 / 365, abs=0.01)
    assert status == "at_risk"


def test_a_thematic_briefing_missing_with_two_months_left_is_at_risk(council, fake_count):
    from tests.factories import TargetFactory

    target = TargetFactory(
        council=council,
        code="1.7",
        metric="tests.fake_count",
        unit="count",
        period_kind="half_year",
        threshold=1,
    )
    assert evaluate(target, D(2026, 8, 15)).status == "on_track"  # 46 of 184 days gone
    assert evaluate(target, D(2026, 11, 1)).status == "at_risk"
    fake_count["value"] = 1
    assert evaluate(target, D(2026, 11, 1)).status == "met"
    fake_count["value"] = 0
    assert evaluate(target, D(2027, 1, 2)).period.label == "6 tháng đầu năm 2027"


def test_a_metric_nobody_registered_has_no_data_not_an_error(council):
    from tests.factories import TargetFactory

    target = TargetFactory(council=council, metric="nobody.registered", unit="count")
    ev = evaluate(target, D(2026, 11, 1))
    assert ev.status == "no_data"
    assert ev.actual_label == "Chưa có số liệu"
    assert ev.measure.value is None

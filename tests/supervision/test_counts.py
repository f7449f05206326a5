"""Target 1.4: counts per calendar year (HĐND, Bans) and per stretch between two regular
sessions (Standing Committee), from real session dates; an activity counts once held."""

import datetime as dt

import pytest
from django.urls import reverse

from meetings.models import Session
from supervision import counts
from supervision.models import Activity, ActivityKind, Body
from tests.factories import SupervisionActivityFactory

pytestmark = pytest.mark.django_db

HELD = Activity.State.REPORTED


def session(council, term, number, start, end=None, kind=Session.Kind.REGULAR):
    return Session.objects.create(
        council=council, term=term, number=number, kind=kind, start_date=start, end_date=end
    )


def held(council, body, on, committee=None, kind=ActivityKind.SURVEY, state=HELD):
    return SupervisionActivityFactory(
        council=council, body=body, committee=committee, kind=kind, start_date=on, state=state
    )


@pytest.fixture
def sessions(council, org):
    """Regular sessions on 10-11/07/2026 and 15-16/12/2026; a thematic one between."""
    term = org["term"]
    return [
        session(council, term, 10, dt.date(2026, 7, 10), dt.date(2026, 7, 11)),
        session(council, term, 11, dt.date(2026, 9, 1), kind=Session.Kind.THEMATIC),
        session(council, term, 12, dt.date(2026, 12, 15), dt.date(2026, 12, 16)),
    ]


def test_the_standing_committee_counts_between_two_regular_sessions(council, org, sessions):
    """The stretch runs from the day after the July session closed (11/07) to the eve of the
    December opening: the closing day and the opening day belong to the sessions."""
    standing = org["standing"]
    held(council, Body.STANDING, dt.date(2026, 7, 9), standing)  # before the July session
    held(council, Body.STANDING, dt.date(2026, 7, 11), standing)  # the closing day: out
    held(council, Body.STANDING, dt.date(2026, 7, 12), standing)  # the day after: in
    held(council, Body.STANDING, dt.date(2026, 9, 2), standing, ActivityKind.QUESTIONING)
    held(council, Body.STANDING, dt.date(2026, 12, 14), standing, ActivityKind.EXPLANATION)
    held(council, Body.STANDING, dt.date(2026, 12, 15), standing)  # the next opening: out
    held(council, Body.STANDING, dt.date(2026, 10, 1), standing, state=Activity.State.PLANNED)

    row = counts.standing_window(council=council, on=dt.date(2026, 12, 14))

    assert row.start == dt.date(2026, 7, 12)
    assert row.period == "Giữa hai kỳ họp: từ 12/07/2026 đến 14/12/2026"
    assert row.total == 3
    assert row.by_kind == {"survey": 1, "questioning": 1, "explanation": 1}
    assert row.met is False
    assert row.status == "Chưa đạt (còn thiếu 1)"


def test_the_stats_page_and_the_dashboard_metric_agree_on_the_closing_day(council, org, sessions):
    """Issue 19: one window for "between two sessions", whatever the page."""
    from hdnd_portal.targets.periods import PeriodKind, period_for
    from supervision.metrics import standing_supervisions

    for day in (dt.date(2026, 7, 11), dt.date(2026, 7, 12), dt.date(2026, 8, 1)):
        held(council, Body.STANDING, day, org["standing"])
    on = dt.date(2026, 10, 1)
    page = counts.standing_window(council=council, on=on)
    dashboard = standing_supervisions(council, period_for(PeriodKind.BETWEEN_SESSIONS, council, on))
    assert page.total == dashboard.value == 2


def test_an_activity_just_after_the_session_counts_in_the_next_stretch(council, org, sessions):
    standing = org["standing"]
    for day in (9, 9, 9, 9):
        held(council, Body.STANDING, dt.date(2026, 7, day), standing)
    held(council, Body.STANDING, dt.date(2026, 7, 12), standing)
    before = counts.standing_window(council=council, on=dt.date(2026, 7, 9))
    after = counts.standing_window(council=council, on=dt.date(2026, 7, 12))

    assert before.total == 4 and before.met
    assert after.start == dt.date(2026, 7, 12) and after.total == 1


def test_the_window_moves_when_the_session_date_is_corrected(council, org, sessions):
    held(council, Body.STANDING, dt.date(2026, 12, 5), org["standing"])
    assert counts.standing_window(council=council, on=dt.date(2026, 12, 14)).total == 1

    sessions[2].start_date = dt.date(2026, 12, 5)  # the session was brought forward
    sessions[2].end_date = dt.date(2026, 12, 6)
    sessions[2].save()

    # 05/12 is now the session's opening day: the new stretch begins on 07/12.
    assert counts.standing_window(council=council, on=dt.date(2026, 12, 14)).total == 0


def test_the_hdnd_and_each_ban_count_per_calendar_year(council, org):
    held(council, Body.HDND, dt.date(2025, 12, 31))
    held(council, Body.HDND, dt.date(2026, 1, 1))
    held(council, Body.HDND, dt.date(2026, 6, 1), kind=ActivityKind.THEMATIC)
    for month in (2, 4, 6, 8, 10):
        held(council, Body.BAN, dt.date(2026, month, 1), org["ban"])
    held(council, Body.BAN, dt.date(2026, 3, 1), org["other_ban"])

    rows = {
        r.label: r for r in counts.target_report(council=council, year=2026, on=dt.date(2026, 6, 1))
    }

    assert rows["HĐND xã"].total == 2 and rows["HĐND xã"].met
    assert rows["Ban Kinh tế - Ngân sách"].total == 5
    assert rows["Ban Kinh tế - Ngân sách"].status == "Đạt (vượt mức kế hoạch)"
    assert rows["Ban Văn hóa - Xã hội"].total == 1
    assert rows["Ban Văn hóa - Xã hội"].met is False
    assert rows["Tổ đại biểu số 1"].minimum is None


def test_the_report_reads_a_fixed_number_of_queries(
    council, org, sessions, django_assert_max_num_queries
):
    for day in range(1, 20):
        held(council, Body.BAN, dt.date(2026, 3, day), org["ban"])
    # The year's counts, the two sessions around the day, the window's counts, Bans, groups.
    with django_assert_max_num_queries(6):
        counts.target_report(council=council, year=2026, on=dt.date(2026, 10, 1))


def test_the_stats_page_shows_counts_against_the_thresholds(
    client, make_persona, council, org, sessions
):
    held(council, Body.HDND, dt.date(2026, 5, 1))
    client.force_login(make_persona("leadership"))
    response = client.get(reverse("supervision-stats"), {"year": 2026, "on": "01/10/2026"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thống kê giám sát" in html
    assert "Giữa hai kỳ họp: từ 12/07/2026 đến 14/12/2026" in html
    assert "Chưa đạt (còn thiếu 1)" in html


def test_bans_are_judged_for_the_part_of_the_year_their_term_lasted(council):
    """Issue 19: two terms in 2026 (the old one ends 14/03, the new one opens 15/03): the old
    Ban is asked for its share of the year (73 days → 1 of 2-4), the new one for 292 days
    (2-4), each period saying its dates."""
    from councils.models import Committee
    from tests.factories import CommitteeFactory, TermFactory

    old = TermFactory(
        council=council,
        name="2021-2026",
        start_date=dt.date(2021, 7, 1),
        end_date=dt.date(2026, 3, 14),
    )
    new = TermFactory(council=council, name="2026-2031", start_date=dt.date(2026, 3, 15))
    old_ban = CommitteeFactory(term=old, kind=Committee.Kind.BAN, name="Ban Kinh tế - Ngân sách")
    new_ban = CommitteeFactory(
        term=new, kind=Committee.Kind.BAN, name="Ban Kinh tế - Ngân sách", code="KTNS2"
    )
    held(council, Body.BAN, dt.date(2026, 2, 1), old_ban)
    held(council, Body.BAN, dt.date(2026, 5, 1), new_ban)

    rows = {
        r.committee_id: r
        for r in counts.committee_year(council=council, year=2026, kind=Committee.Kind.BAN)
    }

    assert (rows[old_ban.pk].minimum, rows[old_ban.pk].maximum) == (1, 1)
    assert rows[old_ban.pk].status == "Đạt"
    assert rows[old_ban.pk].period == "Năm 2026 (từ 01/01/2026 đến 14/03/2026)"
    assert (rows[new_ban.pk].minimum, rows[new_ban.pk].maximum) == (2, 4)
    assert rows[new_ban.pk].status == "Chưa đạt (còn thiếu 1)"
    assert rows[new_ban.pk].period == "Năm 2026 (từ 15/03/2026 đến 31/12/2026)"
    assert rows[new_ban.pk].label == "Ban Kinh tế - Ngân sách (2026-2031)"

"""Targets 1.2 (congress goals made concrete) and 1.7 (thematic briefings) on the KPI
dashboard, the "between two sessions" period from the real session dates, and the demo
dashboard with every target of meetings and supervision measured."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from councils.models import User
from hdnd_portal.targets.metrics import get_metric
from hdnd_portal.targets.periods import PeriodKind, period_for, register_period_source
from meetings import metrics
from meetings.models import CongressGoal, Session, StandingMeeting, regular_session_window
from tests.factories import ResolutionFactory, SessionFactory, TermFactory
from tests.meetings_prep.factories import StandingMeetingFactory

pytestmark = pytest.mark.django_db
D = dt.date
BRIEFING = StandingMeeting.Kind.BRIEFING


@pytest.fixture(autouse=True)
def _real_session_source():
    # Another test module may have replaced the source with a fake one and removed it.
    register_period_source("sessions", regular_session_window)


def test_goals_resolved_is_the_share_of_goals_with_a_resolution_by_the_day_seen(
    council, other_council
):
    term = TermFactory(council=council, start_date=D(2026, 3, 15))
    goals = [
        CongressGoal.objects.create(council=council, code=str(n), text=f"Chỉ tiêu {n}")
        for n in range(1, 5)
    ]
    CongressGoal.objects.create(council=other_council, code="1", text="Của xã khác")
    july = ResolutionFactory(session=SessionFactory(term=term, start_date=D(2026, 7, 10)))
    july.goals.set(goals[:2])
    december = ResolutionFactory(session=SessionFactory(term=term, start_date=D(2026, 12, 15)))
    december.goals.set(goals[1:3])
    year = period_for(PeriodKind.YEAR, council, D(2026, 10, 1))
    measure = metrics.congress_goals_resolved(council, year)
    assert (measure.numerator, measure.denominator, measure.value) == (2, 4, 50.0)
    year = period_for(PeriodKind.YEAR, council, D(2026, 12, 20))
    measure = metrics.congress_goals_resolved(council, year)
    assert (measure.numerator, measure.denominator, measure.value) == (3, 4, 75.0)


def test_goals_resolved_without_goals_has_no_data(council):
    measure = metrics.congress_goals_resolved(council, period_for("year", council, D(2026, 5, 1)))
    assert not measure.available


def test_briefings_count_the_half_year_up_to_the_day_seen(council, other_council):
    term = TermFactory(council=council, start_date=D(2026, 3, 15))
    for held_on in (D(2026, 3, 20), D(2026, 6, 10), D(2026, 7, 3)):
        StandingMeetingFactory(council=council, term=term, kind=BRIEFING, held_on=held_on)
    StandingMeetingFactory(council=council, term=term, held_on=D(2026, 4, 2))  # regular
    StandingMeetingFactory(council=other_council, kind=BRIEFING, held_on=D(2026, 4, 2))
    assert metrics.briefings(council, period_for("half_year", council, D(2026, 5, 1))).value == 1
    assert metrics.briefings(council, period_for("half_year", council, D(2026, 6, 30))).value == 2
    assert metrics.briefings(council, period_for("half_year", council, D(2026, 8, 1))).value == 1


def test_the_metrics_link_to_the_filtered_lists(client, council, make_persona):
    period = period_for("half_year", council, D(2026, 5, 1))
    briefings = get_metric("meetings.briefings")
    assert briefings.unit == "count"
    url = briefings.records_url(council, period)
    assert url == f"{reverse('meetings-standingmeeting-list')}?kind=briefing&year=2026"
    goals = get_metric("meetings.congress_goals_resolved")
    assert goals.unit == "share"
    assert goals.records_url(council, period) == reverse("meetings-congressgoal-list")
    term = TermFactory(council=council, start_date=D(2026, 3, 15))
    StandingMeetingFactory(council=council, term=term, kind=BRIEFING, topic="Giao ban quý II")
    StandingMeetingFactory(council=council, term=term, topic="Phiên họp thường kỳ tháng 6")
    client.force_login(make_persona("standing"))
    page = client.get(url).content.decode()
    assert "Giao ban quý II" in page and "Phiên họp thường kỳ tháng 6" not in page


def test_between_sessions_follows_the_regular_sessions_of_the_council(council):
    term = TermFactory(council=council, start_date=D(2026, 3, 15))
    SessionFactory(term=term, start_date=D(2026, 7, 10), end_date=D(2026, 7, 11))
    SessionFactory(term=term, start_date=D(2026, 9, 1), kind=Session.Kind.THEMATIC)
    SessionFactory(term=term, start_date=D(2026, 12, 15), end_date=D(2026, 12, 16))
    period = period_for(PeriodKind.BETWEEN_SESSIONS, council, D(2026, 10, 1))
    assert (period.start, period.end) == (D(2026, 7, 12), D(2026, 12, 14))


def test_the_demo_dashboard_measures_every_meetings_and_supervision_target(client, settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", "--today", "2026-11-28", stdout=io.StringIO())
    client.force_login(User.objects.get(username="chutich"))
    at = dt.datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(at, tick=False):
        response = client.get(reverse("targets-dashboard"))
    assert response.status_code == 200
    ours = ("meetings.", "supervision.")
    evaluations = [
        ev for ev in response.context["evaluations"] if ev.target.metric.startswith(ours)
    ]
    assert {ev.target.code for ev in evaluations} == {
        "1.2",
        "1.4.a",
        "1.4.b",
        "1.4.c",
        "1.4.d",
        "1.7",
    }
    for ev in evaluations:
        assert ev.measure.available, ev.target.code
        assert ev.actual_label != "Chưa có số liệu"
        assert ev.records_url
    assert "Giám sát theo chủ thể" in response.content.decode()
    # Issue 19: the goals are loaded after the sessions; the demo still links its resolutions
    # to them, so 1.2 is not 0% because of the loaders' order.
    goals = next(ev for ev in evaluations if ev.target.code == "1.2")
    assert goals.measure.numerator >= goals.measure.denominator // 2 > 0

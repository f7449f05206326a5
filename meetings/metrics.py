"""The plan's metrics the meetings records answer (registered in ``MeetingsConfig.ready()``).

- 1.2 ``meetings.congress_goals_resolved``: the Party congress's goals made concrete by at
  least one HĐND resolution (of a session opened by the day seen) ÷ all the council's goals
  (``meetings.selectors.goals_made_concrete``);
- 1.7 ``meetings.briefings``: the Standing Committee's thematic briefings with the Bans
  (giao ban chuyên đề) held within the period, up to the day seen.

It also gives the kernel the real session dates for the period "between two regular
sessions" (``register_period_source("sessions", ...)``).
"""

import datetime as dt

from django.urls import reverse

from hdnd_portal.targets.metrics import SHARE, Measure, register_metric
from hdnd_portal.targets.periods import register_period_source
from meetings.models import StandingMeeting, regular_session_window
from meetings.selectors import goals_made_concrete

CONGRESS_GOALS_RESOLVED = "meetings.congress_goals_resolved"
BRIEFINGS = "meetings.briefings"


def congress_goals_resolved(council, period, committee=None) -> Measure:
    concrete, total = goals_made_concrete(council, on=period.as_of)
    return Measure.share(concrete, total)


def briefings(council, period, committee=None) -> Measure:
    held = (
        StandingMeeting.objects.filter(council=council, kind=StandingMeeting.Kind.BRIEFING)
        .between(period.start, period.as_of + dt.timedelta(days=1))
        .count()
    )
    return Measure(held)


def _goals_url(council, period) -> str:
    return reverse("meetings-congressgoal-list")


def _briefings_url(council, period) -> str:
    return (
        f"{reverse('meetings-standingmeeting-list')}"
        f"?kind={StandingMeeting.Kind.BRIEFING}&year={period.start.year}"
    )


def register_metrics() -> None:
    # regular_session_window answers (the last regular session's end, the next one's
    # opening), either None when unknown: the contract periods.py expects.
    register_period_source("sessions", regular_session_window)
    register_metric(
        CONGRESS_GOALS_RESOLVED,
        "Tỷ lệ mục tiêu, chỉ tiêu Nghị quyết Đại hội được cụ thể hóa bằng nghị quyết HĐND",
        congress_goals_resolved,
        unit=SHARE,
        records_url=_goals_url,
    )
    register_metric(
        BRIEFINGS,
        "Giao ban chuyên đề của Thường trực với các Ban",
        briefings,
        records_url=_briefings_url,
    )

"""The plan's metrics the supervision records answer (registered in
``SupervisionConfig.ready()``), counted by ``supervision.counts`` (an activity counts once
held, on its start date) from the period's first day up to the day seen:

- 1.4.a ``supervision.council``: the HĐND's supervisions in the year (at least 2);
- 1.4.b ``supervision.standing``: the Standing Committee's supervisions, surveys,
  questionings and explanations between two regular sessions (at least 4);
- 1.4.c/d ``supervision.ban``: a Ban's supervisions and surveys in the year (2 to 4), the
  Ban given as ``committee=`` (without one: every Ban together).

Also the dashboard picture "Giám sát theo chủ thể" and the calendar of activities.
"""

import datetime as dt

from django.urls import reverse

from hdnd_portal.core.calendar import CalendarEvent, register_calendar_source
from hdnd_portal.core.permissions import can
from hdnd_portal.targets.metrics import BreakdownRow, Measure, register_breakdown, register_metric
from supervision.counts import counts_by_body, year_bounds
from supervision.models import ActivityKind, Body, ScheduleEntry
from supervision.policies import ACTIVITY, STATS
from supervision.selectors import activity_list

COUNCIL = "supervision.council"
STANDING = "supervision.standing"
BAN = "supervision.ban"
BY_BODY = "supervision.by_body"


def _held(council, period, body, committee=None) -> int:
    grouped = counts_by_body(
        council=council, start=period.start, end=period.as_of + dt.timedelta(days=1)
    )
    return sum(
        n
        for (held_by, committee_id), kinds in grouped.items()
        if held_by == body and (committee is None or committee_id == committee.pk)
        for n in kinds.values()
    )


def council_supervisions(council, period, committee=None) -> Measure:
    return Measure(_held(council, period, Body.HDND))


def standing_supervisions(council, period, committee=None) -> Measure:
    return Measure(_held(council, period, Body.STANDING))


def ban_supervisions(council, period, committee=None) -> Measure:
    return Measure(_held(council, period, Body.BAN, committee))


def _activities_url(body: str):
    def url(council, period) -> str:
        return f"{reverse('supervision-activity-list')}?year={period.start.year}&body={body}"

    return url


# -- the dashboard picture -----------------------------------------------------------------
def by_body(access, year: int, on: dt.date) -> list[BreakdownRow]:
    """Activities held in ``year`` up to ``on`` by body and kind (one aggregate query), each
    row linking to the activity list filtered by them."""
    if not can(access, STATS, "view"):
        return []
    start, end = year_bounds(year)
    end = min(end, on + dt.timedelta(days=1))
    counts: dict[tuple[str, str], int] = {}
    for (body, _committee), kinds in counts_by_body(
        council=access.council_id, start=start, end=end
    ).items():
        for kind, n in kinds.items():
            counts[(body, kind)] = counts.get((body, kind), 0) + n
    bodies, kinds = dict(Body.choices), dict(ActivityKind.choices)
    base = reverse("supervision-activity-list")
    return [
        BreakdownRow(
            f"{bodies[body]}: {str(kinds[kind]).lower()}",
            counts[(body, kind)],
            f"{base}?year={year}&body={body}&kind={kind}",
        )
        for body in bodies
        for kind in kinds
        if counts.get((body, kind))
    ]


# -- the calendar --------------------------------------------------------------------------
def activity_events(access, start: dt.date, end: dt.date) -> list[CalendarEvent]:
    """Each working day of a schedule (lịch trình) of the activities the reader may open;
    an activity without a schedule shows over its own dates (two queries)."""
    if not can(access, ACTIVITY, "view"):
        return []
    visible = activity_list(access=access).prefetch_related(None).select_related(None)
    entries = list(
        ScheduleEntry.objects.filter(activity__in=visible, date__range=(start, end))
        .select_related("activity", "agency")
        .order_by("date", "id")
    )
    events = [
        CalendarEvent(
            title=e.activity.topic + (f" (làm việc với {e.agency})" if e.agency else ""),
            start=e.date,
            url=e.activity.get_absolute_url(),
            kind_label=e.activity.get_kind_display(),
            uid=f"supervision-schedule-{e.pk}",
        )
        for e in entries
    ]
    unscheduled = (
        visible.filter(schedule__isnull=True, start_date__lte=end)
        .exclude(end_date__lt=start)
        .exclude(end_date__isnull=True, start_date__lt=start)
        .order_by("start_date", "id")
    )
    events += [
        CalendarEvent(
            title=a.topic,
            start=a.start_date,
            end=a.end_date or a.start_date,
            url=a.get_absolute_url(),
            kind_label=a.get_kind_display(),
            uid=f"supervision-activity-{a.pk}",
        )
        for a in unscheduled
    ]
    return events


def register_metrics() -> None:
    register_metric(
        COUNCIL,
        "Cuộc giám sát của HĐND xã trong năm",
        council_supervisions,
        records_url=_activities_url(Body.HDND),
    )
    register_metric(
        STANDING,
        "Cuộc giám sát, khảo sát, chất vấn, giải trình của Thường trực HĐND giữa hai kỳ họp",
        standing_supervisions,
        records_url=_activities_url(Body.STANDING),
    )
    register_metric(
        BAN,
        "Cuộc giám sát, khảo sát của Ban HĐND trong năm",
        ban_supervisions,
        records_url=_activities_url(Body.BAN),
    )
    register_breakdown(BY_BODY, "Giám sát theo chủ thể", by_body, order=20)
    register_calendar_source("supervision.activity", "Giám sát", activity_events)

"""Reads of the targets app: the dashboard, the city view, the review's table."""

import copy
import datetime as dt
import math
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse

from councils.models import Council
from hdnd_portal.core.access import Access
from hdnd_portal.core.collation import vi_key
from hdnd_portal.followups.kinds import kind_label
from hdnd_portal.followups.models import FollowUp
from hdnd_portal.targets.charts import Bar, bar_chart, number, responsive, small_multiples
from hdnd_portal.targets.metrics import BreakdownRow, Measure, breakdowns
from hdnd_portal.targets.models import Snapshot, Status, Target
from hdnd_portal.targets.periods import END_TERM, MID_TERM, Period, review_period
from hdnd_portal.targets.policies import CITY_ROLES
from hdnd_portal.targets.services import active_targets
from hdnd_portal.targets.status import Evaluation, evaluate, judge, measure_target

MONTHS = [f"T{m}" for m in range(1, 13)]


def target_list(*, access: Access | None):
    return (
        Target.objects.visible_to(access)
        .select_related("committee")
        .order_by("order", "code", "id")
    )


def planreview_list(*, access: Access | None):
    from hdnd_portal.targets.models import PlanReview

    return PlanReview.objects.visible_to(access).order_by("-year", "-half", "id")


def day_for_year(year: int, today: dt.date) -> dt.date:
    """The day a year's dashboard is seen on: today in the current year, else its last day
    (a past year) or first day (a year to come)."""
    if year == today.year:
        return today
    return dt.date(year, 12, 31) if year < today.year else dt.date(year, 1, 1)


def council_evaluations(council, on: dt.date, seen_on: dt.date | None = None) -> list[Evaluation]:
    return [evaluate(target, on, seen_on=seen_on) for target in active_targets(council)]


def status_counts(evaluations: list[Evaluation]) -> dict[str, int]:
    counts = {s.value: 0 for s in Status}
    for ev in evaluations:
        counts[str(ev.status)] += 1
    return counts


def target_bars(evaluations: list[Evaluation]) -> list[Bar]:
    bars = []
    for ev in evaluations:
        threshold = ev.target.threshold
        text = (
            f"{ev.actual_label.split(' ')[0]} / {ev.target.threshold_label}"
            if ev.measure.available
            else "Chưa có số liệu"
        )
        bars.append(
            Bar(
                ev.target.code,
                ev.measure.value,
                threshold,
                str(ev.status),
                text,
                marker=ev.expected if not ev.period.is_over else None,
            )
        )
    return bars


@dataclass
class Trend:
    labels: list[str]
    rows: list[tuple[str, list[float | None]]] = field(default_factory=list)
    charts: list[tuple[str, str]] = field(default_factory=list)  # one small chart per target


def trend(council, year: int, targets: list[Target]) -> Trend:
    """Each target's progress (% of its threshold) at the last snapshot of every month."""
    by_target: dict[int, dict[int, float | None]] = {}
    rows = (
        Snapshot.objects.filter(council=council, taken_on__year=year, target__in=targets)
        .order_by("target_id", "taken_on")
        .values_list("target_id", "taken_on", "value")
    )
    for target_id, taken_on, value in rows:
        by_target.setdefault(target_id, {})[taken_on.month] = value
    series = []
    for target in targets:
        months = by_target.get(target.pk)
        if not months or all(v is None for v in months.values()):
            continue
        points = [
            None
            if months.get(m) is None
            else round(100 * min(months[m], target.threshold) / target.threshold, 1)
            for m in range(1, 13)
        ]
        series.append((f"Chỉ tiêu {target.code}", points))
    result = Trend(MONTHS, series)
    result.charts = small_multiples(MONTHS, series, maximum=100)
    return result


def overdue_by_kind(access: Access, on: dt.date) -> list[BreakdownRow]:
    """Overdue follow-ups by kind (one query), each linking to the inbox filtered by it."""
    rows = (
        FollowUp.objects.visible_to(access)
        .open()
        .filter(due_date__lt=on)
        .values("kind")
        .annotate(n=Count("id"))
        .order_by("-n", "kind")
    )
    base = reverse("followups-inbox")
    return [
        BreakdownRow(kind_label(r["kind"]), r["n"], f"{base}?status=overdue&kind={r['kind']}")
        for r in rows
    ]


@dataclass
class Panel:
    label: str
    rows: list[BreakdownRow]
    svg: str


def panels(access: Access, year: int, on: dt.date) -> list[Panel]:
    result = []
    sources = [("Việc cần đôn đốc quá hạn theo loại việc", overdue_by_kind(access, on))]
    for breakdown in breakdowns():
        sources.append((breakdown.label, breakdown.fn(access, year, on)))
    for label, rows in sources:
        top = max([1, *(r.value for r in rows)])
        bars = [Bar(r.label, r.value, top, "", number(r.value)) for r in rows]
        result.append(
            Panel(
                label,
                rows,
                responsive(
                    bar_chart(bars, title=label, label_width=260),
                    bar_chart(bars, title=label, narrow=True),
                ),
            )
        )
    return result


def dashboard(
    *, access: Access, year: int, today: dt.date, recorded_on: dt.date | None = None
) -> dict:
    """The dashboard of a year, live — or, with ``recorded_on`` (today or a past day), the
    figures the daily job recorded by that day: the very read of the city comparison (``city_evaluations``),
    so a value there and the council's dashboard of its date are one figure."""
    council = Council.objects.get(pk=access.council_id)
    if recorded_on is not None and recorded_on <= today:
        on, year = recorded_on, recorded_on.year
        evaluations = city_evaluations([council.pk], on, {council.pk: council})[0][council.pk]
    else:
        recorded_on = None
        on = day_for_year(year, today)
        evaluations = council_evaluations(council, on, seen_on=today)
    bars = target_bars(evaluations)
    chart_title = f"Kết quả các chỉ tiêu đến ngày {on:%d/%m/%Y} so với mức phải đạt"
    return {
        "council": council,
        "year": year,
        "on": on,
        "recorded_on": recorded_on,
        "evaluations": evaluations,
        "counts": status_counts(evaluations),
        "chart": responsive(
            bar_chart(bars, title=chart_title, label_width=60),
            bar_chart(bars, title=chart_title, narrow=True),
        ),
        "trend": trend(council, year, [ev.target for ev in evaluations]),
        "panels": panels(access, year, on),
    }


# -- the review report ------------------------------------------------------------------
# Days of a target's own period, to count how many of them a term window holds.
PERIOD_DAYS = {"year": 365, "half_year": 182, "quarter": 91, "between_sessions": 182}


def term_threshold(target: Target, window: Period) -> int:
    """What a count target asks of a term window: its threshold once per period of its kind
    the window holds (rounded up: 2 sessions a year over two and a half years is 5). A share
    asks the same share over the window."""
    if target.unit == "share":
        return target.threshold
    periods = window.days / PERIOD_DAYS.get(target.period_kind, 365)
    return max(target.threshold, math.ceil(round(target.threshold * periods, 6)))


def term_review_rows(council, half: int, on: dt.date, *, term) -> list[Evaluation]:
    """Each target over the term's window (start → mid-point, or start → end), judged
    against its threshold scaled to the window (``term_threshold``)."""
    window = review_period(term.start_date.year, half, on, term=term)
    evaluations = []
    for target in active_targets(council):
        scaled = copy.copy(target)
        scaled.threshold = term_threshold(target, window)
        measure, url = measure_target(target, window)
        status, expected = judge(actual=measure.value, threshold=scaled.threshold, period=window)
        evaluations.append(Evaluation(scaled, window, measure, status, expected, url))
    return evaluations


def review_rows(council, year: int, half: int, on: dt.date, *, term=None) -> list[Evaluation]:
    """Each target over the review's period: year targets over the year (seen at the
    review's end, or ``on`` if sooner); half-year and shorter ones over their own
    period holding that day. A term review (mid-term, end of term) reads the term's window."""
    if half in (MID_TERM, END_TERM):
        return term_review_rows(council, half, on, term=term)
    covered = review_period(year, half, on)
    day = covered.as_of
    evaluations = []
    for target in active_targets(council):
        if target.period_kind == "year" or (target.period_kind == "half_year" and half in (1, 2)):
            period = review_period(year, half if target.period_kind == "half_year" else 0, day)
            measure, url = measure_target(target, period)
            status, expected = judge(
                actual=measure.value, threshold=target.threshold, period=period
            )
            evaluations.append(Evaluation(target, period, measure, status, expected, url))
        else:
            evaluations.append(evaluate(target, day))
    return evaluations


# -- the side-by-side view of several councils -------------------------------------------
def city_councils(access: Access) -> list[tuple[int, str, str]]:
    """The councils where the user holds a role that oversees (admin, Office, Standing
    Committee, Party leadership)."""
    return sorted(
        [(cid, name, role) for cid, name, role in access.available if role in CITY_ROLES],
        key=lambda c: vi_key(c[1]),
    )


# The columns of a snapshot an evaluation is made of (``_from_snapshot``): read as tuples,
# not model instances — the city view reads ~1,800 of them per request.
SNAPSHOT_FIELDS = (
    "pk",
    "taken_on",
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "status",
    "expected",
)


def _from_snapshot(target: Target, snap: tuple) -> Evaluation:
    """The stored figure of ``target`` (a row of ``SNAPSHOT_FIELDS``) as an evaluation seen
    on the day it was taken."""
    _pk, taken_on, start, end, value, numerator, denominator, status, expected = snap
    period = Period(
        target.period_kind, start, end, taken_on, f"Từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"
    )
    return Evaluation(target, period, Measure(value, numerator, denominator), status, expected)


def city_evaluations(
    council_ids: list[int], on: dt.date, councils: dict[int, Council] | None = None
) -> tuple[dict[int, list[Evaluation]], set[int]]:
    """Each council's active targets as the daily job last stored them (two queries for
    any number of councils: the targets with the id of their latest snapshot taken by
    ``on``, then those snapshots). A target without a snapshot of the period holding
    ``on`` (new, or the job has not run since the period began) is evaluated live.
    ``councils`` ({id: council}, already read by the caller) saves joining them again.

    Returns ({council id: evaluations}, ids of the targets evaluated live)."""
    latest = (
        Snapshot.objects.filter(target=OuterRef("pk"), taken_on__lte=on)
        .order_by("-taken_on")
        .values("pk")[:1]
    )
    targets = Target.objects.filter(council_id__in=council_ids, active=True)
    # Only what an evaluation reads; each council's targets in their order, sorted here
    # (the database's sort of ~1,800 wide rows under its text collation cost more than the
    # query).
    # The committee (a Ban's target) is read only by a live evaluation, the rare case.
    targets = targets.defer("search_text", "created_at", "updated_at")
    if councils is None:
        targets = targets.select_related("council")
    targets = sorted(
        targets.annotate(snapshot_id=Subquery(latest)).order_by(),
        key=lambda t: (t.council_id, t.order, t.code, t.pk),
    )
    wanted = [t.snapshot_id for t in targets if t.snapshot_id]
    snapshots = {
        row[0]: row
        for row in Snapshot.objects.filter(pk__in=wanted).order_by().values_list(*SNAPSHOT_FIELDS)
    }
    result: dict[int, list[Evaluation]] = {cid: [] for cid in council_ids}
    live: set[int] = set()
    for target in targets:
        if councils is not None:
            target.council = councils[target.council_id]
        snap = snapshots.get(target.snapshot_id)
        if snap is not None and snap[2] <= on <= snap[3]:
            result[target.council_id].append(_from_snapshot(target, snap))
        else:
            result[target.council_id].append(evaluate(target, on))
            live.add(target.pk)
    return result, live


def city_table(
    access: Access,
    on: dt.date,
    sort: str = "name",
    councils: list[tuple[int, str, str]] | None = None,
) -> dict:
    """The side-by-side table, read from the stored snapshots (``city_evaluations``).
    ``councils`` is ``city_councils(access)`` when the caller has it already."""
    if councils is None:
        councils = city_councils(access)
    by_id = Council.objects.in_bulk([cid for cid, _n, _r in councils])
    evaluations_of, live = city_evaluations(list(by_id), on, by_id)
    codes: list[str] = []
    rows = []
    days: set[dt.date] = set()
    for position, (cid, _name, role) in enumerate(councils):
        council = by_id.get(cid)
        if council is None:
            continue
        evaluations = evaluations_of.get(cid, [])
        cells = {ev.target.code: ev for ev in evaluations}
        for code in cells:
            if code not in codes:
                codes.append(code)
        taken = {ev.period.on for ev in evaluations if ev.target.pk not in live}
        days |= taken
        counts = status_counts(evaluations)
        rows.append(
            {
                "council": council,
                "role": role,
                "cells": cells,
                "counts": counts,
                "taken_on": min(taken) if taken else None,
                "position": position,  # city_councils' order: Vietnamese, by name
            }
        )
    codes.sort(key=lambda c: [int(p) if p.isdigit() else p for p in c.replace("-", ".").split(".")])
    for row in rows:
        row["ordered"] = [(code, row["cells"].get(code)) for code in codes]
    keys = {
        "name": lambda r: r["position"],
        "met": lambda r: (-r["counts"]["met"], r["council"].name),
        "at_risk": lambda r: (-r["counts"]["at_risk"], r["council"].name),
        "missed": lambda r: (-r["counts"]["missed"], r["council"].name),
    }
    rows.sort(key=keys.get(sort, keys["name"]))
    return {
        "codes": codes,
        "rows": rows,
        "sort": sort if sort in keys else "name",
        # The date of the figures: the latest snapshot shown (a row whose figures are
        # older says so); targets without one were computed live, as of ``on``.
        "figures_on": max(days) if days else None,
        "live": len(live),
    }

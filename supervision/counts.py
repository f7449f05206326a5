"""Counts for target 1.4 of the plan: supervision by body, kind and period.

Pure selectors, ready for the KPI dashboard: the HĐND holds at least 2 supervisions a calendar
year, each Ban 2 to 4, the Standing Committee at least 4 supervisions, surveys, questionings or
explanations between two regular sessions (the dashboard's period of that kind, from the real
session dates: the day after the last regular session closed to the eve of the next opening).
An activity counts once held (any state but "planned"), on its start date; ``end`` arguments are
exclusive.
"""

import datetime as dt
import math
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Q

from councils.models import Committee
from hdnd_portal.core.dated import year_share
from hdnd_portal.targets.periods import PeriodKind, period_for
from supervision.models import Activity, ActivityKind, Body

HDND_MIN = 2
BAN_MIN, BAN_MAX = 2, 4
STANDING_MIN = 4


@dataclass
class BodyCount:
    label: str
    body: str
    period: str
    start: dt.date | None
    end: dt.date | None  # exclusive
    committee_id: int | None = None
    by_kind: dict[str, int] = field(default_factory=dict)
    minimum: int | None = None
    maximum: int | None = None

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    @property
    def met(self) -> bool | None:
        if self.minimum is None:
            return None
        return self.total >= self.minimum

    @property
    def target_label(self) -> str:
        if self.minimum is None:
            return "—"
        if self.maximum is not None:
            return f"{self.minimum}-{self.maximum} cuộc"
        return f"≥ {self.minimum} cuộc"

    @property
    def status(self) -> str:
        if self.minimum is None:
            return "Không có chỉ tiêu"
        if self.total < self.minimum:
            return f"Chưa đạt (còn thiếu {self.minimum - self.total})"
        if self.maximum is not None and self.total > self.maximum:
            return "Đạt (vượt mức kế hoạch)"
        return "Đạt"

    def kind_counts(self) -> list[tuple[str, int]]:
        return [(str(label), self.by_kind.get(value, 0)) for value, label in ActivityKind.choices]


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def counts_by_body(*, council, start, end) -> dict[tuple[str, int | None], dict[str, int]]:
    """{(body, committee id): {kind: n}} of the activities held from ``start`` to before
    ``end``, in one query."""
    rows = (
        Activity.objects.filter(council=council)
        .held_between(start, end)
        .values("body", "committee_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    result: dict[tuple[str, int | None], dict[str, int]] = {}
    for row in rows:
        key = (row["body"], row["committee_id"])
        result.setdefault(key, {})[row["kind"]] = row["n"]
    return result


def hdnd_year(*, council, year: int, grouped=None) -> BodyCount:
    start, end = year_bounds(year)
    grouped = (
        grouped if grouped is not None else counts_by_body(council=council, start=start, end=end)
    )
    by_kind: dict[str, int] = {}
    for (body, _c), kinds in grouped.items():
        if body == Body.HDND:
            for kind, n in kinds.items():
                by_kind[kind] = by_kind.get(kind, 0) + n
    return BodyCount("HĐND xã", Body.HDND, f"Năm {year}", start, end, None, by_kind, HDND_MIN)


def committees_of_year(*, council, year: int, kinds) -> list[Committee]:
    start, end = year_bounds(year)
    return list(
        Committee.objects.filter(council=council, kind__in=kinds)
        .filter(
            Q(term__start_date__lt=end),
            Q(term__end_date__isnull=True) | Q(term__end_date__gte=start),
        )
        .select_related("term")
        .order_by("kind", "-term__start_date", "order", "name", "id")
    )


def committee_year(*, council, year: int, kind: str, grouped=None) -> list[BodyCount]:
    """Each Ban (2-4 a year) or delegate group (no threshold) of the year's terms."""
    start, end = year_bounds(year)
    grouped = (
        grouped if grouped is not None else counts_by_body(council=council, start=start, end=end)
    )
    body = Body.BAN if kind == Committee.Kind.BAN else Body.GROUP
    result = []
    committees = committees_of_year(council=council, year=year, kinds=[kind])
    # Two terms in one year (an election): "Ban Kinh tế - Ngân sách (2021-2026)".
    several_terms = len({c.term_id for c in committees}) > 1
    for committee in committees:
        by_kind = dict(grouped.get((body, committee.pk), {}))
        label = f"{committee.name} ({committee.term.name})" if several_terms else committee.name
        first, last, share = _part_of_year(committee.term, year)
        period = f"Năm {year}"
        if share < 1:
            period += f" (từ {first:%d/%m/%Y} đến {last:%d/%m/%Y})"
        result.append(
            BodyCount(
                label,
                body,
                period,
                start,
                end,
                committee.pk,
                by_kind,
                _prorated(BAN_MIN, share) if body == Body.BAN else None,
                _prorated(BAN_MAX, share) if body == Body.BAN else None,
            )
        )
    return result


def _part_of_year(term, year: int) -> tuple[dt.date, dt.date, Fraction]:
    """The days of ``year`` the term's bodies existed, and their share of the year."""
    first = max(term.start_date, dt.date(year, 1, 1))
    last = min(term.end_date or dt.date(year, 12, 31), dt.date(year, 12, 31))
    return first, last, year_share(first, last)


def _prorated(count: int, share: Fraction) -> int:
    """A yearly number asked of a body that existed for ``share`` of the year, rounded up (the
    rule of target 1.5.a's receptions): a Ban of the term that ended on 14/03 is asked for 1 of
    its 2-4, not judged "Chưa đạt" against the whole year."""
    return math.ceil(count * share)


def standing_window(*, council, on: dt.date) -> BodyCount:
    """The Standing Committee between the two regular sessions around ``on`` (≥ 4).

    The stretch is the dashboard's own period (``hdnd_portal.targets.periods``, kind
    "between two sessions"): from the day after the last regular session closed to the eve of
    the next one's opening, counted up to ``on`` — one definition for this page, target 1.4.b
    and the review report."""
    period = period_for(PeriodKind.BETWEEN_SESSIONS, council, on)
    start, end = period.start, period.as_of + dt.timedelta(days=1)
    grouped = counts_by_body(council=council, start=start, end=end)
    by_kind: dict[str, int] = {}
    for (body, _c), kinds in grouped.items():
        if body == Body.STANDING:
            for kind, n in kinds.items():
                by_kind[kind] = by_kind.get(kind, 0) + n
    return BodyCount(
        "Thường trực HĐND",
        Body.STANDING,
        period.label,
        start,
        end,
        None,
        by_kind,
        STANDING_MIN,
    )


def target_report(*, council, year: int, on: dt.date) -> list[BodyCount]:
    """Every body's count for the page "Thống kê giám sát" and the dashboard."""
    start, end = year_bounds(year)
    grouped = counts_by_body(council=council, start=start, end=end)
    return [
        hdnd_year(council=council, year=year, grouped=grouped),
        standing_window(council=council, on=on),
        *committee_year(council=council, year=year, kind=Committee.Kind.BAN, grouped=grouped),
        *committee_year(
            council=council, year=year, kind=Committee.Kind.DELEGATE_GROUP, grouped=grouped
        ),
    ]

"""The periods a target is judged over: a year, a half-year, a quarter, or the stretch
between two regular sessions.

A period is a closed range of days (``start`` and ``end`` both count) seen on a day
``on``: ``as_of`` is the last day whose records count (``on``, or the period's end once
it is over). "Between two sessions" follows the real session dates through a source
the meetings app registers (the kernel may not import it)::

    register_period_source("sessions", lambda council, on: regular_session_window(council, on))

The source answers ``(start, end)``: the day the last regular session ended and the
day the next one opens, either ``None`` when unknown. Without a source, or without a
past session, the period falls back to the half-year holding ``on``; without a next
session planned, it lasts until six months after its start (regular sessions come at
least twice a year, LEGAL.md).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Năm")
    HALF_YEAR = "half_year", _("Sáu tháng")
    QUARTER = "quarter", _("Quý")
    BETWEEN_SESSIONS = "between_sessions", _("Giữa hai kỳ họp thường lệ")


ROMAN_QUARTERS = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date
    on: dt.date
    label: str

    @property
    def as_of(self) -> dt.date:
        """The last day whose records count: ``on``, or the end once the period is over."""
        return min(self.on, self.end)

    @property
    def is_over(self) -> bool:
        return self.on > self.end

    @property
    def has_begun(self) -> bool:
        return self.on >= self.start

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def elapsed_share(self) -> float:
        """Share of the period's days gone by on ``on`` (that day included), 0 … 1."""
        if self.on < self.start:
            return 0.0
        if self.on >= self.end:
            return 1.0
        return ((self.on - self.start).days + 1) / self.days

    @property
    def key(self) -> str:
        """Identifies the period of a target (follow-ups, snapshots): "2026-01-01/2026-12-31"."""
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def __str__(self):
        return self.label


_SOURCES: dict[str, Callable] = {}


def register_period_source(name: str, fn: Callable) -> None:
    """``fn(council, on) -> (start, end)``; today only ``"sessions"`` is read."""
    _SOURCES[name] = fn


def unregister_period_source(name: str) -> None:
    _SOURCES.pop(name, None)


def _year(on: dt.date) -> Period:
    return Period(
        PeriodKind.YEAR, dt.date(on.year, 1, 1), dt.date(on.year, 12, 31), on, f"Năm {on.year}"
    )


def _half(on: dt.date) -> Period:
    if on.month <= 6:
        return Period(
            PeriodKind.HALF_YEAR,
            dt.date(on.year, 1, 1),
            dt.date(on.year, 6, 30),
            on,
            f"6 tháng đầu năm {on.year}",
        )
    return Period(
        PeriodKind.HALF_YEAR,
        dt.date(on.year, 7, 1),
        dt.date(on.year, 12, 31),
        on,
        f"6 tháng cuối năm {on.year}",
    )


def _quarter(on: dt.date) -> Period:
    index = (on.month - 1) // 3
    start = dt.date(on.year, 3 * index + 1, 1)
    end = (
        dt.date(on.year, 12, 31)
        if index == 3
        else dt.date(on.year, 3 * index + 4, 1) - dt.timedelta(days=1)
    )
    return Period(PeriodKind.QUARTER, start, end, on, f"Quý {ROMAN_QUARTERS[index]}/{on.year}")


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def _between_sessions(council, on: dt.date) -> Period:
    source = _SOURCES.get("sessions")
    start = end = None
    if source is not None:
        start, end = source(council, on)
    if start is None:
        half = _half(on)
        return Period(
            PeriodKind.BETWEEN_SESSIONS,
            half.start,
            half.end,
            on,
            f"Giữa hai kỳ họp ({half.label}, chưa có lịch kỳ họp)",
        )
    # The day after the session ended, until the eve of the next one.
    first = start + dt.timedelta(days=1)
    last = end - dt.timedelta(days=1) if end is not None else _add_months(first, 6)
    last = max(last, first)
    label = f"Giữa hai kỳ họp: từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}"
    if end is None:
        label += " (chưa có lịch kỳ họp tiếp theo)"
    return Period(PeriodKind.BETWEEN_SESSIONS, first, last, on, label)


def period_for(kind: str, council, on: dt.date) -> Period:
    """The period of ``kind`` that holds ``on``."""
    if kind == PeriodKind.YEAR:
        return _year(on)
    if kind == PeriodKind.HALF_YEAR:
        return _half(on)
    if kind == PeriodKind.QUARTER:
        return _quarter(on)
    if kind == PeriodKind.BETWEEN_SESSIONS:
        return _between_sessions(council, on)
    raise ValueError(f"Unknown period kind {kind!r}")


# A term lasts five years (Law on the Organisation of Local Government, art. 5); a term without
# a recorded end is read as five years from its start.
TERM_YEARS = 5
TERM = "term"
MID_TERM, END_TERM = 3, 4


def term_end(start: dt.date, end: dt.date | None) -> dt.date:
    """The term's last day: its recorded end, else the eve of its fifth anniversary."""
    return end if end is not None else _add_months(start, 12 * TERM_YEARS) - dt.timedelta(days=1)


def term_midpoint(start: dt.date, end: dt.date | None) -> dt.date:
    """The last day of the term's first half (the mid-term review's window ends that day)."""
    last = term_end(start, end)
    return start + dt.timedelta(days=((last - start).days + 1) // 2 - 1)


def term_review_period(
    half: int, on: dt.date, *, start: dt.date, end: dt.date | None, name: str
) -> Period:
    """The window of a term review seen on ``on``: the mid-term one from the term's start to
    its mid-point, the end-of-term one from its start to its end (``as_of`` is today while
    the term runs). Both start and end days count."""
    last = term_midpoint(start, end) if half == MID_TERM else term_end(start, end)
    what = "Giữa nhiệm kỳ" if half == MID_TERM else "Nhiệm kỳ"
    label = f"{what} {name} (từ {start:%d/%m/%Y} đến {last:%d/%m/%Y})"
    return Period(TERM, start, last, on, label)


def review_period(year: int, half: int, on: dt.date, *, term=None) -> Period:
    """The period a plan review covers: a half (1, 2) or the whole year (0), seen on ``on``;
    the mid-term (3) or end-of-term (4) window of ``term``."""
    if half in (MID_TERM, END_TERM):
        if term is None:
            raise ValueError("A term review needs its term")
        return term_review_period(
            half, on, start=term.start_date, end=term.end_date, name=term.name
        )
    if half == 1:
        return Period(
            PeriodKind.HALF_YEAR,
            dt.date(year, 1, 1),
            dt.date(year, 6, 30),
            on,
            f"6 tháng đầu năm {year}",
        )
    if half == 2:
        return Period(
            PeriodKind.HALF_YEAR,
            dt.date(year, 7, 1),
            dt.date(year, 12, 31),
            on,
            f"6 tháng cuối năm {year}",
        )
    return Period(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31), on, f"Năm {year}")

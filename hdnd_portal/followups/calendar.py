"""Working-day and calendar-day arithmetic for legal deadlines.

How a deadline is counted (README: "Deadlines")
-----------------------------------------------
* **The day of the event is not counted.** Counting starts the day after the
  letter was received or the task was given (Bộ luật Dân sự 2015, Điều 147.1:
  "ngày đầu tiên của thời hạn không được tính"). ``add_working_days(Mon, 1)``
  is Tuesday; ``add_calendar_days(d, 30)`` is ``d + 30 days``.
* **Working days** (ngày làm việc) skip Saturdays, Sundays, Vietnamese public
  holidays (package ``holidays``, country "VN": Tết, Hùng Kings, 30/4, 1/5,
  2/9, … including the substitute days off it knows of) and the extra days off
  staff declare as :class:`~hdnd_portal.followups.models.DayOff` (Tết bridge
  days). A make-up working day (``DayOff`` kind ``work``, or one the
  ``holidays`` package lists as a weekend workday) counts although it is a
  Saturday or Sunday. A council's own ``DayOff`` wins over a global one on the
  same date.
* **Calendar days** (ngày) count every day; when the last day is not a working
  day the deadline moves to the next working day (Bộ luật Dân sự 2015,
  Điều 148.5 — cited from memory, so it is the setting
  ``FOLLOWUP_CALENDAR_DEADLINE_ROLLS``, on by default).
* **Counting back** (``n`` negative, "at least N days before the session"):
  the same rules mirrored; a calendar deadline that falls on a day off moves
  *earlier* to the previous working day, so the notice is never late.

Efficiency: the public holidays of a year are computed once per process
(``lru_cache``); the ``DayOff`` rows of the needed date range are read in one
query per call (a second only if a very long count runs past the estimate).
"""

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings
from django.db.models import Q

ONE_DAY = dt.timedelta(days=1)
PADDING = dt.timedelta(days=31)
WEEKEND = frozenset({5, 6})  # Saturday, Sunday


@lru_cache(maxsize=64)
def _national_calendar(year: int) -> tuple[dict[dt.date, str], frozenset[dt.date]]:
    """Public holidays (date -> Vietnamese name) and make-up weekend workdays of ``year``."""
    vn = holidays.country_holidays("VN", years=year, language="vi")
    days_off = {day: name for day, name in vn.items() if day.year == year}
    workdays = frozenset(d for d in getattr(vn, "weekend_workdays", ()) if d.year == year)
    return days_off, workdays


def public_holidays(year: int) -> dict[dt.date, str]:
    """Vietnamese public holidays of ``year``: date -> name (in Vietnamese)."""
    return dict(_national_calendar(year)[0])


def make_up_workdays(year: int) -> frozenset[dt.date]:
    """Weekend days of ``year`` that the ``holidays`` package lists as make-up working days."""
    return _national_calendar(year)[1]


class WorkingCalendar:
    """The working days of one council (or of every council when ``council`` is None).

    Loads the council's ``DayOff`` rows lazily, one query per date window.
    """

    def __init__(self, council=None):
        self.council_id = getattr(council, "pk", council)
        self._loaded: tuple[dt.date, dt.date] | None = None
        self._overrides: dict[dt.date, str] = {}  # date -> "off" | "work"

    def _load(self, start: dt.date, end: dt.date) -> None:
        from hdnd_portal.followups.models import DayOff

        if self._loaded is not None:
            start, end = min(start, self._loaded[0]), max(end, self._loaded[1])
        scope = Q(council__isnull=True)
        if self.council_id is not None:
            scope |= Q(council_id=self.council_id)
        rows = DayOff.objects.filter(scope, date__gte=start, date__lte=end).values_list(
            "date", "kind", "council_id"
        )
        overrides: dict[dt.date, str] = {}
        council_specific: set[dt.date] = set()
        for day, kind, council_id in rows:
            if council_id is not None:
                overrides[day] = kind
                council_specific.add(day)
            elif day not in council_specific:
                overrides[day] = kind
        self._overrides = overrides
        self._loaded = (start, end)

    def ensure_range(self, start: dt.date, end: dt.date) -> None:
        if start > end:
            start, end = end, start
        if self._loaded is None or start < self._loaded[0] or end > self._loaded[1]:
            # A margin on both sides: neighbouring look-ups need no further query.
            self._load(start - PADDING, end + PADDING)

    def is_working_day(self, day: dt.date) -> bool:
        self.ensure_range(day, day)
        override = self._overrides.get(day)
        if override == "off":
            return False
        if override == "work":
            return True
        days_off, workdays = _national_calendar(day.year)
        if day in workdays:
            return True
        return day.weekday() not in WEEKEND and day not in days_off

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``start`` (before it when ``n`` < 0)."""
        if n == 0:
            return start
        step = ONE_DAY if n > 0 else -ONE_DAY
        # n working days span at most about 7/5 n days plus Tết (about 10 days).
        self.ensure_range(start, start + step * (abs(n) * 2 + 20))
        day, left = start, abs(n)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def next_working_day(self, day: dt.date, backwards: bool = False) -> dt.date:
        """``day`` itself if it is a working day, else the next (or previous) one."""
        step = -ONE_DAY if backwards else ONE_DAY
        self.ensure_range(day, day + step * 20)
        while not self.is_working_day(day):
            day += step
        return day

    def add_calendar_days(self, start: dt.date, n: int, roll: bool | None = None) -> dt.date:
        """``start + n`` days; a last day that is a day off moves to a working day."""
        if roll is None:
            roll = getattr(settings, "FOLLOWUP_CALENDAR_DEADLINE_ROLLS", True)
        day = start + dt.timedelta(days=n)
        return self.next_working_day(day, backwards=n < 0) if roll else day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
        if start == end:
            return 0
        sign = 1 if end > start else -1
        lo, hi = (start, end) if sign > 0 else (end, start)
        self.ensure_range(lo, hi)
        count = 0
        day = lo
        while day < hi:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return sign * count


def is_working_day(day: dt.date, council=None) -> bool:
    return WorkingCalendar(council).is_working_day(day)


def add_working_days(start: dt.date, n: int, council=None) -> dt.date:
    """The ``n``-th working day after ``start``; ``start`` itself is never counted.

    ``add_working_days(date(2026, 8, 28), 3)`` (a Friday) is Monday 7 September
    2026: the weekend, the 31 August day off and National Day (1-2 September) are
    skipped, then Thursday 3 and Friday 4 count. A negative ``n`` counts back.
    """
    return WorkingCalendar(council).add_working_days(start, n)


def add_calendar_days(start: dt.date, n: int, council=None, roll: bool | None = None) -> dt.date:
    """``start + n`` calendar days, moved to a working day when it ends on a day off.

    ``roll=False`` gives the bare date (e.g. the 90-day limit to file a complaint
    as counted by some offices); the default follows ``FOLLOWUP_CALENDAR_DEADLINE_ROLLS``.
    """
    return WorkingCalendar(council).add_calendar_days(start, n, roll=roll)


def working_days_between(start: dt.date, end: dt.date, council=None) -> int:
    return WorkingCalendar(council).working_days_between(start, end)

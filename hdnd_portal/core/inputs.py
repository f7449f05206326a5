"""Parsing what users send, so bad input is a clear 400 or form error, never a 500.

- Ids from checkbox lists: ASCII digits only ("²".isdigit() is True in Python, and a number past
  the database's 64-bit integers overflows SQLite), at most ``MAX_IDS`` of them.
- Dates: a sane window for a commune council's records. Year 1 or 9999 overflows date
  arithmetic (deadlines, "days overdue"); nothing the council records predates 1945.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1
MAX_IDS = 1000
_ID = re.compile(r"[0-9]{1,19}")

MIN_DATE = dt.date(1945, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


def parse_ids(values) -> list[int]:
    """The valid ids among ``values`` (strings from a form), in order, without duplicates.

    Anything else (text, signs, superscripts, numbers too big for the database) is dropped:
    the caller says "nothing selected" when the result is empty.
    """
    ids: dict[int, None] = {}
    for value in values:
        text = str(value).strip()
        if _ID.fullmatch(text) and 0 < int(text) <= MAX_ID:
            ids[int(text)] = None
        if len(ids) >= MAX_IDS:
            break
    return list(ids)


def validate_sane_date(value: dt.date | None) -> None:
    if value is None:
        return
    if isinstance(value, dt.datetime):
        value = value.date()
    if not MIN_DATE <= value <= MAX_DATE:
        raise ValidationError(
            _("Ngày phải trong khoảng từ %(start)s đến %(end)s."),
            code="date_out_of_range",
            params={"start": MIN_DATE.strftime("%d/%m/%Y"), "end": MAX_DATE.strftime("%d/%m/%Y")},
        )


_DAY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def parse_day(value, default: dt.date | None = None) -> dt.date | None:
    """A day from a link (``?on=07/12/2026``, dd/mm/yyyy as users write it) inside the date
    window, else ``default``."""
    match = _DAY.fullmatch(str(value or "").strip())
    if not match:
        return default
    day, month, year = (int(g) for g in match.groups())
    try:
        parsed = dt.date(year, month, day)
    except ValueError:
        return default
    return parsed if MIN_DATE <= parsed <= MAX_DATE else default


_YEAR = re.compile(r"[0-9]{4}")


def parse_year(value, default: int | None = None) -> int | None:
    """A year from a link (``?year=2026``): four ASCII digits inside the date window, else
    ``default`` — "²⁰²⁶", "2026.5", "0" or "99999" never reach date arithmetic."""
    text = str(value or "").strip()
    if _YEAR.fullmatch(text) and MIN_DATE.year <= int(text) <= MAX_DATE.year:
        return int(text)
    return default

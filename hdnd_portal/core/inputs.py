"""Parsing what users send, so bad input is a clear 400 or form error, never a 500.

- Ids from checkbox lists: ASCII digits only ("²".isdigit() is True in Python, and a number past
  the database's 64-bit integers overflows SQLite), at most ``MAX_IDS`` of them; a filter's
  number within the same 64 bits (``bound_number_field``).
- Dates: a sane window for a commune council's records. Year 1 or 9999 overflows date
  arithmetic (deadlines, "days overdue"); nothing the council records predates 1945.
- Control characters (C0, U+0000-U+001F): PostgreSQL refuses NUL in text (``?q=a%00b`` was a
  500 on every search box), the Excel export and the Word twin (XML) refuse most of the others,
  and no keyboard types them. :class:`~hdnd_portal.core.middleware.ControlCharactersMiddleware`
  strips them from every query parameter, cookie and form field before a view runs, and the
  API's parsers from every string of a body (``hdnd_portal.core.parsers``); a text box keeps its
  tabs and line breaks (``\t``, ``\n``, ``\r``), a query parameter or a cookie is one line.
"""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import QueryDict
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


def bound_number_field(field) -> None:
    """A number field (a filter's) accepts only what a 64-bit column can hold, unless it has
    narrower bounds of its own. django-filter's NumberFilter caps the top only (1e50), and
    comparing "-1e999999999" with an integer column builds a billion-digit integer: the
    request never ends."""
    # django-filter's own cap (1e50) would be a second message for the same number.
    field.validators = [
        v
        for v in field.validators
        if not (isinstance(v, MaxValueValidator) and v.limit_value > MAX_ID)
    ]
    if getattr(field, "min_value", None) is None:
        field.validators.append(MinValueValidator(-MAX_ID))
    if getattr(field, "max_value", None) is None:
        field.validators.append(MaxValueValidator(MAX_ID))


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


# str.translate tables: every C0 control character removed; the multi-line one keeps the
# tab and the line breaks a textarea sends.
_CONTROLS = {code: None for code in range(0x20)}
_CONTROLS_MULTILINE = {code: None for code in _CONTROLS if chr(code) not in "\t\n\r"}
_HAS_CONTROL = re.compile(r"[\x00-\x1f]")


def has_controls(text: str) -> bool:
    return _HAS_CONTROL.search(text) is not None


def strip_controls(text: str, *, multiline: bool = False) -> str:
    """``text`` without C0 control characters (a multi-line text keeps tabs and line breaks)."""
    return text.translate(_CONTROLS_MULTILINE if multiline else _CONTROLS)


def strip_controls_deep(value, *, multiline: bool = True):
    """Every string inside ``value`` (a parsed JSON body: dicts, lists, keys) stripped."""
    if isinstance(value, str):
        return strip_controls(value, multiline=multiline)
    if isinstance(value, dict):
        return {
            strip_controls(k, multiline=False) if isinstance(k, str) else k: strip_controls_deep(
                v, multiline=multiline
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [strip_controls_deep(v, multiline=multiline) for v in value]
    return value


def stripped_querydict(data: QueryDict, *, multiline: bool = False) -> QueryDict:
    """``data`` (request.GET, request.POST) with its keys and values stripped of control
    characters; the same object when there was nothing to strip."""
    pairs = list(data.lists())
    if not any(has_controls(k) or any(has_controls(v) for v in vs) for k, vs in pairs):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in pairs:
        cleaned.setlistdefault(strip_controls(key), []).extend(
            strip_controls(v, multiline=multiline) for v in values
        )
    cleaned._mutable = data._mutable
    return cleaned


_YEAR = re.compile(r"[0-9]{4}")


def parse_year(value, default: int | None = None) -> int | None:
    """A year from a link (``?year=2026``): four ASCII digits inside the date window, else
    ``default`` — "²⁰²⁶", "2026.5", "0" or "99999" never reach date arithmetic."""
    text = str(value or "").strip()
    if _YEAR.fullmatch(text) and MIN_DATE.year <= int(text) <= MAX_DATE.year:
        return int(text)
    return default


TIME_INPUT_FORMATS = ("%H:%M", "%H:%M:%S", "%Hh%M", "%Hh", "%H.%M", "%H%M")


class TimeOfDayField(forms.TimeField):
    """A time of day typed as Vietnamese offices write it: "07:30", "7:30", "7h30", "7h",
    "07.30" or "0730". A text box, not ``<input type="time">``, which an English phone shows
    with AM/PM."""

    default_error_messages = {"invalid": _("Nhập giờ dạng 07:30 (giờ:phút, 24 giờ).")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", TIME_INPUT_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"placeholder": "07:30", "autocomplete": "off", "maxlength": 8, "size": 6}
            ),
        )
        kwargs.setdefault("help_text", _("Giờ:phút, ví dụ 07:30 hoặc 14h00."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dt.time):
            return f"{value:%H:%M}"
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().lower().replace(" ", "")
        return super().to_python(value)

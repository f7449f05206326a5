"""The plan's metrics, dashboard picture and calendar events of citizen reception and
letters (registered in ``PetitionsConfig.ready()``).

- 1.5.a ``petitions.delegates_receiving``: delegates in office during the period who held
  the receptions the council's setting requires (prorated to the days counted) ÷ those
  delegates (``petitions.counts.delegates_meeting``);
- 1.5.c ``petitions.letters_forwarded``: letters that must be forwarded which were
  forwarded or guided ÷ letters that must be forwarded (``petitions.counts.letters_forwarded``).

Nothing here names a citizen: the picture counts letters by kind and state, and a
reception day of the schedule shows its host and place only.
"""

import datetime as dt

from django.db.models import Count
from django.urls import reverse

from hdnd_portal.core.calendar import CalendarEvent, register_calendar_source
from hdnd_portal.core.permissions import can
from hdnd_portal.targets.metrics import (
    SHARE,
    BreakdownRow,
    Measure,
    register_breakdown,
    register_metric,
)
from petitions import counts, policies
from petitions.models import Kind, Letter
from petitions.selectors import letter_list, schedule_list

DELEGATES_RECEIVING = "petitions.delegates_receiving"
LETTERS_FORWARDED = "petitions.letters_forwarded"


# -- metrics -------------------------------------------------------------------------------
def delegates_receiving(council, period, committee=None) -> Measure:
    meeting, total = counts.delegates_meeting(
        council_id=council.pk, start=period.start, end=period.as_of
    )
    return Measure.share(meeting, total)


def letters_forwarded(council, period, committee=None) -> Measure:
    handled, eligible = counts.letters_forwarded(
        council_id=council.pk, start=period.start, end=period.as_of
    )
    return Measure.share(handled, eligible)


def _shortfall_url(council, period) -> str:
    return f"{reverse('petitions-shortfall')}?year={period.start.year}"


def _letters_url(council, period) -> str:
    return (
        f"{reverse('petitions-letter-list')}?received_from={period.start:%d/%m/%Y}"
        f"&received_to={period.as_of:%d/%m/%Y}&eligible=true"
    )


# -- breakdown: fn(access, year, on), one aggregate query ----------------------------------
def letters_by_kind_and_state(access, year: int, on: dt.date) -> list[BreakdownRow]:
    if not can(access, policies.LETTER, "view"):
        return []
    start = dt.date(year, 1, 1)
    found = {
        (r["kind"], r["state"]): r["n"]
        for r in letter_list(access=access)
        .filter(received_on__gte=start, received_on__lte=on)
        .order_by()
        .values("kind", "state")
        .annotate(n=Count("id"))
    }
    base = reverse("petitions-letter-list")
    dates = f"received_from={start:%d/%m/%Y}&received_to={on:%d/%m/%Y}"
    return [
        BreakdownRow(
            f"{kind_label} — {state_label}",
            found[(kind, state)],
            f"{base}?kind={kind}&state={state}&{dates}",
        )
        for kind, kind_label in Kind.choices
        for state, state_label in Letter.State.choices
        if found.get((kind, state))
    ]


# -- calendar: the reception schedule ------------------------------------------------------
def schedule_events(access, start: dt.date, end: dt.date) -> list[CalendarEvent]:
    if not can(access, policies.SCHEDULE, "view"):
        return []
    return [
        CalendarEvent(
            title=f"Tiếp công dân — {s.get_host_display()}",
            start=s.date,
            url=s.get_absolute_url(),
            place=s.place,
            uid=f"petitions-schedule-{s.pk}",
        )
        for s in schedule_list(access=access).filter(date__gte=start, date__lte=end)
    ]


def register_metrics() -> None:
    register_metric(
        DELEGATES_RECEIVING,
        "Tỷ lệ đại biểu HĐND thực hiện tiếp công dân theo quy định",
        delegates_receiving,
        unit=SHARE,
        records_url=_shortfall_url,
    )
    register_metric(
        LETTERS_FORWARDED,
        "Tỷ lệ đơn thư được chuyển hoặc hướng dẫn đến cơ quan có thẩm quyền",
        letters_forwarded,
        unit=SHARE,
        records_url=_letters_url,
    )
    register_breakdown(
        "petitions.letters", "Đơn thư theo loại và trạng thái", letters_by_kind_and_state, order=40
    )
    register_calendar_source("petitions.schedule", "Lịch tiếp công dân", schedule_events)

"""The plan's metrics, dashboard picture and calendar events of citizen reception and
letters (registered in ``PetitionsConfig.ready()``).

- 1.5.a ``petitions.delegates_receiving``: delegates in office during the period who held
  the receptions the council's setting requires (prorated to the days counted) ÷ those
  delegates (``petitions.counts.delegate_shortfall``);
- 1.5.c ``petitions.letters_forwarded``: letters that must be forwarded which were
  forwarded or guided ÷ letters that must be forwarded (``petitions.counts.letter_counts``).

Nothing here names a citizen: the picture counts letters by kind and state, and a
reception day of the schedule shows its host and place only.
"""

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse

from councils.models import Delegate
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
from petitions.models import Kind, Letter, PetitionSetting
from petitions.selectors import letter_list, schedule_list

DELEGATES_RECEIVING = "petitions.delegates_receiving"
LETTERS_FORWARDED = "petitions.letters_forwarded"


# -- metrics -------------------------------------------------------------------------------
def delegates_receiving(council, period, committee=None) -> Measure:
    """The two counts of ``counts.delegate_shortfall`` (delegates in office during the
    period who held the receptions required, of those delegates) in one aggregate query
    after the setting's."""
    start, end = period.start, period.as_of
    setting = PetitionSetting.for_council(council.pk, end)
    required = counts.required_receptions(setting.delegate_receptions_per_year, start, end)
    held = Count(
        "receptions__received_on",
        distinct=True,
        filter=Q(receptions__council_id=council.pk, receptions__received_on__range=(start, end)),
    )
    row = (
        Delegate.objects.filter(council_id=council.pk)
        .overlapping(start, end)
        .annotate(held=held)
        .aggregate(total=Count("id"), meeting=Count("id", filter=Q(held__gte=required)))
    )
    return Measure.share(row["meeting"], row["total"])


def letters_forwarded(council, period, committee=None) -> Measure:
    """The two counts ``counts.letter_counts`` gives (``eligible_handled`` of
    ``eligible``), in one aggregate query."""
    handled = (Letter.State.FORWARDED, Letter.State.RESOLVED, Letter.State.GUIDED)
    row = Letter.objects.filter(
        council_id=council.pk, received_on__range=(period.start, period.as_of)
    ).aggregate(
        to_forward=Count("id", filter=Q(eligible=True)),
        forwarded=Count("id", filter=Q(eligible=True, state__in=handled)),
    )
    return Measure.share(row["forwarded"], row["to_forward"])


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

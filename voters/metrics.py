"""The plan's metrics, dashboard pictures and calendar events of voter contact
(registered in ``VotersConfig.ready()``).

- 1.5.b ``voters.petitions_forwarded``: synthesised petitions forwarded to an answering
  body ÷ synthesised petitions of the period (``voters.counts.petitions_forwarded``);
- 1.6 ``voters.thematic_meetings``: thematic voter meetings of the Standing Committee held
  in the period up to the day seen (the criteria of ``voters.counts.thematic_meetings``).
"""

import datetime as dt

from django.db.models import Count
from django.urls import reverse

from councils.models import Committee
from hdnd_portal.core.calendar import CalendarEvent, at, register_calendar_source
from hdnd_portal.core.permissions import can
from hdnd_portal.followups.selectors import followup_timeliness
from hdnd_portal.targets.metrics import (
    COUNT,
    SHARE,
    BreakdownRow,
    Measure,
    register_breakdown,
    register_metric,
)
from voters import counts, policies
from voters.models import SynthesizedPetition, VoterMeeting
from voters.selectors import meeting_list
from voters.services import FOLLOWUP_KIND

PETITIONS_FORWARDED = "voters.petitions_forwarded"
THEMATIC_MEETINGS = "voters.thematic_meetings"


# -- metrics -------------------------------------------------------------------------------
def petitions_forwarded(council, period, committee=None) -> Measure:
    row = counts.petitions_forwarded(council=council, start=period.start, end=period.as_of)
    return Measure.share(row["forwarded"], row["total"])


def thematic_meetings(council, period, committee=None) -> Measure:
    n = VoterMeeting.objects.filter(
        council=council,
        kind=VoterMeeting.Kind.THEMATIC,
        holder__kind=Committee.Kind.STANDING,
        held_on__gte=period.start,
        held_on__lte=period.as_of,
    ).count()
    return Measure(n)


def _synth_url(council, period) -> str:
    return reverse("voters-synthesizedpetition-list")


def _thematic_url(council, period) -> str:
    return (
        f"{reverse('voters-votermeeting-list')}?kind={VoterMeeting.Kind.THEMATIC}"
        f"&held_from={period.start:%d/%m/%Y}&held_to={period.as_of:%d/%m/%Y}"
    )


# -- breakdowns: fn(access, year, on), one aggregate query each -----------------------------
def _synth_of_year(access, year: int, on: dt.date):
    """The year's synthesised petitions the reader may see, up to ``on`` (the scope of
    ``synth_list`` without its per-row counts of voters' petitions: a breakdown counts
    synthesised petitions, never the rows of that join)."""
    if not can(access, policies.SYNTH, "view"):
        return None
    first, after = counts.day_bounds(dt.date(year, 1, 1), on)
    return SynthesizedPetition.objects.visible_to(access).filter(
        created_at__gte=first, created_at__lt=after
    )


def _grouped(qs, key: str):
    return qs.order_by().values(key).annotate(n=Count("id")).order_by("-n", key)


def petitions_by_field(access, year: int, on: dt.date) -> list[BreakdownRow]:
    qs = _synth_of_year(access, year, on)
    if qs is None:
        return []
    base = reverse("voters-synthesizedpetition-list")
    return [
        BreakdownRow(r["field__name"], r["n"], f"{base}?field={r['field']}")
        for r in qs.order_by()
        .values("field", "field__name")
        .annotate(n=Count("id"))
        .order_by("-n", "field__name")
    ]


def petitions_by_state(access, year: int, on: dt.date) -> list[BreakdownRow]:
    qs = _synth_of_year(access, year, on)
    if qs is None:
        return []
    base = reverse("voters-synthesizedpetition-list")
    found = {r["state"]: r["n"] for r in _grouped(qs, "state")}
    return [
        BreakdownRow(str(label), found[code], f"{base}?state={code}")
        for code, label in SynthesizedPetition.State.choices
        if found.get(code)
    ]


def petitions_by_agency(access, year: int, on: dt.date) -> list[BreakdownRow]:
    qs = _synth_of_year(access, year, on)
    if qs is None:
        return []
    base = reverse("voters-synthesizedpetition-list")
    rows = (
        qs.filter(agency__isnull=False)
        .order_by()
        .values("agency", "agency__name")
        .annotate(n=Count("id"))
        .order_by("-n", "agency__name")
    )
    return [BreakdownRow(r["agency__name"], r["n"], f"{base}?agency={r['agency']}") for r in rows]


def answers_on_time(access, year: int, on: dt.date) -> list[BreakdownRow]:
    """Follow-ups of voters' petitions due in ``year``: answered by the due date, answered
    after it, and still open past it on ``on``."""
    row = followup_timeliness(access, kind=FOLLOWUP_KIND, due_year=year, on=on)
    if row is None:
        return []
    base = f"{reverse('followups-inbox')}?kind={FOLLOWUP_KIND}"
    return [
        BreakdownRow("Trả lời đúng hạn", row["on_time"], f"{base}&status=all"),
        BreakdownRow("Trả lời trễ hạn", row["late"], f"{base}&status=all"),
        BreakdownRow("Quá hạn chưa trả lời", row["overdue"], f"{base}&status=overdue"),
    ]


# -- calendar ------------------------------------------------------------------------------
def meeting_events(access, start: dt.date, end: dt.date) -> list[CalendarEvent]:
    if not can(access, policies.MEETING, "view"):
        return []
    return [
        CalendarEvent(
            title=f"Tiếp xúc cử tri ({m.get_kind_display().lower()}) — {m.holder.name}",
            start=at(m.held_on, m.start_time),
            url=m.get_absolute_url(),
            place=m.place,
            uid=f"voters-meeting-{m.pk}",
        )
        for m in meeting_list(access=access)
        .select_related("holder")
        .filter(held_on__gte=start, held_on__lte=end)
    ]


def register_metrics() -> None:
    register_metric(
        PETITIONS_FORWARDED,
        "Tỷ lệ kiến nghị cử tri được chuyển đến cơ quan có thẩm quyền",
        petitions_forwarded,
        unit=SHARE,
        records_url=_synth_url,
    )
    register_metric(
        THEMATIC_MEETINGS,
        "Số cuộc tiếp xúc cử tri chuyên đề của Thường trực HĐND",
        thematic_meetings,
        unit=COUNT,
        records_url=_thematic_url,
    )
    register_breakdown(
        "voters.by_field", "Kiến nghị cử tri theo lĩnh vực", petitions_by_field, order=30
    )
    register_breakdown(
        "voters.by_state", "Kiến nghị cử tri theo trạng thái", petitions_by_state, order=31
    )
    register_breakdown(
        "voters.by_agency", "Kiến nghị cử tri theo cơ quan trả lời", petitions_by_agency, order=32
    )
    register_breakdown(
        "voters.on_time", "Kiến nghị cử tri trả lời đúng hạn / trễ hạn", answers_on_time, order=33
    )
    register_calendar_source("voters.meeting", "Tiếp xúc cử tri", meeting_events)

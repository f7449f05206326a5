"""What citizen reception and letters tell the KPI dashboard (targets 1.5.a and 1.5.c) and
the calendar — never a denouncer's name."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.middleware import build_access
from hdnd_portal.core.calendar import events_between
from hdnd_portal.targets.metrics import get_metric
from hdnd_portal.targets.periods import PeriodKind, period_for
from petitions.counts import required_receptions
from petitions.metrics import (
    DELEGATES_RECEIVING,
    LETTERS_FORWARDED,
    letters_by_kind_and_state,
    schedule_events,
)
from petitions.models import Kind, Letter, Reception, ReceptionSchedule
from tests.factories import DelegateFactory, persona
from tests.petitions.conftest import DENOUNCER, VARIANTS, new_letter

ON = dt.date(2026, 11, 28)


def year_of(council):
    return period_for(PeriodKind.YEAR, council, ON)


def receive(council, delegate, day, by_user):
    reception = Reception.objects.create(
        council=council,
        received_on=day,
        place="Trụ sở HĐND và UBND xã",
        citizen_name="Phạm Văn Công",
        kind=Kind.PETITION,
        content="Kiến nghị về đường thôn",
        outcome=Reception.Outcome.GUIDANCE,
        created_by=by_user,
    )
    reception.receivers.set([delegate])


def test_delegates_receiving_is_the_share_meeting_the_settings_frequency(council, term, handler):
    # Four receptions a year (the default setting) prorated to 28/11: four are required.
    start = dt.date(2026, 1, 1)
    keen, short, late = (DelegateFactory(term=term, start_date=start) for _ in range(3))
    for month in (2, 4, 6, 9):
        receive(council, keen, dt.date(2026, month, 10), handler)
    for month in (2, 4, 6):
        receive(council, short, dt.date(2026, month, 10), handler)
    receive(council, late, dt.date(2025, 12, 10), handler)  # last year: not counted
    for month in (3, 5, 7):
        receive(council, late, dt.date(2026, month, 10), handler)
    receive(council, short, dt.date(2026, 12, 5), handler)  # after the day seen
    metric = get_metric(DELEGATES_RECEIVING)
    assert metric.unit == "share"
    measure = metric.fn(council, year_of(council))
    assert (measure.numerator, measure.denominator, measure.value) == (1, 3, 33.3)
    assert metric.records_url(council, year_of(council)).endswith("?year=2026")


def test_letters_forwarded_counts_forwarded_or_guided_of_those_to_forward(council, handler):
    def letter(state, received_on=dt.date(2026, 10, 1), **fields):
        obj = new_letter(council, handler, received_on=received_on, **fields)
        Letter.objects.filter(pk=obj.pk).update(state=state)
        return obj

    letter(Letter.State.FORWARDED)
    letter(Letter.State.GUIDED)
    letter(Letter.State.RECEIVED)
    letter(Letter.State.RECEIVED, received_on=dt.date(2025, 11, 1))  # last year
    metric = get_metric(LETTERS_FORWARDED)
    period = year_of(council)
    assert (
        not get_metric(LETTERS_FORWARDED)
        .fn(council, period_for(PeriodKind.QUARTER, council, dt.date(2026, 2, 1)))
        .available
    )  # nothing received that quarter
    measure = metric.fn(council, period)
    assert (measure.numerator, measure.denominator, measure.value) == (2, 3, 66.7)
    client = Client()
    client.force_login(handler)
    rows = client.get(metric.records_url(council, period)).context["rows"]
    assert len(rows) == 3


def test_the_letters_picture_counts_by_kind_and_state_in_one_query(council, handler):
    for state in (Letter.State.FORWARDED, Letter.State.FORWARDED, Letter.State.RECEIVED):
        obj = new_letter(council, handler, kind=Kind.COMPLAINT)
        Letter.objects.filter(pk=obj.pk).update(state=state)
    new_letter(council, handler, kind=Kind.DENUNCIATION, sender_name=DENOUNCER)
    access = build_access(handler, council.pk)
    with CaptureQueriesContext(connection) as ctx:
        rows = letters_by_kind_and_state(access, 2026, ON)
    assert len(ctx.captured_queries) == 1
    assert [(r.label, r.value) for r in rows] == [
        ("Khiếu nại — Đã nhận, chờ xử lý", 1),
        ("Khiếu nại — Đã chuyển cơ quan có thẩm quyền", 2),
        ("Tố cáo — Đã nhận, chờ xử lý", 1),
    ]
    assert "kind=complaint&state=forwarded" in rows[1].url
    assert not any(v.lower() in r.label.lower() for r in rows for v in VARIANTS)
    # An answering agency sees no letters book, so no picture of it.
    agency = persona("agency", council, username="ubnd-thu")
    assert letters_by_kind_and_state(build_access(agency, council.pk), 2026, ON) == []


def test_the_reception_schedule_is_in_the_calendar_without_any_citizen(
    council, denunciation, handler
):
    schedule = ReceptionSchedule.objects.create(
        council=council, date=dt.date(2026, 11, 20), place="Trụ sở HĐND và UBND xã", host="chair"
    )
    Reception.objects.filter(pk=denunciation.reception_id).update(schedule=schedule)
    start, end = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    standing = persona("standing", council, username="chutich-lich")
    events = schedule_events(build_access(standing, council.pk), start, end)
    assert [(e.title, e.url) for e in events] == [
        ("Tiếp công dân — Chủ tịch HĐND", schedule.get_absolute_url())
    ]
    for access in (build_access(standing, council.pk), build_access(handler, council.pk)):
        text = " ".join(
            f"{e.title} {e.place} {e.kind_label}" for e in events_between(access, start, end)
        )
        assert not any(v.lower() in text.lower() for v in VARIANTS)
    client = Client()
    client.force_login(standing)
    page = client.get(reverse("core-calendar"), {"thang": "2026-11"}).content.decode()
    assert "Tiếp công dân — Chủ tịch HĐND" in page
    assert not any(v in page for v in VARIANTS)
    agency = persona("agency", council, username="ubnd-lich")
    assert schedule_events(build_access(agency, council.pk), start, end) == []


@pytest.mark.parametrize(
    ("start", "end", "due"),
    [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31), 4),  # a leap year asks for 4, not 5
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), 4),
        (dt.date(2024, 1, 1), dt.date(2025, 12, 31), 8),
        (dt.date(2026, 1, 1), dt.date(2026, 6, 30), 2),  # 181/365 of 4 = 1.98: rounded up
        (dt.date(2026, 1, 1), dt.date(2026, 1, 1), 1),
        (dt.date(2026, 2, 1), dt.date(2026, 1, 1), 0),
    ],
)
def test_receptions_due_follow_the_calendar_years_covered(start, end, due):
    assert required_receptions(4, start, end) == due

"""Target 1.4 on the KPI dashboard: the three supervision metrics alone, the picture
"Giám sát theo chủ thể" and the supervision calendar."""

import datetime as dt

import pytest
from django.urls import reverse

from hdnd_portal.core.calendar import events_between
from hdnd_portal.targets.metrics import breakdowns, get_metric
from hdnd_portal.targets.periods import PeriodKind, period_for, register_period_source
from meetings.models import Session, regular_session_window
from supervision import metrics
from supervision.models import Activity, ActivityKind, Body, ScheduleEntry
from tests.factories import SupervisionActivityFactory, persona

pytestmark = pytest.mark.django_db
D = dt.date
HELD = Activity.State.REPORTED


def held(council, body, on, committee=None, kind=ActivityKind.SURVEY, state=HELD, **kw):
    return SupervisionActivityFactory(
        council=council, body=body, committee=committee, kind=kind, start_date=on, state=state, **kw
    )


def year(council, on):
    return period_for(PeriodKind.YEAR, council, on)


def access_of(user, council):
    from councils.middleware import build_access

    return build_access(user, council.pk)


def test_council_counts_held_hdnd_supervisions_of_the_year_up_to_the_day_seen(
    council, other_council, org
):
    held(council, Body.HDND, D(2026, 3, 2))
    held(council, Body.HDND, D(2026, 9, 15), kind=ActivityKind.THEMATIC)
    held(council, Body.HDND, D(2025, 12, 30))  # last year
    held(council, Body.HDND, D(2026, 4, 1), state=Activity.State.PLANNED)  # not held
    held(council, Body.STANDING, D(2026, 4, 1), org["standing"])  # another body
    held(other_council, Body.HDND, D(2026, 4, 1))  # another council
    assert metrics.council_supervisions(council, year(council, D(2026, 6, 1))).value == 1
    assert metrics.council_supervisions(council, year(council, D(2026, 12, 1))).value == 2


def test_standing_counts_between_the_two_regular_sessions(council, org):
    register_period_source("sessions", regular_session_window)
    term = org["term"]
    for number, start, end in ((10, D(2026, 7, 10), D(2026, 7, 11)), (12, D(2026, 12, 15), None)):
        Session.objects.create(
            council=council, term=term, number=number, start_date=start, end_date=end
        )
    standing = org["standing"]
    held(council, Body.STANDING, D(2026, 7, 1), standing)  # before the session
    held(council, Body.STANDING, D(2026, 7, 20), standing, kind=ActivityKind.QUESTIONING)
    held(council, Body.STANDING, D(2026, 9, 3), standing, kind=ActivityKind.EXPLANATION)
    held(council, Body.STANDING, D(2026, 11, 2), standing)
    held(council, Body.STANDING, D(2026, 12, 17), standing)  # after the next session opened
    held(council, Body.BAN, D(2026, 9, 3), org["ban"])  # a Ban, not the Standing Committee
    period = period_for(PeriodKind.BETWEEN_SESSIONS, council, D(2026, 10, 1))
    assert (period.start, period.end) == (D(2026, 7, 12), D(2026, 12, 14))
    assert metrics.standing_supervisions(council, period).value == 2
    period = period_for(PeriodKind.BETWEEN_SESSIONS, council, D(2026, 12, 1))
    assert metrics.standing_supervisions(council, period).value == 3


def test_ban_counts_only_the_given_ban(council, org):
    held(council, Body.BAN, D(2026, 2, 10), org["ban"])
    held(council, Body.BAN, D(2026, 8, 10), org["ban"], kind=ActivityKind.THEMATIC)
    held(council, Body.BAN, D(2026, 8, 11), org["other_ban"])
    held(council, Body.BAN, D(2025, 8, 11), org["ban"])  # last year
    period = year(council, D(2026, 10, 1))
    assert metrics.ban_supervisions(council, period, committee=org["ban"]).value == 2
    assert metrics.ban_supervisions(council, period, committee=org["other_ban"]).value == 1
    assert metrics.ban_supervisions(council, period).value == 3


def test_the_metrics_are_registered_with_links_to_the_filtered_list():
    period = period_for(PeriodKind.YEAR, None, D(2026, 5, 1))
    base = reverse("supervision-activity-list")
    for code, body in (
        ("supervision.council", "hdnd"),
        ("supervision.standing", "standing"),
        ("supervision.ban", "ban"),
    ):
        metric = get_metric(code)
        assert metric.unit == "count"
        assert metric.records_url(None, period) == f"{base}?year=2026&body={body}"


def test_the_linked_list_shows_the_counted_records(client, council, org):
    held(council, Body.HDND, D(2026, 3, 2), topic="Giám sát đất đai")
    held(council, Body.BAN, D(2026, 3, 2), org["ban"], topic="Khảo sát chợ")
    client.force_login(persona("standing", council))
    url = get_metric("supervision.council").records_url(council, year(council, D(2026, 5, 1)))
    page = client.get(url).content.decode()
    assert "Giám sát đất đai" in page and "Khảo sát chợ" not in page


def test_breakdown_by_body_and_kind_in_one_query(council, org, django_assert_num_queries):
    held(council, Body.HDND, D(2026, 3, 2), kind=ActivityKind.THEMATIC)
    held(council, Body.HDND, D(2026, 5, 2), kind=ActivityKind.THEMATIC)
    held(council, Body.BAN, D(2026, 5, 2), org["ban"])
    held(council, Body.BAN, D(2026, 6, 2), org["other_ban"])
    held(council, Body.STANDING, D(2026, 11, 2), org["standing"])  # after the day seen
    breakdown = next(b for b in breakdowns() if b.code == "supervision.by_body")
    assert breakdown.label == "Giám sát theo chủ thể"
    access = access_of(persona("leadership", council), council)
    with django_assert_num_queries(1):
        rows = breakdown.fn(access, 2026, D(2026, 10, 1))
    assert [(r.label, r.value) for r in rows] == [
        ("HĐND xã: giám sát chuyên đề", 2),
        ("Ban của HĐND: khảo sát", 2),
    ]
    assert (
        rows[0].url == f"{reverse('supervision-activity-list')}?year=2026&body=hdnd&kind=thematic"
    )
    agency = access_of(persona("agency", council), council)
    assert breakdown.fn(agency, 2026, D(2026, 10, 1)) == []


def test_calendar_shows_schedule_days_to_readers_only(council, other_council, org):
    scheduled = held(council, Body.BAN, D(2026, 5, 4), org["ban"], topic="Khảo sát trường học")
    ScheduleEntry.objects.create(activity=scheduled, date=D(2026, 5, 6), agency=org["agency"])
    ScheduleEntry.objects.create(activity=scheduled, date=D(2026, 5, 8))
    held(council, Body.HDND, D(2026, 5, 12), topic="Giám sát nông thôn mới")
    held(other_council, Body.HDND, D(2026, 5, 12), topic="Giám sát của xã khác")
    staff = access_of(persona("staff", council), council)
    events = [
        e for e in events_between(staff, D(2026, 5, 1), D(2026, 5, 31)) if e.uid.startswith("sup")
    ]
    assert [(e.start_day, e.title) for e in events] == [
        (D(2026, 5, 6), "Khảo sát trường học (làm việc với Phòng Kinh tế)"),
        (D(2026, 5, 8), "Khảo sát trường học"),
        (D(2026, 5, 12), "Giám sát nông thôn mới"),
    ]
    assert events[0].url == scheduled.get_absolute_url()
    agency = access_of(persona("agency", council), council)
    assert metrics.activity_events(agency, D(2026, 5, 1), D(2026, 5, 31)) == []

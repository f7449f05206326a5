"""What voter contact tells the KPI dashboard (targets 1.5.b and 1.6) and the calendar."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils.middleware import build_access
from councils.models import Committee, User
from hdnd_portal.core.calendar import events_between
from hdnd_portal.followups.models import FollowUp
from hdnd_portal.targets.metrics import get_metric
from hdnd_portal.targets.periods import PeriodKind, period_for
from tests.factories import (
    CommitteeFactory,
    FollowUpFactory,
    SynthesizedPetitionFactory,
    VoterMeetingFactory,
    persona,
)
from voters.metrics import (
    PETITIONS_FORWARDED,
    THEMATIC_MEETINGS,
    answers_on_time,
    meeting_events,
    petitions_by_agency,
    petitions_by_field,
    petitions_by_state,
)
from voters.models import SynthesizedPetition

ON = dt.date(2026, 11, 28)


def year_of(council, on=ON):
    return period_for(PeriodKind.YEAR, council, on)


def synth(vw, *, forwarded, created=dt.date(2026, 5, 4), **fields):
    if forwarded:
        fields["agency"] = vw.agency
        fields["followup"] = FollowUpFactory(council=vw.council, agency=vw.agency)
        fields.setdefault("state", SynthesizedPetition.State.FORWARDED)
    fields.setdefault("field", vw.road)
    obj = SynthesizedPetitionFactory(council=vw.council, **fields)
    at = timezone.make_aware(dt.datetime.combine(created, dt.time(9)))
    SynthesizedPetition.objects.filter(pk=obj.pk).update(created_at=at)
    return obj


def access_of(user, council):
    return build_access(user, council.pk)


def test_petitions_forwarded_is_the_share_of_the_periods_synthesised_petitions(vw):
    metric = get_metric(PETITIONS_FORWARDED)
    assert metric.unit == "share"
    period = year_of(vw.council)
    assert not metric.fn(vw.council, period).available  # nothing synthesised yet
    synth(vw, forwarded=True)
    synth(vw, forwarded=True)
    synth(vw, forwarded=False)
    synth(vw, forwarded=False, created=dt.date(2025, 12, 20))  # last year: not counted
    synth(vw, forwarded=False, created=dt.date(2026, 11, 29))  # after the day seen
    measure = metric.fn(vw.council, period)
    assert (measure.numerator, measure.denominator, measure.value) == (2, 3, 66.7)
    assert metric.records_url(vw.council, period) == reverse("voters-synthesizedpetition-list")


def test_thematic_meetings_counts_the_standing_committees_in_the_period(vw, staff_client):
    metric = get_metric(THEMATIC_MEETINGS)
    period = year_of(vw.council)

    def thematic(held_on, holder=vw.standing):
        return VoterMeetingFactory(
            holder=holder, council=vw.council, session=None, kind="thematic", held_on=held_on
        )

    thematic(dt.date(2026, 4, 2))
    thematic(dt.date(2026, 9, 15))
    thematic(dt.date(2025, 10, 1))  # last year
    thematic(dt.date(2026, 12, 10))  # after the day seen
    VoterMeetingFactory(holder=vw.group, council=vw.council, session=vw.session)  # not thematic
    assert metric.fn(vw.council, period).value == 2
    # A Ban's target asks the same question of the same records.
    assert metric.fn(vw.council, period, committee=vw.group).value == 2
    url = metric.records_url(vw.council, period)
    rows = staff_client.get(url).context["rows"]
    assert sorted(r["obj"].held_on for r in rows) == [dt.date(2026, 4, 2), dt.date(2026, 9, 15)]


def test_the_breakdowns_count_by_field_state_and_agency_in_one_query_each(vw):
    synth(vw, forwarded=True, field=vw.land)
    synth(vw, forwarded=True)
    synth(vw, forwarded=False)
    synth(vw, forwarded=False, created=dt.date(2025, 6, 1))  # another year
    access = access_of(vw.staff, vw.council)
    for fn in (petitions_by_field, petitions_by_state, petitions_by_agency):
        with CaptureQueriesContext(connection) as ctx:
            fn(access, 2026, ON)
        assert len(ctx.captured_queries) == 1, fn.__name__
    by_field = {r.label: r.value for r in petitions_by_field(access, 2026, ON)}
    assert by_field == {"Giao thông, hạ tầng": 2, "Đất đai": 1}
    by_state = {r.label: r.value for r in petitions_by_state(access, 2026, ON)}
    assert by_state == {"Chưa chuyển": 1, "Đã chuyển, chờ trả lời": 2}
    (agency,) = petitions_by_agency(access, 2026, ON)
    assert (agency.label, agency.value) == ("Ủy ban nhân dân xã", 2)
    assert agency.url.endswith(f"?agency={vw.agency.pk}")


def test_answers_on_time_late_and_overdue(vw):
    def item(due, answered=None, state=FollowUp.State.DONE):
        at = timezone.make_aware(dt.datetime.combine(answered, dt.time(15))) if answered else None
        return FollowUpFactory(
            council=vw.council,
            agency=vw.agency,
            kind="voter_petition",
            original_due_date=due,
            due_date=due,
            answered_at=at,
            state=state if answered else FollowUp.State.OPEN,
        )

    item(dt.date(2026, 8, 10), answered=dt.date(2026, 8, 10))  # on the due day: on time
    item(dt.date(2026, 8, 10), answered=dt.date(2026, 8, 1))
    item(dt.date(2026, 8, 10), answered=dt.date(2026, 8, 11))  # a day late
    item(dt.date(2026, 10, 1))  # open, overdue
    item(dt.date(2026, 12, 15))  # open, not yet due
    FollowUpFactory(council=vw.council, kind="task", due_date=dt.date(2026, 3, 1))  # other kind
    access = access_of(vw.staff, vw.council)
    with CaptureQueriesContext(connection) as ctx:
        rows = answers_on_time(access, 2026, ON)
    assert len(ctx.captured_queries) == 1
    assert [(r.label, r.value) for r in rows] == [
        ("Trả lời đúng hạn", 2),
        ("Trả lời trễ hạn", 1),
        ("Quá hạn chưa trả lời", 1),
    ]


def test_the_calendar_shows_voter_meetings_to_council_readers_only(vw, other_council):
    meeting = VoterMeetingFactory(
        holder=vw.group, council=vw.council, session=vw.session, held_on=dt.date(2026, 6, 28)
    )
    other = VoterMeetingFactory(
        holder=CommitteeFactory(
            council=other_council, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ khác"
        ),
        held_on=dt.date(2026, 6, 28),
        session=None,
        kind="thematic",
    )
    start, end = dt.date(2026, 6, 1), dt.date(2026, 6, 30)
    staff = access_of(vw.staff, vw.council)
    events = meeting_events(staff, start, end)
    assert [e.url for e in events] == [meeting.get_absolute_url()]
    assert events[0].place == meeting.place
    assert "Tổ đại biểu số 1" in events[0].title
    assert other.get_absolute_url() not in [e.url for e in events_between(staff, start, end)]
    # An answering agency sees none of the council's voter meetings.
    assert meeting_events(access_of(vw.agency_user, vw.council), start, end) == []
    assert meeting_events(staff, dt.date(2026, 7, 1), dt.date(2026, 7, 31)) == []


def test_the_calendar_page_lists_the_meeting(vw):
    VoterMeetingFactory(
        holder=vw.group, council=vw.council, session=vw.session, held_on=dt.date(2026, 6, 28)
    )
    client = Client()
    client.force_login(vw.staff)
    page = client.get(reverse("core-calendar"), {"thang": "2026-06"}).content.decode()
    assert "Tiếp xúc cử tri" in page
    client.force_login(persona("agency", vw.council, username="ubnd-khac"))
    page = client.get(reverse("core-calendar"), {"thang": "2026-06"}).content.decode()
    assert "Tổ đại biểu số 1" not in page


@pytest.mark.django_db
def test_the_seeded_dashboard_has_figures_for_voters_and_petitions_targets(settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", "--today", "2026-11-28", stdout=io.StringIO())
    client = Client()
    client.force_login(User.objects.get(username="vanphong"))
    response = client.get(reverse("targets-dashboard"), {"year": 2026})
    ours = {
        ev.target.metric: ev
        for ev in response.context["evaluations"]
        if ev.target.metric.split(".")[0] in ("voters", "petitions")
    }
    assert set(ours) == {
        "voters.petitions_forwarded",
        "voters.thematic_meetings",
        "petitions.delegates_receiving",
        "petitions.letters_forwarded",
    }
    for code, ev in ours.items():
        assert ev.measure.available, code
        assert ev.actual_label != "Chưa có số liệu", code
        assert ev.records_url, code

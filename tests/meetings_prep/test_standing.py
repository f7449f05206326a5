"""The Standing Committee's meetings: briefings per half-year (target 1.7), quarter reports."""

import datetime as dt

import pytest
from django.urls import reverse

from meetings.models import QuarterlyReport, StandingMeeting
from meetings.preparation.selectors import briefings_by_half_year, quarter_activity
from tests.factories import TermFactory
from tests.meetings_prep.factories import (
    JointMeetingFactory,
    QuarterlyReportFactory,
    StandingMeetingFactory,
)

pytestmark = pytest.mark.django_db
BRIEFING = StandingMeeting.Kind.BRIEFING


def test_briefings_are_counted_per_half_year(council, other_council, term):
    for day in (dt.date(2026, 1, 20), dt.date(2026, 6, 30)):
        StandingMeetingFactory(council=council, term=term, kind=BRIEFING, held_on=day)
    StandingMeetingFactory(council=council, term=term, kind=BRIEFING, held_on=dt.date(2026, 7, 1))
    StandingMeetingFactory(council=council, term=term, held_on=dt.date(2026, 8, 1))  # regular
    StandingMeetingFactory(council=council, term=term, kind=BRIEFING, held_on=dt.date(2025, 9, 1))
    StandingMeetingFactory(council=other_council, kind=BRIEFING, held_on=dt.date(2026, 2, 2))
    assert briefings_by_half_year(council, 2026) == {1: 2, 2: 1}
    assert briefings_by_half_year(council, 2027) == {1: 0, 2: 0}


def test_the_quarter_gathers_meetings_sessions_and_joint_meetings(council, term, session):
    StandingMeetingFactory(council=council, term=term, held_on=dt.date(2027, 7, 2))
    StandingMeetingFactory(council=council, term=term, kind=BRIEFING, held_on=dt.date(2027, 9, 30))
    StandingMeetingFactory(council=council, term=term, held_on=dt.date(2027, 10, 1))
    JointMeetingFactory(council=council, session=session, held_on=dt.date(2027, 6, 20))
    activity = quarter_activity(council=council, year=2027, quarter=3)
    assert (activity["regular_count"], activity["briefing_count"]) == (1, 1)
    assert activity["sessions"] == [session]
    assert activity["joint_meetings"] == []  # held in June: the second quarter


def test_a_quarter_has_one_report(staff_client, council):
    QuarterlyReportFactory(council=council, year=2026, quarter=2)
    response = staff_client.post(
        reverse("meetings-quarterlyreport-create"), {"year": 2026, "quarter": 2}
    )
    assert "Quý này đã có báo cáo." in response.content.decode()


def test_a_report_names_only_a_party_report_meeting(staff_client, council, term):
    regular = StandingMeetingFactory(council=council, term=term)
    response = staff_client.post(
        reverse("meetings-quarterlyreport-create"),
        {"year": 2026, "quarter": 3, "meeting": regular.pk},
    )
    assert response.status_code == 200  # the form again, with the dropdown's error
    assert "invalid-feedback" in response.content.decode()
    assert not QuarterlyReport.objects.exists()


def test_staff_record_a_standing_meeting_with_its_attendees(staff_client, council, term):
    from tests.factories import DelegateFactory

    chair = DelegateFactory(term=term, full_name="Nguyễn Văn Bình")
    member = DelegateFactory(term=term, full_name="Trần Thị Lan")
    data = {
        "term": term.pk,
        "kind": "briefing",
        "held_on": "15/06/2026",
        "topic": "Giao ban chuyên đề 6 tháng đầu năm với các Ban",
        "chair": chair.pk,
        "attendees": [chair.pk, member.pk],
    }
    response = staff_client.post(reverse("meetings-standingmeeting-create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert briefings_by_half_year(council, 2026) == {1: 1, 2: 0}
    meeting = StandingMeeting.objects.get()
    page = staff_client.get(meeting.get_absolute_url()).content.decode()
    assert "Nguyễn Văn Bình, Trần Thị Lan" in page or "Trần Thị Lan, Nguyễn Văn Bình" in page
    # Attendees are optional and may change.
    staff_client.post(
        reverse("meetings-standingmeeting-update", args=[meeting.pk]),
        {**data, "attendees": [member.pk]},
    )
    assert [a.delegate for a in meeting.attendances.all()] == [member]


def test_an_attendee_of_another_term_is_refused(staff_client, council, term):
    from tests.factories import DelegateFactory

    old = DelegateFactory(term=TermFactory(council=council, start_date=dt.date(2021, 5, 1)))
    response = staff_client.post(
        reverse("meetings-standingmeeting-create"),
        {
            "term": term.pk,
            "kind": "regular",
            "held_on": "15/06/2026",
            "topic": "Phiên họp tháng 6",
            "attendees": [old.pk],
        },
    )
    assert response.status_code == 200
    assert not StandingMeeting.objects.exists()

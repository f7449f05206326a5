"""The month calendar, its registry and the per-user iCalendar feed."""

import datetime as dt

import pytest
from django.urls import reverse

from hdnd_portal.core.calendar import (
    CalendarEvent,
    calendar_sources,
    events_between,
    feed_for,
    ical_calendar,
    ical_escape,
    ical_fold,
    register_calendar_source,
    unregister_calendar_source,
)
from hdnd_portal.core.models import CalendarFeed
from meetings.models import StandingMeeting
from tests.meetings_prep.factories import JointMeetingFactory, StandingMeetingFactory

pytestmark = pytest.mark.django_db


def test_meetings_registers_its_sources():
    keys = {s.key for s in calendar_sources()}
    assert {"meetings.session", "meetings.jointmeeting", "meetings.standingmeeting"} <= keys


def test_a_registered_source_shows_on_the_month_page(staff_client):
    def source(access, start, end):
        return [CalendarEvent("Tiếp xúc cử tri thôn Hạ", dt.date(2027, 3, 5), place="Nhà văn hóa")]

    register_calendar_source("tests.visits", "Tiếp xúc cử tri", source)
    try:
        page = staff_client.get(reverse("core-calendar"), {"thang": "2027-03"}).content.decode()
    finally:
        unregister_calendar_source("tests.visits")
    assert "Lịch tháng 3 năm 2027" in page
    assert "Tiếp xúc cử tri thôn Hạ" in page and "Nhà văn hóa" in page
    assert "?thang=2027-02" in page and "?thang=2027-04" in page


def test_the_month_shows_sessions_joint_and_standing_meetings(staff_client, council, term, session):
    JointMeetingFactory(council=council, session=session, held_on=dt.date(2027, 7, 1))
    StandingMeetingFactory(
        council=council,
        term=term,
        kind=StandingMeeting.Kind.BRIEFING,
        held_on=dt.date(2027, 7, 20),
        topic="Giao ban chuyên đề với các Ban",
    )
    page = staff_client.get(reverse("core-calendar"), {"thang": "2027-07"}).content.decode()
    assert "Kỳ họp thứ nhất" in page
    assert "Họp liên tịch chuẩn bị Kỳ họp thứ nhất" in page
    assert "Giao ban chuyên đề với các Ban" in page
    empty = staff_client.get(reverse("core-calendar"), {"thang": "2027-01"}).content.decode()
    assert "Tháng này chưa có lịch nào." in empty


def test_events_respect_the_readers_access(client, make_persona, council, other_council, term):
    from councils.middleware import build_access

    StandingMeetingFactory(council=council, term=term, held_on=dt.date(2027, 5, 5), topic="Của ta")
    StandingMeetingFactory(council=other_council, held_on=dt.date(2027, 5, 6), topic="Của họ")
    window = (dt.date(2027, 5, 1), dt.date(2027, 5, 31))
    staff = build_access(make_persona("staff"))
    assert [e.title for e in events_between(staff, *window)] == ["Của ta"]
    agency = build_access(make_persona("agency"))
    assert events_between(agency, *window) == []  # agencies see none of the council's meetings
    client.force_login(make_persona("agency"))
    page = client.get(reverse("core-calendar"), {"thang": "2027-05"})
    assert page.status_code == 200 and "Của ta" not in page.content.decode()
    assert events_between(None, *window) == []


def test_the_feed_opens_with_its_token_and_only_with_it(client, make_persona, council, term):
    today = dt.date.today()
    StandingMeetingFactory(
        council=council, term=term, held_on=today + dt.timedelta(days=3), topic="Họp Thường trực"
    )
    staff = make_persona("staff")
    feed = feed_for(staff.pk, council.pk)
    response = client.get(reverse("core-calendar-ics", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "SUMMARY:Họp Thường trực" in body
    assert f"DTSTART;VALUE=DATE:{today + dt.timedelta(days=3):%Y%m%d}" in body
    assert body.endswith("END:VCALENDAR\r\n")
    assert client.get(reverse("core-calendar-ics", args=["sai-ma"])).status_code == 404


def test_resetting_the_feed_retires_the_old_address(client, make_persona, council):
    staff = make_persona("staff")
    client.force_login(staff)
    client.post(reverse("core-calendar-feed-reset"))  # "Tạo địa chỉ": the first address
    page = client.get(reverse("core-calendar-feed")).content.decode()
    old = CalendarFeed.objects.get(user=staff).token
    assert f"/lich/{old}.ics" in page
    client.post(reverse("core-calendar-feed-reset"))
    new = CalendarFeed.objects.get(user=staff).token
    assert new != old
    client.logout()
    assert client.get(reverse("core-calendar-ics", args=[old])).status_code == 404
    assert client.get(reverse("core-calendar-ics", args=[new])).status_code == 200


def test_a_user_who_lost_their_role_loses_the_feed(client, make_persona, council):
    from councils.models import CouncilRole

    staff = make_persona("staff")
    feed = feed_for(staff.pk, council.pk)
    CouncilRole.objects.filter(user=staff).delete()
    assert client.get(reverse("core-calendar-ics", args=[feed.token])).status_code == 404


def test_text_is_escaped():
    assert ical_escape("Họp; bàn, thống nhất\\\nxong") == "Họp\\; bàn\\, thống nhất\\\\\\nxong"


def test_long_lines_fold_at_75_octets_without_splitting_a_letter():
    line = "SUMMARY:" + "Kỳ họp thường lệ cuối năm của Hội đồng nhân dân xã Phúc Lộc " * 3
    folded = ical_fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line


def test_a_feed_has_one_event_per_item_with_exclusive_all_day_end():
    body = ical_calendar(
        [
            CalendarEvent(
                "Kỳ họp thứ hai",
                dt.date(2027, 7, 10),
                dt.date(2027, 7, 11),
                url="/meetings/x/",
                place="Hội trường, UBND xã",
                uid="s-1",
            )
        ],
        name="Lịch HĐND",
        base_url="https://hdnd.example.vn/",
        stamp=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
    )
    assert body.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20270710\r\nDTEND;VALUE=DATE:20270712\r\n" in body
    assert "LOCATION:Hội trường\\, UBND xã" in body
    assert "URL:https://hdnd.example.vn/meetings/x/" in body
    assert "UID:s-1@hdnd-portal" in body
    assert "DTSTAMP:20270101T000000Z" in body


def test_a_session_with_an_opening_time_starts_at_that_time_on_phones(
    client, make_persona, council, term
):
    """The feed gives the opening time (07:30 in Hà Nội is 00:30 UTC); a session spanning two
    days ends with its last day; one without a time stays all-day."""
    from tests.meetings_prep.factories import PrepSessionFactory as SessionFactory

    day = dt.date.today() + dt.timedelta(days=5)
    SessionFactory(
        council=council,
        term=term,
        number=7,
        start_date=day,
        start_time=dt.time(7, 30),
        end_date=day + dt.timedelta(days=1),
    )
    SessionFactory(
        council=council,
        term=term,
        number=8,
        start_date=day + dt.timedelta(days=9),
        end_date=day + dt.timedelta(days=9),
        start_time=None,
    )
    staff = make_persona("staff")
    body = client.get(reverse("core-calendar-ics", args=[feed_for(staff.pk, council.pk).token]))
    text = body.content.decode()
    assert f"DTSTART:{day:%Y%m%d}T003000Z\r\n" in text
    assert f"DTEND:{day + dt.timedelta(days=1):%Y%m%d}T170000Z\r\n" in text
    later = day + dt.timedelta(days=9)
    assert f"DTSTART;VALUE=DATE:{later:%Y%m%d}\r\n" in text

    month = client.get(reverse("core-calendar"), {"thang": f"{day:%Y-%m}"})
    if month.status_code == 302:  # staff is logged in only for the feed; log in for the page
        client.force_login(staff)
        month = client.get(reverse("core-calendar"), {"thang": f"{day:%Y-%m}"})
    assert "07:30" in month.content.decode()


def test_the_feeds_event_ids_do_not_depend_on_the_address_it_was_read_from(
    client, make_persona, council, term
):
    StandingMeetingFactory(council=council, term=term, held_on=dt.date.today(), topic="Giao ban")
    staff = make_persona("staff")
    url = reverse("core-calendar-ics", args=[feed_for(staff.pk, council.pk).token])
    uids = []
    for host in ("localhost", "testserver"):
        text = client.get(url, HTTP_HOST=host).content.decode()
        uids.append(sorted(line for line in text.split("\r\n") if line.startswith("UID:")))
    assert uids[0] and uids[0] == uids[1]


def test_a_time_is_typed_as_offices_write_it():
    from hdnd_portal.core.inputs import TimeOfDayField

    field = TimeOfDayField(required=False)
    for typed in ("07:30", "7:30", "7h30", "07.30", "0730", " 7H30 "):
        assert field.clean(typed) == dt.time(7, 30), typed
    assert field.clean("14h") == dt.time(14, 0)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="07:30"):
        field.clean("bảy giờ")
    with pytest.raises(ValidationError):
        field.clean("25:00")

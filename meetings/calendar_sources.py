"""The meetings app's events in the kernel calendar (``hdnd_portal.core.calendar``): sessions,
joint meetings and the Standing Committee's meetings, each filtered by the reader's access
through the list's own selector and policy."""

import datetime as dt

from django.urls import NoReverseMatch

from hdnd_portal.core.calendar import CalendarEvent, at, register_calendar_source
from hdnd_portal.core.permissions import can, is_registered
from meetings.models import Session, StandingMeeting
from meetings.preparation.policies import JOINT_MEETING, STANDING_MEETING
from meetings.preparation.selectors import jointmeeting_list, standingmeeting_list

SESSION = "meetings.session"


def _url(obj) -> str:
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:  # the page belongs to another part of the app, not mounted
        return ""


def session_events(access, start: dt.date, end: dt.date) -> list[CalendarEvent]:
    # The sessions' own policy once registered; until then, whoever reads the preparation.
    key = SESSION if is_registered(SESSION) else JOINT_MEETING
    if not can(access, key, "view"):
        return []
    sessions = (
        Session.objects.visible_to(access)
        .filter(start_date__lte=end)
        .exclude(end_date__lt=start)
        .exclude(end_date__isnull=True, start_date__lt=start)
        .order_by("start_date", "id")
    )
    return [
        CalendarEvent(
            title=s.name + (f": {s.title}" if s.title else ""),
            start=at(s.start_date, s.start_time),
            end=s.end_date if s.end_date and s.end_date > s.start_date else None,
            url=_url(s),
            kind_label="Kỳ họp",
            place=s.place,
            uid=f"meetings-session-{s.pk}",
        )
        for s in sessions
    ]


def joint_meeting_events(access, start: dt.date, end: dt.date) -> list[CalendarEvent]:
    if not can(access, JOINT_MEETING, "view"):
        return []
    meetings = (
        jointmeeting_list(access=access).prefetch_related(None).filter(held_on__range=(start, end))
    )
    return [
        CalendarEvent(
            title=f"Họp liên tịch chuẩn bị {m.session}",
            start=m.held_on,
            url=m.get_absolute_url(),
            kind_label="Họp liên tịch",
            place=m.place,
            uid=f"meetings-jointmeeting-{m.pk}",
        )
        for m in meetings
    ]


KIND_LABELS = {
    StandingMeeting.Kind.REGULAR: "Phiên họp Thường trực",
    StandingMeeting.Kind.BRIEFING: "Giao ban chuyên đề",
    StandingMeeting.Kind.PARTY_REPORT: "Báo cáo Thường trực Đảng ủy",
    StandingMeeting.Kind.OTHER: "Phiên họp Thường trực",
}


def standing_meeting_events(access, start: dt.date, end: dt.date) -> list[CalendarEvent]:
    if not can(access, STANDING_MEETING, "view"):
        return []
    meetings = standingmeeting_list(access=access).filter(held_on__range=(start, end))
    return [
        CalendarEvent(
            title=m.topic,
            start=m.held_on,
            url=m.get_absolute_url(),
            kind_label=KIND_LABELS.get(m.kind, "Phiên họp Thường trực"),
            place=m.place,
            uid=f"meetings-standingmeeting-{m.pk}",
        )
        for m in meetings
    ]


def register_calendar() -> None:
    register_calendar_source("meetings.session", "Kỳ họp", session_events)
    register_calendar_source("meetings.jointmeeting", "Họp liên tịch", joint_meeting_events)
    register_calendar_source(
        "meetings.standingmeeting", "Phiên họp Thường trực", standing_meeting_events
    )

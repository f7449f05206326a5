"""One calendar for every app: the month page ``/lich/`` and a per-user iCalendar feed.

Apps register sources in their ``AppConfig.ready()``::

    from hdnd_portal.core.calendar import CalendarEvent, register_calendar_source

    def sessions(access, start, end):  # dates, both days included
        return [CalendarEvent(title=s.name, start=s.start_date, end=s.end_date, url=...)
                for s in session_list(access=access).filter(...)]

    register_calendar_source("meetings.session", "Kỳ họp", sessions)

A source filters by ``access`` itself (the same selector and policy as its list page), so
a user's calendar and feed show only what that user may open. ``/lich/<token>.ics`` serves
the events of the last 90 days and the next year to calendar apps that cannot log in: the
token is a per-user, per-council secret (:class:`~hdnd_portal.core.models.CalendarFeed`)
shown on ``/lich/lien-ket/``, where the user may reset it (the old address then answers 404).

The feed is written by :func:`ical_calendar`, a small RFC 5545 serializer (text escaping,
lines folded at 75 octets, CRLF): the ``icalendar`` package is not installed.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hdnd_portal.core.access import ALL_ROLES, Access
from hdnd_portal.core.permissions import register_policy, require

CALENDAR = "core.calendar"
register_policy(CALENDAR, view=ALL_ROLES, export=frozenset(), history=frozenset())

FEED_PAST_DAYS = 90
FEED_FUTURE_DAYS = 366
MONTH_NAMES = {m: f"Tháng {m}" for m in range(1, 13)}
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


@dataclass(frozen=True)
class CalendarEvent:
    title: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None = None  # the last day (or moment); None: same as start
    url: str = ""
    kind_label: str = ""
    place: str = ""
    uid: str = ""  # stable across feeds; derived from the url and start when empty

    @property
    def start_day(self) -> dt.date:
        return _day(self.start)

    @property
    def end_day(self) -> dt.date:
        return _day(self.end) if self.end is not None else self.start_day

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    def on(self, day: dt.date) -> bool:
        return self.start_day <= day <= self.end_day


def at(day: dt.date, time: dt.time | None) -> dt.date | dt.datetime:
    """The moment an event starts: ``day`` at ``time`` in the portal's time zone, or the whole
    day when no time was recorded."""
    if time is None:
        return day
    return timezone.make_aware(dt.datetime.combine(day, time))


def _day(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@dataclass(frozen=True)
class CalendarSource:
    key: str
    label: str
    fn: Callable[[Access, dt.date, dt.date], list[CalendarEvent]]


_SOURCES: dict[str, CalendarSource] = {}


def register_calendar_source(
    key: str, label: str, fn: Callable[[Access, dt.date, dt.date], list[CalendarEvent]]
) -> None:
    """Add (or replace) the source ``key``; ``fn(access, start, end)`` returns the events
    between the two days (both included) that ``access`` may see."""
    _SOURCES[key] = CalendarSource(key, str(label), fn)


def unregister_calendar_source(key: str) -> None:
    _SOURCES.pop(key, None)


def calendar_sources() -> list[CalendarSource]:
    return sorted(_SOURCES.values(), key=lambda s: s.key)


def events_between(access: Access | None, start: dt.date, end: dt.date) -> list[CalendarEvent]:
    """Every source's events overlapping ``start``..``end``, by start, for ``access``."""
    if access is None:
        return []
    events: list[CalendarEvent] = []
    for source in calendar_sources():
        for event in source.fn(access, start, end):
            if event.end_day >= start and event.start_day <= end:
                if not event.kind_label:
                    event = CalendarEvent(**{**event.__dict__, "kind_label": source.label})
                events.append(event)
    events.sort(key=lambda e: (e.start_day, e.all_day is False, str(e.start), e.title))
    return events


# -- the month page ------------------------------------------------------------------------
def _month(request) -> tuple[int, int]:
    today = timezone.localdate()
    raw = request.GET.get("thang", "")
    try:
        year, month = (int(p) for p in raw.split("-", 1))
        if 1945 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


def month_weeks(year: int, month: int, events: list[CalendarEvent], today: dt.date) -> list:
    """The month's weeks (Monday first) of days, each day with its events."""
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                {
                    "date": day,
                    "in_month": day.month == month,
                    "today": day == today,
                    "weekday": WEEKDAYS[day.weekday()],
                    "events": [e for e in events if e.on(day)],
                }
                for day in week
            ]
        )
    return weeks


@login_required
def calendar_month(request):
    access = request.access
    require(access, CALENDAR, "view")
    year, month = _month(request)
    first = dt.date(year, month, 1)
    last = dt.date(year, month, pycalendar.monthrange(year, month)[1])
    weeks = month_weeks(year, month, events_between(access, first, last), timezone.localdate())
    previous = first - dt.timedelta(days=1)
    following = last + dt.timedelta(days=1)
    return render(
        request,
        "core/calendar_month.html",
        {
            "title": f"{MONTH_NAMES[month]} năm {year}",
            "weeks": weeks,
            "weekdays": WEEKDAYS,
            "has_events": any(d["events"] and d["in_month"] for w in weeks for d in w),
            "previous": f"{previous.year}-{previous.month:02d}",
            "following": f"{following.year}-{following.month:02d}",
            "this_month": f"{timezone.localdate():%Y-%m}",
        },
    )


# -- the feed ----------------------------------------------------------------------------
def feed_for(user_id: int, council_id: int, *, reset: bool = False):
    """The user's calendar address in the council (created on first use, bound to the user's
    role there; a new token when ``reset``)."""
    from councils.models import CouncilRole
    from hdnd_portal.core.models import CalendarFeed

    role = CouncilRole.objects.filter(user_id=user_id, council_id=council_id).first()
    feed = CalendarFeed.objects.filter(user_id=user_id, council_id=council_id).first()
    if feed is not None and feed.role_id != (role.pk if role else None):
        feed.delete()  # issued under another role (a superuser's, before an explicit one)
        feed = None
    if feed is None:
        return CalendarFeed.objects.create(
            user_id=user_id, council_id=council_id, role=role, token=secrets.token_urlsafe(32)
        )
    if reset:
        feed.token = secrets.token_urlsafe(32)
        feed.save(update_fields=["token"])
    return feed


@login_required
def calendar_feed_page(request):
    """The user's address, or the button that creates it: opening the page changes nothing."""
    from hdnd_portal.core.models import CalendarFeed

    access = request.access
    require(access, CALENDAR, "view")
    feed = CalendarFeed.objects.filter(user_id=access.user_id, council_id=access.council_id).first()
    url = (
        request.build_absolute_uri(reverse("core-calendar-ics", args=[feed.token])) if feed else ""
    )
    return render(request, "core/calendar_feed.html", {"feed_url": url, "feed": feed})


@login_required
@require_POST
def calendar_feed_reset(request):
    """The buttons "Tạo địa chỉ" (the first address) and "Tạo địa chỉ mới" (the old address
    then answers 404)."""
    from hdnd_portal.core.models import CalendarFeed

    access = request.access
    require(access, CALENDAR, "view")
    had_one = CalendarFeed.objects.filter(
        user_id=access.user_id, council_id=access.council_id
    ).exists()
    feed_for(access.user_id, access.council_id, reset=had_one)
    if had_one:
        messages.success(
            request, "Đã tạo địa chỉ lịch mới. Địa chỉ cũ không còn dùng được: hãy đăng ký lại."
        )
    else:
        messages.success(request, "Đã tạo địa chỉ lịch của bạn.")
    return redirect("core-calendar-feed")


def calendar_ics(request, token: str):
    """The feed of the user holding ``token``, with that user's role in that council."""
    from councils.middleware import build_access
    from hdnd_portal.core.models import CalendarFeed

    feed = CalendarFeed.objects.select_related("user", "council").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404("Không tìm thấy lịch.")
    if feed.role_id is None and not feed.user.is_superuser:
        raise Http404("Không tìm thấy lịch.")  # issued to an administrator who no longer is
    access = build_access(feed.user, feed.council_id)
    if access is None or access.council_id != feed.council_id:
        raise Http404("Không tìm thấy lịch.")
    require(access, CALENDAR, "view")
    today = timezone.localdate()
    events = events_between(
        access,
        today - dt.timedelta(days=FEED_PAST_DAYS),
        today + dt.timedelta(days=FEED_FUTURE_DAYS),
    )
    body = ical_calendar(
        events,
        name=f"Lịch {feed.council.name}",
        base_url=request.build_absolute_uri("/"),
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


# -- RFC 5545 ----------------------------------------------------------------------------
def ical_escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline."""
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def ical_fold(line: str, limit: int = 75) -> str:
    """Fold a content line at ``limit`` octets (RFC 5545 §3.1): CRLF + one space before each
    continuation, never inside a UTF-8 character."""
    out, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        # A continuation line starts with a space, which counts toward its 75 octets.
        if size + width > limit:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out)


def _ical_date(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return f":{value.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
    return f";VALUE=DATE:{value:%Y%m%d}"


# The right-hand side of every UID: fixed, so that a feed read through another address (a new
# domain, the IP, a proxy's Host header) names the same events and a phone does not show each
# one twice (RFC 5545 3.8.4.7: a UID is persistent and unique).
UID_DOMAIN = "hdnd-portal"


def _uid(event: CalendarEvent) -> str:
    if event.uid:
        return f"{event.uid}@{UID_DOMAIN}"
    digest = hashlib.sha1(f"{event.url}|{event.start}|{event.title}".encode()).hexdigest()[:20]
    return f"{digest}@{UID_DOMAIN}"


def _ical_end(event: CalendarEvent) -> dt.date | dt.datetime | None:
    """DTEND: the day after the last day of an all-day event; for an event with a starting
    time, the end of its last day when it spans days, else none (no end was recorded, and an
    invented hour would mislead: the event shows at its starting time)."""
    if event.all_day:
        return event.end_day + dt.timedelta(days=1)
    if isinstance(event.end, dt.datetime):
        return event.end
    if event.end is not None and event.end > event.start_day:
        return timezone.make_aware(dt.datetime.combine(event.end + dt.timedelta(days=1), dt.time()))
    return None


def ical_calendar(
    events: Iterable[CalendarEvent], *, name: str, base_url: str, stamp: dt.datetime
) -> str:
    """A VCALENDAR of ``events`` (all-day events end the day after their last day)."""
    root = base_url.rstrip("/")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//HDND Portal//Lich//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical_escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(event)}",
            f"DTSTAMP{_ical_date(stamp)}",
            f"DTSTART{_ical_date(event.start)}",
        ]
        end = _ical_end(event)
        if end is not None:
            lines.append(f"DTEND{_ical_date(end)}")
        lines.append(f"SUMMARY:{ical_escape(event.title)}")
        if event.place:
            lines.append(f"LOCATION:{ical_escape(event.place)}")
        if event.kind_label:
            lines.append(f"CATEGORIES:{ical_escape(event.kind_label)}")
        if event.url:
            url = event.url if "://" in event.url else f"{root}{event.url}"
            lines.append(f"URL:{url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(ical_fold(line) + "\r\n" for line in lines)


# -- menu and URLs ---------------------------------------------------------------------------
def register_calendar_nav() -> None:
    """The menu entry "Lịch" (called by the first app that registers a source)."""
    from hdnd_portal.core.access import COMMITTEE, DELEGATE, LEADERSHIP, STAFF, STANDING
    from hdnd_portal.core.navigation import NavItem, nav_first, register_nav

    register_nav(NavItem("Lịch", "Lịch", "core-calendar", CALENDAR, icon="calendar3", order=5))
    # Everyone who sits in sessions, supervisions and receptions keeps the calendar at hand.
    for role in (STAFF, STANDING, COMMITTEE, DELEGATE, LEADERSHIP):
        nav_first(role, "core-calendar")


calendar_urlpatterns = [
    path("", calendar_month, name="core-calendar"),
    path("lien-ket/", calendar_feed_page, name="core-calendar-feed"),
    path("lien-ket/dat-lai/", calendar_feed_reset, name="core-calendar-feed-reset"),
    path("<str:token>.ics", calendar_ics, name="core-calendar-ics"),
]

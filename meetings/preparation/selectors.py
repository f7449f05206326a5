"""Reads of the preparation records and the Standing Committee's meetings (one per list).

Pages, exports, the API, the calendar and the printed quarterly report read through these.
"""

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet

from hdnd_portal.core.access import Access
from meetings.models import (
    CongressGoal,
    JointMeeting,
    JointMeetingDecision,
    PreparationTask,
    QuarterlyReport,
    Session,
    StandingMeeting,
)


def jointmeeting_list(*, access: Access | None) -> QuerySet[JointMeeting]:
    return (
        JointMeeting.objects.visible_to(access)
        .select_related("session", "regulation")
        .prefetch_related(
            "participants",
            Prefetch("decisions", queryset=JointMeetingDecision.objects.order_by("order", "id")),
        )
        .order_by("-held_on", "-id")
    )


def preparationtask_list(*, access: Access | None) -> QuerySet[PreparationTask]:
    return (
        PreparationTask.objects.visible_to(access)
        .select_related("session", "assignee", "delegate", "agency", "followup")
        .order_by("due_date", "id")
    )


def standingmeeting_list(*, access: Access | None) -> QuerySet[StandingMeeting]:
    return (
        StandingMeeting.objects.visible_to(access)
        .select_related("term", "chair")
        .order_by("-held_on", "-id")
    )


def quarterlyreport_list(*, access: Access | None) -> QuerySet[QuarterlyReport]:
    return (
        QuarterlyReport.objects.visible_to(access)
        .select_related("meeting")
        .order_by("-year", "-quarter", "-id")
    )


def congressgoal_list(*, access: Access | None) -> QuerySet[CongressGoal]:
    return CongressGoal.objects.visible_to(access).order_by("order", "code", "id")


def session_preparation(*, access: Access | None, session: Session) -> dict:
    """The joint meetings and preparation tasks of one session (two queries each)."""
    return {
        "joint_meetings": list(jointmeeting_list(access=access).filter(session=session)),
        "tasks": list(preparationtask_list(access=access).filter(session=session)),
    }


def briefings_by_half_year(council, year: int) -> dict[int, int]:
    """Thematic briefings with the Bans (giao ban chuyên đề, target 1.7: one every six months)
    held in ``year``: ``{1: count in January-June, 2: count in July-December}``, one query."""
    counts = StandingMeeting.objects.filter(
        council=council, kind=StandingMeeting.Kind.BRIEFING, held_on__year=year
    ).aggregate(
        first=Count("id", filter=Q(held_on__month__lte=6)),
        second=Count("id", filter=Q(held_on__month__gte=7)),
    )
    return {1: counts["first"], 2: counts["second"]}


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter."""
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)


def quarter_activity(*, council, year: int, quarter: int) -> dict:
    """What the Standing Committee's quarterly report gathers for the quarter: its meetings
    (by kind), the sessions held and the joint meetings (three queries)."""
    start, end = quarter_bounds(year, quarter)
    meetings = list(
        StandingMeeting.objects.filter(council=council, held_on__range=(start, end))
        .select_related("chair")
        .order_by("held_on", "id")
    )
    sessions = list(
        Session.objects.filter(council=council, start_date__range=(start, end)).order_by(
            "start_date", "id"
        )
    )
    joint = list(
        JointMeeting.objects.filter(council=council, held_on__range=(start, end))
        .select_related("session")
        .order_by("held_on", "id")
    )
    kinds = StandingMeeting.Kind
    return {
        "start": start,
        "end": end,
        "standing_meetings": meetings,
        "regular_count": sum(1 for m in meetings if m.kind == kinds.REGULAR),
        "briefing_count": sum(1 for m in meetings if m.kind == kinds.BRIEFING),
        "party_report_count": sum(1 for m in meetings if m.kind == kinds.PARTY_REPORT),
        "sessions": sessions,
        "joint_meetings": joint,
    }

"""Reads of the coordination regulation, its reviews and the joint meetings under it."""

import datetime as dt

from django.db.models import Count, QuerySet

from hdnd_portal.core.access import Access
from meetings.models import CoordinationRegulation, CoordinationReview, JointMeeting


def coordinationregulation_list(*, access: Access | None) -> QuerySet[CoordinationRegulation]:
    return (
        CoordinationRegulation.objects.visible_to(access)
        .select_related("term")
        .prefetch_related("parties")
        .annotate(joint_meeting_count=Count("joint_meetings", distinct=True))
        .order_by("-start_date", "-id")
    )


def coordinationreview_list(*, access: Access | None) -> QuerySet[CoordinationReview]:
    return (
        CoordinationReview.objects.visible_to(access)
        .select_related("regulation")
        .order_by("-held_on", "-id")
    )


def regulation_in_force(*, council_id: int, on: dt.date) -> CoordinationRegulation | None:
    """The council's regulation in force on ``on`` (validities never overlap), or None."""
    if on is None:
        return None
    return (
        CoordinationRegulation.objects.filter(council_id=council_id)
        .on(on)
        .order_by("-start_date", "-id")
        .first()
    )


def regulation_records(*, access: Access | None, regulation: CoordinationRegulation) -> dict:
    """What the regulation's page shows under it: its reviews and its joint meetings."""
    return {
        "reviews": list(coordinationreview_list(access=access).filter(regulation=regulation)),
        "joint_meetings": list(
            JointMeeting.objects.visible_to(access)
            .filter(regulation=regulation)
            .select_related("session")
            .order_by("-held_on", "-id")
        ),
    }

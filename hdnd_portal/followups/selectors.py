"""Reads of the follow-up engine: already scoped to the user and joined for the page."""

import datetime as dt

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from hdnd_portal.core.permissions import can, get_object_for_user
from hdnd_portal.followups.filters import DUE_SOON_DAYS, FollowUpFilter
from hdnd_portal.followups.models import Attachment, FollowUp
from hdnd_portal.followups.policies import FOLLOWUP

LIST_RELATED = ("agency", "committee", "assignee", "rule")


def followup_queryset(access):
    """What ``access`` may see, joined with what a list row shows."""
    return FollowUp.objects.visible_to(access).select_related(*LIST_RELATED)


def followup_inbox(*, request, today: dt.date | None = None):
    """(queryset, filterset, q) of the inbox for the request's filters and search."""
    access = getattr(request, "access", None)
    qs = followup_queryset(access)
    filterset = FollowUpFilter(request.GET, queryset=qs, request=request, today=today)
    qs = filterset.qs if filterset.is_valid() else qs.open()
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.search(q)
    return qs.order_by("due_date", "id"), filterset, q


def followup_counts(access, today: dt.date | None = None) -> dict[str, int]:
    """Open, overdue and due-soon items the user sees, in one query."""
    if access is None or not can(access, FOLLOWUP, "view"):
        return {"open": 0, "overdue": 0, "due_soon": 0}
    today = today or timezone.localdate()
    return (
        FollowUp.objects.visible_to(access)
        .open()
        .aggregate(
            open=Count("id"),
            overdue=Count("id", filter=Q(due_date__lt=today)),
            due_soon=Count(
                "id",
                filter=Q(
                    due_date__gte=today, due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS)
                ),
            ),
        )
    )


def counts_for_request(request) -> dict[str, int]:
    """The counts, computed once per request (the badge and the inbox share them)."""
    counts = getattr(request, "_followup_counts", None)
    if counts is None:
        counts = followup_counts(getattr(request, "access", None))
        request._followup_counts = counts
    return counts


def nav_badge(request) -> int | None:
    """The navigation badge: overdue items (None hides the badge)."""
    return counts_for_request(request)["overdue"] or None


def get_followup_for_user(access, pk, action: str = "view") -> FollowUp:
    """404 for outsiders (other council, another agency's item), 403 for read-only users."""
    return get_object_for_user(
        access,
        FollowUp.objects.select_related(*LIST_RELATED, "delegate", "created_by", "source_type"),
        pk,
        FOLLOWUP,
        action,
    )


def followup_detail(followup: FollowUp) -> dict:
    """Extensions, answers with their files, and reminders sent, for the detail page."""
    answers = list(
        followup.answers.select_related("answered_by", "agency").prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at", "id"))
        )
    )
    return {
        "extensions": list(followup.extensions.select_related("created_by")),
        "answers": answers,
        "loose_attachments": list(followup.attachments.filter(answer__isnull=True)),
        "reminders": list(followup.reminders.order_by("-sent_at")[:20]),
    }


def get_attachment_for_user(access, pk) -> Attachment:
    """A file is shown to whoever may see its follow-up (404 otherwise)."""
    attachment = Attachment.objects.select_related("followup").filter(pk=pk).first()
    visible = (
        attachment is not None
        and FollowUp.objects.visible_to(access).filter(pk=attachment.followup_id).exists()
    )
    if not visible or not can(access, FOLLOWUP, "view", attachment.followup):
        raise Http404
    return attachment

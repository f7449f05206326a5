"""Reads of the follow-up engine: already scoped to the user and joined for the page.

Domain apps read follow-ups only through this module (an import contract forbids them
``hdnd_portal.followups.models``): the items of one of their records (:func:`followups_of`),
the states (:data:`State`, :data:`OPEN_STATES`, :data:`STATE_CHOICES`) for their filters and
lookups through their own foreign key to an item, and the counts their metrics need
(:func:`followup_timeliness`).
"""

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch
from django.utils import timezone

from hdnd_portal.core.access import ADMIN, AGENCY, COMMITTEE, DELEGATE, STAFF, STANDING
from hdnd_portal.core.permissions import can, get_object_for_user, is_registered
from hdnd_portal.followups.filters import DUE_SOON_DAYS, FollowUpFilter
from hdnd_portal.followups.models import Attachment, FollowUp, FollowUpQuerySet
from hdnd_portal.followups.policies import FOLLOWUP

LIST_RELATED = ("agency", "committee", "assignee", "rule")

# The states of an item, for the domain apps' filters and their ``followup__state`` lookups.
State = FollowUp.State
STATE_CHOICES = FollowUp.State.choices
# Still waiting for the responsible body: reminded, escalated, counted as overdue.
OPEN_STATES: tuple[str, ...] = FollowUpQuerySet.OPEN_STATES
# Finished one way or the other (done, or closed without result).
FINISHED_STATES: tuple[str, ...] = (FollowUp.State.DONE, FollowUp.State.CLOSED)


# The inbox search also matches the responsible agency's own name ("cong an" finds
# every item forwarded to Công an xã), read at query time.
SEARCH_THROUGH = ("agency",)


def followup_queryset(access):
    """What ``access`` may see, joined with what a list row shows."""
    return FollowUp.objects.visible_to(access).select_related(*LIST_RELATED)


def followup_list(*, access) -> QuerySet[FollowUp]:
    """The API's list: the inbox's rows in the inbox's order (due date first)."""
    return followup_queryset(access).order_by("due_date", "id")


def followup_search(qs, q: str):
    return qs.search(q, through=SEARCH_THROUGH)


def followup_inbox(*, request, today: dt.date | None = None):
    """(queryset, filterset, q) of the inbox for the request's filters and search."""
    access = getattr(request, "access", None)
    qs = followup_queryset(access)
    filterset = FollowUpFilter(request.GET, queryset=qs, request=request, today=today)
    qs = filterset.qs if filterset.is_valid() else qs.open()
    q = request.GET.get("q", "").strip()
    if q:
        qs = followup_search(qs, q)
    return qs.order_by("due_date", "id"), filterset, q


def actionable(access) -> Q:
    """The items ``access`` acts on, among those it sees: the Office and the Standing Committee
    chase every item; an agency answers its own (all it sees); a delegate the items of the
    citizens they forwarded; a Ban its own; anyone the items assigned to them. Leadership and
    the city read, and act on none."""
    if access.role in (ADMIN, STAFF, STANDING, AGENCY):
        return Q()
    mine = Q(assignee_id=access.user_id)
    if access.role == DELEGATE and access.delegate_id:
        mine |= Q(delegate_id=access.delegate_id)
    if access.role == COMMITTEE and access.committee_ids:
        mine |= Q(committee_id__in=access.committee_ids)
    return mine


def followup_counts(access, today: dt.date | None = None) -> dict[str, int]:
    """Open, overdue, due-soon and waiting-for-review items the user sees, in one query."""
    if access is None or not can(access, FOLLOWUP, "view"):
        return {"open": 0, "overdue": 0, "due_soon": 0, "answered": 0, "overdue_mine": 0}
    today = today or timezone.localdate()
    is_open = Q(state__in=FollowUpQuerySet.OPEN_STATES)
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    return (
        FollowUp.objects.visible_to(access)
        .filter(state__in=[*FollowUpQuerySet.OPEN_STATES, FollowUp.State.ANSWERED])
        .aggregate(
            open=Count("id", filter=is_open),
            overdue=Count("id", filter=is_open & Q(due_date__lt=today)),
            overdue_mine=Count("id", filter=is_open & Q(due_date__lt=today) & actionable(access)),
            due_soon=Count("id", filter=is_open & Q(due_date__gte=today, due_date__lte=soon)),
            answered=Count("id", filter=Q(state=FollowUp.State.ANSWERED)),
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
    """The navigation badge: the overdue items the user acts on (None hides the badge); the
    inbox still lists everything the user may read."""
    return counts_for_request(request)["overdue_mine"] or None


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
        followup.answers.select_related("answered_by", "agency", "reviewed_by").prefetch_related(
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


def followups_of(
    source, *, kinds: Iterable[str] | str | None = None, open_only: bool = False
) -> QuerySet[FollowUp]:
    """Every follow-up whose source is the record ``source`` (its council's only), due date
    first; ``kinds`` narrows to those kinds, ``open_only`` to items still open or extended.

    Not scoped to a user: for services and jobs. A page shows a record's items through
    :func:`followups_for_source`.
    """
    if source is None or source.pk is None:
        return FollowUp.objects.none()
    qs = FollowUp.objects.filter(
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk
    )
    council_id = getattr(source, "council_id", None)
    if council_id is not None:
        qs = qs.filter(council_id=council_id)
    if kinds is not None:
        qs = qs.filter(kind__in=[kinds] if isinstance(kinds, str) else list(kinds))
    if open_only:
        qs = qs.open()
    return qs.order_by("due_date", "id")


def followup_timeliness(access, *, kind: str, due_year: int, on: dt.date) -> dict | None:
    """Items of ``kind`` due in ``due_year`` that ``access`` sees: ``on_time`` (answered by the
    due date), ``late`` (answered after it) and ``overdue`` (still open past it on ``on``), in
    one query; ``None`` for a user who may not see follow-ups."""
    if access is None or not can(access, FOLLOWUP, "view"):
        return None
    answered = Q(answered_at__isnull=False)
    return (
        FollowUp.objects.visible_to(access)
        .filter(kind=kind, due_date__year=due_year)
        .aggregate(
            on_time=Count("id", filter=answered & Q(answered_at__date__lte=F("due_date"))),
            late=Count("id", filter=answered & Q(answered_at__date__gt=F("due_date"))),
            overdue=Count("id", filter=Q(state__in=OPEN_STATES, due_date__lt=on)),
        )
    )


def followups_for_source(access, obj) -> QuerySet[FollowUp]:
    """The follow-ups of one record (a delegate, a petition…), as ``access`` may see them.

    An agency sees only its own items. Open items come first, soonest due first;
    then the finished ones, by due date.
    """
    if access is None or obj is None or obj.pk is None or not can(access, FOLLOWUP, "view"):
        return FollowUp.objects.none()
    return (
        followup_queryset(access)
        .filter(source_type=ContentType.objects.get_for_model(obj), source_id=obj.pk)
        .open_first()
    )


def followup_source(access, followup: FollowUp) -> dict | None:
    """The "Hồ sơ gốc" row of a follow-up's page: what it follows up, and a link if allowed.

    ``None`` when the follow-up has no source. The record's name and link are
    given only to a user who may view that record under its own policy
    (``"<app_label>.<model_name>"``); a deleted record, or one without a page,
    is named without a link. Never an error: the source may belong to an app
    removed since.
    """
    if not followup.source_type_id:
        return None
    content_type = followup.source_type
    source = {"type": content_type.name, "label": "", "url": "", "deleted": False}
    model = content_type.model_class()
    if model is None:
        source["deleted"] = True
        return source
    manager = model._default_manager
    qs = manager.visible_to(access) if hasattr(manager, "visible_to") else manager.all()
    record = qs.filter(pk=followup.source_id).first()
    if record is None:
        # Deleted, or outside the user's council: the same answer for both.
        source["deleted"] = not manager.filter(pk=followup.source_id).exists()
        return source
    key = f"{content_type.app_label}.{content_type.model}"
    if not is_registered(key) or not can(access, key, "view", record):
        return source
    source["label"] = str(record)
    get_url = getattr(record, "get_absolute_url", None)
    if get_url is not None:
        try:
            source["url"] = get_url()
        except NoReverseMatch:
            source["url"] = ""
    return source


def followup_source_panel(access, followup: FollowUp) -> dict | None:
    """What the item's kind shows of its source to the reader (``register_kind(source_panel=)``):
    the forwarded letter's content and slip for the agency answering it. ``None`` without one."""
    from hdnd_portal.followups.kinds import get_kind

    panel = get_kind(followup.kind).source_panel
    if panel is None or not followup.source_id:
        return None
    return panel(access, followup)


# -- the home page's reads (hdnd_portal/followups/home.py) ---------------------------------
def followups_by_agency(access, today: dt.date, limit: int) -> list[dict]:
    """Agencies with overdue or due-this-week open items, the most overdue first (one query).

    Rows: ``agency_id``, ``agency__name``, ``overdue``, ``due_week``; items given to a person
    rather than an agency are one row with ``agency_id`` None.
    """
    overdue = Q(due_date__lt=today)
    due_week = Q(due_date__gte=today, due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
    return list(
        FollowUp.objects.visible_to(access)
        .open()
        .filter(overdue | due_week)
        .values("agency_id", "agency__name")
        .annotate(overdue=Count("id", filter=overdue), due_week=Count("id", filter=due_week))
        .order_by("-overdue", "-due_week", "agency__name", "agency_id")[:limit]
    )


def followups_next(access, today: dt.date, limit: int) -> list[FollowUp]:
    """The council's open items falling due soonest (today or later): what to prepare next."""
    return list(
        followup_queryset(access)
        .open()
        .filter(due_date__gte=today)
        .order_by("due_date", "id")[:limit]
    )


def done_this_year(access, today: dt.date) -> int:
    """Items answered or completed since 1 January (one query)."""
    start = timezone.make_aware(dt.datetime(today.year, 1, 1))
    return (
        FollowUp.objects.visible_to(access)
        .filter(state=FollowUp.State.DONE, answered_at__gte=start)
        .count()
    )

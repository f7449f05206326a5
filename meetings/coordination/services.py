"""Writes of the coordination regulation and its reviews: each a transaction.

- A regulation saved links the council's joint meetings held within its validity to it (and
  unlinks those its new dates leave out), and opens the follow-up item of its yearly review
  (kind ``coordination_review``, due on 31 December of the year) while it is in force.
- A review recorded for a year fulfils that year's item and opens the next year's, if the
  regulation is still in force then.
- A joint meeting saved (``meetings.preparation.services.jointmeeting_save``) is linked to the
  regulation in force on its date through :func:`jointmeeting_link_regulation`.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hdnd_portal.core.commands import acting_user, save_with_values
from hdnd_portal.followups.selectors import followups_of
from hdnd_portal.followups.services import followup_accept, followup_answer, followup_create
from meetings.coordination.selectors import regulation_in_force
from meetings.models import CoordinationRegulation, CoordinationReview, JointMeeting

COORDINATION_REVIEW = "coordination_review"
COORDINATION_REVIEW_LABEL = "Đánh giá việc thực hiện quy chế phối hợp"


def jointmeeting_link_regulation(meeting: JointMeeting) -> JointMeeting:
    """Link a joint meeting to the regulation in force on its date (None when there is none)."""
    regulation = regulation_in_force(council_id=meeting.council_id, on=meeting.held_on)
    regulation_id = regulation.pk if regulation is not None else None
    if meeting.regulation_id != regulation_id:
        meeting.regulation = regulation
        meeting.save(update_fields=["regulation"])
    return meeting


def regulation_relink_meetings(regulation: CoordinationRegulation) -> None:
    """The council's joint meetings follow the regulation's validity: those held within it are
    linked to it, those it no longer covers are unlinked (each saved: the history keeps it)."""
    within = Q(held_on__gte=regulation.start_date)
    if regulation.end_date is not None:
        within &= Q(held_on__lte=regulation.end_date)
    meetings = JointMeeting.objects.filter(council_id=regulation.council_id)
    for meeting in meetings.filter(regulation=regulation).exclude(within):
        meeting.regulation = None
        meeting.save(update_fields=["regulation"])
    for meeting in meetings.filter(within).exclude(regulation=regulation):
        meeting.regulation = regulation
        meeting.save(update_fields=["regulation"])


def _review_due(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def regulation_open_review(
    *, regulation: CoordinationRegulation, year: int, by_user
) -> object | None:
    """Open the follow-up item "review the regulation in ``year``" (the person recording follows
    it) unless the regulation is not in force that year, the year is already reviewed, or an
    item for it exists."""
    if by_user is None:
        return None  # a job without a user: the Office opens it at its next save
    first, last = dt.date(year, 1, 1), _review_due(year)
    if regulation.start_date > last or (regulation.end_date and regulation.end_date < first):
        return None
    if regulation.reviews.filter(year=year).exists():
        return None
    if followups_of(regulation, kinds=COORDINATION_REVIEW).filter(due_date__year=year).exists():
        return None
    return followup_create(
        council=regulation.council,
        kind=COORDINATION_REVIEW,
        title=f"{COORDINATION_REVIEW_LABEL} năm {year}",
        description=(
            f"{regulation} ({regulation.validity_label}): Thường trực HĐND chủ trì, phối hợp "
            "với UBND và Ủy ban MTTQ Việt Nam xã đánh giá việc thực hiện quy chế, đề xuất sửa "
            "đổi, bổ sung nếu cần."
        ),
        assignee=by_user,
        started_on=max(regulation.start_date, first),
        due_date=last,
        source=regulation,
        created_by=by_user,
    )


@transaction.atomic
def coordinationregulation_save(*, access, instance=None, values) -> CoordinationRegulation:
    """Create or change a regulation; its joint meetings and yearly review follow it."""
    regulation = save_with_values(instance or CoordinationRegulation(), values, access=access)
    regulation_relink_meetings(regulation)
    today = timezone.localdate()
    if regulation.in_force(today) or regulation.start_date.year == today.year:
        regulation_open_review(regulation=regulation, year=today.year, by_user=acting_user(access))
    return regulation


@transaction.atomic
def coordinationreview_save(*, access, instance=None, values) -> CoordinationReview:
    """Record a review: the year's follow-up item is done, the next year's opens."""
    review = save_with_values(instance or CoordinationReview(), values, access=access)
    by_user = acting_user(access)
    regulation = review.regulation
    for item in followups_of(regulation, kinds=COORDINATION_REVIEW, open_only=True).filter(
        due_date__year=review.year
    ):
        item = followup_answer(
            followup=item,
            by_user=by_user,
            answer=f"Đã {review.get_kind_display().lower()} ngày {review.held_on:%d/%m/%Y}.",
            on_behalf=True,
        )
        followup_accept(followup=item, by_user=by_user)
    regulation_open_review(regulation=regulation, year=review.year + 1, by_user=by_user)
    return review

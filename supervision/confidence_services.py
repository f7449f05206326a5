"""Writes of the confidence-vote part, each in one transaction (nothing half-saved)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from supervision.confidence_selectors import vote_result
from supervision.models.confidence import ConfidenceCandidate, ConfidenceVote, PositionHolder


def holders_in_office(vote: ConfidenceVote):
    """The holders of the vote's term in office on the vote day (the default ballot)."""
    return (
        PositionHolder.objects.filter(council_id=vote.council_id, term_id=vote.term_id)
        .on(vote.vote_date)
        .select_related("position")
        .order_by("position__order", "full_name", "id")
    )


def vote_save(*, form, access, instance) -> ConfidenceVote:
    """Save a vote from its form; a new one gets its ballot: the holders chosen, or every
    holder in office on the vote day. A rating exempts, with the reason, those who took
    office in the rating year (LEGAL.md §7, Art. 2.5); staff may change it on the tally page."""
    vote = form.save(commit=False)
    if not vote.council_id:
        vote.council_id = access.council_id
    created = vote.pk is None
    vote.save()
    if created:
        holders = list(form.cleaned_data.get("holders") or holders_in_office(vote))
        candidate_rows_add(vote, holders)
    return vote


def candidate_rows_add(vote: ConfidenceVote, holders) -> list[ConfidenceCandidate]:
    rows = []
    existing = set(vote.candidates.values_list("holder_id", flat=True))
    for holder in holders:
        if holder.pk in existing:
            continue
        new = vote.is_rating and holder.start_date.year == vote.year
        rows.append(
            ConfidenceCandidate.objects.create(
                vote=vote,
                holder=holder,
                exempt=new,
                exemption_reason=ConfidenceCandidate.Exemption.NEW if new else "",
            )
        )
    return rows


def _locked(vote: ConfidenceVote) -> ConfidenceVote:
    locked = ConfidenceVote.objects.select_for_update().get(pk=vote.pk)
    if not locked.is_open:
        raise ValidationError("Kết quả đã được chốt: không sửa được nữa.")
    return locked


def tally_save(*, vote: ConfidenceVote, formset, user=None) -> ConfidenceVote:
    """Save the ballots of the vote and every person's tallies at once.

    ``formset`` is bound and valid (``ConfidenceTallyFormSet``) with the vote's fields
    (``vote_form``) already validated: all or nothing.
    """
    with transaction.atomic():
        _locked(vote)
        vote.save()
        for form in formset.forms:
            form.instance.vote = vote
            form.save()
    return vote


def vote_close(*, vote: ConfidenceVote, user) -> ConfidenceVote:
    """Close the tally once: the delegate total of the vote day is frozen, the result is
    announced and the vote becomes read-only."""
    with transaction.atomic():
        locked = _locked(vote)
        candidates = list(locked.candidates.select_related("holder"))
        problems = []
        if locked.ballots_returned == 0:
            problems.append("Chưa nhập số phiếu thu vào.")
        if not any(not c.exempt for c in candidates):
            problems.append("Chưa có người nào được lấy phiếu.")
        for c in candidates:
            c.vote = locked
            if not c.exempt and c.ballots_counted == 0:
                problems.append(f"Chưa nhập số phiếu của {c.holder.full_name}.")
            try:
                c.full_clean(exclude=["vote", "holder"])
            except ValidationError as exc:
                problems.extend(exc.messages)
        try:
            locked.full_clean()
        except ValidationError as exc:
            problems.extend(exc.messages)
        if problems:
            raise ValidationError(problems)
        locked.delegates_in_office = locked.delegates_on_day()
        locked.state = ConfidenceVote.State.CLOSED
        locked.closed_at = timezone.now()
        locked.closed_by = user
        locked.save()
    return locked


def follow_up_vote_create(
    *, rating: ConfidenceVote, candidate: ConfidenceCandidate, user, on: dt.date | None = None
) -> ConfidenceVote:
    """The vote of confidence a rating calls for (low > 1/2, the person did not resign): one
    click, one new open vote with that person on its ballot. Asked twice, the same vote."""
    with transaction.atomic():
        rating = ConfidenceVote.objects.select_for_update().get(pk=rating.pk)
        if rating.is_open or not rating.is_rating:
            raise ValidationError("Chỉ tạo cuộc bỏ phiếu tín nhiệm từ kết quả lấy phiếu đã chốt.")
        result = vote_result(rating)
        row = next((r for r in result.rows if r.candidate.pk == candidate.pk), None)
        if row is None or not row.needs_vote:
            raise ValidationError(
                "Kết quả lấy phiếu của người này không dẫn đến bỏ phiếu tín nhiệm."
            )
        existing = ConfidenceVote.objects.filter(
            origin=rating, candidates__holder_id=candidate.holder_id
        ).first()
        if existing is not None:
            return existing
        on = on or timezone.localdate()
        vote = ConfidenceVote.objects.create(
            council_id=rating.council_id,
            procedure=ConfidenceVote.Procedure.VOTE,
            term_id=rating.term_id,
            vote_date=max(on, rating.vote_date),
            year=rating.year,
            origin=rating,
            note=(
                f"Bỏ phiếu tín nhiệm theo kết quả {rating} đối với {candidate.holder.full_name}."
            ),
        )
        ConfidenceCandidate.objects.create(vote=vote, holder=candidate.holder)
    return vote

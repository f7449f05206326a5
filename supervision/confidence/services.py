"""Writes of the confidence-vote part, each in one transaction (nothing half-saved)."""

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from councils.models import Delegate
from hdnd_portal.core.commands import assign, save_with_values, validate_record
from supervision.confidence.selectors import exemption_for, vote_result
from supervision.models.confidence import ConfidenceCandidate, ConfidenceVote, PositionHolder


def holders_in_office(vote: ConfidenceVote):
    """The holders of the vote's term in office on the vote day (the default ballot)."""
    return (
        PositionHolder.objects.filter(council_id=vote.council_id, term_id=vote.term_id)
        .on(vote.vote_date)
        .select_related("position")
        .order_by("position__order", "full_name", "id")
    )


CLOSED = "Kết quả đã được chốt: không sửa được nữa."
# What a vote keeps once it exists (its ballot is changed on the tally page only).
VOTE_FIXED = {
    "procedure": "Không đổi hình thức của cuộc lấy phiếu đã lập.",
    "term": "Không đổi nhiệm kỳ của cuộc lấy phiếu đã lập.",
    "holders": "Danh sách người được lấy phiếu chỉ chọn khi lập cuộc lấy phiếu.",
}


def board_conflict_message(name: str) -> str:
    return (
        f"{name} có tên trong danh sách người được lấy phiếu tín nhiệm nên không được là thành "
        "viên Ban kiểm phiếu."
    )


def board_conflicts(vote: ConfidenceVote, candidates) -> list[tuple[ConfidenceCandidate, str]]:
    """The counting board's delegates who are on the list of those rated (on the ballot and
    not exempt), each with the board field naming them: the board is elected from delegates
    who are not rated (LEGAL.md §7; Resolution 96/2023/QH15). A holder counts as the delegate
    they are linked to (``PositionHolder.delegate``)."""
    board: dict[int, str] = {}
    if vote.counting_board_head_id:
        board[vote.counting_board_head_id] = "counting_board_head"
    for pk in vote.counting_board_members.values_list("pk", flat=True):
        board.setdefault(pk, "counting_board_members")
    return [
        (c, board[c.holder.delegate_id])
        for c in candidates
        if not c.exempt and c.holder.delegate_id in board
    ]


def _check_board(vote: ConfidenceVote) -> None:
    """The board: delegates of the vote's term in office on the vote day, the head not listed
    again, nobody rated."""
    errors: dict[str, list[str]] = {}
    head = vote.counting_board_head
    members = list(vote.counting_board_members.all())
    if head is None and not members:
        return
    in_office = set(
        Delegate.objects.filter(term_id=vote.term_id)
        .on(vote.vote_date)
        .values_list("pk", flat=True)
    )
    day = f"{vote.vote_date:%d/%m/%Y}"
    for field, person in [("counting_board_head", head)] + [
        ("counting_board_members", m) for m in members
    ]:
        if person is None:
            continue
        if person.pk not in in_office:
            errors.setdefault(field, []).append(
                f"{person.full_name} không phải đại biểu HĐND của nhiệm kỳ này vào ngày lấy "
                f"phiếu {day}: Ban kiểm phiếu gồm các đại biểu HĐND."
            )
        elif field == "counting_board_members" and head is not None and person.pk == head.pk:
            errors.setdefault(field, []).append(
                f"{person.full_name} đã là Trưởng ban kiểm phiếu: không chọn lại trong các "
                "thành viên."
            )
    candidates = vote.candidates.select_related("holder")
    for candidate, field in board_conflicts(vote, candidates):
        errors.setdefault(field, []).append(board_conflict_message(candidate.holder.full_name))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def vote_save(*, access, instance, values) -> ConfidenceVote:
    """A vote; a new one gets its ballot (``holders``): the holders chosen, all of the vote's
    term, or every holder in office on the vote day. A rating exempts, with the reason, those
    who took office in the year it is held and those whose announced retirement is recorded
    (LEGAL.md §7, Art. 2.5; ``selectors.exemption_for``); staff may change it on the tally
    page. A term is rated once (the model's constraint); the counting board is never rated
    (``board_conflicts``). Once the vote exists its procedure, term and ballot stay; once
    closed, nothing changes."""
    values = dict(values)
    holders = values.pop("holders", None)
    if instance is not None:
        if not instance.is_open:
            raise ValidationError(CLOSED)
        errors = {
            name: message
            for name, message in VOTE_FIXED.items()
            if name in values and values[name] != getattr(instance, name)
        }
        if holders:
            errors["holders"] = VOTE_FIXED["holders"]
        if errors:
            raise ValidationError(errors)
    holders = list(holders or [])
    term = values.get("term")
    if term is not None and any(h.term_id != term.pk for h in holders):
        raise ValidationError({"holders": "Người được lấy phiếu không thuộc nhiệm kỳ đã chọn."})
    vote = save_with_values(instance or ConfidenceVote(), values, access=access)
    if instance is None:
        candidate_rows_add(vote, holders or holders_in_office(vote))
    _check_board(vote)
    return vote


def candidate_rows_add(vote: ConfidenceVote, holders) -> list[ConfidenceCandidate]:
    rows = []
    existing = set(vote.candidates.values_list("holder_id", flat=True))
    for holder in holders:
        if holder.pk in existing:
            continue
        reason = exemption_for(vote, holder)
        rows.append(
            ConfidenceCandidate.objects.create(
                vote=vote, holder=holder, exempt=bool(reason), exemption_reason=reason
            )
        )
    return rows


@transaction.atomic
def holder_save(*, access, instance, values) -> PositionHolder:
    """A holder of an elected position. Recording an announced retirement (or taking it back)
    exempts them (or no longer) on the ballot of every open rating that has not counted them
    yet — the same rule a new ballot follows (``selectors.exemption_for``)."""
    holder = save_with_values(instance or PositionHolder(), values, access=access)
    retirement = ConfidenceCandidate.Exemption.RETIREMENT
    rows = ConfidenceCandidate.objects.filter(
        holder=holder,
        vote__state=ConfidenceVote.State.OPEN,
        vote__procedure=ConfidenceVote.Procedure.RATING,
    ).select_related("vote")
    for row in rows:
        reason = exemption_for(row.vote, holder)
        if reason == retirement and not row.exempt and row.ballots_counted == 0:
            row.exempt, row.exemption_reason = True, retirement
        elif row.exempt and row.exemption_reason == retirement and reason != retirement:
            row.exempt, row.exemption_reason = False, ""
        else:
            continue
        row.save(update_fields=["exempt", "exemption_reason"])
    return holder


def _locked(vote: ConfidenceVote) -> ConfidenceVote:
    locked = ConfidenceVote.objects.select_for_update().get(pk=vote.pk)
    if not locked.is_open:
        raise ValidationError(CLOSED)
    return locked


BALLOT_FIELDS = ("delegates_present", "ballots_issued", "ballots_returned")
TALLY_FIELDS = (
    "exempt",
    "exemption_reason",
    "exemption_note",
    "high",
    "confidence",
    "low",
    "no_confidence",
    "invalid",
)


def row_error_key(candidate_id: int, field: str) -> str:
    """The key of a person's error in tally_save's refusal: ``candidate-<id>-<field>``."""
    return f"candidate-{candidate_id}-{field}"


def parse_row_error_key(key: str) -> tuple[int, str] | None:
    """(candidate id, field) of a row_error_key; None for the vote's own fields."""
    prefix, _, rest = key.partition("-")
    candidate_id, _, field = rest.partition("-")
    if prefix != "candidate" or not candidate_id.isdigit():
        return None
    return int(candidate_id), field


@transaction.atomic
def tally_save(
    *, access, vote: ConfidenceVote, values: Mapping, rows: Mapping[int, Mapping]
) -> ConfidenceVote:
    """The vote's ballots (``values``: delegates present, ballots issued and returned) and
    the tallies of the people on its ballot (``rows``: {candidate id: {exempt,
    exemption_reason, exemption_note, high, confidence, low, no_confidence, invalid}}),
    saved together or not at all. Each person is checked against the ballots given here,
    not those saved before; a person's error is keyed ``row_error_key(id, field)``."""
    locked = _locked(vote)
    assign(locked, {k: v for k, v in values.items() if k in BALLOT_FIELDS})
    errors: dict = {}
    try:
        validate_record(locked)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    candidates = {c.pk: c for c in locked.candidates.select_related("holder")}
    unknown = set(rows) - set(candidates)
    if unknown:
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            ValidationError("Người được lấy phiếu không có trong danh sách của cuộc lấy phiếu này.")
        )
    for candidate_id, row in rows.items():
        candidate = candidates.get(candidate_id)
        if candidate is None:
            continue
        candidate.vote = locked
        for name in TALLY_FIELDS:
            if name in row:
                setattr(candidate, name, row[name])
        try:
            candidate.full_clean(exclude=["vote", "holder"])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors[row_error_key(candidate_id, field)] = messages
    for candidate, _field in board_conflicts(locked, candidates.values()):
        errors.setdefault(row_error_key(candidate.pk, "exempt"), []).append(
            board_conflict_message(candidate.holder.full_name)
        )
    if errors:
        raise ValidationError(errors)
    locked.save()
    for candidate_id in rows:
        candidates[candidate_id].save()
    return locked


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
        problems += [
            board_conflict_message(c.holder.full_name)
            for c, _f in board_conflicts(locked, candidates)
        ]
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

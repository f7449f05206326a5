"""Writes of the follow-up engine. Views, the API, commands and other apps call these.

Every service is keyword-only and atomic, locks the follow-up it changes, checks
the transition (:class:`InvalidTransition`, a Vietnamese message) and records
who did it and why in the history (django-simple-history).

    open / extended ──answer──▶ answered ──accept──▶ done ──reopen──▶ open / extended
      │     ▲                      │
      │     └────── send_back ─────┘ (a reason; a new due date optional; the answer kept)
      ├──extend──▶ extended
      └──close──▶ closed ──reopen──▶ open / extended

The kind of an item hears of its answer, acceptance and closing through the hooks it
registered (``register_kind(..., on_answered=, on_accepted=, on_closed=)``), called here inside
the same transaction; domain apps never listen to the follow-ups' signals. A domain record
that ends (a letter resolved, a session closed) closes its items with
:func:`followups_close_for`.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hdnd_portal.core.uploads import validate_upload
from hdnd_portal.followups.kinds import get_kind, run_hook
from hdnd_portal.followups.models import (
    Answer,
    Attachment,
    DeadlineRule,
    Extension,
    FollowUp,
    InvalidTransition,
)
from hdnd_portal.followups.rules import RuleNotFound, apply_rule, rule_in_force
from hdnd_portal.followups.selectors import followups_of

__all__ = [
    "InvalidTransition",
    "RuleNotFound",
    "followup_create",
    "followup_update",
    "followup_answer",
    "followup_accept",
    "followup_send_back",
    "followup_extend",
    "followup_close",
    "followups_close_for",
    "followup_reopen",
    "followup_restart",
    "deadline_rule_save",
    "deadline_rule_chain_close",
]

EDITABLE_FIELDS = (
    "kind",
    "title",
    "description",
    "reference",
    "agency",
    "assignee",
    "committee",
    "delegate",
)


def _attribute(obj, by_user) -> None:
    # Without a user (a page request) simple-history takes the request's user.
    if by_user is not None:
        obj._history_user = by_user


def _save(followup: FollowUp, by_user, reason: str = "", update_fields=None) -> None:
    _attribute(followup, by_user)
    if reason:
        followup._change_reason = reason[:100]
    followup.save(update_fields=update_fields)


def _locked(followup: FollowUp) -> FollowUp:
    return FollowUp.objects.select_for_update().get(pk=followup.pk)


def _check_same_council(council_id: int, **related) -> None:
    errors = {}
    for name, obj in related.items():
        if obj is not None and getattr(obj, "council_id", council_id) != council_id:
            errors[name] = "Bản ghi được chọn thuộc HĐND khác."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def followup_create(
    *,
    council,
    kind: str,
    title: str,
    started_on: dt.date,
    created_by,
    agency=None,
    assignee=None,
    committee=None,
    delegate=None,
    rule_code: str | None = None,
    due_date: dt.date | None = None,
    event_on: dt.date | None = None,
    source=None,
    description: str = "",
    reference: str = "",
) -> FollowUp:
    """Open a follow-up; its due date comes from ``rule_code`` or is given.

    With ``rule_code`` the version in force on ``started_on`` is recorded on the
    item; a given ``due_date`` wins over the computed one (a shorter deadline
    set by the Standing Committee) while the rule stays cited. For a rule that
    counts back from an event (notice before a session) pass ``event_on``.
    Without ``rule_code`` the kind's default rule (``register_kind(...,
    rule_code=...)``) applies; when a date is given by hand and that default
    is not in force yet, the item simply cites no rule.
    """
    default_rule = rule_code is None
    if default_rule:
        rule_code = get_kind(kind).rule_code
    if not rule_code and due_date is None:
        raise ValidationError({"due_date": "Cần chọn quy tắc thời hạn hoặc nhập hạn xử lý."})
    _check_same_council(council.pk, agency=agency, committee=committee, delegate=delegate)
    rule = None
    if rule_code:
        try:
            rule = rule_in_force(rule_code, started_on, council=council)
        except RuleNotFound:
            if not (default_rule and due_date is not None):
                raise
    if rule is not None:
        if rule.counts_back and event_on is None and due_date is None:
            raise ValidationError(
                {"event_on": "Quy tắc này tính lùi trước sự kiện: cần nhập ngày diễn ra sự kiện."}
            )
        if due_date is None:
            due_date = apply_rule(
                rule, event_on if rule.counts_back else started_on, council=council
            )
    followup = FollowUp(
        council=council,
        kind=kind,
        title=title,
        description=description,
        reference=reference,
        agency=agency,
        assignee=assignee,
        committee=committee,
        delegate=delegate,
        started_on=started_on,
        rule=rule,
        original_due_date=due_date,
        due_date=due_date,
        created_by=created_by,
    )
    if source is not None:
        followup.source = source
    followup.full_clean(exclude=["source_type", "source_id"])
    _save(followup, created_by, "Tạo mới")
    return followup


@transaction.atomic
def followup_update(*, followup: FollowUp, by_user, **changes) -> FollowUp:
    """Change what is tracked and who answers; dates change only by an extension."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"followup_update cannot change {sorted(unknown)}")
    followup = _locked(followup)
    _check_same_council(
        followup.council_id,
        **{k: v for k, v in changes.items() if k in ("agency", "committee", "delegate")},
    )
    for name, value in changes.items():
        setattr(followup, name, value)
    followup.full_clean(exclude=["source_type", "source_id"])
    _save(followup, by_user, "Cập nhật")
    return followup


def _validate_files(files: list) -> None:
    """Type (by content) and size of every file, before anything is written (page and API)."""
    errors = []
    for upload in files:
        try:
            validate_upload(upload)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"files": errors})


@transaction.atomic
def followup_answer(
    *, followup: FollowUp, by_user, answer: str, files: Iterable = (), on_behalf: bool = False
) -> FollowUp:
    """Record the answer or result: the item waits for the Standing Committee's review.

    ``files`` are uploaded files (checked by content and size, ``core.uploads``).
    ``on_behalf``: the Office entered the agency's written answer for it.
    """
    followup = _locked(followup)
    followup.check_transition("answer")
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": "Cần nhập nội dung trả lời."})
    files = list(files)
    _validate_files(files)
    now = timezone.now()
    record = Answer.objects.create(
        followup=followup,
        text=answer,
        agency_id=followup.agency_id,
        answered_by=by_user,
        on_behalf=on_behalf,
        created_at=now,
    )
    for upload in files:
        Attachment.objects.create(
            followup=followup,
            answer=record,
            file=upload,
            name=getattr(upload, "name", "tep-dinh-kem")[:255],
            uploaded_by=by_user,
        )
    followup.state = FollowUp.State.ANSWERED
    followup.answer = answer
    followup.answered_at = now
    _save(followup, by_user, "Trả lời")
    run_hook("on_answered", followup=followup, by_user=by_user)
    return followup


def _current_answer(followup: FollowUp) -> Answer | None:
    return (
        followup.answers.filter(review=Answer.Review.PENDING).order_by("-created_at", "-id").first()
    )


@transaction.atomic
def followup_accept(*, followup: FollowUp, by_user, note: str = "") -> FollowUp:
    """Thường trực HĐND accepts the answer: the item is done."""
    followup = _locked(followup)
    followup.check_transition("accept")
    note = (note or "").strip()
    now = timezone.now()
    current = _current_answer(followup)
    if current is not None:
        current.review = Answer.Review.ACCEPTED
        current.review_note = note
        current.reviewed_by = by_user
        current.reviewed_at = now
        current.save(update_fields=["review", "review_note", "reviewed_by", "reviewed_at"])
    followup.state = FollowUp.State.DONE
    _save(followup, by_user, f"Chấp nhận kết quả: {note}" if note else "Chấp nhận kết quả")
    run_hook("on_accepted", followup=followup, by_user=by_user)
    return followup


@transaction.atomic
def followup_send_back(
    *, followup: FollowUp, by_user, reason: str, new_due_date: dt.date | None = None
) -> FollowUp:
    """Thường trực HĐND sends the answer back: the item is open again ("đôn đốc đến cùng").

    The answer stays in :class:`Answer` with the reason; a ``new_due_date`` is recorded as
    an extension.
    """
    followup = _locked(followup)
    followup.check_transition("send_back")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Cần nêu lý do trả lại."})
    current = _current_answer(followup)
    if current is not None:
        current.review = Answer.Review.SENT_BACK
        current.review_note = reason
        current.reviewed_by = by_user
        current.reviewed_at = timezone.now()
        current.save(update_fields=["review", "review_note", "reviewed_by", "reviewed_at"])
    _back_to_open(
        followup, reason=reason, new_due_date=new_due_date, by_user=by_user, label="Trả lại"
    )
    _save(followup, by_user, f"Trả lại: {reason}")
    return followup


def _back_to_open(followup: FollowUp, *, reason: str, new_due_date, by_user, label: str) -> None:
    """Open again (the answer is cleared from the item, kept in its Answer rows)."""
    if new_due_date is not None and new_due_date != followup.due_date:
        if new_due_date < followup.started_on:
            raise ValidationError({"new_due_date": "Hạn mới không được trước ngày bắt đầu."})
        Extension.objects.create(
            followup=followup,
            previous_due_date=followup.due_date,
            new_due_date=new_due_date,
            reason=f"{label}: {reason}",
            created_by=by_user,
        )
        followup.due_date = new_due_date
        followup.escalated_at = None
    extended = followup.extensions.exists()
    followup.state = FollowUp.State.EXTENDED if extended else FollowUp.State.OPEN
    followup.answer = ""
    followup.answered_at = None
    followup.closed_at = None
    followup.closed_reason = ""


@transaction.atomic
def followup_extend(
    *, followup: FollowUp, new_due_date: dt.date, reason: str, by_user, document: str = ""
) -> Extension:
    """Gia hạn: a later due date; the previous one is kept in an :class:`Extension`."""
    followup = _locked(followup)
    followup.check_transition("extend")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Cần nêu lý do gia hạn."})
    if new_due_date <= followup.due_date:
        raise ValidationError(
            {"new_due_date": f"Hạn mới phải sau hạn hiện tại ({followup.due_date:%d/%m/%Y})."}
        )
    kind = get_kind(followup.kind)
    if kind.check_extend is not None:
        kind.check_extend(followup=followup, new_due_date=new_due_date, document=document or "")
    extension = Extension.objects.create(
        followup=followup,
        previous_due_date=followup.due_date,
        new_due_date=new_due_date,
        reason=reason.strip(),
        document=document,
        created_by=by_user,
    )
    followup.due_date = new_due_date
    followup.state = FollowUp.State.EXTENDED
    # A later due date restarts the reminder stages, and escalation with them.
    followup.escalated_at = None
    _save(followup, by_user, f"Gia hạn: {reason.strip()}")
    return extension


@transaction.atomic
def followup_bring_forward(
    *, followup: FollowUp, new_due_date: dt.date, reason: str, by_user
) -> FollowUp:
    """An earlier due date because the event it counts back from moved earlier (a session
    brought forward): not an extension, so no Extension row and the state is kept; the
    previous date stays in the item's history with the reason. A due date before the start
    moves the start with it (the item is then overdue at once)."""
    followup = _locked(followup)
    if followup.state not in (FollowUp.State.OPEN, FollowUp.State.EXTENDED):
        raise ValidationError("Chỉ rút ngắn hạn của việc đang mở.")
    if new_due_date >= followup.due_date:
        raise ValidationError(
            {"new_due_date": f"Hạn mới phải trước hạn hiện tại ({followup.due_date:%d/%m/%Y})."}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": "Cần nêu lý do rút ngắn hạn."})
    previous = followup.due_date
    followup.due_date = new_due_date
    followup.started_on = min(followup.started_on, new_due_date)
    _save(followup, by_user, f"Rút ngắn hạn từ {previous:%d/%m/%Y}: {reason.strip()}")
    return followup


@transaction.atomic
def followup_restart(*, followup: FollowUp, started_on: dt.date, reason: str, by_user) -> FollowUp:
    """The event the clock counts from happened on another day (the competent body received a
    forwarded letter later than it was sent): the start moves and the due date is counted again
    from it by the version of the item's rule in force that day. Not an extension: the previous
    dates stay in the item's history with the reason. Only an item still open and never
    extended (an extension was counted from the old due date)."""
    followup = _locked(followup)
    if followup.state != FollowUp.State.OPEN:
        raise ValidationError(
            {"started_on": "Chỉ tính lại thời hạn của việc đang theo dõi, chưa gia hạn."}
        )
    if followup.rule_id is None:
        raise ValidationError({"started_on": "Việc này không theo quy tắc thời hạn nào."})
    if not (reason or "").strip():
        raise ValidationError({"reason": "Cần nêu lý do tính lại thời hạn."})
    rule = rule_in_force(followup.rule.code, started_on, council=followup.council)
    previous = (followup.started_on, followup.due_date)
    followup.rule = rule
    followup.started_on = started_on
    followup.due_date = followup.original_due_date = apply_rule(
        rule, started_on, council=followup.council
    )
    followup.escalated_at = None
    _save(
        followup,
        by_user,
        f"Tính lại từ {started_on:%d/%m/%Y} (trước: từ {previous[0]:%d/%m/%Y}, hạn "
        f"{previous[1]:%d/%m/%Y}): {reason.strip()}",
    )
    return followup


@transaction.atomic
def followup_close(*, followup: FollowUp, reason: str, by_user) -> FollowUp:
    """Close without a result (withdrawn, no longer relevant, merged into another item)."""
    followup = _locked(followup)
    followup.check_transition("close")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Cần nêu lý do đóng."})
    followup.state = FollowUp.State.CLOSED
    followup.closed_at = timezone.now()
    followup.closed_reason = reason.strip()
    _save(followup, by_user, f"Đóng: {reason.strip()}")
    run_hook("on_closed", followup=followup, by_user=by_user)
    return followup


@transaction.atomic
def followups_close_for(
    *, source, reason: str, by_user, kinds: Iterable[str] | str | None = None
) -> list[FollowUp]:
    """The record ``source`` has ended (a letter resolved, a session closed, an activity
    finished): close each of its items still open or extended, ``reason`` in each item's
    history, so no reminder goes out for a closed case. Returns the items closed.

    Items answered and waiting for the Standing Committee's review are left to it: they are
    not reminded, and closing them "without result" would hide the answer they carry.
    """
    if not (reason or "").strip():
        raise ValidationError({"reason": "Cần nêu lý do đóng."})
    items = followups_of(source, kinds=kinds, open_only=True).select_for_update()
    return [followup_close(followup=item, reason=reason, by_user=by_user) for item in items]


@transaction.atomic
def followups_fulfil(*, source, document_kind: str, by_user, note: str) -> list[FollowUp]:
    """A document was issued from ``source``: each of its open items whose kind names that
    printed kind (``register_kind(fulfilled_by=)``) is done — recorded as answered with
    ``note`` (the number and date) and accepted, so its history says what fulfilled it.
    Items already answered wait for the Standing Committee as usual."""
    from hdnd_portal.followups.kinds import kinds_fulfilled_by

    kinds = kinds_fulfilled_by(document_kind)
    if not kinds:
        return []
    done = []
    for item in followups_of(source, kinds=kinds, open_only=True).select_for_update():
        followup_answer(followup=item, by_user=by_user, answer=note)
        done.append(followup_accept(followup=item, by_user=by_user, note=note))
    return done


@transaction.atomic
def followup_reopen(
    *, followup: FollowUp, reason: str, by_user, new_due_date: dt.date | None = None
) -> FollowUp:
    """Back to open: the answer was not enough, or the item was closed by mistake.

    Earlier answers stay in :class:`Answer`; a ``new_due_date`` is recorded as an extension.
    """
    followup = _locked(followup)
    followup.check_transition("reopen")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Cần nêu lý do mở lại."})
    _back_to_open(
        followup, reason=reason, new_due_date=new_due_date, by_user=by_user, label="Mở lại"
    )
    _save(followup, by_user, f"Mở lại: {reason}")
    return followup


@transaction.atomic
def deadline_rule_save(*, rule: DeadlineRule, by_user=None) -> DeadlineRule:
    """Save a rule version and keep the chain of versions of its code and scope tidy.

    Each version ends where the next one (same code, same council or global)
    begins, so adding "7 working days from 1 July 2026" closes the open-ended
    "10 working days" version on 1 July 2026.
    """
    rule.full_clean()
    _attribute(rule, by_user)
    rule.save()
    deadline_rule_chain_close(code=rule.code, council_id=rule.council_id, by_user=by_user)
    rule.refresh_from_db()
    return rule


def deadline_rule_chain_close(*, code: str, council_id: int | None, by_user=None) -> int:
    """End each version of ``code`` (in one scope) where the next begins; returns rows changed."""
    versions = list(
        DeadlineRule.objects.select_for_update()
        .filter(code=code, council_id=council_id)
        .order_by("valid_from")
    )
    changed = 0
    for current, following in zip(versions, versions[1:], strict=False):
        if current.valid_to is None or current.valid_to > following.valid_from:
            current.valid_to = following.valid_from
            _attribute(current, by_user)
            current._change_reason = f"Có phiên bản mới từ {following.valid_from:%d/%m/%Y}"
            current.save(update_fields=["valid_to"])
            changed += 1
    return changed


# -- commands of the rule and day-off pages ------------------------------------------------
def _calendar_scope(obj, access, values) -> None:
    """A new rule or day off is the council's own; an administrator may declare it for every
    council (``values["for_all_councils"]``). The scope never changes afterwards."""
    if obj.pk is None:
        for_all = bool(values.get("for_all_councils")) and access.role == "admin"
        obj.council_id = None if for_all else access.council_id


def deadline_rule_command(*, access, instance, values) -> DeadlineRule:
    """The command behind the page "Quy tắc thời hạn": a version saved, its chain kept tidy."""
    from hdnd_portal.core.commands import acting_user, assign

    rule = instance or DeadlineRule()
    _calendar_scope(rule, access, values)
    assign(rule, {k: v for k, v in values.items() if k != "council"})
    return deadline_rule_save(rule=rule, by_user=acting_user(access))


@transaction.atomic
def day_off_save(*, access, instance, values):
    """The command behind the page "Ngày nghỉ, ngày làm bù"."""
    from hdnd_portal.core.commands import assign, validate_record
    from hdnd_portal.followups.models import DayOff

    day = instance or DayOff()
    _calendar_scope(day, access, values)
    assign(day, {k: v for k, v in values.items() if k != "council"})
    validate_record(day)
    day.save()
    return day

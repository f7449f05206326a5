"""Writes of the petitions app: pages, the API, commands and the demo call these.

Every service is keyword-only and atomic; errors are ``ValidationError`` with a
Vietnamese message under the field the user corrects. ``reception_save`` and ``letter_save``
are the commands (``hdnd_portal.core.commands``) behind the pages' forms and the API: they take
typed values, never a form or a request.
"""

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ExpressionWrapper, F, Max, Q, TextField, Value
from django.utils import timezone

from councils.models import CouncilRole
from hdnd_portal.core.access import STAFF
from hdnd_portal.core.commands import acting_user, assign
from hdnd_portal.core.text import fold
from hdnd_portal.documents.services import counter_next
from hdnd_portal.followups.rules import RuleNotFound
from hdnd_portal.followups.selectors import followups_of
from hdnd_portal.followups.services import (
    followup_accept,
    followup_answer,
    followup_create,
    followup_extend,
    followup_restart,
    followups_close_for,
)
from petitions.crypto import (
    DecryptionError,
    EncryptedTextField,
    blind_index,
    blind_indexes,
    decrypt,
    key_index,
    reencrypt,
)
from petitions.models import (
    OTHER_COUNCIL_AGENCY,
    PROTECTED_KINDS,
    PROTECTION_FIELDS,
    IdentityAccess,
    Kind,
    Letter,
    PetitionSetting,
    Reception,
)
from petitions.selectors import ProtectedView, protected_view

LETTER_FOLLOWUP = "petition_letter"
# The HĐND's own duty (the Office's): forward or guide a letter it received. Its clock starts the
# day the HĐND received it (LEGAL.md §11: Tố cáo Art. 24.1-2, Tiếp công dân Art. 28.1).
LETTER_HANDLING = "petition_letter_handling"
HANDLING_WHAT = "chuyển/xử lý đơn"
HANDLING_RULES = {
    Kind.DENUNCIATION: "denunciation.forward",  # 5 WD, Luật Tố cáo Điều 24.2-3
    Kind.MIXED: "denunciation.forward",  # it may hold a denunciation: the shorter clock
}
HANDLING_DEFAULT_RULE = "reception.reply"  # 10 WD, Luật Tiếp công dân Điều 28.1
# Similar enough to be the same letter again (difflib ratio of the folded texts).
DUPLICATE_RATIO = 0.6

# The competent body's first item, opened at forwarding and counted from the day the body
# received the letter (the forwarding day until its receipt is recorded: letter_body_receipt).
RULES_BY_KIND = {
    Kind.COMPLAINT: ("complaint.accept", "thụ lý hoặc từ chối thụ lý khiếu nại"),
    # Luật Tố cáo Điều 24.1: the competent person records, classifies and decides to accept.
    Kind.DENUNCIATION: ("denunciation.classify", "thụ lý tố cáo"),
    Kind.PETITION: ("reception.reply", "trả lời kiến nghị"),
    Kind.REFLECTION: ("reception.reply", "trả lời phản ánh"),
    Kind.MIXED: ("reception.reply", "trả lời đơn có nhiều nội dung"),
}
# A second complaint (Luật Khiếu nại Art. 36): accepted within 10 days.
SECOND_COMPLAINT = ("complaint.accept_second", "thụ lý khiếu nại lần hai")
# After acceptance (thụ lý): the resolution item, counted from the acceptance date (LEGAL.md §11).
RESOLVE_RULES = {
    Kind.COMPLAINT: ("complaint.resolve", "giải quyết khiếu nại, ban hành quyết định"),
    Kind.DENUNCIATION: ("denunciation.resolve", "giải quyết tố cáo"),
}
SECOND_COMPLAINT_RESOLVE = ("complaint.resolve_second", "giải quyết khiếu nại lần hai")
# Kinds whose body accepts (thụ lý) and then resolves: followed to the result.
ACCEPTING_KINDS = frozenset(RESOLVE_RULES)
NOT_COMPETENT_FOR_COMPLAINTS = (
    "“%(agency)s” không có thẩm quyền giải quyết khiếu nại: chỉ chuyển đơn khiếu nại đến cơ "
    "quan có thẩm quyền giải quyết (ví dụ: UBND xã, người đứng đầu là Chủ tịch UBND)."
)
# Petitions and reflections also get the 45-day alarm where it is in force (from 1 July 2026).
ALARM_RULE = "petition.overdue_alarm"


def _attribute(obj, by_user, reason: str = "") -> None:
    if by_user is not None:
        obj._history_user = by_user
    if reason:
        obj._change_reason = reason[:100]


# -- the access log ---------------------------------------------------------------------


def identity_access_log(*, access, purpose: str, page: str, letter=None, reception=None, detail=""):
    """Record that ``access`` was shown a protected identity (or a citizen's data)."""
    return IdentityAccess.objects.create(
        council_id=access.council_id,
        user_id=access.user_id,
        letter=letter,
        reception=reception,
        purpose=purpose,
        page=page[:300],
        detail=detail[:300],
    )


def identity_showing_log(*, view: ProtectedView, access, purpose: str, page: str) -> bool:
    """Log that ``view`` (:func:`petitions.selectors.protected_view`) showed a protected
    identity, if it did: the page, API call or print that shows a record calls this once;
    reading (lists, serializers, exports) never does. Returns whether a row was written."""
    if not view.revealed:
        return False
    obj = view.record
    if isinstance(obj, Letter):
        identity_access_log(access=access, purpose=purpose, page=page, letter=obj)
    else:
        identity_access_log(access=access, purpose=purpose, page=page, reception=obj)
    return True


# -- what keeps an identity protected (Luật Tố cáo Art. 8.3, 47) -------------------------

KIND_LOCKED = (
    "Danh tính người tố cáo đang được bảo mật: chỉ người được giao xử lý mới được đổi phân loại "
    "(Điều 8, Điều 47 Luật Tố cáo)."
)
MARK_LOCKED = (
    "Danh tính người tố cáo đang được bảo mật: chỉ người được giao xử lý mới được bỏ đánh dấu "
    "“nội dung có thông tin làm lộ danh tính”."
)
LIFT_NOT_HANDLER = "Chỉ người được giao xử lý mới được bỏ bảo mật danh tính người tố cáo."
LIFT_NOT_PROTECTED = "Danh tính người gửi không ở chế độ bảo mật."
LIFT_STILL_PROTECTED_KIND = (
    "Phân loại đang là “%(kind)s”: danh tính người tố cáo luôn được bảo mật (Điều 47 Luật Tố "
    "cáo). Chỉ bỏ bảo mật khi đã đổi sang phân loại không có nội dung tố cáo."
)
LIFT_NO_REASON = "Cần ghi lý do bỏ bảo mật danh tính."


def protection_kept_check(*, access, record: Letter | Reception, values: Mapping) -> None:
    """Refuse what would unmask a protected record through an ordinary edit: its kind, and a
    letter's mark "nội dung có thông tin làm lộ danh tính", change only by those who see its
    identity (:meth:`~petitions.models.ProtectedIdentity.manages_identity`). ``record`` is the
    record as stored; even a handler's new kind keeps the identity protected (the stored mark),
    which only :func:`letter_protection_lift` / :func:`reception_protection_lift` lift."""
    if record.pk is None or not record.is_protected or record.manages_identity(access):
        return
    errors = {}
    if "kind" in values and values["kind"] != record.kind:
        errors["kind"] = KIND_LOCKED
    if (
        getattr(record, "content_reveals_identity", False)
        and "content_reveals_identity" in values
        and not values["content_reveals_identity"]
    ):
        errors["content_reveals_identity"] = MARK_LOCKED
    if errors:
        raise ValidationError(errors)


def _without_protection(values: Mapping) -> dict:
    """An edit's values without the protection's own fields, which only the model and the lift
    commands write."""
    return {k: v for k, v in values.items() if k not in PROTECTION_FIELDS}


def _protection_lift(*, access, instance, reason: str):
    record = type(instance).objects.select_for_update().get(pk=instance.pk)
    reason = (reason or "").strip()
    if not record.manages_identity(access):
        raise ValidationError({"reason": LIFT_NOT_HANDLER})
    if not record.identity_protected:
        raise ValidationError({"reason": LIFT_NOT_PROTECTED})
    if record.kind in PROTECTED_KINDS:
        raise ValidationError(
            {"reason": LIFT_STILL_PROTECTED_KIND % {"kind": record.get_kind_display()}}
        )
    if not reason:
        raise ValidationError({"reason": LIFT_NO_REASON})
    record.identity_protected = False
    record.protection_lift_reason = reason
    _attribute(record, acting_user(access), f"Bỏ bảo mật danh tính: {reason}")
    record.save()
    identity_access_log(
        access=access,
        purpose=IdentityAccess.Purpose.LIFT,
        page=record.get_absolute_url(),
        detail=reason,
        **{"letter" if isinstance(record, Letter) else "reception": record},
    )
    return record


@transaction.atomic
def letter_protection_lift(*, access, instance: Letter, reason: str) -> Letter:
    """Bỏ bảo mật danh tính: a handler (or an administrator) lifts the protection of a letter
    no longer of a protected kind (reclassified, or the denouncer disclosed it: Art. 47.2), with
    the reason kept in the record, its history and the access log."""
    return _protection_lift(access=access, instance=instance, reason=reason)


@transaction.atomic
def reception_protection_lift(*, access, instance: Reception, reason: str) -> Reception:
    """:func:`letter_protection_lift` for a reception: its handler is who logged it."""
    return _protection_lift(access=access, instance=instance, reason=reason)


# -- letters ----------------------------------------------------------------------------


LETTER_SERIES = "petitions.letter"


def _next_number(council_id: int, year: int) -> int:
    """The next number of the year's book, from the portal's one counter (locked until the
    transaction ends: two clerks entering letters at once never get the same number)."""
    return counter_next(
        council_id=council_id,
        series=LETTER_SERIES,
        year=year,
        start=lambda: Letter.objects.filter(council_id=council_id, year=year).aggregate(
            m=Max("number")
        )["m"],
    )


def find_duplicate(letter: Letter) -> Letter | None:
    """An earlier letter of the same sender with similar content, if any."""
    if letter.anonymous or not (letter.sender_name or letter.sender_id_number):
        return None
    same_sender = Q(sender_name=letter.sender_name) if letter.sender_name else Q()
    # Under any configured key: rows not yet moved to a new key still match (reencrypt_fields).
    digests = blind_indexes(letter.sender_id_number)
    if digests:
        same_sender = same_sender | Q(sender_id_hash__in=digests)
    candidates = (
        Letter.objects.filter(council_id=letter.council_id, anonymous=False)
        .filter(same_sender)
        .exclude(pk=letter.pk)
        .order_by("received_on", "id")
    )
    text = fold(f"{letter.subject} {letter.content}")
    name = fold(letter.sender_name)
    for other in candidates[:50]:
        if digests and other.sender_id_hash:
            if other.sender_id_hash not in digests:
                continue
        elif fold(other.sender_name) != name:
            continue
        other_text = fold(f"{other.subject} {other.content}")
        if difflib.SequenceMatcher(None, text, other_text).ratio() >= DUPLICATE_RATIO:
            return other.duplicate_of or other
    return None


@transaction.atomic
def letter_register(*, letter: Letter, by_user, handlers: Iterable = ()) -> Letter:
    """Enter a new letter in the book: its number, duplicate check, the handlers."""
    letter.year = letter.received_on.year
    letter.number = _next_number(letter.council_id, letter.year)
    letter.created_by = by_user
    letter.sender_id_hash = blind_index(letter.sender_id_number)
    letter.full_clean(exclude=["handlers"])
    if letter.duplicate_of_id is None:
        letter.duplicate_of = find_duplicate(letter)
    _attribute(letter, by_user, "Vào sổ")
    letter.save()
    users = {u.pk for u in handlers if u is not None}
    if by_user is not None:
        users.add(by_user.pk)
    letter.handlers.add(*users)
    if letter.duplicate_of is not None and letter.duplicate_of.is_protected:
        _protected_match_log(letter=letter, match=letter.duplicate_of, by_user=by_user)
    if letter.state == Letter.State.RECEIVED and letter.eligible and letter.duplicate_of is None:
        handling_open(source=letter, by_user=by_user)
    return letter


def _office_user(council_id: int, by_user):
    """Who answers for the Office's duty: the clerk who entered the letter when they work in
    the Office (Văn phòng HĐND&UBND), else the council's first Office user (a delegate's
    reception is forwarded by the Office, not by the delegate)."""
    office = CouncilRole.objects.filter(council_id=council_id, role=STAFF)
    if by_user is not None and office.filter(user_id=by_user.pk).exists():
        return by_user
    first = office.select_related("user").order_by("id").first()
    return first.user if first is not None else by_user


def handling_open(*, source: Letter | Reception, by_user):
    """Chuyển/xử lý đơn: the HĐND's own duty for a letter it received (or a reception whose
    outcome is to forward the letter), for the Office (no answering agency), counted from the
    day received by the rule of its kind in force that day. ``None`` when no version is in force
    or nobody works in the Office (the book still takes the letter), or the source already has
    one."""
    if followups_of(source, kinds=[LETTER_HANDLING]).exists():
        return None
    office = _office_user(source.council_id, by_user)
    if office is None:
        return None  # no Office user to answer for it (a council being set up, a script)
    code = HANDLING_RULES.get(source.kind, HANDLING_DEFAULT_RULE)
    # Never the sender, nor a protected text: titles go into reminders and the inbox.
    summary = protected_view(source)["subject"] if isinstance(source, Letter) else ""
    try:
        return followup_create(
            council=source.council,
            kind=LETTER_HANDLING,
            title=f"Văn phòng {HANDLING_WHAT}: {source}",
            assignee=office,
            description=f"Tóm tắt: {summary}" if summary else "",
            delegate=getattr(source, "delegate", None),
            started_on=source.received_on,
            rule_code=code,
            source=source,
            created_by=by_user,
        )
    except RuleNotFound:
        return None


def handling_fulfil(*, source: Letter | Reception, note: str, by_user) -> list:
    """The Office forwarded the letter or guided the citizen: its handling item is done, with
    what fulfilled it (the document, the date) in the item's history."""
    done = []
    for item in followups_of(source, kinds=[LETTER_HANDLING], open_only=True).select_for_update():
        followup_answer(followup=item, by_user=by_user, answer=note)
        done.append(followup_accept(followup=item, by_user=by_user, note=note))
    return done


def _protected_match_log(*, letter: Letter, match: Letter, by_user) -> None:
    """A new letter matched a protected one (same sender): logged on the protected letter, so
    its handlers and the Standing Committee see who entered a sender matching it — a guessed
    name or number probing for a denouncer included. Only readers who see the protected
    identity see the link itself (:func:`petitions.selectors.same_sender_shown`)."""
    handles = by_user is not None and by_user.pk in match.handler_ids()
    IdentityAccess.objects.create(
        council_id=letter.council_id,
        user=by_user,
        letter=match,
        purpose=IdentityAccess.Purpose.DUPLICATE,
        page=letter.get_absolute_url(),
        detail=(
            f"{letter} vào sổ trùng người gửi với đơn này"
            + ("" if handles else " (người vào sổ không xử lý đơn này)")
        )[:300],
    )


@transaction.atomic
def letter_update(*, letter: Letter, by_user) -> Letter:
    letter.full_clean(exclude=["handlers"])
    _attribute(letter, by_user, "Cập nhật")
    letter.save()
    return letter


@transaction.atomic
def letter_save(*, access, instance: Letter | None, values: Mapping) -> Letter:
    """The command of the letter's page and of the API: a new letter is entered in the book
    (:func:`letter_register`: its number, the duplicate check, its handler), an existing one
    corrected (:func:`letter_update`). Fields absent from ``values`` (an identity the user may
    not see, hence not on their form) keep their stored value; a protected letter's kind changes
    only by its handlers and keeps it protected (:func:`protection_kept_check`)."""
    letter = instance if instance is not None else Letter(council_id=access.council_id)
    protection_kept_check(access=access, record=letter, values=values)
    assign(letter, _without_protection(values))
    if instance is None:
        return letter_register(letter=letter, by_user=acting_user(access))
    return letter_update(letter=letter, by_user=acting_user(access))


def _followup_title(letter: Letter, what: str, agency) -> str:
    # Never the sender: follow-up titles go into reminders, e-mails and the inbox.
    return f"{letter}: {what} — {agency.name}"


@transaction.atomic
def letter_forward(
    *, letter: Letter, agency, by_user, on: dt.date | None = None, document: str = ""
) -> list:
    """Chuyển đơn: to a competent agency of the same council; follow-ups per kind."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if agency is None:
        raise ValidationError({"agency": "Cần chọn cơ quan có thẩm quyền."})
    if agency.council_id != letter.council_id:
        raise ValidationError({"agency": OTHER_COUNCIL_AGENCY})
    if not letter.eligible:
        raise ValidationError(
            {"agency": f"Đơn không đủ điều kiện xử lý: {letter.ineligible_reason}"}
        )
    letter.check_transition("forward", field="agency")
    document = (document or "").strip()
    if document:
        # One number per slip: the register's, given by "Cấp số và in" on the letter's page.
        raise ValidationError({"document": TYPED_SLIP_NUMBER % {"number": document}})
    on = on or timezone.localdate()
    if on < letter.received_on:
        raise ValidationError({"forwarded_on": "Ngày chuyển không được trước ngày nhận đơn."})
    if on > timezone.localdate():
        raise ValidationError({"forwarded_on": "Ngày chuyển không được ở tương lai."})
    if letter.kind == Kind.COMPLAINT and not agency.decides_complaints:
        raise ValidationError({"agency": NOT_COMPETENT_FOR_COMPLAINTS % {"agency": agency.name}})
    rule_code, what = RULES_BY_KIND[letter.kind]
    if letter.kind == Kind.COMPLAINT and letter.complaint_round == 2:
        rule_code, what = SECOND_COMPLAINT
    items = []
    try:
        # The body's clock starts the day it receives the letter: the forwarding day until
        # its own receipt is recorded (letter_body_receipt). LEGAL.md §11.
        items.append(
            followup_create(
                council=letter.council,
                kind=LETTER_FOLLOWUP,
                title=_followup_title(letter, what, agency),
                description=f"Tóm tắt: {protected_view(letter)['subject']}",
                reference=document,
                agency=agency,
                delegate=letter.delegate,
                started_on=on,
                rule_code=rule_code,
                source=letter,
                created_by=by_user,
            )
        )
        if letter.kind in (Kind.PETITION, Kind.REFLECTION):
            try:
                items.append(
                    followup_create(
                        council=letter.council,
                        kind=LETTER_FOLLOWUP,
                        title=_followup_title(letter, "mốc cảnh báo 45 ngày", agency),
                        agency=agency,
                        started_on=letter.received_on,
                        rule_code=ALARM_RULE,
                        source=letter,
                        created_by=by_user,
                    )
                )
            except RuleNotFound:
                pass  # before 1 July 2026 the alarm is not in force
    except RuleNotFound as exc:
        raise ValidationError({"agency": exc.message}) from exc
    letter.agency = agency
    letter.transition("forward", field="agency")
    letter.forwarded_on = on
    letter.body_received_on = on
    letter.forward_document = document
    _attribute(letter, by_user, f"Chuyển đơn: {agency.name}")
    letter.save()
    handling_fulfil(
        source=letter,
        note=_dated("Đã chuyển đơn đến " + agency.name, document, on),
        by_user=by_user,
    )
    return items


TYPED_SLIP_NUMBER = (
    "Không nhập tay số văn bản chuyển đơn (%(number)s): số của phiếu chuyển đơn do Sổ văn bản "
    "cấp khi bấm “Cấp số và in” phiếu chuyển đơn trên trang đơn, sau khi chuyển."
)


@transaction.atomic
def letter_slip_numbered(*, letter: Letter, document, by_user=None) -> Letter:
    """The forwarding slip was issued as ``document`` (a register entry): its number is the
    letter's forwarding number, the only one. A number typed before (older records) stays in
    the letter's history, named "số cũ"."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    old = letter.forward_document.strip()
    if old == document.symbol:
        return letter
    if old and not letter.forward_document_old:
        letter.forward_document_old = old
    letter.forward_document = document.symbol
    reason = f"Phiếu chuyển số {document.symbol}"
    _attribute(letter, by_user, reason + (f" (số cũ: {old})" if old else ""))
    letter.save()
    return letter


def _dated(what: str, document: str, on: dt.date) -> str:
    number = f", văn bản số {document}" if document else ""
    return f"{what}{number} ngày {on:%d/%m/%Y}."


def _body_item(letter: Letter):
    """The competent body's first item (acceptance, or the answer for a petition)."""
    return (
        followups_of(letter, kinds=[LETTER_FOLLOWUP])
        .exclude(rule__code=ALARM_RULE)
        .order_by("id")
        .first()
    )


def _check_day(day: dt.date | None, field: str, *, after: dt.date | None, what: str) -> None:
    if day is None:
        raise ValidationError({field: f"Cần nhập {what}."})
    if day > timezone.localdate():
        raise ValidationError({field: f"{what.capitalize()} không được ở tương lai."})
    if after is not None and day < after:
        raise ValidationError(
            {field: f"{what.capitalize()} không được trước ngày {after:%d/%m/%Y}."}
        )


@transaction.atomic
def letter_body_receipt(*, letter: Letter, received_on: dt.date, by_user) -> Letter:
    """Ngày cơ quan có thẩm quyền nhận đơn: the body received the forwarded letter on
    ``received_on``; its first deadline (acceptance, answer) is counted again from that day
    (Luật Khiếu nại Điều 27: "kể từ ngày nhận được"), the previous dates kept in the item's
    history. Before the body accepts the letter only."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if letter.state != Letter.State.FORWARDED:
        raise ValidationError({"body_received_on": "Chỉ ghi ngày nhận cho đơn đã chuyển."})
    if letter.accepted_on is not None:
        raise ValidationError(
            {"body_received_on": "Cơ quan đã thụ lý đơn: không sửa ngày nhận đơn nữa."}
        )
    _check_day(
        received_on, "body_received_on", after=letter.forwarded_on, what="ngày cơ quan nhận đơn"
    )
    item = _body_item(letter)
    if item is not None and item.started_on != received_on:
        try:
            followup_restart(
                followup=item,
                started_on=received_on,
                reason=f"{letter.agency.name} nhận đơn ngày {received_on:%d/%m/%Y}",
                by_user=by_user,
            )
        except RuleNotFound as exc:
            raise ValidationError({"body_received_on": exc.message}) from exc
        except ValidationError as exc:
            messages = exc.message_dict if hasattr(exc, "error_dict") else {}
            raise ValidationError(
                {"body_received_on": [m for ms in messages.values() for m in ms] or exc.messages}
            ) from exc
    letter.body_received_on = received_on
    _attribute(letter, by_user, f"Cơ quan nhận đơn ngày {received_on:%d/%m/%Y}")
    letter.save()
    return letter


@transaction.atomic
def letter_record_acceptance(
    *, letter: Letter, accepted_on: dt.date, document: str, by_user
) -> list:
    """Thụ lý: the competent body accepted the complaint or denunciation on ``accepted_on``
    (its decision or notice ``document``). The acceptance item is done; the resolution item
    opens, counted from the acceptance date (Luật Khiếu nại Điều 28; Luật Tố cáo Điều 30:
    "kể từ ngày thụ lý"), so the letter is followed to its result."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if letter.kind not in ACCEPTING_KINDS:
        raise ValidationError(
            {"accepted_on": "Chỉ ghi thụ lý cho đơn khiếu nại hoặc tố cáo đã chuyển."}
        )
    if letter.state != Letter.State.FORWARDED:
        raise ValidationError({"accepted_on": "Chỉ ghi thụ lý cho đơn đã chuyển, chưa có kết quả."})
    if letter.accepted_on is not None:
        raise ValidationError(
            {"accepted_on": f"Đơn đã được thụ lý ngày {letter.accepted_on:%d/%m/%Y}."}
        )
    document = (document or "").strip()
    if not document:
        raise ValidationError({"acceptance_document": "Cần ghi số quyết định, thông báo thụ lý."})
    _check_day(
        accepted_on,
        "accepted_on",
        after=letter.body_received_on or letter.forwarded_on,
        what="ngày thụ lý",
    )
    note = _dated(f"{letter.agency.name} đã thụ lý", document, accepted_on)
    item = _body_item(letter)
    if item is not None and item.is_open:
        followup_answer(followup=item, by_user=by_user, answer=note)
        followup_accept(followup=item, by_user=by_user, note=note)
    rule_code, what = RESOLVE_RULES[letter.kind]
    if letter.kind == Kind.COMPLAINT and letter.complaint_round == 2:
        rule_code, what = SECOND_COMPLAINT_RESOLVE
    try:
        resolve = followup_create(
            council=letter.council,
            kind=LETTER_FOLLOWUP,
            title=_followup_title(letter, what, letter.agency),
            description=f"Tóm tắt: {protected_view(letter)['subject']}",
            reference=document,
            agency=letter.agency,
            delegate=letter.delegate,
            started_on=accepted_on,
            rule_code=rule_code,
            source=letter,
            created_by=by_user,
        )
    except RuleNotFound as exc:
        raise ValidationError({"accepted_on": exc.message}) from exc
    letter.accepted_on = accepted_on
    letter.acceptance_document = document
    _attribute(letter, by_user, f"Thụ lý: {document}")
    letter.save()
    return [resolve]


@transaction.atomic
def letter_guide(*, letter: Letter, guidance: str, by_user) -> Letter:
    """Hướng dẫn: the letter is not for the council; the citizen is told where to go."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    guidance = (guidance or "").strip()
    if not guidance:
        raise ValidationError({"guidance": "Cần ghi nội dung hướng dẫn công dân."})
    letter.check_transition("guide", field="guidance")
    letter.guidance = guidance
    letter.transition("guide", field="guidance")
    _attribute(letter, by_user, "Hướng dẫn công dân")
    letter.save()
    handling_fulfil(
        source=letter,
        note=f"Đã hướng dẫn công dân ngày {timezone.localdate():%d/%m/%Y}: {guidance}"[:2000],
        by_user=by_user,
    )
    return letter


@transaction.atomic
def letter_record_result(
    *,
    letter: Letter,
    result: str,
    by_user,
    decision_document: str = "",
    decided_on: dt.date | None = None,
) -> Letter:
    """Kết quả giải quyết: the letter is resolved, and its follow-ups still open (the deadline
    and the 45-day alarm) are closed with the result as the reason, so the agency is not
    reminded of a case already settled. An answer waiting for the Standing Committee's review
    stays for it to accept.

    A complaint accepted by the body ends with its decision (``decision_document``,
    ``decided_on``): the resolution item is then done with the decision in its history, the
    follow-up carried "đến cùng" — to the decision, not only to acceptance."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    result = (result or "").strip()
    decision_document = (decision_document or "").strip()
    if not result:
        raise ValidationError({"result": "Cần ghi kết quả giải quyết."})
    letter.check_transition("record_result", field="result")
    if letter.accepted_on is not None and letter.kind == Kind.COMPLAINT:
        if not decision_document:
            raise ValidationError(
                {"decision_document": "Khiếu nại đã thụ lý: cần ghi số quyết định giải quyết."}
            )
        _check_day(
            decided_on,
            "decided_on",
            after=letter.accepted_on,
            what="ngày quyết định giải quyết",
        )
    if decision_document or decided_on:
        note = _dated(
            f"Quyết định giải quyết: {result}",
            decision_document,
            decided_on or timezone.localdate(),
        )[:2000]
        resolve = letter_main_followup(letter)
        if resolve is not None and resolve.is_open and letter.accepted_on is not None:
            followup_answer(followup=resolve, by_user=by_user, answer=note)
            followup_accept(followup=resolve, by_user=by_user, note=note)
    letter.result = result
    letter.decision_document = decision_document
    letter.decided_on = decided_on
    letter.transition("record_result", field="result")
    _attribute(letter, by_user, "Kết quả giải quyết")
    letter.save()
    followups_close_for(
        source=letter, reason=f"Đơn đã có kết quả giải quyết: {result}", by_user=by_user
    )
    return letter


def letter_main_followup(letter: Letter):
    """The competent body's current deadline item (not its 45-day alarm, not the Office's own
    handling item): the resolution after acceptance, the first item before; ``None`` before
    forwarding."""
    return (
        followups_of(letter, kinds=[LETTER_FOLLOWUP])
        .exclude(rule__code=ALARM_RULE)
        .order_by("-id")
        .first()
    )


@transaction.atomic
def letter_extend(
    *, letter: Letter, new_due_date: dt.date, reason: str, by_user, document: str = ""
):
    """Gia hạn giải quyết: through the follow-up engine, whose kind check
    (:func:`letter_extension_check`) holds a denunciation to the law's limits whichever page or
    API asks for the extension."""
    followup = letter_main_followup(letter)
    if followup is None:
        raise ValidationError(
            {"new_due_date": "Đơn chưa được chuyển: chưa có thời hạn để gia hạn."}
        )
    return followup_extend(
        followup=followup,
        new_due_date=new_due_date,
        reason=reason,
        by_user=by_user,
        document=document,
    )


def letter_extension_check(*, followup, new_due_date: dt.date, document: str) -> None:
    """A denunciation's extensions (Luật Tố cáo, Điều 30): complex cases one, especially complex
    two, each at most 30 days and by a written decision (the dated :class:`PetitionSetting`);
    an ordinary case none. Registered as the letter follow-up kind's ``check_extend``."""
    letter = followup.source
    if not isinstance(letter, Letter) or letter.kind != Kind.DENUNCIATION:
        return
    if followup.rule is not None and followup.rule.code == RULES_BY_KIND[Kind.DENUNCIATION][0]:
        raise ValidationError(
            {
                "new_due_date": (
                    "Tố cáo chưa được thụ lý: chỉ gia hạn thời hạn giải quyết, tính từ ngày thụ "
                    "lý (Điều 30 Luật Tố cáo). Ghi thụ lý trước."
                )
            }
        )
    setting = PetitionSetting.for_council(letter.council_id, letter.received_on)
    allowed = setting.max_extensions(letter.complexity)
    done = followup.extensions.count()
    if allowed == 0:
        raise ValidationError(
            {
                "new_due_date": (
                    "Tố cáo thông thường không được gia hạn: chỉ vụ việc phức tạp (1 lần) "
                    "hoặc đặc biệt phức tạp (2 lần) được gia hạn (Điều 30 Luật Tố cáo)."
                )
            }
        )
    if done >= allowed:
        raise ValidationError(
            {
                "new_due_date": (
                    f"Đã gia hạn {done} lần: vụ việc "
                    f"“{letter.get_complexity_display().lower()}” chỉ được gia hạn tối đa "
                    f"{allowed} lần (Điều 30 Luật Tố cáo 25/2018/QH14)."
                )
            }
        )
    longest = followup.due_date + dt.timedelta(days=setting.denunciation_extension_days)
    if new_due_date > longest:
        raise ValidationError(
            {
                "new_due_date": (
                    f"Mỗi lần gia hạn không quá {setting.denunciation_extension_days} ngày: "
                    f"hạn mới muộn nhất là {longest:%d/%m/%Y} (Điều 30 Luật Tố cáo)."
                )
            }
        )
    if not (document or "").strip():
        raise ValidationError(
            {"document": "Gia hạn giải quyết tố cáo phải bằng văn bản: ghi số văn bản."}
        )


@transaction.atomic
def letter_assign(*, letter: Letter, users: Iterable, by_user) -> Letter:
    """Set who handles the letter (they alone see a denouncer's identity)."""
    users = [u for u in users if u is not None]
    if not users:
        raise ValidationError({"handlers": "Cần ít nhất một người được giao xử lý."})
    letter.handlers.set(users)
    names = ", ".join(u.get_full_name() or u.username for u in users)
    _attribute(letter, by_user, f"Giao xử lý: {names}")
    letter.save(update_fields=["updated_at"])
    return letter


# -- receptions -------------------------------------------------------------------------


@transaction.atomic
def reception_record(
    *,
    reception: Reception,
    by_user,
    receivers: Iterable = (),
    letter_subject: str = "",
) -> Reception:
    """Log a reception; when a letter was handed in, enter it in the book too."""
    creating = reception.pk is None
    if creating:
        reception.created_by = by_user
    reception.full_clean(exclude=["handlers", "receivers"])
    _attribute(reception, by_user, "Tiếp công dân" if creating else "Cập nhật")
    reception.save()
    if receivers is not None:
        reception.receivers.set(list(receivers))
    if creating and by_user is not None:
        reception.handlers.add(by_user)
    if creating and letter_subject.strip():
        letter = Letter(
            council_id=reception.council_id,
            source=Letter.Source.RECEPTION,
            reception=reception,
            received_on=reception.received_on,
            kind=reception.kind,
            sender_name=reception.citizen_name,
            sender_id_number=reception.citizen_id_number,
            sender_address=reception.citizen_address,
            group_size=reception.group_size,
            subject=letter_subject.strip()[:300],
            content=reception.content,
        )
        letter_register(letter=letter, by_user=by_user, handlers=[by_user])
    if reception.outcome == Reception.Outcome.FORWARDED:
        _reception_forward_followup(reception=reception, by_user=by_user)
    return reception


def _reception_forward_followup(*, reception: Reception, by_user) -> None:
    """A reception whose outcome is to forward the letter is the Office's duty at once
    (Luật Tiếp công dân Điều 22.3: the delegate forwards through the HĐND): its letter's
    handling item, or one on the reception itself when no letter was entered, done when the
    forwarding document is recorded."""
    letters = list(reception.letters.all())
    if any(followups_of(letter, kinds=[LETTER_HANDLING]).exists() for letter in letters):
        return
    if letters:
        for letter in letters:
            if letter.state == Letter.State.RECEIVED:
                handling_open(source=letter, by_user=by_user)
        return
    if reception.forward_document.strip():
        handling_open(source=reception, by_user=by_user)
        handling_fulfil(
            source=reception,
            note=f"Đã chuyển đơn, văn bản số {reception.forward_document.strip()}.",
            by_user=by_user,
        )
    else:
        handling_open(source=reception, by_user=by_user)


@transaction.atomic
def reception_save(*, access, instance: Reception | None, values: Mapping) -> Reception:
    """The command of the reception log's page: :func:`reception_record` from typed values
    (``receivers`` when given; ``letter_subject``, a new reception's letter handed in); a
    protected reception's kind changes only by its handlers (:func:`protection_kept_check`)."""
    reception = instance if instance is not None else Reception(council_id=access.council_id)
    protection_kept_check(access=access, record=reception, values=values)
    m2m = assign(reception, _without_protection(values))
    return reception_record(
        reception=reception,
        by_user=acting_user(access),
        receivers=m2m.get("receivers"),
        letter_subject=values.get("letter_subject") or "",
    )


# -- personal data (LEGAL.md §10) -------------------------------------------------------


def retention_due(*, council_id: int | None = None, today: dt.date | None = None):
    """(receptions, letters) whose personal data is past the council's retention period."""
    today = today or timezone.localdate()
    receptions, letters = [], []
    councils = (
        [council_id]
        if council_id
        else sorted(
            set(Reception.objects.values_list("council_id", flat=True))
            | set(Letter.objects.values_list("council_id", flat=True))
        )
    )
    for cid in councils:
        setting = PetitionSetting.for_council(cid, today)
        r_limit = _years_before(today, setting.retention_years_reception)
        l_limit = _years_before(today, setting.retention_years_letter)
        receptions += list(
            Reception.objects.filter(
                council_id=cid, received_on__lt=r_limit, anonymised_at__isnull=True
            ).order_by("received_on", "id")
        )
        letters += list(
            Letter.objects.filter(
                council_id=cid, received_on__lt=l_limit, anonymised_at__isnull=True
            ).order_by("received_on", "id")
        )
    return receptions, letters


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


ANON = "(đã ẩn danh)"


@transaction.atomic
def anonymise(*, records: Iterable, by_user=None) -> int:
    """Strip the personal data of ``records``; the records (and the counts) stay."""
    now = timezone.now()
    count = 0
    for obj in records:
        if isinstance(obj, Reception):
            blank = {
                "citizen_name": ANON,
                "citizen_id_number": "",
                "citizen_address": "",
                "representatives": "",
            }
        else:
            blank = {
                "sender_name": "" if obj.anonymous else ANON,
                "sender_id_number": "",
                "sender_address": "",
                "sender_phone": "",
            }
        for name, value in blank.items():
            setattr(obj, name, value)
        obj.anonymised_at = now
        # Earlier versions in the history hold the same data: strip them too.
        obj.history.update(**blank)
        _attribute(obj, by_user, "Ẩn danh theo thời hạn lưu trữ")
        obj.save()
        count += 1
    return count


@dataclass
class ReencryptCount:
    """One model's encrypted values: how many, under which key, how many rows were rewritten."""

    model: str
    values: int = 0
    by_key: dict[int, int] = field(default_factory=dict)  # key index (0 current) -> values
    rows: int = 0  # rows rewritten (or to rewrite, in a dry run)

    @property
    def old(self) -> int:
        return sum(n for index, n in self.by_key.items() if index)


def _encrypted_models():
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields:
            yield model, fields


def encrypted_values_reencrypt(*, apply: bool, batch: int = 500) -> list[ReencryptCount]:
    """Move every stored encrypted value (records and their history) to the current key.

    Reads the raw tokens, so a value that no configured key decrypts stops the run with
    ``DecryptionError`` before anything of its model is written. With ``apply`` each row under
    an old key, or whose blind index is not the current key's, is rewritten with a queryset
    update (no history row, no new timestamps); nothing to do when run again.
    """
    counts = []
    for model, fields in _encrypted_models():
        count = ReencryptCount(model._meta.label)
        raw = {f.name: ExpressionWrapper(F(f.name), output_field=TextField()) for f in fields}
        rows = model._base_manager.annotate(**{f"raw_{k}": v for k, v in raw.items()})
        hashes = [f.hash_field for f in fields if f.hash_field]
        updates = []
        for row in rows.values("pk", *hashes, *(f"raw_{k}" for k in raw)).order_by("pk"):
            changes = {}
            for f in fields:
                token = row[f"raw_{f.name}"]
                if not token:
                    continue
                try:
                    index = key_index(token)
                except DecryptionError as exc:
                    raise DecryptionError(f"{count.model} #{row['pk']}, {f.name}: {exc}") from exc
                count.values += 1
                count.by_key[index] = count.by_key.get(index, 0) + 1
                if index:
                    changes[f.name] = Value(reencrypt(token), output_field=TextField())
                if f.hash_field:
                    digest = blind_index(decrypt(token))
                    if row[f.hash_field] != digest:
                        changes[f.hash_field] = digest
            if changes:
                updates.append((row["pk"], changes))
        count.rows = len(updates)
        if apply:
            for start in range(0, len(updates), batch):
                with transaction.atomic():
                    for pk, changes in updates[start : start + batch]:
                        model._base_manager.filter(pk=pk).update(**changes)
        counts.append(count)
    return counts

"""Writes of voter contact and voters' petitions; pages, API and commands call these.

Each is atomic: a merge, a forwarding or an answer is saved whole or not at all.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hdnd_portal.followups.services import followup_answer, followup_create
from voters.models import SynthesizedPetition, VoterMeeting, VoterPetition
from voters.policies import OWN_GROUP, OWN_MEETING, holds_own_group, may_add_petition

FOLLOWUP_KIND = "voter_petition"
RULE_CODE = "voter_petition.answer"
CROSS_COUNCIL = "Không thể gộp kiến nghị của hai HĐND khác nhau."
UPWARD_ONLY = (
    "Kiến nghị vượt thẩm quyền cấp xã: chuyển đến cơ quan cấp trên (HĐND, UBND thành phố "
    "hoặc sở, ngành thành phố)."
)


def _existing(model, council_id, client_uuid):
    if not client_uuid:
        return None
    return model.objects.filter(council_id=council_id, client_uuid=client_uuid).first()


def _new(model, *, access, values):
    """A new record of the user's council, recorded by them, with the form's client uuid."""
    return model(
        council_id=access.council_id,
        client_uuid=values.get("client_uuid"),
        created_by_id=access.user_id,
    )


def _save_once(obj, values):
    """Assign, validate and save ``obj`` with its many-to-many values. A new record carrying a
    client uuid is saved once: the same form sent again (an offline resend after a lost
    answer, or two sends crossing) returns the first."""
    from hdnd_portal.core.commands import assign, validate_record

    if obj.pk is None:
        existing = _existing(type(obj), obj.council_id, obj.client_uuid)
        if existing is not None:
            return existing
    m2m = assign(obj, values)
    validate_record(obj, exclude={"client_uuid"})
    try:
        with transaction.atomic():
            obj.save()
            for name, value in m2m.items():
                getattr(obj, name).set(value)
    except IntegrityError:
        # The same form arrived twice at once: the other request saved it.
        existing = _existing(type(obj), obj.council_id, obj.client_uuid)
        if existing is None:
            raise
        return existing
    return obj


@transaction.atomic
def meeting_save(*, access, instance, values) -> VoterMeeting:
    """A voter meeting and the delegates present. A delegate records the meetings of their
    own delegate group only; a new meeting sent twice with one ``client_uuid`` is saved
    once."""
    holder = values["holder"] if "holder" in values else getattr(instance, "holder", None)
    if not holds_own_group(access, holder):
        raise ValidationError({"holder": OWN_GROUP})
    if any(d.council_id != access.council_id for d in values.get("delegates") or []):
        raise ValidationError({"delegates": "Đại biểu tham dự thuộc HĐND khác."})
    obj = instance if instance is not None else _new(VoterMeeting, access=access, values=values)
    return _save_once(obj, values)


@transaction.atomic
def petition_save(*, access, instance, values) -> VoterPetition:
    """A petition raised at a meeting the user may add to (a delegate: a meeting they
    recorded); a new one sent twice with one ``client_uuid`` is saved once."""
    meeting = values.get("meeting")
    if meeting is not None and (instance is None or meeting.pk != instance.meeting_id):
        if not may_add_petition(access, meeting):
            raise ValidationError({"meeting": OWN_MEETING})
    obj = instance if instance is not None else _new(VoterPetition, access=access, values=values)
    return _save_once(obj, values)


@transaction.atomic
def petitions_merge(
    *,
    council,
    petitions: Iterable[VoterPetition],
    content: str,
    field,
    by_user,
    place: str = "",
    session=None,
    repeat_of=None,
) -> SynthesizedPetition:
    """Merge raw petitions into one synthesised petition that keeps every one of them.

    Refused (nothing saved) when a petition belongs to another council or is already merged.
    """
    ids = [p.pk for p in petitions]
    if not ids:
        raise ValidationError({"petitions": "Chọn ít nhất một kiến nghị để tổng hợp."})
    locked = list(VoterPetition.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if len(locked) != len(set(ids)):
        raise ValidationError({"petitions": "Có kiến nghị không còn tồn tại."})
    councils = {p.council_id for p in locked}
    for related in (field, session, repeat_of):
        if related is not None:
            councils.add(related.council_id)
    if councils != {council.pk}:
        raise ValidationError({"petitions": CROSS_COUNCIL})
    merged = [p for p in locked if p.synthesized_id]
    if merged:
        raise ValidationError(
            {"petitions": f"Kiến nghị đã được tổng hợp trước đó: {'; '.join(map(str, merged))}."}
        )
    synth = SynthesizedPetition(
        council=council,
        content=content.strip(),
        field=field,
        place=place,
        session=session,
        repeat_of=repeat_of,
        created_by=by_user,
    )
    synth.full_clean()
    synth._history_user = by_user
    synth.save()
    for petition in locked:
        petition.synthesized = synth
        petition._history_user = by_user
        petition.save(update_fields=["synthesized", "updated_at"])
    return synth


@transaction.atomic
def synth_assign(
    *,
    synth: SynthesizedPetition,
    agency,
    by_user,
    started_on: dt.date | None = None,
    reference: str = "",
) -> SynthesizedPetition:
    """Forward to the answering body: a follow-up with the council's voter-petition rule.

    A body of the upper level (``Agency.Kind.UPPER``: HĐND, UBND thành phố, a city department)
    receives the petitions the commune cannot settle: forwarding there marks the petition
    "vượt thẩm quyền cấp xã" and its follow-up waits for the city body's answer; a petition
    marked so goes only there."""
    from councils.models import Agency

    synth = SynthesizedPetition.objects.select_for_update().get(pk=synth.pk)
    if agency.council_id != synth.council_id:
        raise ValidationError({"agency": "Cơ quan thuộc HĐND khác."})
    if agency.kind == Agency.Kind.UPPER:
        synth.competence = SynthesizedPetition.Competence.CITY
    elif synth.competence == SynthesizedPetition.Competence.CITY:
        raise ValidationError({"agency": UPWARD_ONLY})
    if synth.followup_id:
        synth.check_transition("assign", field="agency")
    started_on = started_on or timezone.localdate()
    followup = followup_create(
        council=synth.council,
        kind=FOLLOWUP_KIND,
        rule_code=RULE_CODE,
        title=f"Trả lời kiến nghị cử tri: {synth}"[:255],
        description=synth.content,
        agency=agency,
        started_on=started_on,
        source=synth,
        created_by=by_user,
    )
    synth.agency = agency
    synth.followup = followup
    synth.forwarded_on = started_on
    synth.forward_reference = (reference or "").strip() or synth.forward_reference
    synth.state = SynthesizedPetition.target("assign")
    synth._history_user = by_user
    synth.save()
    return synth


@transaction.atomic
def synth_answer(
    *,
    synth: SynthesizedPetition,
    by_user,
    answer: str,
    state: str,
    reason: str = "",
    voter_acceptance: str = SynthesizedPetition.VoterAcceptance.UNKNOWN,
    files: Iterable = (),
    on_behalf: bool = False,
    answered_on: dt.date | None = None,
) -> SynthesizedPetition:
    """Record the answering body's answer (typed by staff on its behalf, or by the agency).

    The answer also goes into the follow-up (with the files) while it waits for an answer, so
    the inbox and the petition tell the same story.
    """
    synth = SynthesizedPetition.objects.select_for_update().get(pk=synth.pk)
    synth.check_transition("answer", field="answer")
    if state not in SynthesizedPetition.ANSWERED_STATES:
        raise ValidationError({"state": "Tình trạng trả lời không hợp lệ."})
    files = list(files)
    if synth.followup_id:
        followup = synth.followup
        if followup.allows("answer"):
            followup_answer(
                followup=followup, by_user=by_user, answer=answer, files=files, on_behalf=on_behalf
            )
    synth.answer = answer.strip()
    synth.transition("answer", target=state, field="answer")
    synth.reason = (reason or "").strip()
    synth.voter_acceptance = voter_acceptance
    synth.answered_on = answered_on or synth.answered_on or timezone.localdate()
    synth.full_clean()
    synth._history_user = by_user
    synth.save()
    return synth


def mirror_followup_answer(*, followup, by_user) -> None:
    """An answer given in the follow-up inbox (page, API) reaches its petition.

    The ``on_answered`` hook of the kind ``voter_petition`` (registered in
    ``VotersConfig.ready()``), run inside ``followup_answer``'s transaction. Only the first
    answer moves the petition from "forwarded" to "answered": a state staff set since (in
    progress, resolved, not accepted) is kept, and :func:`synth_answer`, which answers the
    follow-up itself, saves its own state after this.
    """
    waiting = SynthesizedPetition.objects.select_for_update().filter(
        followup_id=followup.pk, state=SynthesizedPetition.State.FORWARDED
    )
    for synth in waiting:
        synth.answer = followup.answer
        synth.transition("mirror_answer")
        synth.answered_on = timezone.localdate()
        if by_user is not None:
            synth._history_user = by_user
        synth._change_reason = "Trả lời qua việc cần đôn đốc"
        synth.save()


@transaction.atomic
def synth_mark_repeat(*, synth: SynthesizedPetition, repeat_of, by_user) -> SynthesizedPetition:
    synth = SynthesizedPetition.objects.select_for_update().get(pk=synth.pk)
    synth.repeat_of = repeat_of
    synth.full_clean()
    synth._history_user = by_user
    synth.save()
    return synth

"""Writes of the meetings app: each a function, atomic, with a clear Vietnamese refusal.

Pages, the API and the demo loader call these; nothing here is half-saved.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from councils.models import Delegate, Term
from councils.reports import standing_chair
from hdnd_portal.core.commands import acting_user, save_with_values
from hdnd_portal.core.uploads import validate_upload
from hdnd_portal.documents.models import DocumentType
from hdnd_portal.documents.services import counter_next, document_number_issue
from hdnd_portal.followups.rules import ThresholdNotFound, threshold_in_force
from hdnd_portal.followups.selectors import OPEN_STATES, followups_of
from hdnd_portal.followups.services import (
    followup_bring_forward,
    followup_create,
    followup_extend,
    followups_close_for,
)
from meetings import selectors
from meetings.models import (
    Attendance,
    Commitment,
    DocumentVersion,
    Publication,
    Question,
    Resolution,
    Session,
    SessionDocument,
    Vote,
)
from meetings.reports import RESOLUTION_KIND

SESSION_NOTICE = "session_notice"
SESSION_COMMITMENT = "session_commitment"
RESOLUTION_TASK = "resolution_task"
QUESTIONING_RULE = "session.questioning_followup_report"
# Regular sessions are held at least twice a year (LEGAL.md §5): when the next regular
# session is not scheduled yet, its date is estimated this many days after the session.
NEXT_REGULAR_ESTIMATE_DAYS = 182


def _locked_session(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


# -- sessions ------------------------------------------------------------------------------
def session_notice_open(*, session: Session, created_by, today: dt.date | None = None):
    """The follow-up "Gửi giấy mời và tài liệu kỳ họp", due by the notice rule counted back
    from the opening day (session.notice_regular / session.notice_extra)."""
    today = today or timezone.localdate()
    deadline = selectors.notice_deadline(session)
    if deadline is None:
        return None
    return followup_create(
        council=session.council,
        kind=SESSION_NOTICE,
        title=f"Gửi giấy mời và tài liệu {session.name}",
        started_on=min(today, deadline),
        created_by=created_by,
        assignee=created_by,
        rule_code=selectors.notice_rule_code(session),
        event_on=session.start_date,
        source=session,
    )


@transaction.atomic
def session_save(*, access, instance, values, created_by=None, today=None) -> Session:
    """Save a session (page, API, import alike): a new one opens its notice follow-up; a moved
    opening day moves its open notice follow-up with it. A session that has opened keeps an
    opening day that has come: it is not moved after today."""
    is_new = instance is None
    before = None if is_new else instance.start_date
    before_term = None if is_new else instance.term_id
    if not is_new and instance.state in Session.HELD_STATES:
        start = values.get("start_date", instance.start_date)
        now = today or timezone.localdate()
        if start is not None and start > now:
            raise ValidationError(
                {
                    "start_date": f"Kỳ họp đã khai mạc: ngày khai mạc không được sau hôm nay "
                    f"({now:%d/%m/%Y})."
                }
            )
    session = save_with_values(instance or Session(), values, access=access)
    user = created_by or acting_user(access)
    if is_new:
        session_notice_open(session=session, created_by=user, today=today)
    elif before != session.start_date:
        _notice_follow_move(session=session, by_user=user)
    if session.state in Session.HELD_STATES:
        # A corrected opening day or number of the first session moves the mandates' start.
        for term_id in {session.term_id, before_term} - {None}:
            _term_first_session_sync(term_id, reason=f"Sửa {session.name}.")
    return session


def _term_first_session_sync(term_id: int, *, reason: str) -> None:
    """``Term.first_session_on``: the opening day of the term's Kỳ họp thứ nhất once it has
    opened (the delegates' mandates begin then: LEGAL.md §5), else empty."""
    first = (
        Session.objects.held()
        .filter(term_id=term_id, number=1)
        .values_list("start_date", flat=True)
        .first()
    )
    term = Term.objects.select_for_update().get(pk=term_id)
    if term.first_session_on != first:
        term.first_session_on = first
        term._change_reason = reason
        term.save(update_fields=["first_session_on", "updated_at"])


def _notice_follow_move(*, session: Session, by_user) -> None:
    """The session moved: its open notice item follows the new deadline. Later, by an
    extension (the earlier date kept in it); earlier, brought forward (the later date kept in
    the item's history) — the invitations are then due sooner."""
    deadline = selectors.notice_deadline(session)
    if deadline is None:
        return
    items = followups_of(session, kinds=SESSION_NOTICE, open_only=True).exclude(due_date=deadline)
    reason = f"Kỳ họp dời ngày khai mạc sang {session.start_date:%d/%m/%Y}."
    for item in items:
        move = followup_extend if item.due_date < deadline else followup_bring_forward
        move(followup=item, new_due_date=deadline, reason=reason, by_user=by_user)


@transaction.atomic
def session_prepare(*, session: Session) -> Session:
    session = _locked_session(session)
    session.transition("prepare")
    session.save(update_fields=["state", "updated_at"])
    return session


def _quorum(session: Session, at) -> selectors.Quorum:
    try:
        return selectors.session_quorum(session, at)
    except ThresholdNotFound as exc:
        raise ValidationError(exc.message) from exc


@transaction.atomic
def session_open(*, session: Session, at: dt.datetime | None = None) -> Session:
    """Open the session (khai mạc): not before its opening day, and only with the quorum of the
    rule in force. Opening the term's Kỳ họp thứ nhất starts its delegates' mandates."""
    session = _locked_session(session)
    session.check_transition("open")
    at = at or timezone.now()
    if timezone.localdate(at) < session.start_date:
        raise ValidationError(
            f"Chưa đến ngày khai mạc ({session.start_date:%d/%m/%Y}): không khai mạc kỳ họp "
            "trước ngày này. Nếu kỳ họp đổi ngày, hãy sửa ngày khai mạc trước."
        )
    quorum = _quorum(session, selectors.sitting_moment(session, at))
    if not quorum.met:
        raise ValidationError(quorum.message)
    session.transition("open")
    session.save(update_fields=["state", "updated_at"])
    if session.number == 1:
        _term_first_session_sync(
            session.term_id,
            reason=f"{session.name} khai mạc ngày {session.start_date:%d/%m/%Y}.",
        )
    return session


@transaction.atomic
def session_adjourn(*, session: Session) -> Session:
    """The chair records the adjournment (tạm dừng) of a session that lost its quorum: no vote
    is taken, nor closed, until it resumes."""
    session = _locked_session(session)
    session.transition("adjourn")
    session.save(update_fields=["state", "updated_at"])
    return session


@transaction.atomic
def session_resume(*, session: Session, at: dt.datetime | None = None) -> Session:
    """Họp lại: only with the quorum again (delegates in office at that moment)."""
    session = _locked_session(session)
    session.check_transition("resume")
    quorum = _quorum(session, selectors.sitting_moment(session, at))
    if not quorum.met:
        raise ValidationError(quorum.message)
    session.transition("resume")
    session.save(update_fields=["state", "updated_at"])
    return session


@transaction.atomic
def session_close(*, session: Session, on: dt.date | None = None, by_user=None) -> Session:
    """Bế mạc, not before the opening day. The closing day becomes the session's last day when
    it is earlier than the planned one (or none was planned). What was still to be prepared
    for it is moot: the session's own items (the notice) and its preparation tasks' items
    still open are closed, the closing in their history, so no reminder about a finished
    session goes out. Commitments made at questioning and resolutions' tasks live on after
    the session and stay open."""
    session = _locked_session(session)
    session.check_transition("close")
    on = on or timezone.localdate()
    if on < session.start_date:
        raise ValidationError(
            f"Không bế mạc kỳ họp trước ngày khai mạc ({session.start_date:%d/%m/%Y})."
        )
    session.transition("close")
    if session.end_date is None or session.end_date > on:
        session.end_date = on
    session.save(update_fields=["state", "end_date", "updated_at"])
    reason = f"{session.name} đã bế mạc ngày {on:%d/%m/%Y}."
    followups_close_for(source=session, reason=reason, by_user=by_user)
    tasks = session.preparation_tasks.filter(followup__state__in=OPEN_STATES).order_by("id")
    for task in tasks:
        followups_close_for(source=task, reason=reason, by_user=by_user)
    return session


NOTE_MAX = 255


@transaction.atomic
def attendance_record(*, session: Session, statuses: dict[int, str], notes=None) -> int:
    """Record the attendance sheet: ``{delegate_id: status}`` for delegates in office on the
    opening day. Returns how many rows changed."""
    session = _locked_session(session)
    if session.state == Session.State.CLOSED:
        raise ValidationError("Kỳ họp đã bế mạc: không sửa điểm danh.")
    notes = notes or {}
    allowed = set(selectors.delegates_in_office(session).values_list("pk", flat=True))
    unknown = set(statuses) - allowed
    if unknown:
        raise ValidationError("Có đại biểu không đương nhiệm vào ngày khai mạc kỳ họp.")
    valid = set(Attendance.Status.values)
    existing = {a.delegate_id: a for a in Attendance.objects.filter(session=session)}
    changed = 0
    for delegate_id, status in statuses.items():
        if status not in valid:
            raise ValidationError("Tình trạng điểm danh không hợp lệ.")
        note = notes.get(delegate_id, "")
        if len(note) > NOTE_MAX:
            raise ValidationError(
                f"Ghi chú điểm danh dài {len(note)} ký tự, quá giới hạn {NOTE_MAX} ký tự."
            )
        row = existing.get(delegate_id)
        if row is None:
            Attendance.objects.create(
                council_id=session.council_id,
                session=session,
                delegate_id=delegate_id,
                status=status,
                note=note,
            )
            changed += 1
        elif row.status != status or row.note != note:
            row.status, row.note = status, note
            row.save()
            changed += 1
    return changed


# -- documents -------------------------------------------------------------------------------
def version_series(document: SessionDocument) -> str:
    """A session document's versions are one counter series, never restarting."""
    return f"meetings.sessiondocument:{document.pk}"


@transaction.atomic
def document_version_add(*, document: SessionDocument, file, uploaded_by) -> DocumentVersion:
    """A new file for ``document``: checked by content and size; the old versions stay."""
    validate_upload(file)
    document = SessionDocument.objects.select_for_update().get(pk=document.pk)
    version = DocumentVersion(
        document=document,
        number=counter_next(
            council_id=document.council_id,
            series=version_series(document),
            start=lambda: document.versions.aggregate(n=Max("number"))["n"],
        ),
        name=getattr(file, "name", "tep")[:255],
        uploaded_by=uploaded_by,
    )
    version.file.save(version.name, file, save=False)
    version.save()
    return version


@transaction.atomic
def document_save(*, access, instance, values) -> SessionDocument:
    """Save a session document; a file given (``values["file"]``) becomes its next version."""
    document = save_with_values(instance or SessionDocument(), values, access=access)
    upload = values.get("file")
    if upload:
        document_version_add(document=document, file=upload, uploaded_by=acting_user(access))
    return document


# -- questions --------------------------------------------------------------------------------
def commitment_event(question: Question) -> tuple[dt.date, bool]:
    """The day the commitment's report counts back from: the next regular session's opening
    if it is scheduled, else an estimate (``NEXT_REGULAR_ESTIMATE_DAYS`` after the session).
    Returns (day, estimated)."""
    session = question.session
    nxt = (
        Session.objects.filter(
            council_id=session.council_id,
            kind=Session.Kind.REGULAR,
            start_date__gt=session.start_date,
        )
        .order_by("start_date")
        .first()
    )
    if nxt is not None:
        return nxt.start_date, False
    return session.start_date + dt.timedelta(days=NEXT_REGULAR_ESTIMATE_DAYS), True


@transaction.atomic
def commitment_add(*, question: Question, content: str, agency, created_by) -> Commitment:
    """A commitment made at questioning, and its follow-up "report before the next session"
    (rule session.questioning_followup_report, counted back from the next regular session)."""
    content = (content or "").strip()
    if not content:
        raise ValidationError({"content": "Hãy nhập nội dung cam kết."})
    if agency is not None and agency.council_id != question.council_id:
        raise ValidationError({"agency": "Cơ quan không thuộc HĐND này."})
    commitment = Commitment.objects.create(
        council_id=question.council_id, question=question, content=content, agency=agency
    )
    event, estimated = commitment_event(question)
    started = question.session.start_date
    from hdnd_portal.followups.rules import apply_rule, rule_in_force

    rule = rule_in_force(QUESTIONING_RULE, started, council=question.council)
    due = apply_rule(rule, event, council=question.council)
    note = (
        "Ngày kỳ họp thường lệ kế tiếp chưa có lịch: tạm tính sau 6 tháng."
        if estimated
        else f"Kỳ họp thường lệ kế tiếp khai mạc ngày {event:%d/%m/%Y}."
    )
    followup_create(
        council=question.council,
        kind=SESSION_COMMITMENT,
        title=f"Báo cáo thực hiện cam kết sau chất vấn: {content[:200]}",
        description=f"{question.question}\n\nCam kết: {content}\n{note}",
        started_on=min(started, due),
        created_by=created_by,
        agency=agency,
        assignee=None if agency is not None else created_by,
        rule_code=QUESTIONING_RULE,
        event_on=event,
        due_date=due,
        source=commitment,
    )
    return commitment


# -- resolutions ------------------------------------------------------------------------------
def vote_day(session: Session, today: dt.date | None = None) -> dt.date:
    """The session's day a vote recorded ``today`` belongs to (``selectors.sitting_day``)."""
    return selectors.sitting_day(session, today or timezone.localdate())


def _check_votable(resolution: Resolution, session: Session) -> None:
    if session.state == Session.State.CLOSED:
        raise ValidationError("Kỳ họp đã bế mạc: không ghi nhận biểu quyết nữa.")
    if session.state == Session.State.ADJOURNED:
        raise ValidationError(
            "Kỳ họp đang tạm dừng: không biểu quyết cho đến khi họp lại với đủ túc số."
        )
    if session.state != Session.State.IN_SESSION:
        raise ValidationError("Chỉ biểu quyết khi kỳ họp đang họp (đã khai mạc).")
    if resolution.vote_closed:
        raise ValidationError("Biểu quyết nghị quyết này đã kết thúc: không sửa phiếu được nữa.")


def _locked_resolution(resolution: Resolution) -> Resolution:
    return Resolution.objects.select_for_update().select_related("session").get(pk=resolution.pk)


def _names(session: Session, ids) -> list[Delegate]:
    return list(
        Delegate.objects.filter(council_id=session.council_id, pk__in=ids).order_by(
            "sort_name", "id"
        )
    )


def _check_voters(session: Session, ids: set[int], moment) -> None:
    """Only delegates in office at the moment of the vote and present at the session vote."""
    entitled = set(selectors.delegates_in_office(session, moment).values_list("pk", flat=True))
    outside = ids - entitled
    if outside:
        names = _names(session, outside)
        listed = f": {', '.join(d.full_name for d in names)}" if len(names) == len(outside) else ""
        raise ValidationError(
            f"Không ghi phiếu cho người không phải đại biểu đương nhiệm lúc biểu quyết{listed}."
        )
    present = set(
        selectors.present_delegates(session, moment).values_list("delegate_id", flat=True)
    )
    absent = ids - present
    if absent:
        statuses = dict(
            Attendance.objects.filter(session=session, delegate_id__in=absent).values_list(
                "delegate_id", "status"
            )
        )
        labels = dict(Attendance.Status.choices)
        who = ", ".join(
            f"{d.full_name} ({str(labels[statuses[d.pk]]).lower() if d.pk in statuses else 'chưa điểm danh'})"
            for d in _names(session, absent)
        )
        raise ValidationError(
            f"Đại biểu vắng mặt không biểu quyết: {who}. Chỉ ghi phiếu của đại biểu có mặt tại "
            "kỳ họp; nếu đại biểu đã đến, hãy sửa điểm danh trước."
        )


@transaction.atomic
def votes_record(*, resolution: Resolution, choices: dict[int, tuple[str, bool]], at=None) -> int:
    """Record per-delegate votes ``{delegate_id: (choice, recused)}``: only of delegates in
    office at that moment and present at the session."""
    resolution = _locked_resolution(resolution)
    session = resolution.session
    _check_votable(resolution, session)
    _check_voters(session, set(choices), selectors.sitting_moment(session, at))
    valid = set(Vote.Choice.values)
    existing = {v.delegate_id: v for v in resolution.votes.all()}
    changed = 0
    for delegate_id, (choice, recused) in choices.items():
        if choice not in valid:
            raise ValidationError("Lựa chọn biểu quyết không hợp lệ.")
        vote = existing.get(delegate_id)
        if vote is None:
            Vote.objects.create(
                resolution=resolution, delegate_id=delegate_id, choice=choice, recused=recused
            )
            changed += 1
        elif (vote.choice, vote.recused) != (choice, recused):
            vote.choice, vote.recused = choice, recused
            vote.save()
            changed += 1
    return changed


def votes_all_present_for(*, resolution: Resolution, at=None) -> int:
    """ "Tất cả đại biểu có mặt tán thành": a FOR vote for every present delegate who has none."""
    session = resolution.session
    moment = selectors.sitting_moment(session, at)
    present = selectors.present_delegates(session, moment).exclude(
        delegate__resolution_votes__resolution=resolution
    )
    choices = {a.delegate_id: (Vote.Choice.FOR, False) for a in present}
    return votes_record(resolution=resolution, choices=choices, at=at)


@transaction.atomic
def vote_close(*, resolution: Resolution, at: dt.datetime | None = None) -> Resolution:
    """Close the vote once, at ``at`` (now): refused while the session lacks the quorum; the
    entitled (in office at that moment), present and voting lists are frozen, only the votes
    of delegates present and in office are counted, and the result is computed against ALL
    delegates in office at that moment (rule resolution.pass) — a mandate ended earlier that
    day no longer counts."""
    resolution = _locked_resolution(resolution)
    session = resolution.session
    _check_votable(resolution, session)
    # The Front's social criticism comes before the vote on a draft that needs it
    # (meetings/discussion; README "Group discussion and social criticism").
    from meetings.discussion.selectors import criticism_check

    criticism = criticism_check(resolution)
    if criticism.missing:
        raise ValidationError(criticism.missing_message)
    at = at or timezone.now()
    moment = selectors.sitting_moment(session, at)
    day = timezone.localdate(moment) if isinstance(moment, dt.datetime) else moment
    try:
        rule = threshold_in_force(selectors.PASS, day, council=session.council)
    except ThresholdNotFound as exc:
        raise ValidationError(exc.message) from exc
    quorum = _quorum(session, moment)
    if not quorum.met:
        raise ValidationError(
            f"Không kết thúc được biểu quyết: chưa đủ túc số (có mặt {quorum.present}/"
            f"{quorum.total}, cần ít nhất {quorum.minimum} — {quorum.share} tổng số đại biểu). "
            "Hãy điểm danh lại khi đủ túc số, hoặc ghi nhận tạm dừng kỳ họp."
        )
    entitled = sorted(selectors.delegates_in_office(session, moment).values_list("pk", flat=True))
    present = sorted(
        selectors.present_delegates(session, moment).values_list("delegate_id", flat=True)
    )
    votes = list(resolution.votes.all())
    among = set(present)
    taken = [v for v in votes if v.delegate_id in among]
    counted = [v for v in taken if not v.recused and v.choice != Vote.Choice.NOT_VOTING]
    tally = {
        "for": sum(1 for v in counted if v.choice == Vote.Choice.FOR),
        "against": sum(1 for v in counted if v.choice == Vote.Choice.AGAINST),
        "abstain": sum(1 for v in counted if v.choice == Vote.Choice.ABSTAIN),
        "recused": sum(1 for v in taken if v.recused),
    }
    tally["not_voting"] = len(entitled) - len(counted)
    resolution.vote_snapshot = {
        "entitled": entitled,
        "present": present,
        "voting": sorted(v.delegate_id for v in counted),
        # Votes left out: their delegate was marked absent, or left office, before the close.
        "discarded": sorted(v.delegate_id for v in votes if v.delegate_id not in among),
        **tally,
        "minimum": rule.minimum(len(entitled)),
        "rule": rule.share_label,
        "citation": rule.citation,
    }
    resolution.passed = rule.met(tally["for"], len(entitled))
    resolution.vote_closed_at = at
    resolution.voted_on = day
    resolution.save()
    return resolution


@transaction.atomic
def resolution_issue(
    *, resolution: Resolution, issued_by, on: dt.date | None = None, signer: str | None = None
):
    """Give a passed resolution its number from the register ("05/NQ-HĐND"; a normative one
    "05/2026/NQ-HĐND"). Refused a second time; the register's counter is locked."""
    # Lock the resolution's own row. Its document is read after the lock, never joined: a
    # waiting clerk must see the number the first one just gave.
    resolution = (
        Resolution.objects.select_for_update(of=("self",))
        .select_related("session__term", "council")
        .get(pk=resolution.pk)
    )
    if resolution.document_id:
        raise ValidationError(
            f"Nghị quyết này đã được cấp số {resolution.document.symbol} ngày "
            f"{resolution.document.issued_on:%d/%m/%Y}: không cấp số lần thứ hai."
        )
    if not resolution.passed:
        raise ValidationError("Chỉ cấp số cho nghị quyết đã được biểu quyết thông qua.")
    on = on or timezone.localdate()
    if resolution.voted_on and on < resolution.voted_on:
        raise ValidationError(
            f"Ngày cấp số ({on:%d/%m/%Y}) không được trước ngày biểu quyết thông qua "
            f"({resolution.voted_on:%d/%m/%Y})."
        )
    if signer is None:
        chair = standing_chair(term=resolution.session.term, on=on)
        signer = chair.full_name if chair else ""
    document = document_number_issue(
        council=resolution.council,
        type_code=DocumentType.NQ,
        issued_on=on,
        title=resolution.title,
        is_normative=resolution.kind == Resolution.Kind.NORMATIVE,
        signer=signer,
        created_by_id=getattr(issued_by, "pk", None),
        source=resolution,
        kind_code=RESOLUTION_KIND,
    )
    resolution.document = document
    resolution.save(update_fields=["document", "updated_at"])
    return resolution


@transaction.atomic
def publication_add(*, resolution: Resolution, channel: str, place: str, published_on):
    if not resolution.document_id:
        raise ValidationError("Chỉ công bố nghị quyết đã được cấp số.")
    publication = Publication(
        council_id=resolution.council_id,
        resolution=resolution,
        channel=channel,
        place=place,
        published_on=published_on,
    )
    publication.full_clean()
    publication.save()
    return publication


@transaction.atomic
def implementation_task_add(*, resolution: Resolution, title, agency, due_date, created_by):
    """ "Thêm nhiệm vụ triển khai": a follow-up item to an agency, due on the given date."""
    if not resolution.passed:
        raise ValidationError("Chỉ giao nhiệm vụ triển khai nghị quyết đã được thông qua.")
    today = timezone.localdate()
    return followup_create(
        council=resolution.council,
        kind=RESOLUTION_TASK,
        title=title,
        started_on=min(today, due_date),
        created_by=created_by,
        agency=agency,
        due_date=due_date,
        source=resolution,
        reference=resolution.document.symbol if resolution.document_id else "",
    )

"""Pages of sessions and what happens at them.

The records' list/detail/create/edit/history pages are kernel ``Resource``s; the actions
(state changes, attendance sheet, votes, issuing, publications, tasks, files) are small
POST views over ``meetings/services.py``, each behind the permission gate.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hdnd_portal.core.actions import Confirm, command_button
from hdnd_portal.core.permissions import can, get_object_for_user, require
from hdnd_portal.core.resources import Resource
from hdnd_portal.followups.selectors import followups_for_source
from meetings import filters, forms, selectors, services
from meetings.discussion.context import (
    criticism_details,
    resolution_criticism_context,
    session_discussion_context,
)
from meetings.models import (
    AgendaItem,
    Attendance,
    Examination,
    Question,
    Resolution,
    Session,
    SessionDocument,
)
from meetings.policies import (
    AGENDA_ITEM,
    QUESTION,
    RESOLUTION,
    SESSION,
    SESSION_DOCUMENT,
)
from meetings.preparation.context import session_preparation_context


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# -- detail contexts ---------------------------------------------------------------------------
def _session_context(request, session):
    access = request.access
    ctx = selectors.session_detail(access, session)
    ctx.update(
        {
            "followups": followups_for_source(access, session),
            "can_transition": can(access, SESSION, "transition", session),
            "can_attendance": can(access, SESSION, "attendance", session),
            "can_add_items": can(access, AGENDA_ITEM, "add"),
            "can_add_resolution": can(access, RESOLUTION, "add"),
            "may_see_documents": can(access, SESSION_DOCUMENT, "view"),
            "session": session,
            "today": timezone.localdate(),
        }
    )
    ctx.update(session_preparation_context(request, session) or {})
    ctx.update(session_discussion_context(request, session))
    ctx["session_documents"] = session_documents(session)
    return ctx


SESSION_KINDS = (
    "meetings.session_programme",
    "meetings.session_report",
    "voters.synthesis",
    "voters.answers",
)


def session_documents(session) -> list[tuple]:
    """Every printed document of a session, as (record, kind code): its programme and report,
    the voters' synthesis and answers, the Bans' examination reports, the resolutions, the
    counting minutes and confidence resolutions of the votes held at it."""
    from django.apps import apps

    pairs = [(session, code) for code in SESSION_KINDS]
    examinations = Examination.objects.filter(document__session=session).select_related(
        "council", "committee", "document__session__term"
    )
    pairs += [
        (e, "meetings.examination_report") for e in examinations.order_by("examined_on", "id")
    ]
    resolutions = Resolution.objects.filter(session=session).select_related(
        "council", "session__term", "draft", "document"
    )
    pairs += [(r, "meetings.resolution") for r in resolutions.order_by("id")]
    try:
        vote_model = apps.get_model("supervision", "ConfidenceVote")
    except LookupError:  # pragma: no cover - the supervision app is installed with meetings
        vote_model = None
    if vote_model is not None:
        votes = vote_model.objects.filter(session=session).select_related(
            "council", "term", "session"
        )
        for vote in votes.order_by("vote_date", "id"):
            pairs += [
                (vote, "supervision.confidence_minutes"),
                (vote, "supervision.confidence_resolution"),
            ]
    return pairs


def _document_context(request, document):
    deadline = selectors.notice_deadline(document.session)
    return {
        "versions": list(document.versions.select_related("uploaded_by").order_by("-number")),
        "notice_deadline": deadline,
        "is_late": selectors.document_is_late(document, deadline),
        "examinations": list(document.examinations.select_related("committee")),
        "can_upload": can(request.access, SESSION_DOCUMENT, "change", document),
        "upload_form": forms.SessionDocumentForm(access=request.access, instance=document),
    }


def _question_context(request, question):
    return {
        "commitments": list(question.commitments.select_related("agency")),
        "commitment_form": forms.CommitmentForm(access=request.access),
        "can_commit": can(request.access, QUESTION, "change", question),
        "followups": followups_for_source(request.access, question),
    }


def _resolution_context(request, resolution):
    access = request.access
    return {
        "tally": selectors.resolution_tally(resolution),
        "quorum_lost": None
        if resolution.vote_closed
        else selectors.quorum_lost(resolution.session),
        "publications": list(resolution.publications.order_by("published_on", "id")),
        "goals": list(resolution.goals.all()),
        "can_vote": can(access, RESOLUTION, "vote", resolution),
        "can_issue": can(access, RESOLUTION, "issue", resolution),
        "can_implement": can(access, RESOLUTION, "implement", resolution),
        "can_print": can(access, RESOLUTION, "export", resolution),
        "publication_form": forms.PublicationForm(access=access),
        "task_form": forms.ImplementationTaskForm(access=access),
        "followups": followups_for_source(access, resolution),
        **resolution_criticism_context(request, resolution),
    }


session = Resource(
    Session,
    filters.SessionFilter,
    forms.SessionForm,
    selector=selectors.session_list,
    command=services.session_save,
    columns=[
        ("Kỳ họp", "name"),
        ("Nội dung chính", "title"),
        ("Khai mạc", "start_date"),
        ("Bế mạc", "end_date"),
        ("Địa điểm", "place"),
        ("Trạng thái", "state"),
        ("Nhiệm kỳ", "term__name"),
    ],
    detail_fields=[
        ("Kỳ họp", "name"),
        ("Loại kỳ họp", "kind"),
        ("Nội dung chính", "title"),
        ("Ngày khai mạc", "start_date"),
        ("Giờ khai mạc", "start_time"),
        ("Ngày bế mạc", "end_date"),
        ("Địa điểm", "place"),
        ("Trạng thái", "state"),
        ("Nhiệm kỳ", "term__name"),
        ("Ghi chú", "note"),
    ],
    detail_template="meetings/session_detail.html",
    extra_detail_context=_session_context,
)
agendaitem = Resource(
    AgendaItem,
    filters.AgendaItemFilter,
    forms.AgendaItemForm,
    selector=selectors.agendaitem_list,
    url_prefix="agenda",
    columns=[
        ("Kỳ họp", "session__name"),
        ("STT", "number"),
        ("Nội dung", "title"),
        ("Trình bày", "presenter_label"),
        ("Thời gian", "time_label"),
        ("Nhiệm kỳ", "session__term__name"),
    ],
    search_through=("presenter",),
)
sessiondocument = Resource(
    SessionDocument,
    filters.SessionDocumentFilter,
    forms.SessionDocumentForm,
    selector=selectors.sessiondocument_list,
    url_prefix="documents",
    command=services.document_save,
    columns=[
        ("Tài liệu", "title"),
        ("Loại", "kind"),
        ("Số, ký hiệu", "reference"),
        ("Kỳ họp", "session__name"),
        ("Ngày gửi đại biểu", "sent_on"),
        ("Nhiệm kỳ", "session__term__name"),
    ],
    detail_template="meetings/sessiondocument_detail.html",
    extra_detail_context=_document_context,
)
examination = Resource(
    Examination,
    filters.ExaminationFilter,
    forms.ExaminationForm,
    selector=selectors.examination_list,
    url_prefix="examinations",
    columns=[
        ("Dự thảo", "document__title"),
        ("Ban thẩm tra", "committee__name"),
        ("Kiến nghị", "recommendation"),
        ("Ngày thẩm tra", "examined_on"),
        ("Kỳ họp", "document__session__name"),
        ("Nhiệm kỳ", "document__session__term__name"),
    ],
    search_through=("document",),
    detail_template="meetings/examination_detail.html",
)
question = Resource(
    Question,
    filters.QuestionFilter,
    forms.QuestionForm,
    selector=selectors.question_list,
    url_prefix="questions",
    columns=[
        ("Đại biểu chất vấn", "asker__full_name"),
        ("Nội dung", "question"),
        ("Người trả lời", "answerer_name"),
        ("Kỳ họp", "session__name"),
        ("Nhiệm kỳ", "session__term__name"),
    ],
    search_through=("asker",),
    detail_template="meetings/question_detail.html",
    extra_detail_context=_question_context,
)
resolution = Resource(
    Resolution,
    filters.ResolutionFilter,
    forms.ResolutionForm,
    selector=selectors.resolution_list,
    url_prefix="resolutions",
    columns=[
        ("Số, ký hiệu", "document__symbol"),
        ("Trích yếu", "title"),
        ("Loại", "kind"),
        ("Kết quả", "result_label"),
        ("Kỳ họp", "session__name"),
        ("Nhiệm kỳ", "session__term__name"),
    ],
    detail_fields=[
        ("Số, ký hiệu", "document__symbol"),
        ("Ngày ban hành", "document__issued_on"),
        ("Trích yếu", "title"),
        ("Loại nghị quyết", "kind"),
        ("Kỳ họp", "session__name"),
        ("Nội dung chương trình", "agenda_item"),
        ("Dự thảo", "draft"),
        ("Ngày có hiệu lực", "effective_on"),
        ("Kết quả biểu quyết", "result_label"),
        ("Số phiếu", "tally_label"),
        ("Nội dung", "body"),
        ("Quy định ban hành kèm theo", "regulation"),
    ],
    detail_template="meetings/resolution_detail.html",
    extra_detail_context=_resolution_context,
)

RESOURCES = [session, agendaitem, sessiondocument, examination, question, resolution]


# -- session actions ---------------------------------------------------------------------------
TRANSITIONS = {
    "prepare": (services.session_prepare, "Kỳ họp chuyển sang giai đoạn chuẩn bị."),
    "open": (services.session_open, "Đã khai mạc kỳ họp."),
    "adjourn": (services.session_adjourn, "Đã ghi nhận tạm dừng kỳ họp."),
    "resume": (services.session_resume, "Kỳ họp đã họp lại."),
    "close": (services.session_close, "Đã bế mạc kỳ họp."),
}


def _close_session_confirm(session) -> Confirm:
    open_votes = session.resolutions.filter(vote_closed_at__isnull=True).count()
    details = [f"Ngày bế mạc: hôm nay, {timezone.localdate():%d/%m/%Y}."]
    if open_votes:
        details.append(
            f"Còn {open_votes} nghị quyết chưa kết thúc biểu quyết: sau khi bế mạc sẽ không "
            "biểu quyết được nữa."
        )
    return Confirm(
        "Bế mạc kỳ họp",
        "kỳ họp kết thúc, không ghi thêm điểm danh và biểu quyết; các việc chuẩn bị kỳ họp "
        "còn mở được đóng lại. Không mở lại được.",
        tuple(details),
    )


@login_required
@require_POST
def session_transition(request, pk, action):
    access = request.access
    require(access, SESSION, "view")
    obj = get_object_for_user(
        access, selectors.session_list(access=access), pk, SESSION, "transition"
    )
    if action not in TRANSITIONS:
        from django.http import Http404

        raise Http404
    service, done = TRANSITIONS[action]
    return command_button(
        request,
        lambda: service(session=obj),
        redirect_to=obj.get_absolute_url(),
        success=done,
        confirm=(lambda: _close_session_confirm(obj)) if action == "close" else None,
    )


@login_required
def session_attendance(request, pk):
    """One form, a row per delegate in office on the opening day."""
    access = request.access
    require(access, SESSION, "view")
    obj = get_object_for_user(
        access, selectors.session_list(access=access), pk, SESSION, "attendance"
    )
    delegates = list(selectors.delegates_in_office(obj))
    current = {a.delegate_id: a for a in Attendance.objects.filter(session=obj)}
    # A sheet not yet taken starts with everyone present: the clerk marks the exceptions.
    default = Attendance.Status.PRESENT if not current else ""
    if request.method == "POST":
        # "Tất cả có mặt": whoever is not marked otherwise is present.
        fill = Attendance.Status.PRESENT if request.POST.get("all_present") else ""
        statuses = {}
        notes = {}
        for d in delegates:
            value = request.POST.get(f"status-{d.pk}", "") or fill
            if value:
                statuses[d.pk] = value
                notes[d.pk] = request.POST.get(f"note-{d.pk}", "")
        try:
            changed = services.attendance_record(session=obj, statuses=statuses, notes=notes)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, f"Đã lưu điểm danh ({changed} thay đổi).")
            return redirect(obj.get_absolute_url())
    rows = [
        {
            "delegate": d,
            "status": (
                request.POST.get(f"status-{d.pk}", "")
                if request.method == "POST"
                else getattr(current.get(d.pk), "status", default)
            ),
            "note": (
                request.POST.get(f"note-{d.pk}", "")
                if request.method == "POST"
                else getattr(current.get(d.pk), "note", "")
            ),
        }
        for d in delegates
    ]
    return render(
        request,
        "meetings/session_attendance.html",
        {
            "object": obj,
            "rows": rows,
            "choices": forms.ATTENDANCE_CHOICES,
            "first_take": not current,
            "unmarked": sum(1 for row in rows if not row["status"]),
        },
    )


# -- documents ---------------------------------------------------------------------------------
@login_required
@require_POST
def document_upload(request, pk):
    access = request.access
    require(access, SESSION_DOCUMENT, "view")
    document = get_object_for_user(
        access, selectors.sessiondocument_list(access=access), pk, SESSION_DOCUMENT, "change"
    )
    upload = request.FILES.get("file")
    if not upload:
        messages.error(request, "Hãy chọn tệp cần tải lên.")
    else:
        try:
            version = services.document_version_add(
                document=document, file=upload, uploaded_by=request.user
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, f"Đã tải lên phiên bản {version.number}: {version.name}.")
    return redirect(document.get_absolute_url())


@login_required
def document_file(request, pk):
    """Files are served only to those who may see the document (never from MEDIA_URL)."""
    version = selectors.version_for_user(request.access, pk)
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.name)


# -- questions ---------------------------------------------------------------------------------
@login_required
@require_POST
def question_commitment(request, pk):
    access = request.access
    require(access, QUESTION, "view")
    obj = get_object_for_user(
        access, selectors.question_list(access=access), pk, QUESTION, "change"
    )
    form = forms.CommitmentForm(request.POST, access=access)
    if form.is_valid():
        try:
            services.commitment_add(
                question=obj,
                content=form.cleaned_data["content"],
                agency=form.cleaned_data["agency"],
                created_by=request.user,
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "Đã ghi cam kết và mở việc cần đôn đốc.")
    else:
        messages.error(request, "Hãy nhập nội dung cam kết.")
    return redirect(obj.get_absolute_url())


# -- resolutions -------------------------------------------------------------------------------
def _resolution_for(request, pk, action):
    access = request.access
    require(access, RESOLUTION, "view")
    return get_object_for_user(
        access, selectors.resolution_list(access=access), pk, RESOLUTION, action
    )


@login_required
def resolution_votes(request, pk):
    """The per-delegate vote sheet (delegates in office on the day of the vote)."""
    obj = _resolution_for(request, pk, "vote")
    moment = selectors.sitting_moment(obj.session)
    day = services.vote_day(obj.session)
    delegates = list(selectors.delegates_in_office(obj.session, moment))
    current = {v.delegate_id: v for v in obj.votes.all()}
    present = set(
        selectors.present_delegates(obj.session, moment).values_list("delegate_id", flat=True)
    )
    if request.method == "POST":
        choices = {}
        # Absent delegates have no choice on the sheet; one posted anyway is refused by the
        # command with their names.
        for d in delegates:
            value = request.POST.get(f"choice-{d.pk}", "")
            if value:
                choices[d.pk] = (value, bool(request.POST.get(f"recused-{d.pk}")))
        try:
            changed = services.votes_record(resolution=obj, choices=choices)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, f"Đã lưu phiếu biểu quyết ({changed} thay đổi).")
            return redirect(obj.get_absolute_url())
    rows = [
        {
            "delegate": d,
            "present": d.pk in present,
            "choice": getattr(current.get(d.pk), "choice", ""),
            "recused": getattr(current.get(d.pk), "recused", False),
        }
        for d in delegates
    ]
    return render(
        request,
        "meetings/resolution_votes.html",
        {"object": obj, "rows": rows, "choices": forms.VOTE_CHOICES, "day": day},
    )


def _close_vote_confirm(resolution) -> Confirm:
    tally = selectors.resolution_tally(resolution)
    details = [
        f"Phiếu đang ghi (đại biểu có mặt): tán thành {tally['for']}, không tán thành "
        f"{tally['against']}, phiếu trắng {tally['abstain']}.",
        "Nghị quyết được thông qua khi số đại biểu tán thành hơn một nửa tổng số đại biểu "
        "đương nhiệm (không chỉ số có mặt).",
    ]
    lost = selectors.quorum_lost(resolution.session)
    if lost is not None:
        details.append(lost.lost_message)
    details += criticism_details(resolution)
    return Confirm(
        "Kết thúc biểu quyết",
        "kết quả sẽ được ghi vào nghị quyết và không sửa được.",
        tuple(details),
    )


def _issue_confirm(resolution) -> Confirm:
    return Confirm(
        "Cấp số nghị quyết",
        "nghị quyết nhận số tiếp theo trong sổ đăng ký văn bản và được công khai; số đã cấp "
        "không thu hồi, không cấp lại được.",
        (f"Ngày ban hành: hôm nay, {timezone.localdate():%d/%m/%Y}.",),
    )


@login_required
@require_POST
def resolution_vote_action(request, pk, action):
    obj = _resolution_for(request, pk, "vote")
    if action == "all-for":
        return command_button(
            request,
            lambda: services.votes_all_present_for(resolution=obj),
            redirect_to=obj.get_absolute_url(),
            success=lambda n: f"Đã ghi {n} phiếu tán thành của đại biểu có mặt.",
        )
    if action == "close":
        return command_button(
            request,
            lambda: services.vote_close(resolution=obj),
            redirect_to=obj.get_absolute_url(),
            success=lambda r: f"Đã kết thúc biểu quyết: {r.result_label.lower()}.",
            confirm=lambda: _close_vote_confirm(obj),
        )
    from django.http import Http404

    raise Http404


@login_required
@require_POST
def resolution_issue(request, pk):
    obj = _resolution_for(request, pk, "issue")
    return command_button(
        request,
        lambda: services.resolution_issue(resolution=obj, issued_by=request.user),
        redirect_to=obj.get_absolute_url(),
        success=lambda r: f"Đã cấp số {r.document.symbol}.",
        confirm=lambda: _issue_confirm(obj),
    )


@login_required
@require_POST
def resolution_publication(request, pk):
    obj = _resolution_for(request, pk, "implement")
    form = forms.PublicationForm(request.POST, access=request.access)
    if form.is_valid():
        try:
            services.publication_add(resolution=obj, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "Đã ghi việc công bố nghị quyết.")
    else:
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errs)}".strip(": "))
    return redirect(obj.get_absolute_url())


@login_required
@require_POST
def resolution_task(request, pk):
    obj = _resolution_for(request, pk, "implement")
    form = forms.ImplementationTaskForm(request.POST, access=request.access)
    if form.is_valid():
        try:
            services.implementation_task_add(
                resolution=obj, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "Đã giao nhiệm vụ triển khai nghị quyết.")
    else:
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errs)}".strip(": "))
    return redirect(obj.get_absolute_url())

"""Pages of voter contact and voters' petitions (kernel ``Resource`` plus a few actions)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from councils.models import Council
from hdnd_portal.core.commands import apply_errors
from hdnd_portal.core.inputs import parse_ids
from hdnd_portal.core.listing import column_rows, export_requested, export_response, paginate
from hdnd_portal.core.permissions import can, get_object_for_user, require
from hdnd_portal.core.resources import Resource, resolve
from hdnd_portal.followups.selectors import followup_detail, followups_for_source
from voters import filters, forms, selectors, services
from voters.models import PetitionField, SynthesizedPetition, VoterMeeting, VoterPetition
from voters.policies import MEETING, PETITION, SYNTH

OFFLINE_HEADER = "HTTP_X_OFFLINE_RESEND"
# Unsynthesised petitions offered on the merge page at once (narrowed by its search box).
MERGE_CANDIDATES = 60


def _meeting_context(request, obj):
    access = request.access
    may_add = can(access, PETITION, "add") and can(access, MEETING, "change", obj)
    petitions = obj.petitions.select_related("field", "synthesized").order_by("id")
    # The petition just refused (meeting_petition_add) comes back with its errors.
    petition_form = getattr(request, "petition_form", None)
    if petition_form is None and may_add:
        petition_form = forms.VoterPetitionForm(access=access, meeting=obj)
    return {
        "petitions": petitions,
        "petition_form": petition_form,
        "delegates_present": obj.delegates.order_by("sort_name", "id"),
        "can_merge": can(access, SYNTH, "add"),
    }


def _synth_context(request, obj):
    access = request.access
    ctx = {
        "raw_petitions": obj.petitions.select_related(
            "meeting__session", "meeting__holder"
        ).order_by("meeting__held_on", "id"),
        "followups": followups_for_source(access, obj),
        "repeats": obj.repeats.order_by("id"),
        "can_assign": can(access, SYNTH, "assign", obj)
        and obj.state == SynthesizedPetition.State.NEW,
        "can_answer": can(access, SYNTH, "answer", obj)
        and obj.state != SynthesizedPetition.State.NEW,
        "show_names": access.role != "agency",
    }
    if ctx["can_assign"]:
        ctx["assign_form"] = forms.AssignForm(access=access)
    if obj.followup_id:
        followup = obj.followup
        ctx["answers"] = followup_detail(followup)["answers"]
    return ctx


class PetitionResource(Resource):
    """A resource whose pages offer "Tổng hợp (gộp)" to those who may merge."""

    def base_context(self, request, **extra):
        ctx = super().base_context(request, **extra)
        ctx["can_merge"] = can(request.access, SYNTH, "add")
        if self.model is SynthesizedPetition:
            ctx["can_add"] = False  # created by merging petitions (the merge page)
        return ctx


petitionfield = Resource(
    PetitionField,
    filters.PetitionFieldFilter,
    forms.PetitionFieldForm,
    selector=selectors.field_list,
    columns=[
        ("Lĩnh vực", "name"),
        ("Nhóm trong báo cáo", "report_group"),
        ("Thứ tự", "order"),
        ("Đang dùng", "active"),
    ],
    policy="voters.petitionfield",
)
votermeeting = Resource(
    VoterMeeting,
    filters.VoterMeetingFilter,
    forms.VoterMeetingForm,
    selector=selectors.meeting_list,
    search_through=("holder",),
    columns=[
        ("Địa điểm", "place"),
        ("Ngày", "held_on"),
        ("Hình thức", "kind"),
        ("Kỳ họp", "session__name"),
        ("Tổ chức", "holder__name"),
        ("Số cử tri", "voter_count"),
    ],
    export_columns=[
        ("Địa điểm", "place"),
        ("Ngày", "held_on"),
        ("Hình thức", "kind"),
        ("Kỳ họp", "session__name"),
        ("Tổ chức", "holder__name"),
        ("Số cử tri", "voter_count"),
        ("Số lượt phát biểu", "speaker_count"),
        ("Chủ trì tổ chức", "organiser"),
        ("Đại diện Ủy ban MTTQ chủ trì", "front_chair"),
        ("Giấy mời, thông báo", "notice_reference"),
    ],
    detail_fields=[
        ("Hình thức", "kind"),
        ("Kỳ họp", "session"),
        ("Tổ chức tiếp xúc", "holder"),
        ("Ngày tiếp xúc", "held_on"),
        ("Giờ bắt đầu", "start_time"),
        ("Địa điểm", "place"),
        ("Số cử tri tham dự", "voter_count"),
        ("Số lượt cử tri phát biểu", "speaker_count"),
        ("Chủ trì tổ chức", "organiser"),
        ("Đại diện Ủy ban MTTQ chủ trì", "front_chair"),
        ("Giấy mời, thông báo", "notice_reference"),
        ("Biên bản, ghi chú", "minutes"),
    ],
    detail_template="voters/meeting_detail.html",
    form_template="voters/meeting_form.html",
    extra_detail_context=_meeting_context,
    command=services.meeting_save,
)
voterpetition = PetitionResource(
    VoterPetition,
    filters.VoterPetitionFilter,
    forms.VoterPetitionForm,
    selector=selectors.petition_list,
    columns=[
        ("Nội dung", lambda p: str(p)),
        ("Lĩnh vực", "field__name"),
        ("Địa điểm tiếp xúc", "meeting__place"),
        ("Ngày", "meeting__held_on"),
        ("Số cử tri", "voter_count"),
        ("Đã tổng hợp", lambda p: bool(p.synthesized_id)),
    ],
    export_columns=[
        ("Nội dung", "content"),
        ("Lĩnh vực", "field__name"),
        ("Địa bàn liên quan", "place"),
        ("Cử tri nêu ý kiến", "raised_by"),
        ("Số cử tri", "voter_count"),
        ("Địa điểm tiếp xúc", "meeting__place"),
        ("Ngày tiếp xúc", "meeting__held_on"),
        ("Kỳ họp", "meeting__session__name"),
        ("Kiến nghị tổng hợp", "synthesized_id"),
    ],
    detail_fields=[
        ("Nội dung", "content"),
        ("Lĩnh vực", "field"),
        ("Địa bàn liên quan", "place"),
        ("Cử tri nêu ý kiến", "raised_by"),
        ("Số cử tri cùng kiến nghị", "voter_count"),
        ("Cuộc tiếp xúc", "meeting"),
        ("Kiến nghị tổng hợp", "synthesized"),
    ],
    list_template="voters/petition_list.html",
    command=services.petition_save,
    initial_from_request=lambda request: {
        name: request.GET[name] for name in ("meeting", "field") if request.GET.get(name)
    },
)


SYNTH_COLUMNS = [
    ("Nội dung", lambda s: str(s)),
    ("Lĩnh vực", "field__name"),
    ("Tình trạng", "state"),
    ("Thẩm quyền", "competence"),
    ("Cơ quan trả lời", "agency__name"),
    ("Số cử tri", "total_voters"),
    ("Số cuộc tiếp xúc", "meeting_count"),
    ("Lặp lại", lambda s: s.is_repeat),
]
synthesizedpetition = PetitionResource(
    SynthesizedPetition,
    filters.SynthesizedPetitionFilter,
    forms.SynthesizedPetitionForm,
    selector=selectors.synth_list,
    search_through=("agency",),
    columns=SYNTH_COLUMNS,
    export_columns=[
        ("Nội dung", "content"),
        ("Lĩnh vực", "field__name"),
        ("Địa bàn", "place"),
        ("Kỳ họp", "session__name"),
        ("Số cử tri", "total_voters"),
        ("Số kiến nghị gốc", "raw_count"),
        ("Số cuộc tiếp xúc", "meeting_count"),
        ("Thẩm quyền giải quyết", "competence"),
        ("Cơ quan trả lời", "agency__name"),
        ("Ngày chuyển", "forwarded_on"),
        ("Văn bản chuyển", "forward_reference"),
        ("Hạn trả lời", "followup__due_date"),
        ("Tình trạng", "state"),
        ("Trả lời", "answer"),
        ("Ngày trả lời", "answered_on"),
        ("Ý kiến cử tri", "voter_acceptance"),
        ("Lặp lại kiến nghị", "repeat_of"),
    ],
    detail_fields=[
        ("Nội dung", "content"),
        ("Lĩnh vực", "field"),
        ("Địa bàn liên quan", "place"),
        ("Tổng hợp trước kỳ họp", "session"),
        ("Số cử tri kiến nghị", "total_voters"),
        ("Số cuộc tiếp xúc", "meeting_count"),
        ("Thẩm quyền giải quyết", "competence"),
        ("Cơ quan trả lời", "agency"),
        ("Ngày chuyển", "forwarded_on"),
        ("Văn bản chuyển", "forward_reference"),
        ("Hạn trả lời", "followup__due_date"),
        ("Tình trạng", "state"),
        ("Nội dung trả lời", "answer"),
        ("Ngày trả lời", "answered_on"),
        ("Lý do, ghi chú kết quả", "reason"),
        ("Ý kiến cử tri về trả lời", "voter_acceptance"),
        ("Lặp lại kiến nghị", "repeat_of"),
    ],
    list_template="voters/synth_list.html",
    detail_template="voters/synth_detail.html",
    form_template="voters/synth_form.html",
    extra_detail_context=_synth_context,
)


def _offline_json(request):
    return request.META.get(OFFLINE_HEADER) == "1"


def _form_errors(form):
    return {name: [str(e) for e in errs] for name, errs in form.errors.items()}


def _run(command, form, **kwargs):
    """Call ``command`` with the valid form's values; its refusal goes onto the form."""
    if not form.is_valid():
        return None
    try:
        return command(access=form.access, values={**form.cleaned_data, **kwargs}, instance=None)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


@login_required
def meeting_create(request):
    """The meeting form; a resend from the browser's offline store gets a JSON answer."""
    if request.method == "POST" and _offline_json(request):
        access = request.access
        require(access, MEETING, "add")
        form = forms.VoterMeetingForm(request.POST, access=access)
        obj = _run(services.meeting_save, form)
        if obj is None:
            return JsonResponse({"ok": False, "errors": _form_errors(form)}, status=400)
        messages.success(request, f"Đã lưu cuộc tiếp xúc cử tri: {obj}.")
        return JsonResponse({"ok": True, "url": obj.get_absolute_url()})
    return votermeeting.form_view(request)


@login_required
@require_POST
def meeting_petition_add(request, pk):
    """Add one petition on the meeting's page (several, one after the other)."""
    access = request.access
    require(access, PETITION, "add")
    meeting = get_object_for_user(access, selectors.meeting_list(access=access), pk, MEETING)
    if not can(access, MEETING, "change", meeting):
        raise PermissionDenied
    form = forms.VoterPetitionForm(request.POST, access=access, meeting=meeting)
    if _run(services.petition_save, form, meeting=meeting) is not None:
        messages.success(request, "Đã thêm ý kiến, kiến nghị.")
        if _offline_json(request):
            return JsonResponse({"ok": True, "url": meeting.get_absolute_url()})
        return redirect(meeting.get_absolute_url())
    if _offline_json(request):
        return JsonResponse({"ok": False, "errors": _form_errors(form)}, status=400)
    messages.error(request, "Chưa lưu được kiến nghị: vui lòng sửa các lỗi bên dưới.")
    # The meeting's own page, its petition form holding what was typed and why it was refused.
    request.petition_form = form
    response = votermeeting.detail_view(request, meeting.pk)
    response.status_code = 400
    return response


@login_required
@require_GET
def csrf_token(request):
    """A fresh CSRF token for a form kept in the browser while offline."""
    return JsonResponse({"token": get_token(request)})


@login_required
def merge(request):
    """Gộp: staff merge petitions raised at several meetings into one."""
    access = request.access
    require(access, SYNTH, "add")
    if request.method == "POST":
        form = forms.MergeForm(request.POST, access=access)
        if form.is_valid():
            data = form.cleaned_data
            try:
                synth = services.petitions_merge(
                    council=Council.objects.get(pk=access.council_id),
                    petitions=data["petitions"],
                    content=data["content"],
                    field=data["field"],
                    place=data["place"],
                    session=data["session"],
                    repeat_of=data["repeat_of"],
                    by_user=request.user,
                )
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(request, "Đã tổng hợp kiến nghị.")
                return redirect(synth.get_absolute_url())
        messages.error(request, "Chưa tổng hợp được: vui lòng sửa các lỗi bên dưới.")
    else:
        initial = {}
        ids = parse_ids(request.GET.getlist("petitions"))
        chosen = list(selectors.petition_list(access=access).filter(pk__in=ids))
        if chosen:
            initial = {
                "petitions": chosen,
                "content": chosen[0].content,
                "field": chosen[0].field_id,
                "place": chosen[0].place,
                "session": chosen[0].meeting.session_id,
            }
        form = forms.MergeForm(initial=initial, access=access)
    q = request.GET.get("q", "").strip()
    posted = request.POST.getlist("petitions") if request.method == "POST" else []
    chosen_ids = set(parse_ids([*posted, *request.GET.getlist("petitions")]))
    pool = selectors.petition_list(access=access).filter(synthesized__isnull=True)
    candidates = pool.search(q) if q else pool
    candidates = list(candidates[:MERGE_CANDIDATES])
    shown = {p.pk for p in candidates}
    candidates += list(pool.filter(pk__in=chosen_ids - shown))
    return render(
        request,
        "voters/merge.html",
        synthesizedpetition.base_context(
            request, form=form, object=None, candidates=candidates, chosen_ids=chosen_ids, q=q
        ),
    )


@login_required
@require_POST
def synth_assign(request, pk):
    access = request.access
    synth = get_object_for_user(access, selectors.synth_list(access=access), pk, SYNTH, "assign")
    form = forms.AssignForm(request.POST, access=access)
    if form.is_valid():
        try:
            services.synth_assign(
                synth=synth,
                agency=form.cleaned_data["agency"],
                started_on=form.cleaned_data["started_on"],
                reference=form.cleaned_data["reference"],
                by_user=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Đã chuyển kiến nghị đến cơ quan trả lời.")
    else:
        messages.error(
            request,
            "Chưa chuyển được: " + " ".join(str(e) for errs in form.errors.values() for e in errs),
        )
    return redirect(synth.get_absolute_url())


@login_required
def synth_answer(request, pk):
    access = request.access
    synth = get_object_for_user(access, selectors.synth_list(access=access), pk, SYNTH, "answer")
    if synth.state == SynthesizedPetition.State.NEW:
        messages.error(request, "Kiến nghị chưa được chuyển cơ quan trả lời.")
        return redirect(synth.get_absolute_url())
    if request.method == "POST":
        form = forms.AnswerForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.synth_answer(
                    synth=synth,
                    by_user=request.user,
                    answer=data["answer"],
                    state=data["state"],
                    reason=data["reason"],
                    voter_acceptance=data["voter_acceptance"],
                    files=data["files"],
                    on_behalf=access.role != "agency",
                    answered_on=data.get("answered_on"),
                )
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(request, "Đã ghi nhận trả lời kiến nghị.")
                return redirect(synth.get_absolute_url())
    else:
        form = forms.AnswerForm(
            initial={
                "answer": synth.answer,
                "state": synth.state
                if synth.state in SynthesizedPetition.ANSWERED_STATES
                else SynthesizedPetition.State.ANSWERED,
                "reason": synth.reason,
                "voter_acceptance": synth.voter_acceptance,
            }
        )
    return render(
        request,
        "voters/synth_answer.html",
        synthesizedpetition.base_context(request, form=form, object=synth),
    )


@login_required
@require_GET
def similar(request):
    """htmx: likely duplicates of what staff are typing (diacritics ignored)."""
    access = request.access
    require(access, SYNTH, "view")
    text = request.GET.get("content", "")
    exclude = request.GET.get("exclude", "")
    items = selectors.similar_petitions(
        access=access, text=text, exclude_pk=next(iter(parse_ids([exclude])), None)
    )
    return render(request, "voters/_similar.html", {"items": items, "text": text})


@login_required
def repeats(request):
    """Kiến nghị lặp lại: petitions raised again across sessions or terms."""
    access = request.access
    require(access, SYNTH, "view")
    qs = selectors.repeat_list(access=access)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.search(q)
    columns = [*SYNTH_COLUMNS[:-1], ("Lặp lại kiến nghị", "repeat_of")]
    if export_requested(request):
        require(access, SYNTH, "export")
        return export_response(
            filename="kien-nghi-lap-lai",
            title="Kiến nghị lặp lại",
            headers=[h for h, _a in columns],
            rows=column_rows(qs, columns),
            request=request,
            filterset=None,
            q=q,
        )
    paged = paginate(request, qs)
    rows = [
        {
            "obj": obj,
            "cells": [resolve(obj, acc) for _h, acc in columns],
            "url": obj.get_absolute_url(),
        }
        for obj in paged.page.object_list
    ]
    ctx = synthesizedpetition.base_context(
        request,
        rows=rows,
        headers=[h for h, _a in columns],
        q=q,
        verbose_name_plural="kiến nghị lặp lại",
        **paged.context(),
    )
    ctx["can_add"] = False
    return render(request, "voters/repeats.html", ctx)


# -- the public page (no login) ------------------------------------------------------------
def public_index(request):
    councils = Council.objects.order_by("name")
    if councils.count() == 1:
        return redirect("voters-public", slug=councils.first().slug)
    return render(request, "voters/public_index.html", {"councils": councils})


def public_list(request, slug):
    """The council's synthesised petitions, answers and states; never who raised them."""
    council = get_object_or_404(Council, slug=slug)
    qs = selectors.public_synth_list(council=council)
    filterset = filters.PublicPetitionFilter(request.GET or None, queryset=qs)
    if filterset.is_bound and filterset.is_valid():
        qs = filterset.qs
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.search(q)
    paged = paginate(request, qs)
    return render(
        request,
        "voters/public_list.html",
        {"council": council, "filter": filterset, "q": q, **paged.context()},
    )

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hdnd_portal.core.permissions import can, get_object_for_user, require
from hdnd_portal.core.resources import Resource
from hdnd_portal.followups.selectors import followups_for_source
from supervision import counts, filters, forms, selectors, services
from supervision.models import (
    Activity,
    ActivityKind,
    Conclusion,
    Programme,
    ProgrammeItem,
    Question,
    Recommendation,
)
from supervision.policies import ACTIVITY, STATS

PREFILL = ("activity", "conclusion", "programme", "programme_item", "kind", "body", "committee")


def prefill(request) -> dict:
    """A new record's form starts from the link's values ("Ghi kết luận" on an activity:
    ``?activity=12``)."""
    return {name: request.GET[name] for name in PREFILL if request.GET.get(name)}


def _agencies(obj) -> str:
    return ", ".join(a.name for a in obj.agencies.all())


def _programme_context(request, obj):
    items = list(obj.items.prefetch_related("agencies").order_by("planned_month", "id"))
    overlapping = selectors.overlapping_item_ids(obj.council_id)
    for item in items:
        item.overlaps = item.pk in overlapping
    return {
        "items": items,
        "can_add_item": can(request.access, "supervision.programmeitem", "add")
        and can(request.access, "supervision.programme", "change", obj),
    }


def _item_context(request, obj):
    return {
        "overlaps": selectors.item_overlaps(obj),
        "activities": list(obj.activities.order_by("start_date", "id")),
    }


def _activity_context(request, obj):
    access = request.access
    ctx = selectors.activity_detail(obj)
    may_change = can(access, ACTIVITY, "change", obj)
    unfinished = [r for r in ctx["recommendations"] if r.is_unfinished]
    ctx.update(
        {
            "followups": followups_for_source(access, obj),
            "may_act": may_change,
            "transitions": [
                (action, label)
                for action, label in Activity.TRANSITION_LABELS.items()
                if may_change and obj.allows(action)
            ],
            "visit_form": forms.VisitForm(access=access, initial={"date": timezone.localdate()}),
            "decide_form": forms.DecideForm(
                initial={"decided_on": obj.decision_date or timezone.localdate()}
            ),
            "resupervise_form": forms.ResuperviseForm(
                initial={
                    "start_date": timezone.localdate(),
                    "due_date": timezone.localdate() + dt.timedelta(days=30),
                }
            ),
            "can_resupervise": may_change
            and any(r.state in ("open", "extended") for r in unfinished),
            "unfinished_count": len(unfinished),
            "is_questioning": obj.kind in (ActivityKind.QUESTIONING, ActivityKind.EXPLANATION),
            "print_codes": ["supervision.plan"],
            "add_recommendation_url": reverse("supervision-recommendation-create")
            + f"?activity={obj.pk}"
            + (f"&conclusion={ctx['conclusions'][-1].pk}" if ctx["conclusions"] else ""),
        }
    )
    return ctx


def _conclusion_context(request, obj):
    code = "supervision.report" if obj.kind == Conclusion.Kind.REPORT else "supervision.notice"
    return {
        "recommendations": list(
            obj.recommendations.select_related("agency", "followup").order_by("due_date", "id")
        ),
        "may_act": can(request.access, "supervision.conclusion", "change", obj),
        "print_codes": [code],
        "add_recommendation_url": reverse("supervision-recommendation-create")
        + f"?activity={obj.activity_id}&conclusion={obj.pk}",
    }


def _recommendation_context(request, obj):
    return {"followups": followups_for_source(request.access, obj)}


def _question_context(request, obj):
    return {"followups": followups_for_source(request.access, obj)}


programme = Resource(
    Programme,
    filters.ProgrammeFilter,
    forms.ProgrammeForm,
    selector=selectors.programme_list,
    columns=[
        ("Năm", "year"),
        ("Chủ thể", "body_label"),
        ("Tên chương trình", "title"),
        ("Ngày thông qua", "adopted_on"),
        ("Văn bản", "reference"),
    ],
    detail_fields=[
        ("Năm", "year"),
        ("Chủ thể", "body_label"),
        ("Tên chương trình", "title"),
        ("Ngày thông qua", "adopted_on"),
        ("Văn bản", "reference"),
        ("Ghi chú", "note"),
    ],
    detail_template="supervision/programme_detail.html",
    extra_detail_context=_programme_context,
    command=services.programme_save,
    initial_from_request=prefill,
)
programmeitem = Resource(
    ProgrammeItem,
    filters.ProgrammeItemFilter,
    forms.ProgrammeItemForm,
    selector=selectors.programmeitem_list,
    columns=[
        ("Nội dung giám sát", "topic"),
        ("Hình thức", "kind"),
        ("Chủ thể", "programme__body_label"),
        ("Cơ quan chịu sự giám sát", _agencies),
        ("Đối tượng khác", "other_bodies"),
        ("Tháng", "planned_month"),
        ("Năm", "programme__year"),
    ],
    detail_fields=[
        ("Chương trình", "programme"),
        ("Nội dung giám sát", "topic"),
        ("Hình thức", "kind"),
        ("Cơ quan chịu sự giám sát", _agencies),
        ("Đối tượng khác", "other_bodies"),
        ("Tháng dự kiến", "planned_month"),
        ("Ghi chú", "note"),
    ],
    detail_template="supervision/programmeitem_detail.html",
    form_template="supervision/programmeitem_form.html",
    extra_detail_context=_item_context,
    command=services.programmeitem_save,
    initial_from_request=prefill,
)
activity = Resource(
    Activity,
    filters.ActivityFilter,
    forms.ActivityForm,
    selector=selectors.activity_list,
    columns=[
        ("Nội dung", "topic"),
        ("Hình thức", "kind"),
        ("Chủ thể", "body_label"),
        ("Cơ quan chịu sự giám sát", _agencies),
        ("Ngày bắt đầu", "start_date"),
        ("Quyết định", "decision__symbol"),
        ("Trạng thái", "state"),
    ],
    export_columns=[
        ("Nội dung", "topic"),
        ("Hình thức", "kind"),
        ("Chủ thể", "body_label"),
        ("Cơ quan chịu sự giám sát", _agencies),
        ("Đối tượng khác", "other_bodies"),
        ("Quyết định", "decision__symbol"),
        ("Ngày quyết định", "decision_date"),
        ("Luật áp dụng", "law"),
        ("Ngày bắt đầu", "start_date"),
        ("Ngày kết thúc", "end_date"),
        ("Trạng thái", "state"),
    ],
    detail_fields=[
        ("Hình thức", "kind"),
        ("Nội dung", "topic"),
        ("Chủ thể", "body_label"),
        ("Quyết định thành lập đoàn", "decision__symbol"),
        ("Ngày quyết định", "decision_date"),
        ("Luật áp dụng", "law"),
        ("Cơ quan chịu sự giám sát", _agencies),
        ("Đối tượng khác", "other_bodies"),
        ("Ngày bắt đầu", "start_date"),
        ("Ngày kết thúc", "end_date"),
        ("Thực hiện nội dung chương trình", "programme_item"),
        ("Cuộc giám sát trước", "parent"),
        ("Phiên họp Thường trực", "standing_meeting"),
        ("Mục đích, yêu cầu", "purpose"),
        ("Nội dung, phạm vi", "scope"),
        ("Trạng thái", "state"),
    ],
    detail_template="supervision/activity_detail.html",
    extra_detail_context=_activity_context,
    command=services.activity_save,
    initial_from_request=prefill,
)
question = Resource(
    Question,
    filters.QuestionFilter,
    forms.QuestionForm,
    selector=selectors.question_list,
    search_through=("asked_by", "agency"),
    columns=[
        ("Nội dung chất vấn", "question"),
        ("Đại biểu", "asked_by__full_name"),
        ("Cơ quan trả lời", "agency__name"),
        ("Người trả lời", "answerer"),
        ("Phiên", "activity__topic"),
    ],
    detail_fields=[
        ("Phiên chất vấn, giải trình", "activity"),
        ("Đại biểu chất vấn", "asked_by"),
        ("Nội dung chất vấn", "question"),
        ("Cơ quan trả lời", "agency"),
        ("Người trả lời", "answerer"),
        ("Trả lời tại phiên họp", "answer"),
        ("Cam kết", "commitment"),
        ("Thời hạn thực hiện cam kết", "commitment_due"),
    ],
    extra_detail_context=_question_context,
    command=services.question_save,
    initial_from_request=prefill,
)
conclusion = Resource(
    Conclusion,
    filters.ConclusionFilter,
    forms.ConclusionForm,
    selector=selectors.conclusion_list,
    columns=[
        ("Loại", "kind"),
        ("Ngày", "concluded_on"),
        ("Hoạt động giám sát", "activity__topic"),
        ("Chủ thể", "activity__body_label"),
        ("Chuyển cơ quan có thẩm quyền", "referred_to"),
    ],
    detail_fields=[
        ("Hoạt động giám sát", "activity"),
        ("Loại văn bản", "kind"),
        ("Ngày kết luận", "concluded_on"),
        ("Khái quát", "overview"),
        ("Kết quả đạt được", "results"),
        ("Tồn tại, hạn chế", "shortcomings"),
        ("Nguyên nhân", "causes"),
        ("Vi phạm nghiêm trọng", "violations"),
        ("Chuyển cơ quan có thẩm quyền", "referred_to"),
        ("Ngày chuyển", "referred_on"),
        ("Ngày báo cáo Đảng ủy", "reported_to_party_on"),
    ],
    detail_template="supervision/conclusion_detail.html",
    extra_detail_context=_conclusion_context,
    command=services.conclusion_save,
    initial_from_request=prefill,
)
recommendation = Resource(
    Recommendation,
    filters.RecommendationFilter,
    forms.RecommendationForm,
    selector=selectors.recommendation_list,
    search_through=("agency",),
    columns=[
        ("Nội dung kiến nghị", "content"),
        ("Cơ quan chịu trách nhiệm", "agency__name"),
        ("Thời hạn", "followup__due_date"),
        ("Trạng thái", "state_label"),
        ("Hoạt động giám sát", "activity__topic"),
    ],
    detail_fields=[
        ("Nội dung kiến nghị", "content"),
        ("Cơ quan chịu trách nhiệm", "agency"),
        ("Thời hạn ban đầu", "due_date"),
        ("Hạn hiện tại", "followup__due_date"),
        ("Trạng thái", "state_label"),
        ("Hoạt động giám sát", "activity"),
        ("Báo cáo, kết luận", "conclusion"),
        ("Chuyển từ kiến nghị", "carried_from"),
    ],
    extra_detail_context=_recommendation_context,
    command=services.recommendation_save,
    initial_from_request=prefill,
)

RESOURCES = [programme, programmeitem, activity, question, conclusion, recommendation]


def _activity_for_action(request, pk, action):
    access = request.access
    require(access, ACTIVITY, "view")
    obj = get_object_for_user(access, selectors.activity_list(access=access), pk, ACTIVITY)
    if not can(access, ACTIVITY, action, obj) or not can(access, ACTIVITY, "change", obj):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return obj


def _refused(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
@require_POST
def activity_decide(request, pk):
    obj = _activity_for_action(request, pk, "decide")
    form = forms.DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ngày quyết định không hợp lệ.")
        return redirect(obj.get_absolute_url())
    try:
        obj = services.activity_decide(
            activity=obj, by_user=request.user, decided_on=form.cleaned_data["decided_on"]
        )
        messages.success(request, f"Đã cấp số quyết định {obj.decision.symbol}.")
    except ValidationError as exc:
        _refused(request, exc)
    return redirect(obj.get_absolute_url())


@login_required
@require_POST
def activity_transition(request, pk):
    obj = _activity_for_action(request, pk, "transition")
    action = request.POST.get("action", "")
    try:
        obj = services.activity_transition(activity=obj, action=action, by_user=request.user)
        messages.success(request, f"Hoạt động chuyển sang “{obj.get_state_display()}”.")
    except ValidationError as exc:
        _refused(request, exc)
    return redirect(obj.get_absolute_url())


@login_required
@require_POST
def activity_visit(request, pk):
    obj = _activity_for_action(request, pk, "change")
    form = forms.VisitForm(request.POST, access=request.access)
    if not form.is_valid():
        messages.error(request, "Chưa ghi được buổi làm việc: hãy nhập ngày làm việc đúng dạng.")
        return redirect(obj.get_absolute_url())
    data = form.cleaned_data
    try:
        services.visit_record(
            activity=obj,
            date=data["date"],
            agency=data["agency"],
            content=data["content"],
            held=data["held"],
            by_user=request.user,
        )
        messages.success(request, f"Đã ghi buổi làm việc ngày {data['date']:%d/%m/%Y}.")
    except ValidationError as exc:
        _refused(request, exc)
    return redirect(obj.get_absolute_url())


@login_required
@require_POST
def activity_resupervise(request, pk):
    obj = _activity_for_action(request, pk, "resupervise")
    form = forms.ResuperviseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ngày không hợp lệ.")
        return redirect(obj.get_absolute_url())
    try:
        new = services.activity_resupervise(
            activity=obj,
            by_user=request.user,
            start_date=form.cleaned_data["start_date"],
            due_date=form.cleaned_data["due_date"],
        )
    except ValidationError as exc:
        _refused(request, exc)
        return redirect(obj.get_absolute_url())
    messages.success(
        request,
        f"Đã lập cuộc tái giám sát, chuyển {new.recommendations.count()} kiến nghị chưa hoàn thành.",
    )
    return redirect(new.get_absolute_url())


@login_required
def stats(request):
    """Thống kê giám sát: counts by body and kind vs the plan's thresholds (target 1.4)."""
    access = request.access
    require(access, STATS, "view")
    today = timezone.localdate()
    form = forms.StatsForm(request.GET or None, initial={"year": today.year, "on": today})
    year, on = today.year, today
    if form.is_bound and form.is_valid():
        year = form.cleaned_data.get("year") or today.year
        on = form.cleaned_data.get("on") or (today if year == today.year else dt.date(year, 12, 31))
    from councils.models import Council

    council = Council.objects.get(pk=access.council_id)
    report = counts.target_report(council=council, year=year, on=on)
    return render(
        request, "supervision/stats.html", {"report": report, "year": year, "on": on, "form": form}
    )

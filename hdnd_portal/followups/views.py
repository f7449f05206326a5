"""Pages of the follow-up engine: the inbox "Việc cần đôn đốc", an item, its actions.

Views stay thin: a selector reads (already scoped to the user), a form
validates, a service writes. Every change is a POST followed by a redirect.
"""

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hdnd_portal.core.actions import command_form
from hdnd_portal.core.commands import apply_errors
from hdnd_portal.core.files import stored_file_response
from hdnd_portal.core.inputs import parse_ids
from hdnd_portal.core.listing import (
    EXPORT_CHUNK,
    export_requested,
    export_response,
    htmx_partial,
    paginate,
)
from hdnd_portal.core.permissions import can, require
from hdnd_portal.core.resources import Resource, history_entries
from hdnd_portal.followups import filters, forms, selectors, services
from hdnd_portal.followups.models import DayOff, DeadlineRule, FollowUp
from hdnd_portal.followups.policies import FOLLOWUP
from hdnd_portal.followups.rules import RuleNotFound

EXPORT_HEADERS = [
    "STT",
    "Loại việc",
    "Nội dung cần thực hiện",
    "Văn bản, căn cứ",
    "Cơ quan / người chịu trách nhiệm",
    "Thường trực/Ban theo dõi",
    "Ngày bắt đầu",
    "Hạn ban đầu",
    "Hạn hiện tại",
    "Trạng thái",
    "Số ngày quá hạn",
    "Căn cứ thời hạn",
    "Trả lời lúc",
    "Trả lời / kết quả",
]


def _export_rows(qs, today):
    for number, f in enumerate(qs.iterator(chunk_size=EXPORT_CHUNK), start=1):
        yield [
            number,
            f.kind_label,
            f.title,
            f.reference,
            f.responsible_label,
            f.committee.name if f.committee_id else "",
            f.started_on,
            f.original_due_date,
            f.due_date,
            "Quá hạn" if f.is_overdue(today) else f.get_state_display(),
            f.days_overdue(today) or "",
            f.rule.citation if f.rule_id else "",
            f.answered_at,
            f.answer,
        ]


@login_required
def inbox(request):
    """Everything open for the user's council (an agency: its own items)."""
    access = request.access
    require(access, FOLLOWUP, "view")
    today = timezone.localdate()
    qs, filterset, q = selectors.followup_inbox(request=request, today=today)
    if export_requested(request):
        require(access, FOLLOWUP, "export")
        return export_response(
            filename=f"viec-can-don-doc-{today:%Y%m%d}",
            title="Việc cần đôn đốc",
            headers=EXPORT_HEADERS,
            rows=_export_rows(qs, today),
            request=request,
            filterset=filterset,
            q=q,
        )
    ctx = {
        **paginate(request, qs).context(),
        "filter": filterset,
        "q": q,
        "today": today,
        "counts": selectors.counts_for_request(request),
        "can_add": can(access, FOLLOWUP, "add"),
        "can_export": can(access, FOLLOWUP, "export"),
        "can_remind": can(access, FOLLOWUP, "remind"),
        "can_answer": can(access, FOLLOWUP, "answer"),
    }
    template = htmx_partial(
        request, "followup-results", "followups/inbox.html", "followups/_inbox_results.html"
    )
    return render(request, template, ctx)


def _safe_next(request, fallback: str) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return fallback


@login_required
@require_POST
def remind(request):
    """Bulk "Gửi nhắc nhở": one digest per recipient for the ticked open items."""
    access = request.access
    require(access, FOLLOWUP, "remind")
    back = _safe_next(request, reverse("followups-inbox"))
    ids = parse_ids(request.POST.getlist("ids"))
    items = FollowUp.objects.visible_to(access).open().filter(pk__in=ids)
    if not ids or not items.exists():
        messages.warning(request, "Chưa chọn việc nào đang theo dõi để nhắc.")
        return redirect(back)
    # Imported here: the reminder job (its own module, mail templates, outbox) is only
    # needed when someone presses the button, not to serve the inbox.
    from hdnd_portal.followups.reminders import send_manual_reminders

    result = send_manual_reminders(followups=items, by_user=request.user)
    for level, text in remind_messages(result):
        messages.add_message(request, level, text)
    return redirect(back)


def remind_messages(result) -> list[tuple[int, str]]:
    """The page's words for a :class:`~hdnd_portal.followups.reminders.ManualReminders`."""
    out = []
    if result.reminded:
        who = ", ".join(f"{name} ({n} việc)" for name, n in result.reminded)
        if result.queued is False:
            out.append(
                (
                    messages.WARNING,
                    f"Đã lưu {result.digests} thư nhắc; hàng đợi gửi thư đang gián đoạn, "
                    f"thư sẽ được gửi khi hàng đợi hoạt động lại. Sẽ nhắc: {who}.",
                )
            )
        else:
            out.append((messages.SUCCESS, f"Đã nhắc: {who}."))
    if result.skipped:
        times = sorted({timezone.localtime(at).strftime("%H:%M") for _, at in result.skipped})
        out.append(
            (
                messages.INFO,
                f"Bỏ qua {len(result.skipped)} việc vừa được nhắc lúc {', '.join(times)} "
                f"(mỗi việc chỉ nhắc thủ công một lần trong "
                f"{settings.FOLLOWUP_MANUAL_REMINDER_MINUTES} phút).",
            )
        )
    if result.unreachable:
        out.append(
            (
                messages.WARNING,
                f"Không gửi được nhắc nhở cho {len(result.unreachable)} việc: cơ quan, người "
                "chịu trách nhiệm chưa có tài khoản hoặc địa chỉ thư điện tử.",
            )
        )
    return out


def _permissions(access, followup) -> dict:
    def allowed(action):
        return can(access, FOLLOWUP, action, followup) and followup.allows(action)

    return {
        "can_change": can(access, FOLLOWUP, "change", followup),
        "can_history": can(access, FOLLOWUP, "history", followup),
        "can_answer": allowed("answer"),
        "can_accept": allowed("accept"),
        "can_send_back": allowed("send_back"),
        "can_extend": allowed("extend"),
        "can_close": allowed("close"),
        "can_reopen": allowed("reopen"),
        "can_remind": allowed("remind"),  # the "Nhắc" button: the bulk remind, one item
    }


@login_required
def detail(request, pk):
    access = request.access
    followup = selectors.get_followup_for_user(access, pk)
    ctx = {
        "object": followup,
        "tab": "detail",
        "today": timezone.localdate(),
        "source": selectors.followup_source(access, followup),
        "source_panel": selectors.followup_source_panel(access, followup),
        **selectors.followup_detail(followup),
        **_permissions(access, followup),
    }
    return render(request, "followups/detail.html", ctx)


@login_required
def history(request, pk):
    access = request.access
    followup = selectors.get_followup_for_user(access, pk, "history")
    ctx = {
        "object": followup,
        "tab": "history",
        "entries": history_entries(followup),
        **_permissions(access, followup),
    }
    return render(request, "followups/history.html", ctx)


def _form_page(
    request,
    form,
    *,
    title: str,
    followup=None,
    intro: str = "",
    submit: str = "Lưu",
    danger: bool = False,
):
    if request.method == "POST":
        messages.error(request, "Chưa lưu được: vui lòng sửa các lỗi được đánh dấu bên dưới.")
    return render(
        request,
        "followups/form.html",
        {
            "form": form,
            "title": title,
            "object": followup,
            "intro": intro,
            "submit": submit,
            "danger": danger,
            "cancel_url": reverse("followups-followup-detail", args=[followup.pk])
            if followup
            else reverse("followups-inbox"),
        },
    )


@login_required
def create(request):
    access = request.access
    require(access, FOLLOWUP, "add")
    form = forms.FollowUpCreateForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            followup = services.followup_create(
                council=_council(access),
                created_by=request.user,
                rule_code=data["rule_code"] or None,
                due_date=data["due_date"],
                event_on=data["event_on"],
                started_on=data["started_on"],
                **{name: data[name] for name in services.EDITABLE_FIELDS},
            )
        except RuleNotFound as exc:
            form.add_error("rule_code", exc.message)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, f"Đã tạo việc cần đôn đốc, hạn xử lý {followup.due_date:%d/%m/%Y}."
            )
            return redirect("followups-followup-detail", pk=followup.pk)
    return _form_page(request, form, title="Thêm việc cần đôn đốc")


def _council(access):
    return apps.get_model("councils", "Council").objects.get(pk=access.council_id)


@login_required
def update(request, pk):
    access = request.access
    followup = selectors.get_followup_for_user(access, pk, "change")
    form = forms.FollowUpEditForm(request.POST or None, instance=followup, access=access)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_update(
                followup=followup,
                by_user=request.user,
                **{n: form.cleaned_data[n] for n in services.EDITABLE_FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("followups-followup-detail", pk=followup.pk)
    followup.refresh_from_db()
    return _form_page(
        request,
        form,
        title=f"Sửa: {followup}",
        followup=followup,
        intro="Hạn xử lý chỉ thay đổi bằng gia hạn (có lý do, giữ hạn cũ).",
    )


def _action(
    request,
    pk,
    action: str,
    form_class,
    perform,
    *,
    title: str,
    intro: str = "",
    submit: str,
    success: str,
    danger: bool = False,
    files: bool = False,
):
    """GET: the action's form; POST: the command, then back to the item (the kernel's
    ``command_form``: a refusal under the form's fields)."""
    access = request.access
    followup = selectors.get_followup_for_user(access, pk, action)
    if not followup.allows(action):
        messages.error(request, followup.transition_error(action))
        return redirect("followups-followup-detail", pk=followup.pk)
    return command_form(
        request,
        form_class,
        lambda data: perform(followup, data, access),
        redirect_to=followup.get_absolute_url(),
        success=success,
        template="followups/form.html",
        context={
            "title": title,
            "object": followup,
            "intro": intro,
            "submit": submit,
            "danger": danger,
            "cancel_url": followup.get_absolute_url(),
        },
        files=files,
    )


@login_required
def answer(request, pk):
    def perform(followup, data, access):
        services.followup_answer(
            followup=followup,
            by_user=request.user,
            answer=data["answer"],
            files=data["files"],
            on_behalf=access.role != "agency",
        )

    intro = (
        ""
        if request.access is None or request.access.role == "agency"
        else "Nhập nội dung trả lời thay cơ quan (theo văn bản trả lời đã nhận)."
    )
    return _action(
        request,
        pk,
        "answer",
        forms.AnswerForm,
        perform,
        files=True,
        title="Trả lời, báo cáo kết quả",
        intro=intro,
        submit="Gửi trả lời",
        success="Đã ghi nhận trả lời. Việc được chuyển sang “Đã trả lời, chờ Thường trực xem xét”.",
    )


@login_required
def accept(request, pk):
    def perform(followup, data, access):
        services.followup_accept(followup=followup, by_user=request.user, note=data["note"])

    return _action(
        request,
        pk,
        "accept",
        forms.AcceptForm,
        perform,
        title="Xác nhận hoàn thành",
        intro="Thường trực HĐND chấp nhận kết quả trả lời: việc được chuyển sang “Đã hoàn thành”.",
        submit="Xác nhận hoàn thành",
        success="Đã xác nhận hoàn thành.",
    )


@login_required
def send_back(request, pk):
    def perform(followup, data, access):
        services.followup_send_back(
            followup=followup,
            by_user=request.user,
            reason=data["reason"],
            new_due_date=data["new_due_date"],
        )

    return _action(
        request,
        pk,
        "send_back",
        forms.SendBackForm,
        perform,
        title="Trả lại, yêu cầu trả lời tiếp",
        intro="Việc được mở lại để cơ quan trả lời tiếp; nội dung đã trả lời vẫn được lưu.",
        submit="Trả lại",
        success="Đã trả lại: việc được mở lại để cơ quan trả lời tiếp.",
        danger=True,
    )


@login_required
def extend(request, pk):
    def perform(followup, data, access):
        services.followup_extend(
            followup=followup,
            by_user=request.user,
            new_due_date=data["new_due_date"],
            reason=data["reason"],
            document=data["document"],
        )

    return _action(
        request,
        pk,
        "extend",
        forms.ExtendForm,
        perform,
        title="Gia hạn",
        intro="Hạn hiện tại được lưu lại trong lịch sử gia hạn.",
        submit="Gia hạn",
        success="Đã gia hạn.",
    )


@login_required
def close(request, pk):
    def perform(followup, data, access):
        services.followup_close(followup=followup, by_user=request.user, reason=data["reason"])

    return _action(
        request,
        pk,
        "close",
        forms.CloseForm,
        perform,
        title="Đóng, không có kết quả",
        submit="Đóng việc",
        success="Đã đóng việc.",
        danger=True,
    )


@login_required
def reopen(request, pk):
    def perform(followup, data, access):
        services.followup_reopen(
            followup=followup,
            by_user=request.user,
            reason=data["reason"],
            new_due_date=data["new_due_date"],
        )

    return _action(
        request,
        pk,
        "reopen",
        forms.ReopenForm,
        perform,
        title="Mở lại",
        intro="Các lần trả lời trước vẫn được lưu.",
        submit="Mở lại",
        success="Đã mở lại việc.",
    )


@login_required
def attachment(request, pk):
    """Files are served only to those who may see the follow-up."""
    item = selectors.get_attachment_for_user(request.access, pk)
    return stored_file_response(item.file, filename=item.name)


# -- rules and days off: generic resource pages ------------------------------------------
def _rule_usage(request, rule):
    return {"usage_count": rule.followup_set.count()}


deadline_rule = Resource(
    DeadlineRule,
    filters.DeadlineRuleFilter,
    forms.DeadlineRuleForm,
    url_prefix="rules",
    select_related=("council",),
    ordering=("code", "-valid_from"),
    command=services.deadline_rule_command,
    # The code identifies a rule's versions; users read its name (only those who
    # add versions see the code, on the rule's page).
    columns=[
        ("Tên", "name"),
        ("Thời hạn", "duration"),
        ("Căn cứ", "citation"),
        ("Hiệu lực từ", "valid_from"),
        ("Hết hiệu lực từ", "valid_to"),
        ("Giá trị cài đặt", "is_setting"),
        ("Phạm vi", "scope_label"),
    ],
    detail_fields=[
        ("Tên", "name"),
        ("Thời hạn", "duration"),
        ("Căn cứ pháp lý", "legal_source"),
        ("Điều, khoản", "article"),
        ("Có hiệu lực từ", "valid_from"),
        ("Hết hiệu lực từ", "valid_to"),
        ("Là giá trị cài đặt", "is_setting"),
        ("Phạm vi", "scope_label"),
        ("Ghi chú", "note"),
    ],
    detail_template="followups/rule_detail.html",
    extra_detail_context=_rule_usage,
)
day_off = Resource(
    DayOff,
    filters.DayOffFilter,
    forms.DayOffForm,
    url_prefix="days-off",
    select_related=("council",),
    ordering=("-date",),
    command=services.day_off_save,
    list_template="followups/dayoff_list.html",  # with the public holidays the calendar counts
    columns=[("Ngày", "date"), ("Loại", "kind"), ("Lý do", "name"), ("Phạm vi", "scope_label")],
    detail_fields=[
        ("Ngày", "date"),
        ("Loại", "kind"),
        ("Lý do", "name"),
        ("Phạm vi", "scope_label"),
    ],
)
RESOURCES = [deadline_rule, day_off]

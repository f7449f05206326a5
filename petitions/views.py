"""Pages of citizen reception and letters (Resource pages plus the letter's actions)."""

import datetime as dt
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone

from hdnd_portal.core.actions import command_form
from hdnd_portal.core.inputs import parse_year
from hdnd_portal.core.permissions import can, get_object_for_user, require
from hdnd_portal.core.resources import Resource
from hdnd_portal.documents.printing import document_kind, print_url
from hdnd_portal.followups.selectors import followups_for_source
from petitions import counts, filters, forms, selectors, services
from petitions.crypto import mask_id
from petitions.models import (
    PROTECTED_KINDS,
    IdentityAccess,
    Letter,
    PetitionReport,
    PetitionSetting,
    Reception,
    ReceptionSchedule,
)
from petitions.policies import LETTER, PERSONAL_DATA, RECEPTION, REPORT
from petitions.reports import FORWARDING_SLIP, PERIODIC_REPORT, RECEPTION_LOG


def _yes(value: bool) -> str:
    return "Có" if value else "Không"


def _protection(obj) -> str:
    """The detail page's line on the stored protection (and why it was lifted)."""
    if obj.is_protected:
        return "Có (chỉ người được giao xử lý xem được danh tính)"
    if obj.protection_lift_reason:
        return f"Đã bỏ bảo mật: {obj.protection_lift_reason}"
    return "Không"


# -- what a detail page shows: the one read model (selectors.protected_view) -------------------


def reception_fields(obj: Reception, access) -> list[tuple[str, object]]:
    shown = selectors.protected_view(obj, access, reveal=True)
    return [
        ("Ngày tiếp", obj.received_on),
        ("Địa điểm", obj.place),
        ("Theo lịch tiếp", obj.schedule),
        ("Người tiếp", obj.receivers_label),
        ("Họ tên công dân", shown["citizen_name"]),
        ("Số CCCD/hộ chiếu", shown["citizen_id_number"]),
        ("Địa chỉ", shown["citizen_address"]),
        ("Số người", obj.group_size),
        ("Người đại diện", shown["representatives"]),
        ("Phân loại", obj.get_kind_display()),
        ("Bảo mật danh tính người tố cáo", _protection(obj)),
        ("Nội dung vụ việc", obj.content),
        ("Giấy tờ, tài liệu", obj.documents),
        ("Cơ quan đã giải quyết", obj.prior_body),
        ("Thuộc thẩm quyền", _yes(obj.within_authority)),
        ("Hướng xử lý", obj.get_outcome_display()),
        ("Văn bản hướng dẫn", obj.guidance_document),
        ("Văn bản chuyển đơn", obj.forward_document),
        ("Theo dõi kết quả", obj.result),
        ("Ghi chú", obj.note),
        ("Đơn thư đã vào sổ", ", ".join(str(x) for x in obj.letters.all())),
    ]


def letter_fields(obj: Letter, access) -> list[tuple[str, object]]:
    shown = selectors.protected_view(obj, access, reveal=True)
    return [
        ("Số vào sổ", obj.code),
        ("Nguồn đơn", obj.get_source_display()),
        ("Lượt tiếp công dân", obj.reception),
        ("Đại biểu nhận đơn", obj.delegate),
        ("Ngày nhận đơn", obj.received_on),
        ("Đơn đề ngày", obj.letter_date),
        ("Phân loại", obj.get_kind_display()),
        ("Bảo mật danh tính người tố cáo", _protection(obj)),
        ("Người gửi đơn", shown["sender_name"]),
        ("Số CCCD/hộ chiếu", shown["sender_id_number"]),
        ("Địa chỉ người gửi", shown["sender_address"]),
        ("Điện thoại người gửi", shown["sender_phone"]),
        ("Số người cùng nội dung", obj.group_size),
        ("Đơn nặc danh, mạo danh", _yes(obj.anonymous)),
        ("Tóm tắt nội dung", shown["subject"]),
        ("Nội dung đơn", shown["content"]),
        ("Khiếu nại lần", obj.get_complaint_round_display()),
        ("Mức độ phức tạp", obj.get_complexity_display()),
        ("Đủ điều kiện xử lý", _yes(obj.eligible)),
        ("Lý do không đủ điều kiện", obj.ineligible_reason),
        ("Trùng với đơn", shown.duplicate or shown.duplicate_note),
        ("Tình trạng", obj.get_state_display()),
        ("Cơ quan có thẩm quyền", obj.agency),
        ("Ngày chuyển đơn", obj.forwarded_on),
        ("Số văn bản chuyển đơn", obj.forward_document),
        *(
            [("Số cũ (nhập tay, không dùng)", obj.forward_document_old)]
            if obj.forward_document_old
            else []
        ),
        ("Ngày cơ quan có thẩm quyền nhận đơn", obj.body_received_on),
        ("Ngày thụ lý", obj.accepted_on),
        ("Số quyết định, thông báo thụ lý", obj.acceptance_document),
        ("Nội dung hướng dẫn", obj.guidance),
        ("Kết quả giải quyết", obj.result),
        ("Số quyết định giải quyết", obj.decision_document),
        ("Ngày quyết định giải quyết", obj.decided_on),
        (
            "Người được giao xử lý",
            ", ".join(u.get_full_name() or u.username for u in obj.handlers.all()),
        ),
    ]


def _shown_on_page(request, obj) -> dict:
    """The detail page's showing: the banner flags, and one access-log row when it reveals a
    protected identity (the fields above are built from the same view, without writing)."""
    access = request.access
    shown = selectors.protected_view(obj, access, reveal=True)
    services.identity_showing_log(
        view=shown, access=access, purpose=IdentityAccess.Purpose.PAGE, page=request.path
    )
    return {
        "revealed": shown.revealed,
        "masked": shown.masked,
        "followups": followups_for_source(access, obj),
        "duplicate": shown.duplicate,
        "duplicate_note": shown.duplicate_note,
        "can_lift": obj.identity_protected
        and obj.kind not in PROTECTED_KINDS
        and obj.manages_identity(access),
        "lift_url": reverse(f"petitions-{obj._meta.model_name}-lift", args=[obj.pk]),
    }


def _shown_in_form(request, form, obj) -> dict:
    """The edit form shows what the detail page shows (``_leave_out_hidden``): a protected
    identity it holds is a showing, logged once each time the form is shown (a save redirects,
    and the detail page it leads to logs its own)."""
    shown = getattr(form, "shown", None)
    if obj is None or shown is None:
        return {}
    services.identity_showing_log(
        view=shown, access=request.access, purpose=IdentityAccess.Purpose.FORM, page=request.path
    )
    return {"revealed": shown.revealed}


def _history_mask(obj, access) -> frozenset[str]:
    """The history page hides what the detail page hides; a revealed identity is a showing."""
    shown = selectors.protected_view(obj, access, reveal=True)
    services.identity_showing_log(
        view=shown,
        access=access,
        purpose=IdentityAccess.Purpose.PAGE,
        page=reverse(f"petitions-{obj._meta.model_name}-history", args=[obj.pk]),
    )
    return shown.hidden


def _letter_actions(request, letter):
    access = request.access
    ctx = _shown_on_page(request, letter)
    slip = document_kind(FORWARDING_SLIP)
    open_state = letter.state == Letter.State.RECEIVED
    return {
        **ctx,
        "can_forward": open_state and letter.eligible and can(access, LETTER, "forward", letter),
        "can_guide": open_state and can(access, LETTER, "forward", letter),
        "can_result": letter.state == Letter.State.FORWARDED
        and can(access, LETTER, "forward", letter),
        "can_extend": letter.state == Letter.State.FORWARDED
        and can(access, LETTER, "extend", letter),
        "can_receipt": letter.state == Letter.State.FORWARDED
        and letter.accepted_on is None
        and can(access, LETTER, "forward", letter),
        "can_accept": letter.state == Letter.State.FORWARDED
        and letter.kind in services.ACCEPTING_KINDS
        and letter.accepted_on is None
        and can(access, LETTER, "forward", letter),
        "can_assign": can(access, LETTER, "assign", letter),
        "slip_url": print_url(slip, letter.pk) if letter.agency_id else "",
        "slip_docx_url": print_url(slip, letter.pk, docx=True) if letter.agency_id else "",
        "duplicates": selectors.duplicates_shown(letter, access),
    }


reception = Resource(
    Reception,
    filters.ReceptionFilter,
    forms.ReceptionForm,
    selector=selectors.reception_list,
    url_prefix="receptions",
    columns=[
        ("Ngày tiếp", "received_on"),
        ("Công dân", selectors.listed("citizen_name")),
        ("CCCD/hộ chiếu", selectors.listed("citizen_id_number")),
        ("Phân loại", "kind"),
        ("Nội dung", "content"),
        ("Người tiếp", "receivers_label"),
        ("Hướng xử lý", "outcome"),
    ],
    export_columns=[
        ("Ngày tiếp", "received_on"),
        ("Địa điểm", "place"),
        ("Họ tên công dân", selectors.listed("citizen_name")),
        ("CCCD/hộ chiếu", selectors.listed("citizen_id_number")),
        ("Số người", "group_size"),
        ("Phân loại", "kind"),
        ("Nội dung vụ việc", "content"),
        ("Cơ quan đã giải quyết", "prior_body"),
        ("Thuộc thẩm quyền", "within_authority"),
        ("Hướng xử lý", "outcome"),
        ("Văn bản hướng dẫn", "guidance_document"),
        ("Văn bản chuyển đơn", "forward_document"),
        ("Theo dõi kết quả", "result"),
        ("Người tiếp", "receivers_label"),
        ("Ghi chú", "note"),
    ],
    detail_fields=reception_fields,
    detail_template="petitions/reception_detail.html",
    extra_detail_context=_shown_on_page,
    form_template="petitions/protected_form.html",
    extra_form_context=_shown_in_form,
    history_mask=_history_mask,
    command=services.reception_save,
)

letter = Resource(
    Letter,
    filters.LetterFilter,
    forms.LetterForm,
    selector=selectors.letter_list,
    url_prefix="letters",
    search_through=("agency",),
    columns=[
        ("Số", "code"),
        ("Ngày nhận", "received_on"),
        ("Người gửi", selectors.listed("sender_name")),
        ("Phân loại", "kind"),
        ("Tóm tắt", selectors.listed("subject")),
        ("Tình trạng", "state"),
        ("Cơ quan có thẩm quyền", "agency__name"),
        ("Trùng với", selectors.listed_duplicate),
    ],
    export_columns=[
        ("Số", "code"),
        ("Ngày nhận", "received_on"),
        ("Nguồn đơn", "source"),
        ("Người gửi", selectors.listed("sender_name")),
        ("CCCD/hộ chiếu", selectors.listed("sender_id_number")),
        ("Số người", "group_size"),
        ("Phân loại", "kind"),
        ("Tóm tắt", selectors.listed("subject")),
        ("Đủ điều kiện", "eligible"),
        ("Lý do", "ineligible_reason"),
        ("Tình trạng", "state"),
        ("Cơ quan có thẩm quyền", "agency__name"),
        ("Ngày chuyển", "forwarded_on"),
        ("Trùng với", selectors.listed_duplicate),
    ],
    detail_fields=letter_fields,
    detail_template="petitions/letter_detail.html",
    extra_detail_context=_letter_actions,
    form_template="petitions/protected_form.html",
    extra_form_context=_shown_in_form,
    history_mask=_history_mask,
    command=services.letter_save,
)

schedule = Resource(
    ReceptionSchedule,
    filters.ScheduleFilter,
    forms.ScheduleForm,
    selector=selectors.schedule_list,
    url_prefix="schedule",
    columns=[
        ("Ngày tiếp", "date"),
        ("Người tiếp", "host"),
        ("Đại biểu", lambda s: ", ".join(d.full_name for d in s.delegates.all())),
        ("Địa điểm", "place"),
    ],
    detail_fields=[
        ("Ngày tiếp", "date"),
        ("Người tiếp", "host"),
        ("Đại biểu", lambda s: ", ".join(d.full_name for d in s.delegates.all())),
        ("Địa điểm", "place"),
        ("Ghi chú", "note"),
    ],
)


def _report_context(request, report):
    access = request.access
    return {
        "counts": counts.letter_counts(
            council_id=report.council_id, start=report.period_start, end=report.period_end
        ),
        "shortfall": counts.delegate_shortfall(
            council_id=report.council_id, start=report.period_start, end=report.period_end
        ),
        "prints": [
            (
                label,
                print_url(document_kind(code), report.pk),
                print_url(document_kind(code), report.pk, docx=True),
            )
            for label, code in (
                ("Sổ tiếp công dân", RECEPTION_LOG),
                ("Báo cáo công tác tiếp công dân, xử lý đơn thư", PERIODIC_REPORT),
            )
        ]
        if can(access, REPORT, "export")
        else [],
        # The log and the report of the period, each with its number once issued.
        "report_documents": [(report, RECEPTION_LOG), (report, PERIODIC_REPORT)],
    }


report = Resource(
    PetitionReport,
    None,
    forms.ReportForm,
    selector=selectors.report_list,
    url_prefix="reports",
    columns=[("Kỳ báo cáo", "title"), ("Từ ngày", "period_start"), ("Đến ngày", "period_end")],
    detail_template="petitions/report_detail.html",
    extra_detail_context=_report_context,
)

setting = Resource(
    PetitionSetting,
    None,
    forms.SettingForm,
    selector=selectors.setting_list,
    url_prefix="settings",
    columns=[
        ("Từ ngày", "start_date"),
        ("Đến ngày", "end_date"),
        ("Số buổi tiếp/đại biểu/năm", "delegate_receptions_per_year"),
        ("Lưu sổ tiếp (năm)", "retention_years_reception"),
        ("Lưu đơn thư (năm)", "retention_years_letter"),
        ("Gia hạn tố cáo tối đa (ngày/lần)", "denunciation_extension_days"),
    ],
)

access_log = Resource(
    IdentityAccess,
    filters.IdentityAccessFilter,
    None,
    selector=selectors.access_log_list,
    url_prefix="identity-log",
    columns=[
        ("Thời điểm", "accessed_at"),
        ("Người truy cập", lambda a: a.user.get_full_name() or a.user.username if a.user else ""),
        ("Đơn thư", "letter"),
        ("Lượt tiếp", "reception"),
        ("Mục đích", "purpose"),
        ("Trang", "page"),
    ],
)


# -- the letter's actions ---------------------------------------------------------------


def _letter_for(request, pk, action):
    access = request.access
    require(access, LETTER, "view")
    return get_object_for_user(access, selectors.letter_list(access=access), pk, LETTER, action)


def _action_page(request, letter_obj, form, title, button, note=""):
    return render(
        request,
        "petitions/letter_action.html",
        {
            "object": letter_obj,
            "form": form,
            "title": title,
            "button": button,
            "note": note,
            "list_url": reverse("petitions-letter-list"),
            "detail_url": letter_obj.get_absolute_url(),
        },
    )


def _apply(request, form, fn):
    """Run a service; its ValidationError lands on the form's fields (nothing half-saved)."""
    try:
        with transaction.atomic():
            fn()
        return True
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
        for field, msgs in errors.items():
            for msg in msgs:
                form.add_error(field if field in form.fields else None, msg)
        messages.error(request, "Chưa lưu được: vui lòng sửa các lỗi được đánh dấu bên dưới.")
        return False


@login_required
def letter_forward(request, pk):
    obj = _letter_for(request, pk, "forward")
    form = forms.ForwardForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(
            request,
            form,
            lambda: services.letter_forward(
                letter=obj,
                agency=data["agency"],
                by_user=request.user,
                on=data["forwarded_on"],
            ),
        ):
            messages.success(
                request,
                f"Đã chuyển {obj} đến {data['agency'].name}. Bấm “Cấp số và in” phiếu chuyển "
                "đơn để lấy số văn bản chuyển đơn từ Sổ văn bản.",
            )
            return redirect(obj.get_absolute_url())
    return _action_page(
        request,
        obj,
        form,
        "Chuyển đơn đến cơ quan có thẩm quyền",
        "Chuyển đơn",
        "Thời hạn thụ lý (hoặc trả lời) của cơ quan tính từ ngày cơ quan nhận đơn, mặc định là "
        "ngày chuyển. Đơn khiếu nại chỉ chuyển đến cơ quan có thẩm quyền giải quyết khiếu nại.",
    )


@login_required
def letter_guide(request, pk):
    obj = _letter_for(request, pk, "forward")
    form = forms.GuideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _apply(
            request,
            form,
            lambda: services.letter_guide(
                letter=obj, guidance=form.cleaned_data["guidance"], by_user=request.user
            ),
        ):
            messages.success(request, "Đã ghi nội dung hướng dẫn công dân.")
            return redirect(obj.get_absolute_url())
    return _action_page(request, obj, form, "Hướng dẫn công dân", "Lưu hướng dẫn")


@login_required
def letter_result(request, pk):
    obj = _letter_for(request, pk, "forward")
    form = forms.ResultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _apply(
            request,
            form,
            lambda: services.letter_record_result(
                letter=obj,
                result=form.cleaned_data["result"],
                decision_document=form.cleaned_data["decision_document"],
                decided_on=form.cleaned_data["decided_on"],
                by_user=request.user,
            ),
        ):
            messages.success(request, "Đã ghi kết quả giải quyết.")
            return redirect(obj.get_absolute_url())
    return _action_page(request, obj, form, "Kết quả giải quyết", "Lưu kết quả")


@login_required
def letter_receipt(request, pk):
    obj = _letter_for(request, pk, "forward")
    form = forms.ReceiptForm(request.POST or None, initial={"body_received_on": obj.forwarded_on})
    if request.method == "POST" and form.is_valid():
        if _apply(
            request,
            form,
            lambda: services.letter_body_receipt(
                letter=obj,
                received_on=form.cleaned_data["body_received_on"],
                by_user=request.user,
            ),
        ):
            messages.success(request, "Đã ghi ngày cơ quan nhận đơn; thời hạn được tính lại.")
            return redirect(obj.get_absolute_url())
    return _action_page(
        request,
        obj,
        form,
        "Ngày cơ quan có thẩm quyền nhận đơn",
        "Lưu ngày nhận",
        "Thời hạn thụ lý (hoặc trả lời) tính từ ngày cơ quan nhận đơn; mặc định là ngày chuyển.",
    )


@login_required
def letter_accept(request, pk):
    obj = _letter_for(request, pk, "forward")
    form = forms.AcceptanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(
            request,
            form,
            lambda: services.letter_record_acceptance(
                letter=obj,
                accepted_on=data["accepted_on"],
                document=data["acceptance_document"],
                by_user=request.user,
            ),
        ):
            messages.success(request, "Đã ghi thụ lý; thời hạn giải quyết tính từ ngày thụ lý.")
            return redirect(obj.get_absolute_url())
    return _action_page(
        request,
        obj,
        form,
        "Cơ quan có thẩm quyền thụ lý",
        "Ghi thụ lý",
        "Thời hạn giải quyết tính từ ngày thụ lý (Điều 28 Luật Khiếu nại; Điều 30 Luật Tố cáo).",
    )


@login_required
def letter_extend(request, pk):
    obj = _letter_for(request, pk, "extend")
    form = forms.ExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(
            request,
            form,
            lambda: services.letter_extend(
                letter=obj,
                new_due_date=data["new_due_date"],
                reason=data["reason"],
                document=data["document"],
                by_user=request.user,
            ),
        ):
            messages.success(request, "Đã gia hạn thời hạn giải quyết.")
            return redirect(obj.get_absolute_url())
    return _action_page(
        request,
        obj,
        form,
        "Gia hạn giải quyết",
        "Gia hạn",
        "Tố cáo: vụ việc phức tạp gia hạn 1 lần, đặc biệt phức tạp 2 lần, mỗi lần không quá "
        "30 ngày, bằng văn bản (Điều 30 Luật Tố cáo 25/2018/QH14).",
    )


@login_required
def letter_assign(request, pk):
    obj = _letter_for(request, pk, "assign")
    form = forms.AssignForm(
        request.POST or None,
        access=request.access,
        initial={"handlers": list(obj.handlers.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        if _apply(
            request,
            form,
            lambda: services.letter_assign(
                letter=obj, users=form.cleaned_data["handlers"], by_user=request.user
            ),
        ):
            messages.success(request, "Đã cập nhật người được giao xử lý.")
            return redirect(obj.get_absolute_url())
    return _action_page(
        request,
        obj,
        form,
        "Giao người xử lý đơn",
        "Lưu",
        "Chỉ người được giao xử lý (và quản trị hệ thống) được xem danh tính người tố cáo.",
    )


# -- lifting a protection (the handler only) ------------------------------------------


def _protection_lift_page(request, pk, *, policy, selector, command, list_label, list_name):
    access = request.access
    require(access, policy, "view")
    obj = get_object_for_user(access, selector(access=access), pk, policy)
    if not obj.manages_identity(access):
        raise PermissionDenied
    return command_form(
        request,
        forms.ProtectionLiftForm,
        lambda data: command(access=access, instance=obj, reason=data["reason"]),
        redirect_to=obj.get_absolute_url(),
        success="Đã bỏ bảo mật danh tính người gửi; lý do đã được ghi vào lịch sử.",
        template="petitions/letter_action.html",
        context={
            "object": obj,
            "title": "Bỏ bảo mật danh tính",
            "button": "Bỏ bảo mật",
            "note": "Chỉ bỏ bảo mật khi hồ sơ không còn nội dung tố cáo, hoặc người tố cáo đã "
            "tự công khai danh tính (khoản 2 Điều 47 Luật Tố cáo). Sau khi bỏ, mọi người đọc "
            "hồ sơ đều thấy họ tên, địa chỉ, điện thoại của người gửi.",
            "list_url": reverse(list_name),
            "list_label": list_label,
            "detail_url": obj.get_absolute_url(),
        },
    )


@login_required
def letter_protection_lift(request, pk):
    return _protection_lift_page(
        request,
        pk,
        policy=LETTER,
        selector=selectors.letter_list,
        command=services.letter_protection_lift,
        list_label="Đơn thư",
        list_name="petitions-letter-list",
    )


@login_required
def reception_protection_lift(request, pk):
    return _protection_lift_page(
        request,
        pk,
        policy=RECEPTION,
        selector=selectors.reception_list,
        command=services.reception_protection_lift,
        list_label="Sổ tiếp công dân",
        list_name="petitions-reception-list",
    )


# -- target 1.5 and personal data ------------------------------------------------------


@login_required
def shortfall(request):
    access = request.access
    require(access, RECEPTION, "view")
    today = timezone.localdate()
    year = parse_year(request.GET.get("year"), today.year)
    start = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), today) if year == today.year else dt.date(year, 12, 31)
    data = counts.delegate_shortfall(council_id=access.council_id, start=start, end=end)
    return render(
        request,
        "petitions/shortfall.html",
        {"data": data, "year": year, "years": range(today.year - 4, today.year + 1)},
    )


@login_required
def citizen_export(request):
    """Everything held about one citizen (LEGAL.md §10), as JSON; each export is logged."""
    access = request.access
    require(access, PERSONAL_DATA, "export")
    form = forms.CitizenExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        query = form.cleaned_data["query"].strip()
        data = selectors.citizen_data(access=access, query=query)
        services.identity_access_log(
            access=access,
            purpose=IdentityAccess.Purpose.EXPORT,
            page=request.path,
            detail=f"Tra cứu: {mask_id(query) if any(c.isdigit() for c in query) else 'theo họ tên'}; "
            f"{len(data['receptions'])} lượt tiếp, {len(data['letters'])} đơn",
        )
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="du-lieu-cong-dan.json"'
        return response
    return render(request, "petitions/citizen_export.html", {"form": form})


def urlpatterns_for_views():
    return [
        *reception.urls(),
        *letter.urls(),
        *schedule.urls(),
        *report.urls(),
        *setting.urls(),
        *access_log.urls(),
        path("letters/<int:pk>/forward/", letter_forward, name="petitions-letter-forward"),
        path("letters/<int:pk>/guide/", letter_guide, name="petitions-letter-guide"),
        path("letters/<int:pk>/result/", letter_result, name="petitions-letter-result"),
        path("letters/<int:pk>/receipt/", letter_receipt, name="petitions-letter-receipt"),
        path("letters/<int:pk>/accept/", letter_accept, name="petitions-letter-accept"),
        path("letters/<int:pk>/extend/", letter_extend, name="petitions-letter-extend"),
        path("letters/<int:pk>/assign/", letter_assign, name="petitions-letter-assign"),
        path("letters/<int:pk>/lift/", letter_protection_lift, name="petitions-letter-lift"),
        path(
            "receptions/<int:pk>/lift/",
            reception_protection_lift,
            name="petitions-reception-lift",
        ),
        path("shortfall/", shortfall, name="petitions-shortfall"),
        path("citizen-export/", citizen_export, name="petitions-citizen-export"),
    ]

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from councils import filters, forms, selectors, services
from councils.home import my_delegate
from councils.middleware import SESSION_KEY
from councils.models import (
    Agency,
    Committee,
    Constituency,
    Delegate,
    Dissemination,
    InformationBrief,
    MandateEnd,
    Membership,
    PartyCell,
    PartyCellMembers,
    PartyDocument,
    Term,
    Training,
)
from hdnd_portal.core.actions import command_button
from hdnd_portal.core.permissions import can, require
from hdnd_portal.core.profile import delegate_sections
from hdnd_portal.core.resources import Resource
from hdnd_portal.followups.selectors import followups_for_source


def _delegate_profile(request, delegate):
    memberships = delegate.memberships.select_related("committee").order_by("-start_date")
    return {
        "memberships": memberships,
        "sections": delegate_sections(request, delegate),
        # What was forwarded about this delegate (đôn đốc), shown under the profile.
        "followups": followups_for_source(request.access, delegate),
    }


term = Resource(
    Term,
    filters.TermFilter,
    forms.TermForm,
    selector=selectors.term_list,
    columns=[
        ("Nhiệm kỳ", "name"),
        ("Khóa", "number_label"),
        ("Ngày bầu cử", "election_date"),
        ("Bắt đầu", "start_date"),
        ("Kết thúc", "end_date"),
    ],
    # "Khóa II", never the stored number "2".
    detail_fields=[
        ("Nhiệm kỳ", "name"),
        ("Khóa", "number_label"),
        ("Ngày bầu cử", "election_date"),
        ("Ngày bắt đầu", "start_date"),
        ("Ngày kết thúc", "end_date"),
        # The delegates' mandates begin on it (set when Kỳ họp thứ nhất opens).
        ("Ngày khai mạc kỳ họp thứ nhất", "first_session_on"),
        ("Ghi chú", "note"),
    ],
)
constituency = Resource(
    Constituency,
    filters.ConstituencyFilter,
    forms.ConstituencyForm,
    selector=selectors.constituency_list,
    columns=[
        ("Số", "number"),
        ("Tên", "name"),
        ("Địa bàn", "area"),
        ("Số đại biểu", "seats"),
        ("Nhiệm kỳ", "term__name"),
    ],
)
committee = Resource(
    Committee,
    filters.CommitteeFilter,
    forms.CommitteeForm,
    selector=selectors.committee_list,
    columns=[
        ("Tên", "name"),
        ("Loại", "kind"),
        ("Ký hiệu", "code"),
        ("Địa bàn", "area"),
        ("Nhiệm kỳ", "term__name"),
    ],
)
delegate = Resource(
    Delegate,
    filters.DelegateFilter,
    forms.DelegateForm,
    selector=selectors.delegate_list,
    columns=[
        ("Họ và tên", "full_name"),
        ("Chức vụ", "position"),
        ("Tổ đại biểu", "delegate_group__name"),
        ("Đơn vị bầu cử", "constituency__number"),
        ("Hình thức", "employment"),
        ("Lần đầu", "is_first_term"),
        ("Nhiệm kỳ", "term__name"),
    ],
    export_columns=[
        ("Họ và tên", "full_name"),
        ("Giới tính", "gender"),
        ("Ngày sinh", "birth_date"),
        ("Chức vụ", "position"),
        ("Nơi công tác", "workplace"),
        ("Tổ đại biểu", "delegate_group__name"),
        ("Đơn vị bầu cử", "constituency__name"),
        ("Hình thức", "employment"),
        ("Lần đầu làm đại biểu", "is_first_term"),
        ("Điện thoại", "phone"),
        ("Thư điện tử", "email"),
        ("Ngày bắt đầu", "start_date"),
        ("Ngày thôi", "end_date"),
        ("Nhiệm kỳ", "term__name"),
    ],
    detail_template="councils/delegate_detail.html",
    list_template="councils/delegate_list.html",
    form_template="councils/delegate_form.html",  # the delegate's self-service note
    extra_detail_context=_delegate_profile,
)
membership = Resource(
    Membership,
    filters.MembershipFilter,
    forms.MembershipForm,
    selector=selectors.membership_list,
    # "nguyen van" finds the memberships of that delegate, "ban phap che" those of the committee.
    search_through=("delegate", "committee"),
    columns=[
        ("Đại biểu", "delegate__full_name"),
        ("Chức vụ", "role"),
        ("Thường trực/Ban/Tổ", "committee__name"),
        ("Từ ngày", "start_date"),
        ("Đến ngày", "end_date"),
        ("Nhiệm kỳ", "committee__term__name"),
    ],
)
agency = Resource(
    Agency,
    filters.AgencyFilter,
    forms.AgencyForm,
    selector=selectors.agency_list,
    list_template="councils/agency_list.html",
    columns=[
        ("Tên cơ quan", "name"),
        ("Viết tắt", "short_name"),
        ("Loại", "kind"),
        ("Trực thuộc", "parent__name"),
        ("Người đứng đầu", "head_name"),
        ("Thư điện tử", "email"),
        ("Đang hoạt động", "active"),
    ],
)
partycell = Resource(
    PartyCell,
    filters.PartyCellFilter,
    forms.PartyCellForm,
    selector=selectors.partycell_list,
    columns=[
        ("Tên chi bộ", "name"),
        ("Bí thư", "secretary"),
        ("Số đảng viên", "member_count"),
        ("Giải thể/sáp nhập", "end_date"),
    ],
)

training = Resource(
    Training,
    filters.TrainingFilter,
    forms.TrainingForm,
    selector=selectors.training_list,
    command=services.training_save,
    list_template="councils/training_list.html",
    export_columns=[
        ("Lớp tập huấn, bồi dưỡng", "course"),
        ("Đơn vị tổ chức", "organiser"),
        ("Từ ngày", "start_date"),
        ("Đến ngày", "end_date"),
        ("Địa điểm", "place"),
        ("Nội dung, kỹ năng", "topics_display"),
        ("Hình thức", "mode"),
        ("Số giờ", "hours"),
        ("Số đại biểu", "trainee_count"),
    ],
    columns=[
        ("Lớp tập huấn, bồi dưỡng", "course"),
        ("Đơn vị tổ chức", "organiser"),
        ("Từ ngày", "start_date"),
        ("Đến ngày", "end_date"),
        ("Nội dung, kỹ năng", "topics_display"),
        ("Hình thức", "mode"),
        ("Số giờ", "hours"),
        ("Số đại biểu", "trainee_count"),
    ],
    detail_fields=[
        ("Lớp tập huấn, bồi dưỡng", "course"),
        ("Đơn vị tổ chức", "organiser"),
        ("Ngày bắt đầu", "start_date"),
        ("Ngày kết thúc", "end_date"),
        ("Địa điểm", "place"),
        ("Nội dung, kỹ năng", "topics_display"),
        ("Hình thức", "mode"),
        ("Số giờ", "hours"),
        ("Đại biểu được tập huấn", "trainee_names"),
        ("Giấy chứng nhận", "certificate"),
        ("Ghi chú", "note"),
    ],
)
dissemination = Resource(
    Dissemination,
    filters.DisseminationFilter,
    forms.DisseminationForm,
    selector=selectors.dissemination_list,
    command=services.dissemination_save,
    list_template="councils/dissemination_list.html",
    search_through=("party_cell",),
    columns=[
        ("Chi bộ", "party_cell__name"),
        ("Ngày quán triệt", "held_on"),
        ("Văn bản được quán triệt", "document"),
        ("Người quán triệt", "presenter"),
        ("Đảng viên dự/của chi bộ", "attendance_label"),
        ("Bổ sung", "supplementary"),
    ],
    export_columns=[
        ("Chi bộ", "party_cell__name"),
        ("Ngày quán triệt", "held_on"),
        ("Văn bản được quán triệt", "document"),
        ("Người quán triệt", "presenter"),
        ("Số đảng viên dự", "attendance"),
        ("Số đảng viên của chi bộ", "cell_members"),
        ("Quán triệt bổ sung", "supplementary"),
    ],
)
partycellmembers = Resource(
    PartyCellMembers,
    filters.PartyCellMembersFilter,
    forms.PartyCellMembersForm,
    selector=selectors.partycellmembers_list,
    command=services.partycell_members_save,
    search_through=("party_cell",),
    columns=[
        ("Chi bộ", "party_cell__name"),
        ("Từ ngày", "since"),
        ("Số đảng viên", "member_count"),
        ("Ghi chú", "note"),
    ],
)


@login_required
def training_newcomers(request):
    """ "Đại biểu mới được bồi dưỡng trước" (the plan, 2.2.1): the first-term delegates in
    office trained this year and those not yet, beside the other delegates' figure."""
    access = request.access
    require(access, "councils.training", "view")
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    if not 1945 <= year <= 2100:
        year = timezone.localdate().year
    data = selectors.first_term_training(access=access, year=year)
    return render(
        request,
        "councils/training_newcomers.html",
        {**data, "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1)},
    )


def _brief_context(request, brief):
    access = request.access
    context = {"can_acknowledge": can(access, "councils.informationbrief", "acknowledge", brief)}
    if access.delegate_id is not None:
        mine = brief.acknowledgements.filter(delegate_id=access.delegate_id).first()
        context["my_acknowledgement"] = mine
    if can(access, "councils.informationbrief", "change", brief):
        # The Office sees who has not acknowledged (first) and when the others did.
        recipients = selectors.brief_recipients(brief)
        context["recipients"] = recipients
        context["pending"] = sum(1 for d in recipients if d.acknowledged_at is None)
    return context


informationbrief = Resource(
    InformationBrief,
    filters.InformationBriefFilter,
    forms.InformationBriefForm,
    selector=selectors.informationbrief_list,
    detail_template="councils/informationbrief_detail.html",
    columns=[
        ("Tiêu đề", "title"),
        ("Kỳ thông tin", "period"),
        ("Ngày gửi", "sent_on"),
        ("Đơn vị gửi", "sender"),
        ("Số đại biểu đã đọc", "acknowledged_count"),
    ],
    detail_fields=[
        ("Tiêu đề", "title"),
        ("Kỳ thông tin", "period"),
        ("Ngày gửi", "sent_on"),
        ("Đơn vị gửi", "sender"),
        ("Nội dung", "content"),
    ],
    extra_detail_context=_brief_context,
)


@login_required
@require_POST
def brief_acknowledge(request, pk: int):
    """ "Đã nhận, đã đọc": the delegate's button on the brief's page and on their home page."""
    access = request.access
    require(access, "councils.informationbrief", "view")
    brief = get_object_or_404(selectors.informationbrief_list(access=access), pk=pk)
    back = request.POST.get("next") or brief.get_absolute_url()
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = brief.get_absolute_url()
    return command_button(
        request,
        lambda: services.brief_acknowledge(access=access, brief=brief),
        redirect_to=back,
        success=lambda ack: (
            f"Đã xác nhận đọc bản tin lúc {timezone.localtime(ack.acknowledged_at):%H:%M %d/%m/%Y}."
        ),
    )


mandateend = Resource(
    MandateEnd,
    filters.MandateEndFilter,
    forms.MandateEndForm,
    selector=selectors.mandateend_list,
    command=services.mandate_end_save,
    search_through=("delegate",),
    columns=[
        ("Đại biểu", "delegate__full_name"),
        ("Trường hợp", "kind"),
        ("Cơ quan quyết định", "decided_by"),
        ("Số quyết định", "decision_number"),
        ("Ngày có hiệu lực", "effective_on"),
        ("Nhiệm kỳ", "delegate__term__name"),
    ],
)

partydocument = Resource(
    PartyDocument,
    filters.PartyDocumentFilter,
    forms.PartyDocumentForm,
    selector=selectors.partydocument_list,
    columns=[
        ("Loại văn bản", "kind"),
        ("Số, ký hiệu", "number"),
        ("Ngày ban hành", "issued_on"),
        ("Trích yếu", "title"),
        ("Người ký", "signer"),
    ],
)

RESOURCES = [
    term,
    constituency,
    committee,
    delegate,
    membership,
    agency,
    partycell,
    training,
    dissemination,
    partydocument,
    partycellmembers,
    informationbrief,
    mandateend,
]


@login_required
@require_POST
def switch_council(request):
    """Make another of the user's councils the current one."""
    try:
        council_id = int(request.POST.get("council", ""))
    except ValueError:
        return HttpResponseBadRequest("Mã HĐND không hợp lệ.")
    access = request.access
    if access is None or council_id not in {c for c, _n, _r in access.available}:
        messages.error(request, "Bạn không có vai trò trong HĐND này.")
    else:
        request.session[SESSION_KEY] = council_id
        messages.success(request, "Đã chuyển HĐND làm việc.")
    nxt = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        nxt = "/"
    return redirect(nxt)


@login_required
def my_profile(request):
    """The page "Hồ sơ của tôi": the delegate's own page; a Vietnamese 404 if none is linked."""
    delegate = my_delegate(request.access)
    if delegate is None:
        return render(request, "councils/my_profile_missing.html", status=404)
    return redirect(delegate.get_absolute_url())


@login_required
def user_list(request):
    """ "Người dùng": the council's accounts; the Office makes one-time password-reset links."""
    access = request.access
    require(access, "councils.user", "view")
    rows = list(selectors.user_list(access=access))
    for row in rows:
        row.reset_refusal = selectors.password_reset_refusal(
            access, actor_is_superuser=request.user.is_superuser, row=row
        )
    return render(
        request,
        "councils/user_list.html",
        {"rows": rows, "link_days": settings.PASSWORD_RESET_TIMEOUT // 86400},
    )


@never_cache
@login_required
@require_POST
def user_reset_link(request, pk: int):
    """Make a one-time password-reset link and show it once (never stored, never cached)."""
    link = services.user_password_reset_link(access=request.access, user_id=pk)
    expires = timezone.now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    return render(
        request,
        "councils/user_reset_link.html",
        {"account": link.user, "link": request.build_absolute_uri(link.path), "expires": expires},
    )

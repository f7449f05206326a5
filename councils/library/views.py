"""Pages of the procedures library and emulation: kernel ``Resource`` s, and the download of a
procedure version's file (after the permission check, never from MEDIA_URL)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse

from councils.library import filters, forms, policies, selectors, services
from councils.models_library import (
    EmulationCriterion,
    EmulationRegistration,
    EmulationResult,
    Procedure,
    ProcedureVersion,
    Reward,
)
from hdnd_portal.core.files import stored_file_response
from hdnd_portal.core.permissions import can, get_object_for_user, require
from hdnd_portal.core.resources import Resource


def _current_label(procedure) -> str:
    """The version in force today (from the list's prefetch), or a dash."""
    current = getattr(procedure, "current_versions", None)
    if current is None:
        current = [v for v in procedure.versions.all() if v.is_current]
    if not current:
        return "—"
    version = current[0]
    return f"Phiên bản {version.number} (QĐ {version.decision_number}, từ {version.start_date:%d/%m/%Y})"


def _procedure_context(request, obj):
    access = request.access
    return {
        "versions": list(selectors.procedure_versions(access=access, procedure=obj)),
        "can_add_version": can(access, policies.VERSION, "add"),
        "new_version_url": f"{reverse('councils-procedureversion-create')}?procedure={obj.pk}",
    }


def _version_context(request, obj):
    return {"file_url": reverse("councils-procedureversion-file", args=[obj.pk])}


procedure = Resource(
    Procedure,
    filters.ProcedureFilter,
    forms.ProcedureForm,
    selector=selectors.procedure_list,
    columns=[
        ("Lĩnh vực", "kind"),
        ("Loại", "document_type"),
        ("Tên quy trình, quy chế", "title"),
        ("Phiên bản đang áp dụng", _current_label),
        ("Số phiên bản", "version_count"),
    ],
    detail_fields=[
        ("Lĩnh vực", "kind"),
        ("Loại", "document_type"),
        ("Tên quy trình, quy chế", "title"),
        ("Phạm vi, đối tượng áp dụng", "scope"),
        ("Ghi chú", "note"),
    ],
    detail_template="councils/library/procedure_detail.html",
    extra_detail_context=_procedure_context,
)
procedureversion = Resource(
    ProcedureVersion,
    filters.ProcedureVersionFilter,
    forms.ProcedureVersionForm,
    selector=selectors.procedureversion_list,
    command=services.procedure_version_save,
    search_through=("procedure",),
    columns=[
        ("Quy trình, quy chế", "procedure__title"),
        ("Phiên bản", "number"),
        ("Số quyết định", "decision_number"),
        ("Ngày ban hành", "decision_date"),
        ("Có hiệu lực từ", "start_date"),
        ("Áp dụng đến", "end_date"),
        ("Tình trạng", "status_label"),
    ],
    export_columns=[
        ("Lĩnh vực", "procedure__kind"),
        ("Quy trình, quy chế", "procedure__title"),
        ("Phiên bản", "number"),
        ("Số quyết định", "decision_number"),
        ("Ngày ban hành", "decision_date"),
        ("Cơ quan, người ký", "issuer"),
        ("Có hiệu lực từ", "start_date"),
        ("Áp dụng đến", "end_date"),
        ("Tình trạng", "status_label"),
        ("Nội dung sửa đổi, bổ sung", "changes"),
    ],
    detail_fields=[
        ("Quy trình, quy chế", "procedure"),
        ("Phiên bản", "number"),
        ("Tình trạng", "status_label"),
        ("Số quyết định ban hành", "decision_number"),
        ("Ngày ban hành", "decision_date"),
        ("Cơ quan, người ký", "issuer"),
        ("Ngày có hiệu lực", "start_date"),
        ("Ngày cuối cùng áp dụng", "end_date"),
        ("Nội dung sửa đổi, bổ sung", "changes"),
    ],
    detail_template="councils/library/procedureversion_detail.html",
    extra_detail_context=_version_context,
)
emulationcriterion = Resource(
    EmulationCriterion,
    filters.EmulationCriterionFilter,
    forms.EmulationCriterionForm,
    selector=selectors.emulationcriterion_list,
    columns=[
        ("Năm", "year"),
        ("Số thứ tự", "number"),
        ("Nội dung tiêu chí", "content"),
        ("Áp dụng cho", "applies_to"),
        ("Điểm tối đa", "max_score"),
    ],
)
_REGISTRANT_COLUMNS = [
    ("Đối tượng", "registrant_kind"),
    ("Đại biểu", "delegate__full_name"),
    ("Tập thể", "committee__name"),
]
emulationregistration = Resource(
    EmulationRegistration,
    filters.EmulationRegistrationFilter,
    forms.EmulationRegistrationForm,
    selector=selectors.emulationregistration_list,
    search_through=("delegate", "committee"),
    columns=[
        ("Năm", "year"),
        *_REGISTRANT_COLUMNS,
        ("Danh hiệu đăng ký", "title"),
        ("Ngày đăng ký", "registered_on"),
    ],
    export_columns=[
        ("Năm", "year"),
        *_REGISTRANT_COLUMNS,
        ("Danh hiệu đăng ký", "title"),
        ("Ngày đăng ký", "registered_on"),
        ("Chỉ tiêu, mục tiêu", "goals"),
    ],
    detail_fields=[
        ("Năm thi đua", "year"),
        ("Đối tượng", "registrant_kind"),
        ("Đăng ký", "registrant"),
        ("Ngày đăng ký", "registered_on"),
        ("Danh hiệu đăng ký", "title"),
        ("Chỉ tiêu, mục tiêu đăng ký", "goals"),
        ("Ghi chú", "note"),
    ],
)
emulationresult = Resource(
    EmulationResult,
    filters.EmulationResultFilter,
    forms.EmulationResultForm,
    selector=selectors.emulationresult_list,
    search_through=("registration__delegate", "registration__committee"),
    columns=[
        ("Năm", "registration__year"),
        ("Đối tượng", "registration__registrant_kind"),
        ("Đăng ký", "registration__registrant"),
        ("Xếp loại", "rating"),
        ("Điểm", "score"),
        ("Danh hiệu đề nghị", "title_proposed"),
        ("Ngày bình xét", "reviewed_on"),
    ],
)
reward = Resource(
    Reward,
    filters.RewardFilter,
    forms.RewardForm,
    selector=selectors.reward_list,
    search_through=("delegate", "committee"),
    columns=[
        ("Năm", "year"),
        ("Đối tượng", "registrant_kind"),
        ("Được khen thưởng", "registrant"),
        ("Hình thức", "form"),
        ("Cấp", "level"),
        ("Số quyết định", "decision_number"),
        ("Ngày quyết định", "decision_date"),
        ("Cơ quan, người quyết định", "issuer"),
    ],
    export_columns=[
        ("Năm thành tích", "year"),
        ("Đối tượng", "registrant_kind"),
        ("Được khen thưởng", "registrant"),
        ("Hình thức", "form"),
        ("Cấp", "level"),
        ("Danh hiệu", "title"),
        ("Thành tích", "achievement"),
        ("Số quyết định", "decision_number"),
        ("Ngày quyết định", "decision_date"),
        ("Cơ quan, người quyết định", "issuer"),
    ],
)

RESOURCES = [
    procedure,
    procedureversion,
    emulationcriterion,
    emulationregistration,
    emulationresult,
    reward,
]


@login_required
def version_file(request, pk):
    """A version's text, to whoever may read the library."""
    access = request.access
    require(access, policies.VERSION, "view")
    version = get_object_for_user(
        access, selectors.procedureversion_list(access=access), pk, policies.VERSION
    )
    if not version.file:
        raise Http404("Phiên bản này chưa có tệp.")
    name = version.file.name.rsplit("/", 1)[-1]
    return stored_file_response(version.file, filename=name)

"""Pages of the coordination regulation and its reviews (through the kernel's Resource).

The regulation's page lists, under its fields, its reviews and the joint meetings held under
it (with the links to add them); a joint meeting's page names the regulation it was held under
(``meetings/prep_jointmeeting_detail.html``).
"""

from hdnd_portal.core.inputs import parse_ids
from hdnd_portal.core.permissions import can
from hdnd_portal.core.resources import Resource
from hdnd_portal.followups.selectors import followups_for_source
from meetings.coordination import filters as filters
from meetings.coordination import forms as forms
from meetings.coordination import selectors as selectors
from meetings.coordination import services as services
from meetings.coordination.policies import COORDINATION_REVIEW
from meetings.models import CoordinationRegulation, CoordinationReview
from meetings.preparation.policies import JOINT_MEETING


def _joint_meetings(regulation: CoordinationRegulation) -> int:
    count = getattr(regulation, "joint_meeting_count", None)
    return count if count is not None else regulation.joint_meetings.count()


def _in_force(regulation: CoordinationRegulation) -> str:
    return "Đang có hiệu lực" if regulation.in_force() else "Hết hiệu lực / chưa có hiệu lực"


def _regulation_context(request, obj) -> dict:
    access = request.access
    records = selectors.regulation_records(access=access, regulation=obj)
    return {
        **records,
        "can_add_review": can(access, COORDINATION_REVIEW, "add"),
        "can_add_joint": can(access, JOINT_MEETING, "add"),
        "followups": followups_for_source(access, obj),
    }


def prefill_regulation(request) -> dict:
    """A review opened from the regulation's page (``?regulation=<pk>``) keeps it."""
    ids = parse_ids([request.GET.get("regulation", "")])
    return {"regulation": ids[0]} if ids else {}


coordinationregulation = Resource(
    CoordinationRegulation,
    filters.CoordinationRegulationFilter,
    forms.CoordinationRegulationForm,
    selector=selectors.coordinationregulation_list,
    columns=[
        ("Số, ký hiệu", "number"),
        ("Ngày ký", "signed_on"),
        ("Hiệu lực", "validity_label"),
        ("Các bên", "parties_label"),
        ("Họp liên tịch", _joint_meetings),
    ],
    export_columns=[
        ("Số, ký hiệu", "number"),
        ("Tên quy chế", "title"),
        ("Ngày ký", "signed_on"),
        ("Hình thức ban hành", "form"),
        ("Các bên ký kết", "parties_label"),
        ("Người ký", "signers"),
        ("Hiệu lực từ ngày", "start_date"),
        ("Hiệu lực đến ngày", "end_date"),
        ("Nhiệm kỳ", "term__name"),
        ("Số cuộc họp liên tịch", _joint_meetings),
        ("Nội dung chính", "content"),
    ],
    detail_fields=[
        ("Số, ký hiệu", "number"),
        ("Tên quy chế", "title"),
        ("Ngày ký", "signed_on"),
        ("Hình thức ban hành", "form"),
        ("Các bên ký kết", "parties_label"),
        ("Người ký", "signers"),
        ("Hiệu lực", "validity_label"),
        ("Tình trạng", _in_force),
        ("Nhiệm kỳ", "term__name"),
        ("Nội dung chính", "content"),
        ("Ghi chú", "note"),
    ],
    detail_template="meetings/coordination_regulation_detail.html",
    extra_detail_context=_regulation_context,
    command=services.coordinationregulation_save,
)

coordinationreview = Resource(
    CoordinationReview,
    filters.CoordinationReviewFilter,
    forms.CoordinationReviewForm,
    selector=selectors.coordinationreview_list,
    columns=[
        ("Ngày đánh giá", "held_on"),
        ("Hình thức", "kind"),
        ("Năm", "year"),
        ("Quy chế phối hợp", "regulation"),
        ("Đề xuất sửa đổi", "amendments"),
    ],
    export_columns=[
        ("Ngày đánh giá", "held_on"),
        ("Hình thức", "kind"),
        ("Năm", "year"),
        ("Quy chế phối hợp", "regulation"),
        ("Kết quả thực hiện", "findings"),
        ("Hạn chế, nguyên nhân", "shortcomings"),
        ("Đề xuất sửa đổi, bổ sung", "amendments"),
    ],
    detail_fields=[
        ("Quy chế phối hợp", "regulation"),
        ("Hình thức", "kind"),
        ("Năm", "year"),
        ("Ngày đánh giá", "held_on"),
        ("Kết quả thực hiện", "findings"),
        ("Hạn chế, nguyên nhân", "shortcomings"),
        ("Đề xuất sửa đổi, bổ sung", "amendments"),
    ],
    command=services.coordinationreview_save,
    initial_from_request=prefill_regulation,
)

RESOURCES = [coordinationregulation, coordinationreview]

"""Pages of delegates' supervision plans (kernel ``Resource``): the Office's list of plans and
of their items; a plan's page lists its items with "Thêm nội dung"."""

from hdnd_portal.core.permissions import can
from hdnd_portal.core.resources import Resource
from supervision.models import DelegatePlan, DelegatePlanItem
from supervision.plans import forms, selectors, services
from supervision.plans.policies import PLAN, PLAN_ITEM


def _prefill(request) -> dict:
    return {name: request.GET[name] for name in ("plan", "delegate") if request.GET.get(name)}


def _plan_context(request, obj):
    return {
        "items": selectors.plan_items(obj),
        "can_add_item": can(request.access, PLAN_ITEM, "add")
        and can(request.access, PLAN, "change", obj),
    }


def _done(item) -> str:
    if item.activity_id:
        return f"Qua cuộc giám sát: {item.activity.topic}"
    if item.done_on:
        return f"{item.done_on:%d/%m/%Y}: {item.result}"
    return "Chưa thực hiện"


delegateplan = Resource(
    DelegatePlan,
    forms.DelegatePlanFilter,
    forms.DelegatePlanForm,
    selector=selectors.delegateplan_list,
    search_through=("delegate",),
    columns=[
        ("Năm", "year"),
        ("Đại biểu", "delegate__full_name"),
        ("Ngày lập", "filed_on"),
        ("Số nội dung", "item_count"),
        ("Đã thực hiện", "done_count"),
    ],
    detail_fields=[
        ("Đại biểu", "delegate"),
        ("Năm", "year"),
        ("Ngày lập kế hoạch", "filed_on"),
        ("Ghi chú", "note"),
    ],
    detail_template="supervision/delegateplan_detail.html",
    extra_detail_context=_plan_context,
    command=services.delegateplan_save,
    initial_from_request=_prefill,
)
delegateplanitem = Resource(
    DelegatePlanItem,
    forms.DelegatePlanItemFilter,
    forms.DelegatePlanItemForm,
    selector=selectors.delegateplanitem_list,
    search_through=("agency",),
    columns=[
        ("Nội dung", "subject"),
        ("Đại biểu", "plan__delegate__full_name"),
        ("Năm", "plan__year"),
        ("Tháng dự kiến", "planned_month"),
        ("Cơ quan", "agency__name"),
        ("Kết quả", _done),
    ],
    detail_fields=[
        ("Kế hoạch", "plan"),
        ("Nội dung giám sát", "subject"),
        ("Cơ quan, đơn vị chịu giám sát", "agency"),
        ("Đối tượng khác", "other_body"),
        ("Tháng dự kiến", "planned_month"),
        ("Thực hiện qua cuộc giám sát", "activity"),
        ("Ngày thực hiện", "done_on"),
        ("Kết quả", "result"),
    ],
    command=services.delegateplanitem_save,
    initial_from_request=_prefill,
)
RESOURCES = (delegateplan, delegateplanitem)

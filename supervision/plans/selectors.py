"""Reads of delegates' supervision plans: the Office's list, the items, a delegate's plans."""

from django.db.models import Count, Q, QuerySet

from hdnd_portal.core.access import Access
from supervision.models import DelegatePlan, DelegatePlanItem

DONE = Q(items__activity__isnull=False) | Q(items__done_on__isnull=False)


def delegateplan_list(*, access: Access | None) -> QuerySet[DelegatePlan]:
    """Every plan of the council with its numbers of items and of items done."""
    return (
        DelegatePlan.objects.visible_to(access)
        .select_related("delegate")
        .annotate(
            item_count=Count("items", distinct=True),
            done_count=Count("items", filter=DONE, distinct=True),
        )
        .order_by("-year", "delegate__sort_name", "id")
    )


def delegateplanitem_list(*, access: Access | None) -> QuerySet[DelegatePlanItem]:
    return (
        DelegatePlanItem.objects.visible_to(access)
        .select_related("plan__delegate", "agency", "activity")
        .order_by("-plan__year", "plan__delegate__sort_name", "planned_month", "id")
    )


def plan_items(plan: DelegatePlan) -> list[DelegatePlanItem]:
    return list(plan.items.select_related("agency", "activity").order_by("planned_month", "id"))


def delegate_plans(*, access: Access | None, delegate) -> list[DelegatePlan]:
    """A delegate's plans, newest first, each with its items (two queries)."""
    plans = list(
        DelegatePlan.objects.visible_to(access)
        .filter(delegate=delegate)
        .prefetch_related("items__activity", "items__agency")
        .order_by("-year", "id")
    )
    return plans

"""API v1 of delegates' supervision plans (same permissions and commands as the pages)."""

from rest_framework import serializers

from hdnd_portal.core.api import CouncilScopedSerializer, CouncilScopedViewSet
from supervision.models import DelegatePlan, DelegatePlanItem
from supervision.plans import forms, selectors, services
from supervision.plans.policies import PLAN, PLAN_ITEM

EXCLUDED = ["council", "search_text"]


class DelegatePlanSerializer(CouncilScopedSerializer):
    delegate_name = serializers.CharField(source="delegate.full_name", read_only=True)
    item_count = serializers.IntegerField(read_only=True, default=0)
    done_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = DelegatePlan
        exclude = EXCLUDED


class DelegatePlanItemSerializer(CouncilScopedSerializer):
    is_done = serializers.BooleanField(read_only=True)

    class Meta:
        model = DelegatePlanItem
        exclude = EXCLUDED


class DelegatePlanViewSet(CouncilScopedViewSet):
    """Kế hoạch giám sát năm của đại biểu (đại biểu lập kế hoạch của chính mình)."""

    queryset = DelegatePlan.objects.all()
    serializer_class = DelegatePlanSerializer
    filterset_class = forms.DelegatePlanFilter
    resource = PLAN
    selector = staticmethod(selectors.delegateplan_list)
    command = staticmethod(services.delegateplan_save)
    search_through = ("delegate",)


class DelegatePlanItemViewSet(CouncilScopedViewSet):
    """Nội dung kế hoạch giám sát của đại biểu và kết quả thực hiện."""

    queryset = DelegatePlanItem.objects.all()
    serializer_class = DelegatePlanItemSerializer
    filterset_class = forms.DelegatePlanItemFilter
    resource = PLAN_ITEM
    selector = staticmethod(selectors.delegateplanitem_list)
    command = staticmethod(services.delegateplanitem_save)
    search_through = ("agency",)


def register(router) -> None:
    router.register("delegate-plans", DelegatePlanViewSet, basename="api-delegateplan")
    router.register("delegate-plan-items", DelegatePlanItemViewSet, basename="api-delegateplanitem")

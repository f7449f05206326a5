"""API v1: programmes, activities, recommendations — the pages' selectors and permissions."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from hdnd_portal.core.api import CouncilScopedSerializer, CouncilScopedViewSet
from supervision import filters, selectors, services
from supervision.forms import REQUIRED_MESSAGES
from supervision.models import Activity, Programme, Recommendation

EXCLUDED = ["council", "search_text"]


class ProgrammeSerializer(CouncilScopedSerializer):
    body_label = serializers.CharField(read_only=True)

    class Meta:
        model = Programme
        exclude = EXCLUDED


class ActivitySerializer(CouncilScopedSerializer):
    body_label = serializers.CharField(read_only=True)
    law = serializers.CharField(read_only=True)
    decision_symbol = serializers.CharField(source="decision.symbol", read_only=True, default=None)

    class Meta:
        model = Activity
        exclude = EXCLUDED


class RecommendationSerializer(CouncilScopedSerializer):
    state = serializers.CharField(read_only=True)
    state_label = serializers.CharField(read_only=True)
    current_due_date = serializers.DateField(
        source="followup.due_date", read_only=True, default=None
    )

    class Meta:
        model = Recommendation
        exclude = EXCLUDED

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The required fields' own words, as on the page (after the portal's generic ones).
        for name, text in REQUIRED_MESSAGES.items():
            field = self.fields[name]
            field.error_messages = {
                **field.error_messages,
                "required": text,
                "null": text,
                "blank": text,
            }


class _BodyScopedViewSet(CouncilScopedViewSet):
    """A Ban member or a group head writes only their own body's records (as on the pages)."""

    def _check_body(self, instance):
        from hdnd_portal.core.permissions import can

        if not can(self.request.access, self.resource, "change", instance):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied(
                "Bạn chỉ được lập, sửa hồ sơ giám sát của Ban, Tổ đại biểu của mình."
            )

    def perform_create(self, serializer):
        probe = serializer.Meta.model(
            **{k: v for k, v in serializer.validated_data.items() if k in ("body", "committee")}
        )
        if hasattr(probe, "committee_id"):
            self._check_body(probe)
        serializer.save(council_id=self.request.access.council_id)


class ProgrammeViewSet(_BodyScopedViewSet):
    """Chương trình giám sát (HĐND hiện tại của người dùng)."""

    queryset = Programme.objects.all()
    serializer_class = ProgrammeSerializer
    filterset_class = filters.ProgrammeFilter
    resource = "supervision.programme"
    selector = staticmethod(selectors.programme_list)


class ActivityViewSet(_BodyScopedViewSet):
    """Hoạt động giám sát (HĐND hiện tại của người dùng)."""

    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    filterset_class = filters.ActivityFilter
    resource = "supervision.activity"
    selector = staticmethod(selectors.activity_list)


class RecommendationViewSet(CouncilScopedViewSet):
    """Kiến nghị sau giám sát; một cơ quan chỉ thấy kiến nghị gửi mình."""

    queryset = Recommendation.objects.all()
    serializer_class = RecommendationSerializer
    filterset_class = filters.RecommendationFilter
    resource = "supervision.recommendation"
    selector = staticmethod(selectors.recommendation_list)
    search_through = ("agency",)
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        from hdnd_portal.core.permissions import can

        data = serializer.validated_data
        activity = data["activity"]
        if not can(self.request.access, "supervision.activity", "change", activity):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied(
                "Bạn chỉ được lập, sửa hồ sơ giám sát của Ban, Tổ đại biểu của mình."
            )
        try:
            serializer.instance = services.recommendation_create(
                activity=activity,
                conclusion=data.get("conclusion"),
                agency=data["agency"],
                content=data["content"],
                due_date=data["due_date"],
                by_user=self.request.user,
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(
                exc.message_dict
                if hasattr(exc, "error_dict")
                else {"non_field_errors": exc.messages}
            ) from exc


def register(router) -> None:
    router.register(
        "supervision-programmes", ProgrammeViewSet, basename="api-supervision-programme"
    )
    router.register("supervision-activities", ActivityViewSet, basename="api-supervision-activity")
    router.register(
        "supervision-recommendations",
        RecommendationViewSet,
        basename="api-supervision-recommendation",
    )

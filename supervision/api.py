"""API v1: programmes, activities, recommendations — the pages' selectors and permissions."""

from rest_framework import serializers

from councils.models import Delegate
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
    # The team, as on the page's form (written by services.activity_save).
    leader = serializers.PrimaryKeyRelatedField(
        queryset=Delegate.objects.all(),
        required=False,
        allow_null=True,
        write_only=True,
        help_text="Trưởng đoàn (đại biểu).",
    )
    members = serializers.PrimaryKeyRelatedField(
        queryset=Delegate.objects.all(),
        many=True,
        required=False,
        write_only=True,
        help_text="Thành viên đoàn (đại biểu).",
    )

    class Meta:
        model = Activity
        exclude = EXCLUDED
        # A re-supervision is started from the activity it follows (its action, not a field).
        read_only_fields = ["parent"]


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


class ProgrammeViewSet(CouncilScopedViewSet):
    """Chương trình giám sát (HĐND hiện tại của người dùng)."""

    queryset = Programme.objects.all()
    serializer_class = ProgrammeSerializer
    filterset_class = filters.ProgrammeFilter
    resource = "supervision.programme"
    selector = staticmethod(selectors.programme_list)
    command = staticmethod(services.programme_save)


class ActivityViewSet(CouncilScopedViewSet):
    """Hoạt động giám sát (HĐND hiện tại của người dùng)."""

    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    filterset_class = filters.ActivityFilter
    resource = "supervision.activity"
    selector = staticmethod(selectors.activity_list)
    command = staticmethod(services.activity_save)


class RecommendationViewSet(CouncilScopedViewSet):
    """Kiến nghị sau giám sát; một cơ quan chỉ thấy kiến nghị gửi mình."""

    queryset = Recommendation.objects.all()
    serializer_class = RecommendationSerializer
    filterset_class = filters.RecommendationFilter
    resource = "supervision.recommendation"
    selector = staticmethod(selectors.recommendation_list)
    search_through = ("agency",)
    http_method_names = ["get", "post", "head", "options"]
    command = staticmethod(services.recommendation_save)


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

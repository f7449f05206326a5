"""API v1 of the follow-up engine: /api/v1/followups/.

List (the inbox's filters: ``status`` overdue|due_soon|extended|done|closed|all —
open items when absent —, ``kind``, ``agency``, ``committee``, ``q``), retrieve,
create (through :func:`followup_create`), and the actions ``answer`` (→ answered),
``accept`` (→ done), ``send-back`` (→ open again), ``extend`` and ``close``.
Serializers only translate; the services do the work.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, permissions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from hdnd_portal.core.api import (
    CouncilScopedSerializer,
    CouncilScopedViewSet,
    PolicyPermission,
    PortalSerializer,
)
from hdnd_portal.followups import selectors, services
from hdnd_portal.followups.filters import FollowUpFilter
from hdnd_portal.followups.kinds import get_kind, kind_choices
from hdnd_portal.followups.models import FollowUp, InvalidTransition
from hdnd_portal.followups.policies import FOLLOWUP
from hdnd_portal.followups.rules import RuleNotFound


class RuleSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    days = serializers.IntegerField()
    day_kind = serializers.CharField()
    counts_back = serializers.BooleanField()
    citation = serializers.CharField()
    valid_from = serializers.DateField()
    is_setting = serializers.BooleanField()


class FollowUpSerializer(CouncilScopedSerializer):
    kind_label = serializers.CharField(read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True, default=None)
    committee_name = serializers.CharField(source="committee.name", read_only=True, default=None)
    is_overdue = serializers.SerializerMethodField()
    days_overdue = serializers.SerializerMethodField()
    rule = RuleSerializer(read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "description",
            "reference",
            "agency",
            "agency_name",
            "assignee",
            "committee",
            "committee_name",
            "delegate",
            "started_on",
            "rule",
            "original_due_date",
            "due_date",
            "state",
            "is_overdue",
            "days_overdue",
            "answered_at",
            "answer",
            "closed_at",
            "closed_reason",
            "escalated_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_is_overdue(self, obj) -> bool:
        return obj.is_overdue()

    def get_days_overdue(self, obj) -> int:
        return obj.days_overdue()


class FollowUpCreateSerializer(CouncilScopedSerializer):
    """Input of a new item: a rule code or a due date (or both: the date wins)."""

    # Choices filled in __init__: kinds are registered by the apps in ready().
    kind = serializers.ChoiceField(choices=[], label="Loại việc")
    rule_code = serializers.CharField(
        required=False, allow_blank=True, write_only=True, max_length=60
    )
    event_on = serializers.DateField(required=False, allow_null=True, write_only=True)
    due_date = serializers.DateField(required=False, allow_null=True)

    class Meta:
        model = FollowUp
        fields = [
            "kind",
            "title",
            "description",
            "reference",
            "agency",
            "assignee",
            "committee",
            "delegate",
            "started_on",
            "rule_code",
            "event_on",
            "due_date",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        access = self.context.get("access")
        users = get_user_model().objects.none()
        if access is not None:
            users = (
                get_user_model()
                .objects.filter(council_roles__council_id=access.council_id)
                .distinct()
            )
        self.fields["assignee"].queryset = users
        self.fields["kind"].choices = kind_choices()
        self.fields["kind"].error_messages["invalid_choice"] = (
            "Loại việc “{input}” chưa được đăng ký."
        )

    def validate(self, attrs):
        # The service validates the item; only the choice of rule or date is checked here.
        has_default_rule = bool(get_kind(attrs.get("kind", "")).rule_code)
        if not attrs.get("rule_code") and not attrs.get("due_date") and not has_default_rule:
            raise serializers.ValidationError(
                {"due_date": "Cần chọn quy tắc thời hạn (rule_code) hoặc nhập hạn xử lý."}
            )
        return attrs


class AnswerSerializer(PortalSerializer):
    answer = serializers.CharField()
    files = serializers.ListField(
        child=serializers.FileField(), required=False, allow_empty=True, max_length=20
    )


class ExtendSerializer(PortalSerializer):
    new_due_date = serializers.DateField()
    reason = serializers.CharField()
    document = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)


class CloseSerializer(PortalSerializer):
    reason = serializers.CharField()


class AcceptSerializer(PortalSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SendBackSerializer(PortalSerializer):
    reason = serializers.CharField()
    new_due_date = serializers.DateField(required=False, allow_null=True, default=None)


class FollowUpPermission(PolicyPermission):
    """POST on an action needs that action's permission (answer, accept, send_back, …)."""

    ACTIONS = ("answer", "accept", "send_back", "extend", "close")

    def action_for(self, request, view):
        if getattr(view, "action", None) in self.ACTIONS:
            return view.action
        return super().action_for(request, view)


def _validation_error(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(
        exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    )


class FollowUpViewSet(CouncilScopedViewSet):
    """Việc cần đôn đốc của HĐND hiện tại (cơ quan: chỉ việc giao cho mình)."""

    queryset = FollowUp.objects.all()
    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilter
    resource = FOLLOWUP
    permission_classes = [permissions.IsAuthenticated, FollowUpPermission]
    http_method_names = ["get", "post", "head", "options"]
    # The inbox's read and search: same scope (an agency: its own items), joins and order.
    selector = staticmethod(selectors.followup_list)
    search_through = selectors.SEARCH_THROUGH

    def filter_queryset(self, queryset):
        # The inbox filters (open items by default) shape the list only; an item done
        # or closed is still retrieved and acted on by its id.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def get_serializer_class(self):
        return {
            "create": FollowUpCreateSerializer,
            "answer": AnswerSerializer,
            "accept": AcceptSerializer,
            "send_back": SendBackSerializer,
            "extend": ExtendSerializer,
            "close": CloseSerializer,
        }.get(self.action, FollowUpSerializer)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        council = apps.get_model("councils", "Council").objects.get(pk=request.access.council_id)
        try:
            followup = services.followup_create(
                council=council,
                created_by=request.user,
                rule_code=data.pop("rule_code", "") or None,
                **data,
            )
        except RuleNotFound as exc:
            raise serializers.ValidationError({"rule_code": [exc.message]}) from exc
        except DjangoValidationError as exc:
            raise _validation_error(exc) from exc
        return Response(
            FollowUpSerializer(followup, context=self.get_serializer_context()).data, status=201
        )

    def _run(self, request, perform):
        followup = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            perform(followup, serializer.validated_data)
        except InvalidTransition as exc:
            raise exceptions.ValidationError({"state": [exc.message]}) from exc
        except DjangoValidationError as exc:
            raise _validation_error(exc) from exc
        followup = self.get_queryset().get(pk=followup.pk)
        return Response(FollowUpSerializer(followup, context=self.get_serializer_context()).data)

    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """Trả lời / báo cáo kết quả (cơ quan được giao; Văn phòng nhập thay)."""
        return self._run(
            request,
            lambda f, d: services.followup_answer(
                followup=f,
                by_user=request.user,
                answer=d["answer"],
                files=d.get("files", ()),
                on_behalf=request.access.role != "agency",
            ),
        )

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Thường trực HĐND chấp nhận kết quả trả lời: việc hoàn thành."""
        return self._run(
            request,
            lambda f, d: services.followup_accept(followup=f, by_user=request.user, note=d["note"]),
        )

    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request, pk=None):
        """Thường trực HĐND trả lại: việc được mở lại (lý do; hạn mới nếu có)."""
        return self._run(
            request,
            lambda f, d: services.followup_send_back(followup=f, by_user=request.user, **d),
        )

    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        """Gia hạn (hạn cũ được lưu)."""
        return self._run(
            request, lambda f, d: services.followup_extend(followup=f, by_user=request.user, **d)
        )

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Đóng, không có kết quả."""
        return self._run(
            request,
            lambda f, d: services.followup_close(
                followup=f, by_user=request.user, reason=d["reason"]
            ),
        )


def register(router) -> None:
    router.register("followups", FollowUpViewSet, basename="api-followup")

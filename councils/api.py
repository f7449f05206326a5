"""API v1 for the council's organisation records: the pattern later apps follow."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from councils import filters, selectors, services
from councils.forms import DelegateForm
from councils.models import (
    TERM_NUMBER_MAX,
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
    normalize_phone,
)
from hdnd_portal.core.access import DELEGATE
from hdnd_portal.core.api import CouncilScopedSerializer, scoped_viewset

EXCLUDED = ["council", "search_text"]


class TermSerializer(CouncilScopedSerializer):
    class Meta:
        model = Term
        exclude = EXCLUDED
        # DRF turns the model's Min/MaxValueValidator into its own min_value/max_value
        # checks with English messages: keep the model's words.
        extra_kwargs = {
            "number": {
                "error_messages": {
                    "min_value": "Khóa phải từ 1 trở lên.",
                    "max_value": f"Khóa không được lớn hơn {TERM_NUMBER_MAX}.",
                }
            }
        }


class ConstituencySerializer(CouncilScopedSerializer):
    class Meta:
        model = Constituency
        exclude = EXCLUDED


class CommitteeSerializer(CouncilScopedSerializer):
    class Meta:
        model = Committee
        exclude = EXCLUDED


class DelegateSerializer(CouncilScopedSerializer):
    delegate_group_name = serializers.CharField(
        source="delegate_group.name", read_only=True, default=None
    )

    class Meta:
        model = Delegate
        exclude = [*EXCLUDED, "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        access = self.context.get("access")
        if access is not None and access.role == DELEGATE:
            # As on the profile page: a delegate changes only their contact details;
            # anything else they send is ignored.
            for name, field in self.fields.items():
                if name not in DelegateForm.SELF_SERVICE_FIELDS:
                    field.read_only = True

    def validate_phone(self, value):
        try:
            return normalize_phone(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


class MembershipSerializer(CouncilScopedSerializer):
    class Meta:
        model = Membership
        exclude = EXCLUDED


class AgencySerializer(CouncilScopedSerializer):
    class Meta:
        model = Agency
        exclude = EXCLUDED


class PartyCellSerializer(CouncilScopedSerializer):
    class Meta:
        model = PartyCell
        exclude = EXCLUDED


class TopicsField(serializers.MultipleChoiceField):
    """The training's topics as a list of codes, stored as one comma-joined column."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=Training.Topic.choices,
            error_messages={"invalid_choice": "Nội dung tập huấn không hợp lệ: {input}."},
            **kwargs,
        )

    def to_representation(self, value):
        return [code for code in (value or "").split(",") if code]

    def to_internal_value(self, data):
        chosen = super().to_internal_value(data)
        return ",".join(code for code in Training.Topic.values if code in chosen)


class TrainingSerializer(CouncilScopedSerializer):
    # Trainees are rows of their own (TrainingParticipant): written here, as the form does.
    delegates = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Delegate.objects.all(), required=False
    )
    topics = TopicsField(required=False)

    class Meta:
        model = Training
        exclude = EXCLUDED
        extra_kwargs = {
            "hours": {
                "error_messages": {
                    "min_value": "Số giờ phải từ 0,5 trở lên.",
                    "max_value": "Số giờ không được lớn hơn 500.",
                    "invalid": "Số giờ không hợp lệ.",
                    "max_digits": "Số giờ không hợp lệ.",
                    "max_decimal_places": "Số giờ chỉ có một chữ số thập phân.",
                }
            }
        }

    def validate(self, attrs):
        delegates = attrs.pop("delegates", None)
        attrs = super().validate(attrs)
        if delegates is not None:
            attrs["delegates"] = delegates
        return attrs

    def validate_delegates(self, value):
        access = self.context.get("access")
        if access is not None and any(d.council_id != access.council_id for d in value):
            raise serializers.ValidationError("Đại biểu được chọn thuộc HĐND khác.")
        return value


class DisseminationSerializer(CouncilScopedSerializer):
    class Meta:
        model = Dissemination
        exclude = EXCLUDED


class PartyCellMembersSerializer(CouncilScopedSerializer):
    class Meta:
        model = PartyCellMembers
        exclude = EXCLUDED


class InformationBriefSerializer(CouncilScopedSerializer):
    acknowledged_count = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = InformationBrief
        exclude = EXCLUDED


class MandateEndSerializer(CouncilScopedSerializer):
    class Meta:
        model = MandateEnd
        exclude = EXCLUDED

    def validate_delegate(self, value):
        if self.instance is not None and value != self.instance.delegate:
            raise serializers.ValidationError("Không đổi được đại biểu của quyết định đã ghi.")
        return value


class PartyDocumentSerializer(CouncilScopedSerializer):
    class Meta:
        model = PartyDocument
        exclude = EXCLUDED


def _viewset(model, serializer, filterset, selector, search_through=(), command=None):
    return scoped_viewset(
        model,
        serializer,
        resource=f"councils.{model._meta.model_name}",
        selector=selector,
        filterset=filterset,
        search_through=search_through,
        command=command,
    )


TermViewSet = _viewset(Term, TermSerializer, filters.TermFilter, selectors.term_list)
ConstituencyViewSet = _viewset(
    Constituency, ConstituencySerializer, filters.ConstituencyFilter, selectors.constituency_list
)
CommitteeViewSet = _viewset(
    Committee, CommitteeSerializer, filters.CommitteeFilter, selectors.committee_list
)
DelegateViewSet = _viewset(
    Delegate, DelegateSerializer, filters.DelegateFilter, selectors.delegate_list
)
MembershipViewSet = _viewset(
    Membership,
    MembershipSerializer,
    filters.MembershipFilter,
    selectors.membership_list,
    search_through=("delegate", "committee"),
)
AgencyViewSet = _viewset(Agency, AgencySerializer, filters.AgencyFilter, selectors.agency_list)
PartyCellViewSet = _viewset(
    PartyCell, PartyCellSerializer, filters.PartyCellFilter, selectors.partycell_list
)

TrainingViewSet = _viewset(
    Training,
    TrainingSerializer,
    filters.TrainingFilter,
    selectors.training_list_with_trainees,
    command=services.training_save,
)
DisseminationViewSet = _viewset(
    Dissemination,
    DisseminationSerializer,
    filters.DisseminationFilter,
    selectors.dissemination_list,
    search_through=("party_cell",),
    command=services.dissemination_save,
)
PartyCellMembersViewSet = _viewset(
    PartyCellMembers,
    PartyCellMembersSerializer,
    filters.PartyCellMembersFilter,
    selectors.partycellmembers_list,
    search_through=("party_cell",),
    command=services.partycell_members_save,
)
MandateEndViewSet = _viewset(
    MandateEnd,
    MandateEndSerializer,
    filters.MandateEndFilter,
    selectors.mandateend_list,
    search_through=("delegate",),
    command=services.mandate_end_save,
)


class InformationBriefViewSet(
    _viewset(
        InformationBrief,
        InformationBriefSerializer,
        filters.InformationBriefFilter,
        selectors.informationbrief_list,
    )
):
    # A POST here is not an "add": the command checks the policy's own action (acknowledge).
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def acknowledge(self, request, pk=None):
        """Đại biểu xác nhận đã nhận, đã đọc bản tin (lần đầu được giữ)."""
        brief = self.get_object()
        try:
            ack = services.brief_acknowledge(access=request.access, brief=brief)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"detail": exc.messages}) from exc
        return Response(
            {"brief": brief.pk, "delegate": ack.delegate_id, "acknowledged_at": ack.acknowledged_at}
        )


PartyDocumentViewSet = _viewset(
    PartyDocument,
    PartyDocumentSerializer,
    filters.PartyDocumentFilter,
    selectors.partydocument_list,
)


def register(router) -> None:
    router.register("terms", TermViewSet, basename="api-term")
    router.register("constituencies", ConstituencyViewSet, basename="api-constituency")
    router.register("committees", CommitteeViewSet, basename="api-committee")
    router.register("delegates", DelegateViewSet, basename="api-delegate")
    router.register("memberships", MembershipViewSet, basename="api-membership")
    router.register("agencies", AgencyViewSet, basename="api-agency")
    router.register("party-cells", PartyCellViewSet, basename="api-partycell")
    router.register("trainings", TrainingViewSet, basename="api-training")
    router.register("disseminations", DisseminationViewSet, basename="api-dissemination")
    router.register("party-documents", PartyDocumentViewSet, basename="api-partydocument")
    router.register("party-cell-members", PartyCellMembersViewSet, basename="api-partycellmembers")
    router.register("information-briefs", InformationBriefViewSet, basename="api-informationbrief")
    router.register("mandate-ends", MandateEndViewSet, basename="api-mandateend")

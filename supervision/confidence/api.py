"""API v1 for confidence votes, elected positions and their holders (same permissions as
the pages). A vote's result (shares of all delegates, consequences, citations) is read-only,
computed like the page's."""

from rest_framework import serializers

from hdnd_portal.core.api import CouncilScopedSerializer, CouncilScopedViewSet
from supervision.confidence import filters as filters
from supervision.confidence import selectors as selectors
from supervision.confidence import services as services
from supervision.confidence.policies import HOLDER, POSITION, VOTE
from supervision.models.confidence import (
    ConfidenceCandidate,
    ConfidenceVote,
    ElectedPosition,
    PositionHolder,
)

EXCLUDED = ["council", "search_text"]


class ElectedPositionSerializer(CouncilScopedSerializer):
    class Meta:
        model = ElectedPosition
        exclude = EXCLUDED


class PositionHolderSerializer(CouncilScopedSerializer):
    position_name = serializers.CharField(source="position.name", read_only=True)

    class Meta:
        model = PositionHolder
        exclude = EXCLUDED


class CandidateSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="holder.full_name", read_only=True)
    position = serializers.CharField(source="holder.position.name", read_only=True)

    class Meta:
        model = ConfidenceCandidate
        fields = [
            "id",
            "holder",
            "full_name",
            "position",
            "exempt",
            "exemption_reason",
            "high",
            "confidence",
            "low",
            "no_confidence",
            "invalid",
        ]
        read_only_fields = fields


class ConfidenceVoteSerializer(CouncilScopedSerializer):
    candidates = CandidateSerializer(many=True, read_only=True)
    # Set by closing the tally, never written; a plain string keeps the schema's enums apart.
    state = serializers.CharField(
        read_only=True, help_text="open: đang kiểm phiếu; closed: đã chốt"
    )
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    holders = serializers.PrimaryKeyRelatedField(
        queryset=PositionHolder.objects.all(),
        many=True,
        write_only=True,
        required=False,
        help_text="Người được lấy phiếu (chỉ khi tạo); để trống: mọi người đương nhiệm.",
    )

    class Meta:
        model = ConfidenceVote
        exclude = EXCLUDED
        read_only_fields = ["delegates_in_office", "closed_at", "closed_by"]
        # No DRF-made unique-together validator: the model's constraints (one rating per term)
        # are checked by CouncilScopedSerializer.validate, reported under the term as on the page.
        validators = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and not isinstance(self.instance, list):
            # The procedure, the term and the ballot are fixed once the vote exists.
            self.fields["procedure"].read_only = True
            self.fields["term"].read_only = True
            self.fields["holders"].read_only = True

    def validate(self, attrs):
        holders = attrs.pop("holders", None)
        attrs = super().validate(attrs)
        if holders is not None:
            attrs["holders"] = holders
        return attrs


class ShareSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.CharField(help_text="Phần trăm trên tổng số đại biểu, ví dụ 53,33")


class ResultRowSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(source="candidate.pk")
    full_name = serializers.CharField(source="name")
    position = serializers.CharField()
    exempt = serializers.BooleanField(source="candidate.exempt")
    shares = ShareSerializer(many=True)
    consequence = serializers.CharField()
    citation = serializers.CharField()
    needs_vote = serializers.BooleanField()
    warning = serializers.CharField()


class ResultSerializer(serializers.Serializer):
    delegate_total = serializers.IntegerField(source="total")
    rows = ResultRowSerializer(many=True)
    missing_rules = serializers.ListField(child=serializers.CharField())
    warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text="Cảnh báo (không chặn): thời điểm lấy phiếu, người thuộc diện không lấy phiếu, "
        "thông báo nghỉ hưu chưa xác định — như trên trang của cuộc lấy phiếu.",
    )


class ConfidenceVoteDetailSerializer(ConfidenceVoteSerializer):
    result = serializers.SerializerMethodField()

    class Meta(ConfidenceVoteSerializer.Meta):
        pass

    def get_result(self, obj) -> dict:
        return ResultSerializer(selectors.vote_result(obj)).data


class ElectedPositionViewSet(CouncilScopedViewSet):
    """Chức danh do HĐND bầu (HĐND hiện tại của người dùng)."""

    queryset = ElectedPosition.objects.all()
    serializer_class = ElectedPositionSerializer
    filterset_class = filters.ElectedPositionFilter
    resource = POSITION
    selector = staticmethod(selectors.position_list)


class PositionHolderViewSet(CouncilScopedViewSet):
    """Người giữ chức vụ do HĐND bầu (HĐND hiện tại của người dùng)."""

    queryset = PositionHolder.objects.all()
    serializer_class = PositionHolderSerializer
    filterset_class = filters.PositionHolderFilter
    resource = HOLDER
    selector = staticmethod(selectors.holder_list)
    search_through = ("position",)
    command = staticmethod(services.holder_save)


class ConfidenceVoteViewSet(CouncilScopedViewSet):
    """Lấy phiếu, bỏ phiếu tín nhiệm: kết quả (tỷ lệ trên tổng số đại biểu, hệ quả, căn cứ)
    chỉ đọc; đại biểu và lãnh đạo chỉ thấy cuộc đã chốt kết quả."""

    queryset = ConfidenceVote.objects.all()
    serializer_class = ConfidenceVoteSerializer
    filterset_class = filters.ConfidenceVoteFilter
    resource = VOTE
    search_through = ("candidates__holder",)
    command = staticmethod(services.vote_save)

    @staticmethod
    def selector(*, access):
        return selectors.vote_list(access=access).prefetch_related(
            selectors.candidate_prefetch(), "counting_board_members"
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ConfidenceVoteDetailSerializer
        return ConfidenceVoteSerializer


def register(router) -> None:
    router.register("confidence-votes", ConfidenceVoteViewSet, basename="api-confidencevote")
    router.register("elected-positions", ElectedPositionViewSet, basename="api-electedposition")
    router.register("position-holders", PositionHolderViewSet, basename="api-positionholder")

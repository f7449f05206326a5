"""API v1 of voter contact: meetings, petitions, synthesised petitions (same permissions)."""

from rest_framework import serializers

from hdnd_portal.core.api import CouncilScopedSerializer, CouncilScopedViewSet
from voters import filters, selectors, services
from voters.models import SynthesizedPetition, VoterMeeting, VoterPetition
from voters.policies import MEETING, PETITION, SYNTH

EXCLUDED = ["council", "search_text"]


class OfflineSerializer(CouncilScopedSerializer):
    """A record a phone may send again: the same ``client_uuid`` saves it once."""

    client_uuid = serializers.UUIDField(
        required=False,
        allow_null=True,
        write_only=True,
        help_text="Mã biểu mẫu do máy khách tạo: gửi lại cùng mã chỉ lưu một lần.",
    )

    def validate(self, attrs):
        # Not a field to check against the stored rows: a resend is answered with the first.
        client_uuid = attrs.pop("client_uuid", None)
        attrs = super().validate(attrs)
        if client_uuid is not None and self.instance is None:
            attrs["client_uuid"] = client_uuid
        return attrs


class VoterMeetingSerializer(OfflineSerializer):
    class Meta:
        model = VoterMeeting
        exclude = EXCLUDED
        read_only_fields = ["created_by"]


class VoterPetitionSerializer(OfflineSerializer):
    class Meta:
        model = VoterPetition
        exclude = EXCLUDED
        read_only_fields = ["created_by", "synthesized"]


class SynthesizedPetitionSerializer(CouncilScopedSerializer):
    total_voters = serializers.IntegerField(read_only=True, default=0)
    meeting_count = serializers.IntegerField(read_only=True, default=0)
    due_date = serializers.DateField(source="followup.due_date", read_only=True, default=None)
    petitions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = SynthesizedPetition
        exclude = EXCLUDED


class VoterMeetingViewSet(CouncilScopedViewSet):
    """Cuộc tiếp xúc cử tri (HĐND hiện tại của người dùng)."""

    queryset = VoterMeeting.objects.all()
    serializer_class = VoterMeetingSerializer
    filterset_class = filters.VoterMeetingFilter
    resource = MEETING
    selector = staticmethod(selectors.meeting_list_with_delegates)
    command = staticmethod(services.meeting_save)


class VoterPetitionViewSet(CouncilScopedViewSet):
    """Ý kiến, kiến nghị cử tri nêu tại các cuộc tiếp xúc."""

    queryset = VoterPetition.objects.all()
    serializer_class = VoterPetitionSerializer
    filterset_class = filters.VoterPetitionFilter
    resource = PETITION
    selector = staticmethod(selectors.petition_list)
    command = staticmethod(services.petition_save)


class SynthesizedPetitionViewSet(CouncilScopedViewSet):
    """Kiến nghị tổng hợp (cơ quan trả lời chỉ thấy kiến nghị được chuyển đến mình).

    Read only: merging, forwarding and answering are the pages' actions (services)."""

    queryset = SynthesizedPetition.objects.all()
    serializer_class = SynthesizedPetitionSerializer
    filterset_class = filters.SynthesizedPetitionFilter
    resource = SYNTH
    selector = staticmethod(selectors.synth_list_with_petitions)
    search_through = ("agency",)
    http_method_names = ["get", "head", "options"]


def register(router) -> None:
    router.register("voter-meetings", VoterMeetingViewSet, basename="api-votermeeting")
    router.register("voter-petitions", VoterPetitionViewSet, basename="api-voterpetition")
    router.register(
        "synthesized-petitions", SynthesizedPetitionViewSet, basename="api-synthesizedpetition"
    )

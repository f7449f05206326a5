"""API v1 of receptions and letters: the pages' permissions, commands and the same masking.

A list never shows a protected identity, nor a full identity number; a letter's or a
reception's own endpoint shows them to those who may see them (the handlers of a
denunciation, administrators; the Office for identity numbers of other kinds), and each
showing of a protected identity is logged like on the page. Letters are created through
:func:`petitions.services.letter_save`, the page's command.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from councils.models import Agency
from hdnd_portal.core.api import (
    CouncilScopedSerializer,
    CouncilScopedViewSet,
    PolicyPermission,
    PortalSerializer,
)
from petitions import selectors, services
from petitions.models import MASKED_TEXT, IdentityAccess, Kind, Letter, Reception
from petitions.policies import LETTER, RECEPTION


@extend_schema_field(
    {
        "type": "string",
        "description": "Một trong: "
        + "; ".join(f"{code} ({label})" for code, label in Kind.choices),
    }
)
class KindField(serializers.ChoiceField):
    """The letter's kind, documented as a string: an enum component named ``kind`` would collide
    with the agencies' and committees' (drf-spectacular warns, and ``check --deploy`` fails)."""


class _MaskingMixin:
    name_field = ""
    id_field = ""
    other_identity = ()

    def to_representation(self, obj):
        data = super().to_representation(obj)
        view = self.context.get("view")
        access = self.context.get("access")
        request = self.context.get("request")
        single = view is not None and getattr(view, "action", "") in ("retrieve", "create")
        reveal = False
        if single and access is not None:
            reveal = services.reveal_identity(
                obj,
                access,
                purpose=IdentityAccess.Purpose.API,
                page=request.path if request else "API",
            )
        if not reveal:
            data[self.name_field] = (
                obj.sender_shown if isinstance(obj, Letter) else obj.citizen_shown
            )
            for name in self.other_identity:
                if name in data:
                    data[name] = MASKED_TEXT if obj.is_protected else data[name]
        if not (single and obj.id_number_visible_to(access)):
            data[self.id_field] = MASKED_TEXT if obj.is_protected else obj.id_masked
        if (
            isinstance(obj, Letter)
            and obj.is_protected
            and obj.content_reveals_identity
            and not reveal
        ):
            data["subject"] = MASKED_TEXT
            data["content"] = MASKED_TEXT
        return data


class ReceptionSerializer(_MaskingMixin, CouncilScopedSerializer):
    kind = KindField(choices=Kind.choices, label="Phân loại")
    name_field = "citizen_name"
    id_field = "citizen_id_number"
    other_identity = ("citizen_address", "representatives")

    class Meta:
        model = Reception
        exclude = ["council", "search_text", "citizen_id_hash", "handlers"]
        read_only_fields = ["created_by", "anonymised_at", "created_at", "updated_at"]


class LetterSerializer(_MaskingMixin, CouncilScopedSerializer):
    name_field = "sender_name"
    id_field = "sender_id_number"
    other_identity = ("sender_address", "sender_phone")
    code = serializers.CharField(read_only=True)
    kind = KindField(choices=Kind.choices, label="Phân loại")

    class Meta:
        model = Letter
        exclude = ["council", "search_text", "sender_id_hash", "handlers"]
        read_only_fields = [
            "year",
            "number",
            "state",
            "agency",
            "forwarded_on",
            "forward_document",
            "guidance",
            "result",
            "duplicate_of",
            "reception",
            "created_by",
            "anonymised_at",
            "created_at",
            "updated_at",
        ]


class ForwardSerializer(PortalSerializer):
    agency = serializers.IntegerField(label="Cơ quan có thẩm quyền")
    document = serializers.CharField(required=False, allow_blank=True, max_length=100)


class LetterPermission(PolicyPermission):
    """POST on ``forward`` needs the "forward" permission (and the record's own rule)."""

    def action_for(self, request, view):
        if getattr(view, "action", None) == "forward":
            return "forward"
        return super().action_for(request, view)


class ReceptionViewSet(CouncilScopedViewSet):
    resource = RECEPTION
    selector = staticmethod(selectors.reception_list)
    command = staticmethod(services.reception_save)  # read-only here today; the page's command
    serializer_class = ReceptionSerializer
    queryset = Reception.objects.none()
    http_method_names = ["get", "head", "options"]


class LetterViewSet(CouncilScopedViewSet):
    resource = LETTER
    selector = staticmethod(selectors.letter_list)
    command = staticmethod(services.letter_save)
    serializer_class = LetterSerializer
    queryset = Letter.objects.none()
    search_through = ("agency",)
    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [permissions.IsAuthenticated, LetterPermission]

    @action(detail=True, methods=["post"], serializer_class=ForwardSerializer)
    def forward(self, request, pk=None):
        letter = self.get_object()
        form = ForwardSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        agency = Agency.objects.filter(pk=form.validated_data["agency"]).first()
        # A refusal (ValidationError) is the API's 400 with the page's Vietnamese message.
        services.letter_forward(
            letter=letter,
            agency=agency,
            by_user=request.user,
            document=form.validated_data.get("document", ""),
        )
        letter.refresh_from_db()
        return Response(LetterSerializer(letter, context=self.get_serializer_context()).data)


def register(router) -> None:
    router.register("receptions", ReceptionViewSet, basename="api-reception")
    router.register("letters", LetterViewSet, basename="api-letter")

"""API v1 of receptions and letters: the pages' permissions, commands and masking.

What a citizen's fields show comes from the one read model,
:func:`petitions.selectors.protected_view`: a list never shows a protected identity, nor a full
identity number; a letter's or a reception's own endpoint (GET of one record, and the record a
POST created) shows them to those who may see them (the handlers of a denunciation,
administrators; the Office for identity numbers of other kinds). The view that shows a
protected identity logs it once (``retrieve``/``create`` below); serializing never writes.
Letters are created through :func:`petitions.services.letter_save`, the page's command.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, status
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
from petitions.models import PROTECTION_FIELDS, IdentityAccess, Kind, Letter, Reception
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


class _ProtectedSerializer:
    """The citizen's fields as :func:`~petitions.selectors.protected_view` shows them: masked,
    unless the view passed the reader's revealed view of this very record (``context["shown"]``)."""

    def to_representation(self, obj):
        data = super().to_representation(obj)
        shown = self.context.get("shown")
        if shown is None or shown.record is not obj:
            shown = selectors.protected_view(obj)  # a list's row: never revealed
        for name, value in shown.values.items():
            if name in data:
                data[name] = value
        if "duplicate_of" in data:
            # The same-sender link of a protected letter: only where the page shows it.
            data["duplicate_of"] = shown.duplicate.pk if shown.duplicate is not None else None
            data["duplicate_note"] = shown.duplicate_note
        return data


class ReceptionSerializer(_ProtectedSerializer, CouncilScopedSerializer):
    kind = KindField(choices=Kind.choices, label="Phân loại")

    class Meta:
        model = Reception
        exclude = ["council", "search_text", "citizen_id_hash", "handlers"]
        read_only_fields = [
            "created_by",
            "anonymised_at",
            *PROTECTION_FIELDS,
            "created_at",
            "updated_at",
        ]


class LetterSerializer(_ProtectedSerializer, CouncilScopedSerializer):
    code = serializers.CharField(read_only=True)
    kind = KindField(choices=Kind.choices, label="Phân loại")
    duplicate_note = serializers.SerializerMethodField(
        help_text="“Có thể trùng với một đơn do Văn phòng xử lý” khi đơn trùng người gửi với "
        "một đơn được bảo mật mà người đọc không xử lý (duplicate_of khi đó để trống)."
    )

    def get_duplicate_note(self, obj) -> str:
        return ""  # filled from the reader's view (_ProtectedSerializer.to_representation)

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
            *PROTECTION_FIELDS,
            "created_at",
            "updated_at",
        ]


class ForwardSerializer(PortalSerializer):
    agency = serializers.IntegerField(label="Cơ quan có thẩm quyền")
    # Refused when not blank: the slip's number comes from the register (services).
    document = serializers.CharField(required=False, allow_blank=True, max_length=100)


class ReceiptSerializer(PortalSerializer):
    body_received_on = serializers.DateField(label="Ngày cơ quan có thẩm quyền nhận đơn")


class AcceptanceSerializer(PortalSerializer):
    accepted_on = serializers.DateField(label="Ngày thụ lý")
    acceptance_document = serializers.CharField(
        label="Số quyết định, thông báo thụ lý", max_length=100
    )


# The letter's steps after it is in the book: each needs the "forward" permission.
FORWARD_ACTIONS = frozenset({"forward", "receipt", "acceptance"})


class LetterPermission(PolicyPermission):
    """POST on a step (``forward``, ``receipt``, ``acceptance``) needs the "forward"
    permission (and the record's own rule)."""

    def action_for(self, request, view):
        if getattr(view, "action", None) in FORWARD_ACTIONS:
            return "forward"
        return super().action_for(request, view)


class ProtectedViewSet(CouncilScopedViewSet):
    """One record's GET (and the record a POST created) is a showing: the reader's view of it,
    logged once when it reveals a protected identity. Lists are serialized masked."""

    def shown(self, obj) -> dict:
        access = self.request.access
        view = selectors.protected_view(obj, access, reveal=True)
        services.identity_showing_log(
            view=view, access=access, purpose=IdentityAccess.Purpose.API, page=self.request.path
        )
        context = {**self.get_serializer_context(), "shown": view}
        return self.get_serializer_class()(obj, context=context).data

    def retrieve(self, request, *args, **kwargs):
        return Response(self.shown(self.get_object()))

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)  # the command (CouncilScopedViewSet.run_command)
        return Response(self.shown(serializer.instance), status=status.HTTP_201_CREATED)


class ReceptionViewSet(ProtectedViewSet):
    resource = RECEPTION
    selector = staticmethod(selectors.reception_list)
    command = staticmethod(services.reception_save)  # read-only here today; the page's command
    serializer_class = ReceptionSerializer
    queryset = Reception.objects.none()
    http_method_names = ["get", "head", "options"]


class LetterViewSet(ProtectedViewSet):
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

    @action(detail=True, methods=["post"], serializer_class=ReceiptSerializer)
    def receipt(self, request, pk=None):
        """The competent body received the letter that day: its deadline is counted again."""
        letter = self.get_object()
        form = ReceiptSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.letter_body_receipt(
            letter=letter,
            received_on=form.validated_data["body_received_on"],
            by_user=request.user,
        )
        letter.refresh_from_db()
        return Response(LetterSerializer(letter, context=self.get_serializer_context()).data)

    @action(detail=True, methods=["post"], serializer_class=AcceptanceSerializer)
    def acceptance(self, request, pk=None):
        """Thụ lý: the resolution deadline starts on the acceptance date."""
        letter = self.get_object()
        form = AcceptanceSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.letter_record_acceptance(
            letter=letter,
            accepted_on=form.validated_data["accepted_on"],
            document=form.validated_data["acceptance_document"],
            by_user=request.user,
        )
        letter.refresh_from_db()
        return Response(LetterSerializer(letter, context=self.get_serializer_context()).data)


def register(router) -> None:
    router.register("receptions", ReceptionViewSet, basename="api-reception")
    router.register("letters", LetterViewSet, basename="api-letter")

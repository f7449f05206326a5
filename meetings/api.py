"""API v1 for sessions, agenda items, documents (metadata, files through a permission-checked
URL), resolutions (tally and result read-only, computed by the services) and attendance."""

from django.urls import reverse
from rest_framework import serializers

from hdnd_portal.core.api import CouncilScopedSerializer, scoped_viewset
from meetings import filters, selectors, services
from meetings.models import AgendaItem, Attendance, Resolution, Session, SessionDocument
from meetings.policies import AGENDA_ITEM, ATTENDANCE, RESOLUTION, SESSION, SESSION_DOCUMENT

EXCLUDED = ["council", "search_text"]


class SessionSerializer(CouncilScopedSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Session
        exclude = EXCLUDED
        # The state changes through the page's actions (quorum checked), never by a PUT.
        read_only_fields = ["state"]


class AgendaItemSerializer(CouncilScopedSerializer):
    class Meta:
        model = AgendaItem
        exclude = EXCLUDED


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    uploaded_at = serializers.DateTimeField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return reverse("meetings-document-file", args=[obj.pk])


class SessionDocumentSerializer(CouncilScopedSerializer):
    versions = VersionSerializer(many=True, read_only=True)

    class Meta:
        model = SessionDocument
        exclude = EXCLUDED


class ResolutionSerializer(CouncilScopedSerializer):
    number = serializers.SerializerMethodField()
    tally = serializers.SerializerMethodField()

    class Meta:
        model = Resolution
        exclude = EXCLUDED
        read_only_fields = ["document", "vote_closed_at", "voted_on", "vote_snapshot", "passed"]

    def get_number(self, obj) -> str | None:
        return obj.document.symbol if obj.document_id else None

    def get_tally(self, obj) -> dict:
        return selectors.resolution_tally(obj)


class AttendanceSerializer(CouncilScopedSerializer):
    class Meta:
        model = Attendance
        exclude = EXCLUDED


def _viewset(model, serializer, resource, selector, filterset=None, methods=None, **extra):
    return scoped_viewset(
        model,
        serializer,
        resource=resource,
        selector=selector,
        filterset=filterset,
        methods=methods,
        **extra,
    )


READ_ONLY = ["get", "head", "options"]


SessionViewSet = _viewset(
    Session,
    SessionSerializer,
    SESSION,
    selectors.session_list,
    filters.SessionFilter,
    # The page's command: a new session opens its notice follow-up, a moved one moves it.
    command=services.session_save,
)
AgendaItemViewSet = _viewset(
    AgendaItem, AgendaItemSerializer, AGENDA_ITEM, selectors.agendaitem_list
)
# Files are uploaded on the pages (checked by content); the API lists their metadata.
SessionDocumentViewSet = _viewset(
    SessionDocument,
    SessionDocumentSerializer,
    SESSION_DOCUMENT,
    lambda *, access: selectors.sessiondocument_list(access=access).prefetch_related("versions"),
    methods=READ_ONLY,
)
# Votes and numbers go through the services (pages): the API reads resolutions.
ResolutionViewSet = _viewset(
    Resolution,
    ResolutionSerializer,
    RESOLUTION,
    selectors.resolution_list_with_tally,
    methods=READ_ONLY,
)
AttendanceViewSet = _viewset(
    Attendance, AttendanceSerializer, ATTENDANCE, selectors.attendance_list, methods=READ_ONLY
)


def register(router) -> None:
    router.register("sessions", SessionViewSet, basename="api-session")
    router.register("agenda-items", AgendaItemViewSet, basename="api-agendaitem")
    router.register("session-documents", SessionDocumentViewSet, basename="api-sessiondocument")
    router.register("resolutions", ResolutionViewSet, basename="api-resolution")
    router.register("attendances", AttendanceViewSet, basename="api-attendance")

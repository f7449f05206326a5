"""The API's shared pieces: one error shape, the permission class, scoped viewsets."""

import copy

from django.conf import settings

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, permissions, serializers, viewsets
from django.utils.module_loading import import_string
from rest_framework.views import exception_handler as drf_exception_handler

from hdnd_portal.core.permissions import can


def resolve_access(request, user):
    return import_string(settings.PORTAL_ACCESS_RESOLVER)(request, user)


def exception_handler(exc, context):
    """Every error as {"error": {"code", "message", "fields"}}."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Không tìm thấy.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    fields = None
    message = ""
    if isinstance(exc, exceptions.ValidationError):
        fields = data if isinstance(data, dict) else {"non_field_errors": data}
        message = "Dữ liệu không hợp lệ."
    elif isinstance(data, dict) and "detail" in data:
        message = str(data["detail"])
    code = getattr(exc, "default_code", "error")
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    return response


class PolicyPermission(permissions.BasePermission):
    """Maps HTTP methods to the policy actions of the view's ``resource``."""

    action_for_method = {"GET": "view", "HEAD": "view", "OPTIONS": "view",
                         "POST": "add", "PUT": "change", "PATCH": "change",
                         "DELETE": "delete"}

    def has_permission(self, request, view):
        access = getattr(request, "access", None)
        if access is None:
            return False
        return can(access, view.resource, self.action_for_method[request.method])

    def has_object_permission(self, request, view, obj):
        access = request.access
        if not can(access, view.resource, "view", obj):
            raise exceptions.NotFound("Không tìm thấy.")
        return can(access, view.resource, self.action_for_method[request.method], obj)


class CouncilScopedViewSet(viewsets.ModelViewSet):
    """Read/write API over a council's records; no hard deletes."""

    resource: str = ""
    permission_classes = [permissions.IsAuthenticated, PolicyPermission]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    select_related: tuple[str, ...] = ()

    def perform_authentication(self, request):
        # Token-authenticated calls are authenticated by DRF, after the middleware ran.
        super().perform_authentication(request)
        if getattr(request._request, "access", None) is None and request.user.is_authenticated:
            request._request.access = resolve_access(request._request, request.user)
        if not hasattr(request._request, "access"):
            request._request.access = None

    def get_queryset(self):
        qs = self.queryset.model.objects.visible_to(getattr(self.request, "access", None))
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        q = self.request.query_params.get("q")
        if q:
            qs = qs.search(q)
        return qs.order_by("id")

    def get_serializer_context(self):
        ctx = super().get_serializer_context()
        ctx["access"] = getattr(self.request, "access", None)
        return ctx

    def perform_create(self, serializer):
        serializer.save(council_id=self.request.access.council_id)


class CouncilScopedSerializer(serializers.ModelSerializer):
    """Related-record choices limited to the user's council; the model's clean() applies."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        access = self.context.get("access")
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to"):
                field.queryset = qs.visible_to(access)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for key, value in attrs.items():
            setattr(instance, key, value)
        access = self.context.get("access")
        if access is not None and not getattr(instance, "council_id", None):
            instance.council_id = access.council_id
        try:
            instance.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors":
                                                                     exc.messages}) from exc
        return attrs

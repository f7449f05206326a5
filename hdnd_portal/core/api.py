"""The API's shared pieces: one error shape, the permission class, scoped viewsets."""

import copy
from collections.abc import Callable

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, filters, permissions, serializers, viewsets
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from councils.middleware import access_for_request
from hdnd_portal.core.commands import record_save
from hdnd_portal.core.inputs import validate_sane_date
from hdnd_portal.core.permissions import can
from hdnd_portal.core.search import MAX_QUERY_LENGTH, clean_query

# DRF's Vietnamese catalog covers about twenty strings: the API's own messages are
# set here, by error code, so clients and users read Vietnamese.
ERROR_MESSAGES = {
    "not_authenticated": "Bạn chưa đăng nhập (thiếu thông tin xác thực).",
    "authentication_failed": "Thông tin xác thực không hợp lệ.",
    "permission_denied": "Bạn không có quyền thực hiện thao tác này.",
    "not_found": "Không tìm thấy.",
    "method_not_allowed": "Phương thức không được hỗ trợ.",
    "parse_error": "Dữ liệu gửi lên không đọc được.",
    "unsupported_media_type": "Định dạng dữ liệu gửi lên không được hỗ trợ.",
    "not_acceptable": "Không thể trả về định dạng được yêu cầu.",
    "throttled": "Quá nhiều yêu cầu, vui lòng thử lại sau.",
}

FIELD_ERROR_MESSAGES = {
    "required": "Trường này là bắt buộc.",
    "null": "Trường này không được để trống.",
    "blank": "Trường này không được để trống.",
    "does_not_exist": "Không tìm thấy bản ghi có mã “{pk_value}” trong HĐND của bạn.",
    "incorrect_type": "Cần mã số của bản ghi, nhận được {data_type}.",
    "invalid_choice": "“{input}” không phải là lựa chọn hợp lệ.",
    "max_length": "Không được dài quá {max_length} ký tự.",
    "min_length": "Cần ít nhất {min_length} ký tự.",
    "max_value": "Giá trị không được lớn hơn {max_value}.",
    "min_value": "Giá trị không được nhỏ hơn {min_value}.",
    "max_string_length": "Giá trị quá lớn.",
}
INVALID_MESSAGES = {
    serializers.DateField: "Ngày sai định dạng, dùng một trong các định dạng: {format}.",
    serializers.DateTimeField: "Thời gian sai định dạng, dùng một trong các định dạng: {format}.",
    serializers.IntegerField: "Cần một số nguyên.",
    serializers.BooleanField: "Cần giá trị đúng/sai.",
}


def sane_dates(field) -> None:
    """Dates of the API in the portal's window (1945-2100), as in every form."""
    if isinstance(field, serializers.DateField) and validate_sane_date not in field.validators:
        field.validators = [*field.validators, validate_sane_date]


def portal_field(field) -> None:
    """What every API input field gets: Vietnamese messages and the date window."""
    vietnamese_field_errors(field)
    sane_dates(field)


def vietnamese_field_errors(field) -> None:
    """Replace DRF's English validation messages of ``field`` with Vietnamese ones."""
    messages = dict(field.error_messages)
    for key, text in FIELD_ERROR_MESSAGES.items():
        if key in messages:
            messages[key] = text
    for field_class, text in INVALID_MESSAGES.items():
        if isinstance(field, field_class) and "invalid" in messages:
            messages["invalid"] = text
    field.error_messages = messages


def drf_validation_error(exc: DjangoValidationError) -> serializers.ValidationError:
    """A command's refusal (Django's ValidationError) as the API's 400, field by field."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    errors = dict(errors)
    if NON_FIELD_ERRORS in errors:
        errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
    return serializers.ValidationError(errors)


def exception_handler(exc, context):
    """Every error as {"error": {"code", "message", "fields"}}."""
    if isinstance(exc, DjangoValidationError):
        # A command refused: the same Vietnamese message as on the page.
        exc = drf_validation_error(exc)
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
    if code in ERROR_MESSAGES and (message == str(exc.default_detail) or message.isascii()):
        # DRF's own English text; a view's own (Vietnamese) message is kept.
        message = ERROR_MESSAGES[code]
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    return response


class PolicyPermission(permissions.BasePermission):
    """Maps HTTP methods to the policy actions of the view's ``resource``.

    A method the view does not serve (TRACE, a made-up verb, DELETE: no hard deletes, POST on
    a record) is let through here so the view answers 405, whatever the user's role.
    """

    action_for_method = {
        "GET": "view",
        "HEAD": "view",
        "OPTIONS": "view",
        "POST": "add",
        "PUT": "change",
        "PATCH": "change",
    }

    @staticmethod
    def served(request, view) -> bool:
        method = request.method.lower()
        # A viewset binds only the methods its route maps (list: get/post, detail: get/put/…).
        return method in view.http_method_names and getattr(view, method, None) is not None

    def action_for(self, request, view) -> str | None:
        return self.action_for_method.get(request.method)

    def has_permission(self, request, view):
        if not self.served(request, view):
            return True  # answered 405 by the view
        access = getattr(request, "access", None)
        if access is None:
            return False
        action = self.action_for(request, view)
        if action is None:
            return False
        if action == "change" and can(access, view.resource, "view"):
            # Changes address one record: its own rule (``check_access``, e.g. a
            # delegate editing their own profile) decides in has_object_permission,
            # exactly as on the pages.
            return True
        return can(access, view.resource, action)

    def has_object_permission(self, request, view, obj):
        access = request.access
        if not can(access, view.resource, "view", obj):
            raise exceptions.NotFound("Không tìm thấy.")
        action = self.action_for(request, view)
        return action is not None and can(access, view.resource, action, obj)


class SearchFilter(filters.BaseFilterBackend):
    """``?q=``: the list page's search box on every API list, documented in the OpenAPI schema
    (so clients, and the schemathesis run, know it). The same words as the page: every term,
    without diacritics, in the record's own text or in the view's ``search_through``
    relations; cut like the top bar's (``core.search.clean_query``)."""

    param = "q"

    def filter_queryset(self, request, queryset, view):
        q = clean_query(request.query_params.get(self.param))
        if not q:
            return queryset
        return queryset.search(q, through=getattr(view, "search_through", ()))

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.param,
                "in": "query",
                "required": False,
                "description": (
                    "Tìm không dấu, như ô tìm kiếm của trang danh sách: bản ghi chứa mọi từ "
                    f"(“thon ha” tìm thấy “Thôn Hạ”); dùng {MAX_QUERY_LENGTH} ký tự đầu."
                ),
                "schema": {"type": "string"},
            }
        ]


class CouncilScopedViewSet(viewsets.ModelViewSet):
    """Read/write API over a council's records; no hard deletes.

    Writes call ``command`` (the app's ``services.py``: ``fn(*, access, instance, values)``,
    wrapped in ``staticmethod``), the same function the page calls; the serializer only
    translates the input. Without one, ``record_save`` (a record with no consequences).

    ``selector`` is the read the pages use (``fn(*, access) -> QuerySet``, the
    app's ``selectors.py``, wrapped in ``staticmethod``): the API lists, searches
    and fetches exactly what the list page shows, joined and ordered the same.
    """

    resource: str = ""
    permission_classes = [permissions.IsAuthenticated, PolicyPermission]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    selector: Callable | None = None
    command: Callable | None = None
    select_related: tuple[str, ...] = ()
    # The list page's filters (``filterset_class``) and its search box (``?q=``), both in the
    # OpenAPI schema.
    filter_backends = [DjangoFilterBackend, SearchFilter]
    # As on the page: relations whose own search_text ``?q=`` also matches.
    search_through: tuple[str, ...] = ()

    def perform_authentication(self, request):
        # Token-authenticated calls are authenticated by DRF, after the middleware ran.
        super().perform_authentication(request)
        if getattr(request._request, "access", None) is None and request.user.is_authenticated:
            request._request.access = access_for_request(request._request, request.user)
        if not hasattr(request._request, "access"):
            request._request.access = None

    def base_queryset(self, access):
        if self.selector is not None:
            return self.selector(access=access)
        qs = self.queryset.model.objects.visible_to(access)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        return qs.order_by("id")

    def get_queryset(self):
        return self.base_queryset(getattr(self.request, "access", None))

    def get_serializer_context(self):
        ctx = super().get_serializer_context()
        ctx["access"] = getattr(self.request, "access", None)
        return ctx

    def run_command(self, *, instance, values):
        access = self.request.access
        if self.command is not None:
            return self.command(access=access, instance=instance, values=values)
        model = self.queryset.model
        return record_save(access=access, instance=instance, values=values, model=model)

    def perform_create(self, serializer):
        serializer.instance = self.run_command(
            instance=None, values=dict(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = self.run_command(
            instance=serializer.instance, values=dict(serializer.validated_data)
        )


class PortalSerializer(serializers.Serializer):
    """Input of an API action (not a model): Vietnamese messages, dates in 1945-2100."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            portal_field(field)


class CouncilScopedSerializer(serializers.ModelSerializer):
    """Related-record choices limited to the user's council; the model's clean() applies."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        access = self.context.get("access")
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to"):
                field.queryset = qs.visible_to(access)
            portal_field(field)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        # Many-to-many values are saved by the serializer after the row; clean() reads the
        # row's own fields (assigning a list to the forward side of an M2M is a TypeError).
        related_sets = {f.name for f in model._meta.get_fields() if f.many_to_many or f.one_to_many}
        for key, value in attrs.items():
            if key in related_sets:
                continue
            setattr(instance, key, value)
        access = self.context.get("access")
        if access is not None and not getattr(instance, "council_id", None):
            instance.council_id = access.council_id
        try:
            instance.clean()
            # Unique and check constraints (most include the council, which is not a
            # serializer field): a 400 with their Vietnamese message, not a 500.
            instance.validate_unique()
            instance.validate_constraints()
        except DjangoValidationError as exc:
            errors = (
                exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
            )
            if NON_FIELD_ERRORS in errors:
                errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
            raise serializers.ValidationError(errors) from exc
        return attrs


def scoped_viewset(
    model,
    serializer,
    *,
    resource: str,
    selector: Callable,
    filterset=None,
    command: Callable | None = None,
    search_through: tuple[str, ...] = (),
    methods: list[str] | None = None,
    **extra,
) -> type[CouncilScopedViewSet]:
    """A :class:`CouncilScopedViewSet` for one model: the page's selector (same scope, joins,
    order), its policy key and its command (the page's write). ``methods`` narrows the HTTP
    methods (a read-only list: ``["get", "head", "options"]``)."""
    attrs = {
        "queryset": model.objects.all(),
        "serializer_class": serializer,
        "filterset_class": filterset,
        "resource": resource,
        "selector": staticmethod(selector),
        "command": staticmethod(command) if command else None,
        "search_through": search_through,
        "__doc__": f"{model._meta.verbose_name_plural} (HĐND hiện tại của người dùng).",
        **extra,
    }
    if methods:
        attrs["http_method_names"] = methods
    return type(f"{model.__name__}ViewSet", (CouncilScopedViewSet,), attrs)

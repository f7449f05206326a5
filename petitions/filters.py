import django_filters

from councils.models import Agency, Delegate
from hdnd_portal.core.filters import CouncilFilterSet
from petitions.models import IdentityAccess, Kind, Letter, Reception, ReceptionSchedule


class ReceptionFilter(CouncilFilterSet):
    received_from = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label="Từ ngày"
    )
    received_to = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label="Đến ngày"
    )
    receivers = django_filters.ModelChoiceFilter(
        queryset=Delegate.objects.all(), label="Đại biểu tiếp"
    )
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label="Phân loại")

    class Meta:
        model = Reception
        fields = ["received_from", "received_to", "kind", "outcome", "receivers", "by_standing"]


class LetterFilter(CouncilFilterSet):
    received_from = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label="Từ ngày"
    )
    received_to = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label="Đến ngày"
    )
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label="Phân loại")
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.all(), label="Cơ quan có thẩm quyền"
    )
    duplicate = django_filters.BooleanFilter(
        field_name="duplicate_of", lookup_expr="isnull", exclude=True, label="Đơn trùng"
    )

    class Meta:
        model = Letter
        fields = [
            "received_from",
            "received_to",
            "kind",
            "state",
            "source",
            "agency",
            "eligible",
            "anonymous",
            "duplicate",
        ]


class ScheduleFilter(CouncilFilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label="Từ ngày")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label="Đến ngày")
    delegates = django_filters.ModelChoiceFilter(queryset=Delegate.objects.all(), label="Đại biểu")

    class Meta:
        model = ReceptionSchedule
        fields = ["date_from", "date_to", "host", "delegates"]


class IdentityAccessFilter(CouncilFilterSet):
    accessed_from = django_filters.DateFilter(
        field_name="accessed_at", lookup_expr="date__gte", label="Từ ngày"
    )
    accessed_to = django_filters.DateFilter(
        field_name="accessed_at", lookup_expr="date__lte", label="Đến ngày"
    )

    class Meta:
        model = IdentityAccess
        fields = ["accessed_from", "accessed_to", "purpose"]

import django_filters

from hdnd_portal.core.filters import CouncilFilterSet, YearFilter
from hdnd_portal.documents.models import DocumentRegister


class DocumentRegisterFilter(CouncilFilterSet):
    year = YearFilter(field_name="year")
    issuer_code = django_filters.CharFilter(
        field_name="issuer_code", lookup_expr="iexact", label="Ký hiệu cơ quan ban hành"
    )

    class Meta:
        model = DocumentRegister
        fields = ["type_code", "year", "issuer_code", "is_normative"]

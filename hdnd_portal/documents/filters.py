import django_filters

from councils.models import Council
from hdnd_portal.core.access import CITY
from hdnd_portal.core.filters import CouncilFilterSet, YearFilter
from hdnd_portal.documents.models import Dispatch, DocumentRegister


class DocumentRegisterFilter(CouncilFilterSet):
    year = YearFilter(field_name="year")
    issuer_code = django_filters.CharFilter(
        field_name="issuer_code", lookup_expr="iexact", label="Ký hiệu cơ quan ban hành"
    )

    class Meta:
        model = DocumentRegister
        fields = ["type_code", "year", "issuer_code", "is_normative"]


# The reports that go up to the city (DocumentKind.sends_upward), as the city's list names them.
UPWARD_LABELS = {
    "targets.review": "Báo cáo sơ kết, tổng kết Kế hoạch",
    "meetings.quarterly_report": "Báo cáo hoạt động quý",
    "petitions.periodic_report": "Báo cáo tiếp công dân, xử lý đơn",
    "supervision.report": "Báo cáo kết quả giám sát",
}


def _upward_choices():
    from hdnd_portal.documents.printing import document_kinds

    return [
        (code, DispatchFilter.kind_label(kind))
        for code, kind in sorted(document_kinds().items())
        if kind.sends_upward
    ]


class DispatchFilter(CouncilFilterSet):
    """The city's inbox: by sending council (only those the user oversees as the city) and by
    kind of report."""

    council = django_filters.ModelChoiceFilter(
        field_name="council", label="HĐND xã", queryset=Council.objects.none()
    )
    kind_code = django_filters.ChoiceFilter(
        field_name="kind_code", label="Loại báo cáo", choices=_upward_choices
    )

    class Meta:
        model = Dispatch
        fields = ["council", "kind_code"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        access = getattr(request, "access", None)
        ids = {cid for cid, _name, role in getattr(access, "available", ()) if role == CITY}
        if access is not None:
            ids.add(access.council_id)
        self.form.fields["council"].queryset = Council.objects.filter(pk__in=ids).order_by("name")

    @staticmethod
    def kind_label(kind) -> str:
        return UPWARD_LABELS.get(kind.code, kind.code)

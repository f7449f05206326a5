import django_filters

from councils.models import Agency, Committee, Constituency, Delegate, Membership, PartyCell, Term
from hdnd_portal.core.filters import CouncilFilterSet


def _filter_current(self, queryset, name, value):
    """Filter method: in the period today (True) or not (False).

    Periods are dated, never a flag: a delegate whose end date is next month is
    still in office today, and one who starts next month is not yet.
    """
    if value is None:
        return queryset
    current = queryset.current()
    return current if value else queryset.exclude(pk__in=current.values("pk"))


class TermFilter(CouncilFilterSet):
    class Meta:
        model = Term
        fields = ["number"]


class ConstituencyFilter(CouncilFilterSet):
    term = django_filters.ModelChoiceFilter(queryset=Term.objects.all(), label="Nhiệm kỳ")

    class Meta:
        model = Constituency
        fields = ["term"]


class CommitteeFilter(CouncilFilterSet):
    term = django_filters.ModelChoiceFilter(queryset=Term.objects.all(), label="Nhiệm kỳ")

    class Meta:
        model = Committee
        fields = ["term", "kind"]


class DelegateFilter(CouncilFilterSet):
    term = django_filters.ModelChoiceFilter(queryset=Term.objects.all(), label="Nhiệm kỳ")
    delegate_group = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.filter(kind=Committee.Kind.DELEGATE_GROUP), label="Tổ đại biểu"
    )
    constituency = django_filters.ModelChoiceFilter(
        queryset=Constituency.objects.all(), label="Đơn vị bầu cử"
    )
    in_office = django_filters.BooleanFilter(method="filter_in_office", label="Đang là đại biểu")

    class Meta:
        model = Delegate
        fields = [
            "term",
            "delegate_group",
            "constituency",
            "employment",
            "gender",
            "is_first_term",
            "in_office",
        ]

    filter_in_office = _filter_current


class MembershipFilter(CouncilFilterSet):
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(), label="Thường trực/Ban/Tổ"
    )
    current = django_filters.BooleanFilter(method="filter_current", label="Đang giữ")

    class Meta:
        model = Membership
        fields = ["committee", "role", "current"]

    filter_current = _filter_current


class AgencyFilter(CouncilFilterSet):
    class Meta:
        model = Agency
        fields = ["kind", "active"]


class PartyCellFilter(CouncilFilterSet):
    active = django_filters.BooleanFilter(method="filter_active", label="Đang hoạt động")

    class Meta:
        model = PartyCell
        fields = ["active"]

    filter_active = _filter_current

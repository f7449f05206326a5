import django_filters
from django.db.models import Q
from django.utils import timezone

from councils.models import Agency, Committee, Constituency, Delegate, Membership, PartyCell, Term
from hdnd_portal.core.filters import CouncilFilterSet


def _dated_period_filter(start: str, end: str):
    """Filter method: in the period today (True) or not (False).

    Periods are dated, never a flag: a delegate whose end date is next month is
    still in office today, and one who starts next month is not yet.
    """

    def method(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        current = Q(**{f"{start}__lte": today}) & (
            Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": today})
        )
        return queryset.filter(current) if value else queryset.exclude(current)

    return method


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

    filter_in_office = _dated_period_filter("started_on", "ended_on")


class MembershipFilter(CouncilFilterSet):
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(), label="Thường trực/Ban/Tổ"
    )
    current = django_filters.BooleanFilter(method="filter_current", label="Đang giữ")

    class Meta:
        model = Membership
        fields = ["committee", "role", "current"]

    filter_current = _dated_period_filter("start_date", "end_date")


class AgencyFilter(CouncilFilterSet):
    class Meta:
        model = Agency
        fields = ["kind", "active"]


class PartyCellFilter(CouncilFilterSet):
    active = django_filters.BooleanFilter(method="filter_active", label="Đang hoạt động")

    class Meta:
        model = PartyCell
        fields = ["active"]

    def filter_active(self, queryset, name, value):
        if value is None:
            return queryset
        active = Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=timezone.localdate())
        return queryset.filter(active) if value else queryset.exclude(active)

import django_filters

from councils.models import Agency, Committee, Constituency, Delegate, Membership, PartyCell, Term
from hdnd_portal.core.filters import CouncilFilterSet


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
        queryset=Committee.objects.filter(kind=Committee.Kind.DELEGATE_GROUP), label="Tổ đại biểu")
    constituency = django_filters.ModelChoiceFilter(queryset=Constituency.objects.all(),
                                                    label="Đơn vị bầu cử")
    in_office = django_filters.BooleanFilter(field_name="ended_on", lookup_expr="isnull",
                                             label="Đang là đại biểu")

    class Meta:
        model = Delegate
        fields = ["term", "delegate_group", "constituency", "employment", "gender",
                  "is_first_term", "in_office"]


class MembershipFilter(CouncilFilterSet):
    committee = django_filters.ModelChoiceFilter(queryset=Committee.objects.all(),
                                                 label="Thường trực/Ban/Tổ")
    current = django_filters.BooleanFilter(field_name="end_date", lookup_expr="isnull",
                                           label="Đang giữ")

    class Meta:
        model = Membership
        fields = ["committee", "role", "current"]


class AgencyFilter(CouncilFilterSet):
    class Meta:
        model = Agency
        fields = ["kind", "active"]


class PartyCellFilter(CouncilFilterSet):
    active = django_filters.BooleanFilter(field_name="dissolved_on", lookup_expr="isnull",
                                          label="Đang hoạt động")

    class Meta:
        model = PartyCell
        fields = ["active"]

import copy

import django_filters
from django import forms
from django.http import QueryDict

from councils.models import (
    Agency,
    Committee,
    Constituency,
    Delegate,
    Dissemination,
    InformationBrief,
    MandateEnd,
    Membership,
    PartyCell,
    PartyCellMembers,
    PartyDocument,
    Term,
    Training,
)
from councils.selectors import default_term, default_term_subquery
from hdnd_portal.core.filters import CouncilFilterSet, YearFilter
from hdnd_portal.core.forms import label_without_term, per_term
from hdnd_portal.core.inputs import parse_ids

ALL_TERMS_LABEL = "Tất cả nhiệm kỳ"


class TermSelect(forms.Select):
    """The term dropdown: the list's default term shows as chosen when the URL names none."""

    shows_default = False

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        if not self.shows_default:
            return groups
        options = [option for _group, group_options, _i in groups for option in group_options]
        terms = [o["value"].instance for o in options if hasattr(o["value"], "instance")]
        chosen = default_term(terms)
        for option in options:
            picked = chosen is not None and getattr(option["value"], "instance", None) == chosen
            option["selected"] = picked
            if picked:
                option["attrs"]["selected"] = True
            else:
                option["attrs"].pop("selected", None)
        return groups


def _terms():
    return Term.objects.order_by("-start_date", "-id")


class TermScopedFilterSet(CouncilFilterSet):
    """A list of per-term records that opens on the current term.

    Without ``term`` in the query string the list shows the default term
    (``selectors.default_term_subquery``: the term in force) and the dropdown shows it
    chosen; "Tất cả nhiệm kỳ" (``term=``) shows every term. The other per-term
    dropdowns (delegate group, committee, constituency) offer the chosen term's
    records, or every term's named with their term. Both the default and the
    narrowing are subqueries: the page runs no query more than before.

    The API (a DRF request) keeps its meaning: every term unless ``term`` is given.
    """

    # The lookup from the listed model to its term: the ``term`` filter and the default
    # term both go through it.
    term_lookup = "term"
    term = django_filters.ModelChoiceFilter(
        queryset=_terms(), label="Nhiệm kỳ", empty_label=ALL_TERMS_LABEL, widget=TermSelect
    )

    @classmethod
    def get_filters(cls):
        """The class's filters, its ``term`` filtering through ``term_lookup``: a record
        reaching its term through its session (``session__term``) is filtered by the
        term chosen, not by a ``term`` field it does not have."""
        filters = super().get_filters()
        term = filters.get("term")
        if term is not None and term.field_name != cls.term_lookup:
            # Declared filters are shared with the parent class: change a copy.
            term = copy.deepcopy(term)
            term.field_name = cls.term_lookup
            filters["term"] = term
        return filters

    def __init__(self, data=None, *args, request=None, **kwargs):
        is_api = hasattr(request, "query_params")
        access = getattr(request, "access", None)
        self.defaults_to_term = (
            not is_api and access is not None and (data is None or "term" not in data)
        )
        if self.defaults_to_term and data is None:
            data = QueryDict()  # bound, so the default applies with no filter chosen
        super().__init__(data, *args, request=request, **kwargs)
        self.council_id = access.council_id if access is not None else None
        term_field = self.form.fields["term"]
        term_field.widget.shows_default = self.defaults_to_term
        # An id the database can hold ("²".isdigit() is true; 30 digits overflow SQLite).
        chosen = parse_ids([self.data.get("term")]) if self.data is not None else []
        for name, field in self.form.fields.items():
            if name == "term" or not per_term(field):
                continue
            if self.defaults_to_term:
                field.queryset = field.queryset.filter(term__in=self._default_term())
                label_without_term(field)
            elif chosen:
                field.queryset = field.queryset.filter(term_id=chosen[0])
                label_without_term(field)

    def _default_term(self):
        return default_term_subquery(council_id=self.council_id)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.defaults_to_term:
            queryset = queryset.filter(**{f"{self.term_lookup}__in": self._default_term()})
            # What an export's subtitle reads ("Lọc: Nhiệm kỳ: …"): a sheet of one term
            # must not call itself the whole list.
            self.form.cleaned_data["term"] = DefaultTermName(self.council_id)
        return queryset


class DefaultTermName:
    """The default term's name, read only when shown (the page never shows it)."""

    def __init__(self, council_id: int):
        self.council_id = council_id

    def __str__(self) -> str:
        term = Term.objects.filter(pk__in=default_term_subquery(council_id=self.council_id))
        return str(term.first() or ALL_TERMS_LABEL)


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


class ConstituencyFilter(TermScopedFilterSet):
    class Meta:
        model = Constituency
        fields = ["term"]


class CommitteeFilter(TermScopedFilterSet):
    class Meta:
        model = Committee
        fields = ["term", "kind"]


class DelegateFilter(TermScopedFilterSet):
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


class MembershipFilter(TermScopedFilterSet):
    term_lookup = "committee__term"
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(), label="Thường trực/Ban/Tổ"
    )
    current = django_filters.BooleanFilter(method="filter_current", label="Đang giữ")

    class Meta:
        model = Membership
        fields = ["term", "committee", "role", "current"]

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


class TrainingFilter(CouncilFilterSet):
    year = YearFilter(method="filter_year")
    delegate = django_filters.ModelChoiceFilter(
        label="Đại biểu", field_name="delegates", queryset=Delegate.objects.all()
    )

    topic = django_filters.ChoiceFilter(
        label="Nội dung, kỹ năng", choices=Training.Topic.choices, method="filter_topic"
    )

    class Meta:
        model = Training
        fields = ["year", "delegate", "topic", "mode"]

    def filter_topic(self, queryset, name, value):
        return queryset.filter(topics__contains=value) if value else queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(start_date__year=value) if value else queryset


class PartyDocumentFilter(CouncilFilterSet):
    year = YearFilter(method="filter_year")

    class Meta:
        model = PartyDocument
        fields = ["year", "kind"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(issued_on__year=value) if value else queryset


class DisseminationFilter(CouncilFilterSet):
    year = YearFilter(method="filter_year")
    party_cell = django_filters.ModelChoiceFilter(label="Chi bộ", queryset=PartyCell.objects.all())

    class Meta:
        model = Dissemination
        fields = ["year", "party_cell"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(held_on__year=value) if value else queryset


class PartyCellMembersFilter(CouncilFilterSet):
    party_cell = django_filters.ModelChoiceFilter(label="Chi bộ", queryset=PartyCell.objects.all())

    class Meta:
        model = PartyCellMembers
        fields = ["party_cell"]


class InformationBriefFilter(CouncilFilterSet):
    year = YearFilter(method="filter_year")

    class Meta:
        model = InformationBrief
        fields = ["year"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(sent_on__year=value) if value else queryset


class MandateEndFilter(CouncilFilterSet):
    year = YearFilter(method="filter_year")

    class Meta:
        model = MandateEnd
        fields = ["year", "kind"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(effective_on__year=value) if value else queryset

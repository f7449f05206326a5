import django_filters

from councils.filters import TermScopedFilterSet
from councils.models import Committee
from meetings.models import (
    AgendaItem,
    Examination,
    Question,
    Resolution,
    Session,
    SessionDocument,
)


class SessionFilter(TermScopedFilterSet):
    class Meta:
        model = Session
        fields = ["term", "kind", "state"]


class _PerSession(TermScopedFilterSet):
    term_lookup = "session__term"
    session = django_filters.ModelChoiceFilter(queryset=Session.objects.all(), label="Kỳ họp")


class AgendaItemFilter(_PerSession):
    class Meta:
        model = AgendaItem
        fields = ["term", "session"]


class SessionDocumentFilter(_PerSession):
    class Meta:
        model = SessionDocument
        fields = ["term", "session", "kind"]


class QuestionFilter(_PerSession):
    class Meta:
        model = Question
        fields = ["term", "session"]


class ResolutionFilter(_PerSession):
    issued = django_filters.BooleanFilter(
        field_name="document", lookup_expr="isnull", exclude=True, label="Đã cấp số"
    )

    class Meta:
        model = Resolution
        fields = ["term", "session", "kind", "passed", "issued"]


class ExaminationFilter(TermScopedFilterSet):
    term_lookup = "document__session__term"
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.filter(kind=Committee.Kind.BAN), label="Ban thẩm tra"
    )

    class Meta:
        model = Examination
        fields = ["term", "committee", "recommendation"]

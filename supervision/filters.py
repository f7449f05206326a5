import django_filters
from django.utils import timezone

from councils.models import Agency, Committee
from hdnd_portal.core.filters import CouncilFilterSet, YearFilter
from hdnd_portal.followups.selectors import OPEN_STATES, STATE_CHOICES
from supervision import selectors
from supervision.models import (
    Activity,
    ActivityKind,
    Body,
    Conclusion,
    Programme,
    ProgrammeItem,
    Question,
    Recommendation,
)

MONTHS = [(m, f"Tháng {m}") for m in range(1, 13)]


def _year(field: str):
    return YearFilter(field_name=field)


class ProgrammeFilter(CouncilFilterSet):
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(), label="Thường trực, Ban, Tổ đại biểu"
    )

    class Meta:
        model = Programme
        fields = ["year", "body", "committee"]


class ProgrammeItemFilter(CouncilFilterSet):
    year = _year("programme__year")
    body = django_filters.ChoiceFilter(
        field_name="programme__body", choices=Body.choices, label="Chủ thể"
    )
    planned_month = django_filters.ChoiceFilter(choices=MONTHS, label="Tháng dự kiến")
    agency = django_filters.ModelChoiceFilter(
        field_name="agencies", queryset=Agency.objects.all(), label="Cơ quan chịu sự giám sát"
    )
    overlap = django_filters.BooleanFilter(method="filter_overlap", label="Trùng lặp")

    class Meta:
        model = ProgrammeItem
        fields = ["year", "body", "kind", "planned_month", "agency", "overlap"]

    def filter_overlap(self, queryset, name, value):
        if value is None:
            return queryset
        access = getattr(self.request, "access", None)
        ids = selectors.overlapping_item_ids(access.council_id) if access else set()
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)


class ActivityFilter(CouncilFilterSet):
    year = _year("start_date__year")
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(), label="Thường trực, Ban, Tổ đại biểu"
    )
    agency = django_filters.ModelChoiceFilter(
        field_name="agencies", queryset=Agency.objects.all(), label="Cơ quan chịu sự giám sát"
    )

    class Meta:
        model = Activity
        fields = ["year", "body", "committee", "kind", "state", "agency"]


class QuestionFilter(CouncilFilterSet):
    activity = django_filters.ModelChoiceFilter(
        queryset=Activity.objects.filter(
            kind__in=[ActivityKind.QUESTIONING, ActivityKind.EXPLANATION]
        ),
        label="Phiên chất vấn, giải trình",
    )

    class Meta:
        model = Question
        fields = ["activity", "agency"]


class ConclusionFilter(CouncilFilterSet):
    body = django_filters.ChoiceFilter(
        field_name="activity__body", choices=Body.choices, label="Chủ thể"
    )
    year = _year("concluded_on__year")

    class Meta:
        model = Conclusion
        fields = ["kind", "body", "year"]


RECOMMENDATION_STATES = [
    *STATE_CHOICES,
    (Recommendation.CARRIED_OVER, Recommendation.CARRIED_OVER_LABEL),
]


class RecommendationFilter(CouncilFilterSet):
    state = django_filters.ChoiceFilter(
        choices=RECOMMENDATION_STATES, method="filter_state", label="Trạng thái"
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Quá hạn")
    body = django_filters.ChoiceFilter(
        field_name="activity__body", choices=Body.choices, label="Chủ thể"
    )
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.all(), label="Cơ quan chịu trách nhiệm"
    )

    class Meta:
        model = Recommendation
        fields = ["state", "overdue", "body", "agency"]

    def filter_state(self, queryset, name, value):
        if not value:
            return queryset
        if value == Recommendation.CARRIED_OVER:
            return queryset.filter(carried_over=True)
        return queryset.filter(carried_over=False, followup__state=value)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = dict(
            carried_over=False,
            followup__state__in=OPEN_STATES,
            followup__due_date__lt=timezone.localdate(),
        )
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)

"""Filters of the coordination regulations and their reviews."""

import django_filters

from hdnd_portal.core.filters import CouncilFilterSet, YearFilter
from meetings.models import CoordinationRegulation, CoordinationReview


class CoordinationRegulationFilter(CouncilFilterSet):
    in_force_on = django_filters.DateFilter(
        method="filter_in_force_on", label="Có hiệu lực vào ngày"
    )
    signed_year = YearFilter(field_name="signed_on", lookup_expr="year", label="Năm ký")

    class Meta:
        model = CoordinationRegulation
        fields = ["term", "form", "signed_year", "in_force_on"]

    def filter_in_force_on(self, queryset, name, value):
        return queryset.on(value) if value else queryset


class CoordinationReviewFilter(CouncilFilterSet):
    regulation = django_filters.ModelChoiceFilter(
        queryset=CoordinationRegulation.objects.order_by("-start_date", "-id"),
        label="Quy chế phối hợp",
    )

    class Meta:
        model = CoordinationReview
        fields = ["regulation", "kind", "year"]

"""Filters of the procedures library and emulation lists (page and API alike)."""

import django_filters
from django.utils import timezone

from councils.models import Committee, Delegate
from councils.models_library import (
    EmulationCriterion,
    EmulationRegistration,
    EmulationResult,
    Procedure,
    ProcedureVersion,
    Registrant,
    Reward,
)
from hdnd_portal.core.filters import CouncilFilterSet, YearFilter


class ProcedureFilter(CouncilFilterSet):
    class Meta:
        model = Procedure
        fields = ["kind", "document_type"]


class ProcedureVersionFilter(CouncilFilterSet):
    kind = django_filters.ChoiceFilter(
        label="Lĩnh vực", field_name="procedure__kind", choices=Procedure.Kind.choices
    )
    procedure = django_filters.ModelChoiceFilter(
        label="Quy trình, quy chế", queryset=Procedure.objects.all()
    )
    current = django_filters.BooleanFilter(method="filter_current", label="Đang áp dụng")
    year = YearFilter(method="filter_year", label="Năm ban hành")

    class Meta:
        model = ProcedureVersion
        fields = ["kind", "procedure", "current", "year"]

    def filter_current(self, queryset, name, value):
        if value is None:
            return queryset
        current = queryset.model.objects.current(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)

    def filter_year(self, queryset, name, value):
        return queryset.filter(decision_date__year=value) if value else queryset


class EmulationCriterionFilter(CouncilFilterSet):
    year = YearFilter(field_name="year")

    class Meta:
        model = EmulationCriterion
        fields = ["year", "applies_to"]


class _RegistrantFilter(CouncilFilterSet):
    registrant_kind = django_filters.ChoiceFilter(label="Đối tượng", choices=Registrant.choices)
    delegate = django_filters.ModelChoiceFilter(label="Đại biểu", queryset=Delegate.objects.all())
    committee = django_filters.ModelChoiceFilter(label="Tập thể", queryset=Committee.objects.all())


class EmulationRegistrationFilter(_RegistrantFilter):
    year = YearFilter(field_name="year", label="Năm thi đua")

    class Meta:
        model = EmulationRegistration
        fields = ["year", "registrant_kind", "title", "delegate", "committee"]


class EmulationResultFilter(CouncilFilterSet):
    year = YearFilter(field_name="registration__year", label="Năm thi đua")
    registrant_kind = django_filters.ChoiceFilter(
        label="Đối tượng", field_name="registration__registrant_kind", choices=Registrant.choices
    )

    class Meta:
        model = EmulationResult
        fields = ["year", "registrant_kind", "rating"]


class RewardFilter(_RegistrantFilter):
    year = YearFilter(field_name="year", label="Năm thành tích")

    class Meta:
        model = Reward
        fields = ["year", "registrant_kind", "form", "level", "delegate", "committee"]

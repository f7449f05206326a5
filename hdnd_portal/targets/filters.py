import django_filters

from hdnd_portal.core.filters import CouncilFilterSet
from hdnd_portal.targets.models import Body, Target
from hdnd_portal.targets.periods import PeriodKind


class TargetFilter(CouncilFilterSet):
    body = django_filters.ChoiceFilter(label="Cơ quan chịu trách nhiệm", choices=Body.choices)
    period_kind = django_filters.ChoiceFilter(label="Kỳ đánh giá", choices=PeriodKind.choices)
    active = django_filters.BooleanFilter(label="Đang theo dõi")

    class Meta:
        model = Target
        fields = ["body", "period_kind", "active"]

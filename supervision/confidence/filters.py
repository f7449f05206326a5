import django_filters

from councils.models import Term
from hdnd_portal.core.filters import CouncilFilterSet, YearFilter
from supervision.models.confidence import ConfidenceVote, ElectedPosition, PositionHolder


class ElectedPositionFilter(CouncilFilterSet):
    class Meta:
        model = ElectedPosition
        fields = ["body"]


class PositionHolderFilter(CouncilFilterSet):
    term = django_filters.ModelChoiceFilter(queryset=Term.objects.all(), label="Nhiệm kỳ")
    position = django_filters.ModelChoiceFilter(
        queryset=ElectedPosition.objects.all(), label="Chức danh"
    )
    retirement = django_filters.ChoiceFilter(
        choices=PositionHolder.Retirement.choices, label="Thông báo nghỉ hưu"
    )

    class Meta:
        model = PositionHolder
        fields = ["term", "position", "retirement"]


class ConfidenceVoteFilter(CouncilFilterSet):
    term = django_filters.ModelChoiceFilter(queryset=Term.objects.all(), label="Nhiệm kỳ")
    state = django_filters.ChoiceFilter(choices=ConfidenceVote.State.choices, label="Trạng thái")
    year = YearFilter(label="Năm được đánh giá")

    class Meta:
        model = ConfidenceVote
        fields = ["procedure", "term", "year", "state"]

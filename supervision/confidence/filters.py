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

    class Meta:
        model = PositionHolder
        fields = ["term", "position"]


class ConfidenceVoteFilter(CouncilFilterSet):
    term = django_filters.ModelChoiceFilter(queryset=Term.objects.all(), label="Nhiệm kỳ")
    state = django_filters.ChoiceFilter(choices=ConfidenceVote.State.choices, label="Trạng thái")
    year = YearFilter(label="Năm lấy phiếu")

    class Meta:
        model = ConfidenceVote
        fields = ["procedure", "term", "year", "state"]

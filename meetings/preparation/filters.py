"""Filters of the preparation lists and the Standing Committee's meetings."""

import django_filters

from hdnd_portal.core.filters import CouncilFilterSet, YearFilter
from hdnd_portal.followups.selectors import STATE_CHOICES
from meetings.models import (
    CongressGoal,
    JointMeeting,
    PreparationTask,
    QuarterlyReport,
    Session,
    StandingMeeting,
)


def _sessions():
    return Session.objects.order_by("-start_date", "-id")


class JointMeetingFilter(CouncilFilterSet):
    session = django_filters.ModelChoiceFilter(queryset=_sessions(), label="Kỳ họp")
    held_from = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label="Từ ngày")
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label="Đến ngày")

    class Meta:
        model = JointMeeting
        fields = ["session", "held_from", "held_to"]


class PreparationTaskFilter(CouncilFilterSet):
    session = django_filters.ModelChoiceFilter(queryset=_sessions(), label="Kỳ họp")
    state = django_filters.ChoiceFilter(
        field_name="followup__state", choices=STATE_CHOICES, label="Trạng thái"
    )

    class Meta:
        model = PreparationTask
        fields = ["session", "agency", "state"]


class StandingMeetingFilter(CouncilFilterSet):
    year = YearFilter(field_name="held_on", lookup_expr="year")

    class Meta:
        model = StandingMeeting
        fields = ["kind", "term", "year"]


class QuarterlyReportFilter(CouncilFilterSet):
    class Meta:
        model = QuarterlyReport
        fields = ["year", "quarter"]


class CongressGoalFilter(CouncilFilterSet):
    field = django_filters.CharFilter(lookup_expr="icontains", label="Lĩnh vực")

    class Meta:
        model = CongressGoal
        fields = ["kind", "field"]

"""API v1 of the preparation part: joint meetings, preparation tasks, the Standing Committee's
meetings and quarterly reports, the Party Congress goals (same selectors and policies as the
pages). A preparation task created through the API opens its follow-up item, as on the page."""

from rest_framework import serializers

from hdnd_portal.core.api import CouncilScopedSerializer, scoped_viewset
from meetings.models import (
    CongressGoal,
    JointMeeting,
    PreparationTask,
    QuarterlyReport,
    StandingMeeting,
)
from meetings.preparation import filters as filters
from meetings.preparation import selectors as selectors
from meetings.preparation import services as services

EXCLUDED = ["council", "search_text"]


class JointMeetingSerializer(CouncilScopedSerializer):
    decisions = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        write_only=True,
        help_text="Các nội dung thống nhất",
    )

    class Meta:
        model = JointMeeting
        exclude = EXCLUDED

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["decisions"] = [d.text for d in instance.decisions.all()]
        return data

    def validate(self, attrs):
        decisions = attrs.pop("decisions", None)
        participants = attrs.pop("participants", None)
        attrs = super().validate(attrs)
        if decisions is not None:
            attrs["decisions"] = decisions
        if participants is not None:
            attrs["participants"] = participants
        return attrs


class PreparationTaskSerializer(CouncilScopedSerializer):
    state = serializers.CharField(source="state_label", read_only=True)

    class Meta:
        model = PreparationTask
        exclude = EXCLUDED
        read_only_fields = ["followup"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            # The deadline moves only by an extension of the follow-up item.
            self.fields["due_date"].read_only = True


class StandingMeetingSerializer(CouncilScopedSerializer):
    class Meta:
        model = StandingMeeting
        exclude = EXCLUDED


class QuarterlyReportSerializer(CouncilScopedSerializer):
    class Meta:
        model = QuarterlyReport
        exclude = EXCLUDED


class CongressGoalSerializer(CouncilScopedSerializer):
    class Meta:
        model = CongressGoal
        exclude = EXCLUDED


def _viewset(model, serializer, filterset, selector, search_through=(), command=None):
    return scoped_viewset(
        model,
        serializer,
        resource=f"meetings.{model._meta.model_name}",
        selector=selector,
        filterset=filterset,
        search_through=search_through,
        # The page's own command (preparation/services.py): the same rules and consequences.
        command=command,
    )


JointMeetingViewSet = _viewset(
    JointMeeting,
    JointMeetingSerializer,
    filters.JointMeetingFilter,
    selectors.jointmeeting_list,
    command=services.jointmeeting_save,
)
PreparationTaskViewSet = _viewset(
    PreparationTask,
    PreparationTaskSerializer,
    filters.PreparationTaskFilter,
    selectors.preparationtask_list,
    search_through=("agency", "delegate"),
    command=services.preparationtask_save,
)
StandingMeetingViewSet = _viewset(
    StandingMeeting,
    StandingMeetingSerializer,
    filters.StandingMeetingFilter,
    selectors.standingmeeting_list,
    command=services.standingmeeting_save,
)
QuarterlyReportViewSet = _viewset(
    QuarterlyReport,
    QuarterlyReportSerializer,
    filters.QuarterlyReportFilter,
    selectors.quarterlyreport_list,
)
CongressGoalViewSet = _viewset(
    CongressGoal, CongressGoalSerializer, filters.CongressGoalFilter, selectors.congressgoal_list
)


def register(router) -> None:
    router.register("joint-meetings", JointMeetingViewSet, basename="api-jointmeeting")
    router.register("preparation-tasks", PreparationTaskViewSet, basename="api-preparationtask")
    router.register("standing-meetings", StandingMeetingViewSet, basename="api-standingmeeting")
    router.register("quarterly-reports", QuarterlyReportViewSet, basename="api-quarterlyreport")
    router.register("congress-goals", CongressGoalViewSet, basename="api-congressgoal")

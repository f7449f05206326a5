"""API v1 of the coordination regulation and its reviews (same selectors, policies and
commands as the pages: a regulation saved through the API relinks its joint meetings, a review
fulfils the year's follow-up item)."""

from rest_framework import serializers

from hdnd_portal.core.api import CouncilScopedSerializer, scoped_viewset
from meetings.coordination import filters as filters
from meetings.coordination import selectors as selectors
from meetings.coordination import services as services
from meetings.models import CoordinationRegulation, CoordinationReview

EXCLUDED = ["council", "search_text"]


class CoordinationRegulationSerializer(CouncilScopedSerializer):
    in_force = serializers.SerializerMethodField()

    class Meta:
        model = CoordinationRegulation
        exclude = EXCLUDED

    def get_in_force(self, obj) -> bool:
        return obj.in_force()


class CoordinationReviewSerializer(CouncilScopedSerializer):
    class Meta:
        model = CoordinationReview
        exclude = EXCLUDED


CoordinationRegulationViewSet = scoped_viewset(
    CoordinationRegulation,
    CoordinationRegulationSerializer,
    resource="meetings.coordinationregulation",
    selector=selectors.coordinationregulation_list,
    filterset=filters.CoordinationRegulationFilter,
    command=services.coordinationregulation_save,
)
CoordinationReviewViewSet = scoped_viewset(
    CoordinationReview,
    CoordinationReviewSerializer,
    resource="meetings.coordinationreview",
    selector=selectors.coordinationreview_list,
    filterset=filters.CoordinationReviewFilter,
    command=services.coordinationreview_save,
)


def register(router) -> None:
    router.register(
        "coordination-regulations",
        CoordinationRegulationViewSet,
        basename="api-coordinationregulation",
    )
    router.register(
        "coordination-reviews", CoordinationReviewViewSet, basename="api-coordinationreview"
    )

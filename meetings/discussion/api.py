"""API v1 of group discussions and social criticism: the pages' selectors, policies and
commands (a member not in office, a chair outside the group, an opinion on another session's
item are refused with the page's words)."""

from rest_framework import serializers

from hdnd_portal.core.api import CouncilScopedSerializer, scoped_viewset
from meetings.discussion import filters, selectors, services
from meetings.models import DiscussionGroup, DiscussionOpinion, SocialCriticism

EXCLUDED = ["council", "search_text"]


class DiscussionGroupSerializer(CouncilScopedSerializer):
    opinion_count = serializers.SerializerMethodField()

    class Meta:
        model = DiscussionGroup
        exclude = EXCLUDED

    def get_opinion_count(self, obj) -> int:
        # Annotated by the list's selector; a record just written counts its own.
        count = getattr(obj, "opinion_count", None)
        return obj.opinions.count() if count is None else count

    def validate(self, attrs):
        # The members are checked by the command with the page's words.
        members = attrs.pop("members", None)
        attrs = super().validate(attrs)
        if members is not None:
            attrs["members"] = members
        return attrs


class DiscussionOpinionSerializer(CouncilScopedSerializer):
    uptake_label = serializers.CharField(read_only=True)

    class Meta:
        model = DiscussionOpinion
        exclude = EXCLUDED


class SocialCriticismSerializer(CouncilScopedSerializer):
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = SocialCriticism
        exclude = EXCLUDED


DiscussionGroupViewSet = scoped_viewset(
    DiscussionGroup,
    DiscussionGroupSerializer,
    resource="meetings.discussiongroup",
    selector=selectors.discussiongroup_list,
    filterset=filters.DiscussionGroupFilter,
    command=services.discussiongroup_save,
    search_through=("chair",),
)
DiscussionOpinionViewSet = scoped_viewset(
    DiscussionOpinion,
    DiscussionOpinionSerializer,
    resource="meetings.discussionopinion",
    selector=selectors.discussionopinion_list,
    filterset=filters.DiscussionOpinionFilter,
    command=services.discussionopinion_save,
    search_through=("speaker",),
)
SocialCriticismViewSet = scoped_viewset(
    SocialCriticism,
    SocialCriticismSerializer,
    resource="meetings.socialcriticism",
    selector=selectors.socialcriticism_list,
    filterset=filters.SocialCriticismFilter,
    command=services.socialcriticism_save,
    search_through=("draft",),
)


def register(router) -> None:
    router.register("discussion-groups", DiscussionGroupViewSet, basename="api-discussiongroup")
    router.register(
        "discussion-opinions", DiscussionOpinionViewSet, basename="api-discussionopinion"
    )
    router.register("social-criticisms", SocialCriticismViewSet, basename="api-socialcriticism")

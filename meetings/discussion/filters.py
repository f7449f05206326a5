"""Filters of the group discussion and social criticism lists (opening on the current term)."""

import django_filters

from councils.filters import TermScopedFilterSet
from meetings.models import DiscussionGroup, DiscussionOpinion, Session, SocialCriticism


class DiscussionGroupFilter(TermScopedFilterSet):
    term_lookup = "session__term"
    session = django_filters.ModelChoiceFilter(queryset=Session.objects.all(), label="Kỳ họp")

    class Meta:
        model = DiscussionGroup
        fields = ["term", "session"]


class DiscussionOpinionFilter(TermScopedFilterSet):
    term_lookup = "group__session__term"
    session = django_filters.ModelChoiceFilter(
        field_name="group__session", queryset=Session.objects.all(), label="Kỳ họp"
    )
    # A group is named with its session: joined, not one query per choice.
    group = django_filters.ModelChoiceFilter(
        queryset=DiscussionGroup.objects.select_related("session").order_by(
            "-session__start_date", "name"
        ),
        label="Tổ thảo luận",
    )

    class Meta:
        model = DiscussionOpinion
        fields = ["term", "session", "group", "uptake"]


class SocialCriticismFilter(TermScopedFilterSet):
    term_lookup = "draft__session__term"
    session = django_filters.ModelChoiceFilter(
        field_name="draft__session", queryset=Session.objects.all(), label="Kỳ họp"
    )

    class Meta:
        model = SocialCriticism
        fields = ["term", "session", "uptake"]

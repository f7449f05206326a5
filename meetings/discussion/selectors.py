"""Reads of group discussions and social criticism (one per list; pages, exports, the API,
the session's and the resolution's pages and the printed synthesis read through these)."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from hdnd_portal.core.access import Access
from meetings.models import (
    DiscussionGroup,
    DiscussionOpinion,
    Resolution,
    Session,
    SocialCriticism,
)


def discussiongroup_list(*, access: Access | None) -> QuerySet[DiscussionGroup]:
    return (
        DiscussionGroup.objects.visible_to(access)
        .select_related("session__term", "chair", "secretary")
        .prefetch_related("members")
        .annotate(opinion_count=Count("opinions", distinct=True))
        .order_by("-session__start_date", "name", "id")
    )


def discussionopinion_list(*, access: Access | None) -> QuerySet[DiscussionOpinion]:
    return (
        DiscussionOpinion.objects.visible_to(access)
        .select_related(
            "group__session__term",
            "speaker",
            "agenda_item",
            "draft",
            "resolution__document",
            "agency",
        )
        .order_by("-group__session__start_date", "group__name", "id")
    )


def socialcriticism_list(*, access: Access | None) -> QuerySet[SocialCriticism]:
    return (
        SocialCriticism.objects.visible_to(access)
        .select_related("draft__session__term", "front", "file")
        .order_by("-dated_on", "-id")
    )


def group_opinions(*, access: Access | None, group: DiscussionGroup) -> list[DiscussionOpinion]:
    """A group's opinions in the order they were raised (one query)."""
    return list(discussionopinion_list(access=access).filter(group=group).order_by("id"))


def session_discussion(*, access: Access | None, session: Session) -> dict:
    """The groups (with their opinions) and the criticisms of one session: three queries
    whatever their number."""
    opinions = DiscussionOpinion.objects.select_related("speaker", "resolution__document").order_by(
        "id"
    )
    groups = list(
        DiscussionGroup.objects.visible_to(access)
        .filter(session=session)
        .select_related("chair", "secretary")
        .prefetch_related("members", Prefetch("opinions", queryset=opinions))
        .order_by("name", "id")
    )
    criticisms = list(
        socialcriticism_list(access=access).filter(draft__session=session).order_by("id")
    )
    return {"discussion_groups": groups, "criticisms": criticisms}


@dataclass(frozen=True)
class CriticismCheck:
    """Where a resolution's draft stands with the Front's social criticism."""

    required: bool
    criticisms: tuple
    draft_title: str = ""

    @property
    def missing(self) -> bool:
        return self.required and not self.criticisms

    @property
    def unexplained(self) -> list:
        return [c for c in self.criticisms if not c.is_explained]

    @property
    def missing_message(self) -> str:
        return (
            f"Dự thảo “{self.draft_title}” cần phản biện xã hội của Ủy ban MTTQ xã nhưng chưa "
            "ghi nhận văn bản phản biện. Hãy ghi nhận văn bản phản biện xã hội trước khi kết "
            "thúc biểu quyết."
        )

    @property
    def unexplained_message(self) -> str:
        refs = ", ".join(c.reference for c in self.unexplained)
        return (
            f"Cơ quan soạn thảo chưa báo cáo tiếp thu, giải trình ý kiến phản biện xã hội ({refs})."
        )


def criticism_check(resolution: Resolution) -> CriticismCheck:
    """The criticism step of a resolution's vote: required when its draft is marked so."""
    draft = resolution.draft if resolution.draft_id else None
    if draft is None:
        return CriticismCheck(required=False, criticisms=())
    criticisms = tuple(SocialCriticism.objects.filter(draft=draft).order_by("dated_on", "id"))
    return CriticismCheck(
        required=draft.criticism_required, criticisms=criticisms, draft_title=draft.title
    )

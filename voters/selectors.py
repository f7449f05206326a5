"""Reads of voter meetings and voters' petitions: one function per list, already scoped.

Pages, Excel exports, the API and the printed reports read through these.
"""

from django.db.models import Prefetch, QuerySet

from councils.models import Committee, Delegate
from hdnd_portal.core.access import DELEGATE, Access
from hdnd_portal.core.text import fold
from voters.models import PetitionField, SynthesizedPetition, VoterMeeting, VoterPetition

SUGGESTION_LIMIT = 5
# Below this score a petition is not offered as a likely duplicate.
TRIGRAM_THRESHOLD = 0.2
OVERLAP_THRESHOLD = 0.4
# Words this short ("va", "cho") say nothing about the issue.
MIN_WORD = 3


def field_list(*, access: Access | None) -> QuerySet[PetitionField]:
    return PetitionField.objects.visible_to(access).order_by("order", "name", "id")


def meeting_list(*, access: Access | None) -> QuerySet[VoterMeeting]:
    return (
        VoterMeeting.objects.visible_to(access)
        .select_related("session", "holder")
        .order_by("-held_on", "-id")
    )


def meeting_list_with_delegates(*, access: Access | None) -> QuerySet[VoterMeeting]:
    """The meetings with their delegates' ids, for the API (which lists them): one query for
    every row's delegates, not one per row."""
    return meeting_list(access=access).prefetch_related(
        Prefetch("delegates", queryset=Delegate.objects.only("pk"))
    )


def petition_list(*, access: Access | None) -> QuerySet[VoterPetition]:
    return (
        VoterPetition.objects.visible_to(access)
        .select_related("meeting__session", "meeting__holder", "field", "synthesized")
        # meeting_held_on is the meeting's day, copied: the index (council, day, id) serves it.
        .order_by("-meeting_held_on", "-id")
    )


def synth_list(*, access: Access | None) -> QuerySet[SynthesizedPetition]:
    return (
        SynthesizedPetition.objects.visible_to(access)
        .with_counts()
        .select_related("field", "agency", "session", "repeat_of", "followup")
        .order_by("-id")
    )


def synth_list_with_petitions(*, access: Access | None) -> QuerySet[SynthesizedPetition]:
    """The synthesized petitions with the ids of the voters' petitions merged into each, for
    the API (which lists them): one query for every row's petitions, not one per row."""
    return synth_list(access=access).prefetch_related(
        Prefetch("petitions", queryset=VoterPetition.objects.only("pk", "synthesized"))
    )


def repeat_list(*, access: Access | None) -> QuerySet[SynthesizedPetition]:
    """Petitions raised again across sessions or terms (linked with ``repeat_of``)."""
    return synth_list(access=access).filter(repeat_of__isnull=False)


def public_synth_list(*, council) -> QuerySet[SynthesizedPetition]:
    """What anyone may read: forwarded petitions, their answers and states, no names."""
    return (
        SynthesizedPetition.objects.filter(council=council)
        .exclude(state=SynthesizedPetition.State.NEW)
        .with_counts()
        .select_related("field", "agency", "session")
        .order_by("-forwarded_on", "-id")
    )


def delegate_group_of(access: Access | None) -> Committee | None:
    """The delegate group of a delegate account (the holder of the meetings they record)."""
    if access is None or access.role != DELEGATE or not access.delegate_id:
        return None
    delegate = (
        Delegate.objects.visible_to(access)
        .select_related("delegate_group")
        .filter(pk=access.delegate_id)
        .first()
    )
    return delegate.delegate_group if delegate else None


def meetings_of_delegate(*, access, delegate) -> QuerySet[VoterMeeting]:
    return meeting_list(access=access).filter(delegates=delegate)


def _words(text: str) -> set[str]:
    return {w for w in fold(text).split() if len(w) >= MIN_WORD}


def overlap_score(a: str, b: str) -> float:
    """Share of the words two texts have in common (folded, short words ignored)."""
    left, right = _words(a), _words(b)
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))


def similar_petitions(
    *, access, text: str, exclude_pk: int | None = None, limit: int = SUGGESTION_LIMIT
) -> list[SynthesizedPetition]:
    """Synthesised petitions that look like ``text`` (diacritics ignored), best first.

    PostgreSQL: pg_trgm similarity on ``search_text`` (trigram index). Other databases: the
    share of common folded words, scored in Python over rows sharing at least one word.
    """
    from django.db import connection

    folded = fold(text)
    if len(folded) < 8:
        return []
    qs = SynthesizedPetition.objects.visible_to(access).select_related("field", "session")
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        return list(
            qs.annotate(similarity=TrigramSimilarity("search_text", folded))
            .filter(similarity__gte=TRIGRAM_THRESHOLD)
            .order_by("-similarity", "-id")[:limit]
        )
    words = sorted(_words(text), key=len, reverse=True)[:8]
    if not words:
        return []
    from django.db.models import Q

    match = Q()
    for word in words:
        match |= Q(search_text__contains=word)
    scored = []
    for item in qs.filter(match).order_by("-id")[:500]:
        score = overlap_score(text, item.search_text)
        if score >= OVERLAP_THRESHOLD:
            item.similarity = score
            scored.append(item)
    scored.sort(key=lambda i: (-i.similarity, -i.pk))
    return scored[:limit]

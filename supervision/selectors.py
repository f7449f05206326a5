"""Reads of the supervision app: one function per list, shared by pages, exports, API, PDFs."""

from django.db.models import Prefetch, QuerySet

from supervision.models import (
    Activity,
    Conclusion,
    Programme,
    ProgrammeItem,
    Question,
    Recommendation,
    TeamMember,
    topics_similar,
)


def programme_list(*, access) -> QuerySet[Programme]:
    return (
        Programme.objects.visible_to(access)
        .select_related("committee")
        .order_by("-year", "body", "committee__name", "id")
    )


def programmeitem_list(*, access) -> QuerySet[ProgrammeItem]:
    return (
        ProgrammeItem.objects.visible_to(access)
        .select_related("programme__committee")
        .prefetch_related("agencies")
        .order_by("-programme__year", "planned_month", "id")
    )


def activity_list(*, access) -> QuerySet[Activity]:
    return (
        Activity.objects.visible_to(access)
        .select_related("committee", "decision", "programme_item", "parent")
        .prefetch_related("agencies")
        .order_by("-start_date", "-id")
    )


def question_list(*, access) -> QuerySet[Question]:
    return (
        Question.objects.visible_to(access)
        .select_related("activity", "asked_by", "agency")
        .order_by("-activity__start_date", "activity_id", "id")
    )


def conclusion_list(*, access) -> QuerySet[Conclusion]:
    return (
        Conclusion.objects.visible_to(access)
        .select_related("activity__committee")
        .order_by("-concluded_on", "-id")
    )


def recommendation_list(*, access) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.visible_to(access)
        .select_related("activity__committee", "agency", "followup", "conclusion")
        .order_by("due_date", "id")
    )


def activity_team(activity: Activity) -> list[TeamMember]:
    return list(activity.team.select_related("delegate").order_by("role", "id"))


def activity_detail(activity: Activity) -> dict:
    """What the activity's page shows beyond its own fields."""
    return {
        "team": activity_team(activity),
        "schedule": list(activity.schedule.select_related("agency")),
        "conclusions": list(activity.conclusions.order_by("concluded_on", "id")),
        "recommendations": list(
            activity.recommendations.select_related("agency", "followup").order_by("due_date", "id")
        ),
        "questions": list(activity.questions.select_related("asked_by", "agency")),
        "resupervisions": list(activity.resupervisions.order_by("start_date", "id")),
    }


def _items_for_overlap(council_id: int, years=None) -> list[ProgrammeItem]:
    qs = ProgrammeItem.objects.filter(council_id=council_id).select_related("programme__committee")
    if years is not None:
        qs = qs.filter(programme__year__in=years)
    return list(qs.prefetch_related(Prefetch("agencies")).order_by("id"))


def _touch_same_body(a: ProgrammeItem, b: ProgrammeItem) -> bool:
    ids_a = {ag.pk for ag in a.agencies.all()}
    ids_b = {ag.pk for ag in b.agencies.all()}
    if ids_a & ids_b:
        return True
    oa, ob = a.other_bodies.strip(), b.other_bodies.strip()
    return bool(oa and ob and topics_similar(oa, ob))


def _overlap(a: ProgrammeItem, b: ProgrammeItem) -> bool:
    return (
        a.pk != b.pk
        and a.programme.year == b.programme.year
        and a.quarter == b.quarter
        and _touch_same_body(a, b)
        and topics_similar(a.topic, b.topic)
    )


def item_overlaps(item: ProgrammeItem) -> list[ProgrammeItem]:
    """Other programme items (any body, Party and MTTQ included) that supervise the same body
    on a similar topic in the same quarter of the same year: a warning, never a refusal."""
    if item.pk is None:
        return []
    others = _items_for_overlap(item.council_id, [item.programme.year])
    me = next(o for o in others if o.pk == item.pk)
    return [o for o in others if _overlap(me, o)]


def draft_overlaps(*, council_id, year, month, topic, agency_ids, other_bodies="", exclude_pk=None):
    """:func:`item_overlaps` for an item not saved yet (the form's warning)."""
    quarter = (month - 1) // 3 + 1
    found = []
    for other in _items_for_overlap(council_id, [year]):
        if other.pk == exclude_pk or other.quarter != quarter:
            continue
        same_body = bool({ag.pk for ag in other.agencies.all()} & set(agency_ids)) or bool(
            other_bodies.strip()
            and other.other_bodies.strip()
            and topics_similar(other_bodies, other.other_bodies)
        )
        if same_body and topics_similar(topic, other.topic):
            found.append(other)
    return found


def overlapping_item_ids(council_id: int) -> set[int]:
    """Ids of every item of the council that overlaps another (the list filter "Trùng lặp").
    Two queries whatever the number of items; the comparison runs per year and quarter."""
    groups: dict[tuple[int, int], list[ProgrammeItem]] = {}
    for item in _items_for_overlap(council_id):
        groups.setdefault((item.programme.year, item.quarter), []).append(item)
    ids: set[int] = set()
    for items in groups.values():
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if _overlap(a, b):
                    ids.update((a.pk, b.pk))
    return ids


def delegate_supervisions(*, access, delegate) -> list[TeamMember]:
    """The supervisions a delegate took part in (their profile's section)."""
    return list(
        TeamMember.objects.filter(
            delegate=delegate, activity__in=Activity.objects.visible_to(access)
        )
        .select_related("activity__committee")
        .order_by("-activity__start_date", "-id")[:50]
    )

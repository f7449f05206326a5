"""Writes of group discussions and social criticism: each one command
``fn(*, access, instance, values)`` used by the page, the API and the demo alike.

A group's members are checked here, where the many-to-many values are known: every member in
office on the day the group meets (``Delegate.objects.in_office``), each delegate in one group
of the session, the chair and the secretary among the members.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from councils.models import Delegate
from hdnd_portal.core.commands import save_with_values
from meetings.models import DiscussionGroup, DiscussionOpinion, SocialCriticism


def _current(values, instance, name):
    if name in values:
        return values[name]
    return getattr(instance, name) if instance is not None else None


def _names(delegates) -> str:
    return ", ".join(d.full_name for d in delegates)


def check_members(*, instance, values) -> None:
    """The members' rules, as a refusal keyed by field (Vietnamese messages)."""
    session = _current(values, instance, "session")
    day = _current(values, instance, "held_on")
    if "members" in values:
        members = list(values["members"] or [])
    elif instance is not None and instance.pk:
        members = list(instance.members.all())
    else:
        members = []
    if not members:
        raise ValidationError({"members": "Hãy chọn thành viên của tổ."})
    ids = {d.pk for d in members}
    if session is not None:
        other_term = [d for d in members if d.term_id != session.term_id]
        if other_term:
            raise ValidationError(
                {"members": f"Đại biểu không thuộc nhiệm kỳ của kỳ họp: {_names(other_term)}."}
            )
        on = day or session.start_date
        in_office = set(
            Delegate.objects.in_office(on).filter(pk__in=ids).values_list("pk", flat=True)
        )
        out = [d for d in members if d.pk not in in_office]
        if out:
            raise ValidationError(
                {"members": (f"Đại biểu không đương nhiệm vào ngày {on:%d/%m/%Y}: {_names(out)}.")}
            )
        others = (
            DiscussionGroup.members.through.objects.filter(
                discussiongroup__session=session, delegate_id__in=ids
            )
            .exclude(discussiongroup_id=getattr(instance, "pk", None))
            .select_related("delegate", "discussiongroup")
            .order_by("delegate__sort_name")
        )
        taken = [f"{row.delegate.full_name} ({row.discussiongroup.name})" for row in others]
        if taken:
            raise ValidationError(
                {"members": f"Đại biểu đã thuộc tổ khác của kỳ họp này: {', '.join(taken)}."}
            )
    errors = {}
    chair = _current(values, instance, "chair")
    secretary = _current(values, instance, "secretary")
    if chair is not None and chair.pk not in ids:
        errors["chair"] = f"Tổ trưởng {chair.full_name} phải là thành viên của tổ."
    if secretary is not None and secretary.pk not in ids:
        errors["secretary"] = f"Thư ký {secretary.full_name} phải là thành viên của tổ."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def discussiongroup_save(*, access, instance=None, values) -> DiscussionGroup:
    """Create or change a discussion group with its members."""
    check_members(instance=instance, values=values)
    return save_with_values(instance or DiscussionGroup(), values, access=access)


@transaction.atomic
def discussionopinion_save(*, access, instance=None, values) -> DiscussionOpinion:
    """Record an opinion raised in a group, or how it was taken up."""
    return save_with_values(instance or DiscussionOpinion(), values, access=access)


@transaction.atomic
def socialcriticism_save(*, access, instance=None, values) -> SocialCriticism:
    """Record the Front's criticism of a draft, its reception, and the drafting body's
    explanation (tiếp thu, giải trình)."""
    return save_with_values(instance or SocialCriticism(), values, access=access)

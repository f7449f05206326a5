"""Kinds of follow-up, registered by the apps that create them.

The kernel does not know the domain apps; each registers its kinds in its
``AppConfig.ready()``::

    from hdnd_portal.followups.kinds import register_kind
    register_kind("voter_petition", "Kiến nghị cử tri", icon="megaphone")

A kind nobody registered (an app removed since) is shown by its code.
``manual=True`` kinds can be created by hand from the inbox; the others are
created by their app's services, linked to the record they follow up.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FollowUpKind:
    code: str
    label: str
    icon: str = "check2-square"
    manual: bool = False


_KINDS: dict[str, FollowUpKind] = {}


def register_kind(
    code: str, label: str, icon: str | None = None, *, manual: bool = False
) -> FollowUpKind:
    kind = FollowUpKind(code=code, label=str(label), icon=icon or "check2-square", manual=manual)
    _KINDS[code] = kind
    return kind


def get_kind(code: str) -> FollowUpKind:
    return _KINDS.get(code) or FollowUpKind(code=code, label=code, icon="question-circle")


def kind_label(code: str) -> str:
    return get_kind(code).label


def kinds() -> list[FollowUpKind]:
    return sorted(_KINDS.values(), key=lambda k: k.label.casefold())


def kind_choices(*, manual_only: bool = False) -> list[tuple[str, str]]:
    return [(k.code, k.label) for k in kinds() if k.manual or not manual_only]


PLAN_TASK = "plan_task"
STANDING_TASK = "standing_task"

register_kind(PLAN_TASK, "Nhiệm vụ theo kế hoạch", icon="clipboard-check", manual=True)
register_kind(STANDING_TASK, "Nhiệm vụ Thường trực giao", icon="person-check", manual=True)

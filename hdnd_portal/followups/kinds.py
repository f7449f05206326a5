"""Kinds of follow-up, registered by the apps that create them.

The kernel does not know the domain apps; each registers its kinds in its
``AppConfig.ready()``::

    from hdnd_portal.followups.kinds import register_kind
    register_kind(
        "voter_petition", "Kiến nghị cử tri", icon="megaphone", rule_code="petition.answer"
    )

A kind nobody registered (an app removed since) is shown by its code.
``manual=True`` kinds can be created by hand from the inbox; the others are
created by their app's services, linked to the record they follow up.
``rule_code`` is the kind's default deadline rule: ``followup_create`` uses it
when the caller names no rule.

Hooks: the app that owns a kind hears about its items' lifecycle through the kind, not
through signals. ``on_answered``, ``on_accepted`` and ``on_closed`` are called as
``hook(followup=..., by_user=...)`` by ``followup_answer``, ``followup_accept`` and
``followup_close``, inside their transaction and after the item is saved: a hook that
raises undoes the change, whichever page, API call or job made it. A hook must not close
or answer the same item again.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

DEFAULT_ICON = "check2-square"


@dataclass(frozen=True)
class FollowUpKind:
    code: str
    label: str
    icon: str = DEFAULT_ICON
    manual: bool = False
    rule_code: str | None = None
    # ``fn(*, followup, new_due_date, document)``: the app's own limits on an extension (the
    # number and length of a denunciation's extensions), checked by ``followup_extend`` whatever
    # page or API asks for it; raises ``ValidationError`` to refuse.
    check_extend: Callable | None = None
    # ``fn(*, followup, by_user)``, called inside the service's transaction once the item is
    # saved in its new state (answered, accepted as done, closed without result).
    on_answered: Callable | None = None
    on_accepted: Callable | None = None
    on_closed: Callable | None = None
    # The printed kind (``documents.printing``, e.g. "supervision.plan") whose issue from the
    # item's source fulfils the obligation: issuing it marks the item done
    # (``followups_fulfil``), the document's number and date in its history.
    fulfilled_by: str | None = None
    # ``fn(access, followup) -> dict | None``: what the responsible body needs from the source
    # to act, shown on the item's page even to a reader who may not open the source itself
    # (an agency answering a forwarded letter: its content as the law lets it be read, the
    # forwarding slip). ``{"title": str, "rows": [(label, value)], "links": [(label, url)]}``.
    source_panel: Callable | None = None


_KINDS: dict[str, FollowUpKind] = {}


def register_kind(
    code: str,
    label: str,
    icon: str | None = None,
    *,
    manual: bool = False,
    rule_code: str | None = None,
    check_extend: Callable | None = None,
    on_answered: Callable | None = None,
    on_accepted: Callable | None = None,
    on_closed: Callable | None = None,
    fulfilled_by: str | None = None,
    source_panel: Callable | None = None,
) -> FollowUpKind:
    kind = FollowUpKind(
        code=code,
        label=str(label),
        icon=icon or DEFAULT_ICON,
        manual=manual,
        rule_code=rule_code or None,
        check_extend=check_extend,
        on_answered=on_answered,
        on_accepted=on_accepted,
        on_closed=on_closed,
        fulfilled_by=fulfilled_by or None,
        source_panel=source_panel,
    )
    _KINDS[code] = kind
    return kind


def unregister_kind(code: str) -> None:
    """Forget a kind (its items are then shown by their code). Unknown codes are ignored."""
    _KINDS.pop(code, None)


@contextmanager
def temporary_kind(
    code: str,
    label: str,
    icon: str | None = None,
    *,
    manual: bool = False,
    rule_code: str | None = None,
    **hooks: Callable | None,
) -> Iterator[FollowUpKind]:
    """A kind registered for the ``with`` block only (tests); a kind it shadowed comes back.
    ``hooks``: ``check_extend``, ``on_answered``, ``on_accepted``, ``on_closed``."""
    previous = _KINDS.get(code)
    kind = register_kind(code, label, icon, manual=manual, rule_code=rule_code, **hooks)
    try:
        yield kind
    finally:
        if previous is None:
            unregister_kind(code)
        else:
            _KINDS[code] = previous


HOOKS = ("on_answered", "on_accepted", "on_closed")


def run_hook(hook: str, *, followup, by_user) -> None:
    """Call the ``hook`` its kind registered for ``followup`` (nothing if none)."""
    if hook not in HOOKS:
        raise ValueError(f"Unknown follow-up hook {hook!r}")
    fn = getattr(get_kind(followup.kind), hook)
    if fn is not None:
        fn(followup=followup, by_user=by_user)


def kinds_fulfilled_by(document_kind: str) -> list[str]:
    """The follow-up kinds an issued document of ``document_kind`` fulfils."""
    return [code for code, kind in _KINDS.items() if kind.fulfilled_by == document_kind]


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

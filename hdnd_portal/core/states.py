"""One state-machine helper for every record that moves through states (a follow-up, a
session, a supervision activity, …), in django-oscar's manner: one table per model, one check.

A model lists its moves in ``TRANSITIONS`` — ``{action: (sources, target)}``, or
``{action: sources}`` when the command decides the target — and its refusals in
``TRANSITION_ERRORS`` (``%(state)s`` is the current state's label). Commands call
``obj.transition(action)`` (check and set, not saved) or ``obj.check_transition(action)``;
pages ask ``obj.allows(action)`` to show a button. A refused move raises
:class:`InvalidTransition`, a ``ValidationError``, so every adapter shows it like any other
refusal of a command.

Why not django-fsm-2 or viewflow.fsm: their transitions are decorated model methods that save
the state as a side effect and signal; here the command owns the transaction, the consequences
and the history reason, and the model only answers "may this move happen?" — a table is all
that needs.
"""

from django.core.exceptions import ValidationError

__all__ = ["InvalidTransition", "StateMachine"]

DEFAULT_ERROR = "Không thể thực hiện thao tác này: hồ sơ đang ở trạng thái “%(state)s”."


class InvalidTransition(ValidationError):
    """A record cannot go from its current state by the requested action."""

    def __init__(self, message: str, field: str | None = None):
        # Keyed by the form's field when the refusal belongs under one (``field=``).
        super().__init__({field: [message]} if field else message)
        self.message = message


class StateMachine:
    """Mixin for a model with a ``state`` field (``state_field``) and a ``TRANSITIONS`` table."""

    state_field = "state"
    TRANSITIONS: dict = {}
    TRANSITION_ERRORS: dict = {}

    @classmethod
    def _move(cls, action: str):
        entry = cls.TRANSITIONS.get(action)
        if entry is None:
            return (), None
        if len(entry) == 2 and isinstance(entry[0], tuple | list | frozenset | set):
            return tuple(entry[0]), entry[1]
        return tuple(entry), None

    @classmethod
    def sources(cls, action: str) -> tuple:
        return cls._move(action)[0]

    @classmethod
    def target(cls, action: str):
        return cls._move(action)[1]

    @property
    def current_state(self):
        return getattr(self, self.state_field)

    def allows(self, action: str) -> bool:
        return self.current_state in self.sources(action)

    def transition_error(self, action: str) -> str:
        label = getattr(self, f"get_{self.state_field}_display", lambda: self.current_state)()
        template = self.TRANSITION_ERRORS.get(action, DEFAULT_ERROR)
        return str(template) % {"state": label}

    def check_transition(self, action: str, *, field: str | None = None) -> None:
        """Raise :class:`InvalidTransition` (its Vietnamese message, under ``field`` when
        given) unless ``action`` may start from the current state."""
        if not self.allows(action):
            raise InvalidTransition(self.transition_error(action), field=field)

    def transition(self, action: str, target=None, *, field: str | None = None):
        """Check the move and set the new state (``target`` for a table without one); the
        caller saves, in its transaction."""
        self.check_transition(action, field=field)
        new = target if target is not None else self.target(action)
        if new is None:
            raise ValueError(f"{type(self).__name__}.TRANSITIONS[{action!r}] names no target")
        setattr(self, self.state_field, new)
        return new

"""Commands: the one write path behind every door.

A *command* is a function in an app's ``services.py`` that writes a council's record:

    def session_save(*, access, instance: Session | None, values: Mapping) -> Session

It takes typed values (a form's ``cleaned_data``, a serializer's ``validated_data``, a row of an
Excel import, the arguments of a Celery task), never a form, a formset or a request; it checks the
domain rules itself and raises :class:`~django.core.exceptions.ValidationError` with the
Vietnamese message; and it does every consequence (follow-ups opened, moved, closed; numbers
issued) in one transaction. The adapters only translate:

- pages: :class:`hdnd_portal.core.resources.Resource` (``command=``) and
  :mod:`hdnd_portal.core.actions` (``command_button``, ``command_form``);
- the API: :class:`hdnd_portal.core.api.CouncilScopedViewSet` (``command =``);
- imports and Celery tasks call the command directly.

A record with no consequence needs no command of its own: :func:`record_save` is the default of
both adapters.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

__all__ = [
    "Command",
    "acting_user",
    "apply_errors",
    "assign",
    "record_save",
    "save_with_values",
    "validate_record",
]

# fn(*, access, instance, values) -> the saved record
Command = Callable[..., Any]


def acting_user(access):
    """The user a command acts for (history, "created by", follow-ups' senders); None for a job
    without one."""
    if access is None or not access.user_id:
        return None
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=access.user_id).first()


def assign(obj: models.Model, values: Mapping[str, Any]) -> dict[str, Any]:
    """Set the record's own fields from ``values``; return its many-to-many values, which can
    only be written once the row exists. Keys that are not fields of the model are ignored
    (a form's helper fields)."""
    meta = obj._meta
    m2m: dict[str, Any] = {}
    for name, value in values.items():
        try:
            field = meta.get_field(name)
        except Exception:  # noqa: BLE001 - FieldDoesNotExist: a form's own field
            continue
        if field.many_to_many and not field.auto_created:
            m2m[name] = value
        elif field.concrete and not field.auto_created and field.editable:
            if isinstance(field, models.FileField):
                if value is None:
                    continue  # no new file: the stored one stays
                if value is False:
                    value = None  # "xóa" ticked: the file is cleared
            setattr(obj, name, value)
    return m2m


def validate_record(
    obj: models.Model, *, exclude: set[str] | None = None, fields: set[str] | None = None
) -> None:
    """The record's own rules: the given ``fields``' own validators (length, choices, format —
    what a form or a serializer checks, for an import row or a task's values), ``clean()``,
    uniqueness and check constraints, each with the model's Vietnamese message; raises
    ValidationError."""
    errors: dict[str, list] = {}
    if fields:
        others = [f.name for f in obj._meta.concrete_fields if f.name not in fields]
        try:
            obj.clean_fields(exclude=others)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    for check in (
        obj.clean,
        lambda: obj.validate_unique(exclude=exclude),
        lambda: obj.validate_constraints(exclude=exclude),
    ):
        try:
            check()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def save_with_values(
    obj: models.Model, values: Mapping[str, Any], *, access=None, validate: bool = True
) -> models.Model:
    """Assign, validate, save, then the many-to-many values: the body of a plain command."""
    m2m = assign(obj, values)
    if access is not None and hasattr(obj, "council_id") and not obj.council_id:
        obj.council_id = access.council_id
    if validate:
        validate_record(obj, fields={k for k in values if k not in m2m})
    obj.save()
    for name, value in m2m.items():
        getattr(obj, name).set(value)
    return obj


@transaction.atomic
def record_save(*, access, instance: models.Model | None, values: Mapping, model=None):
    """The command of a record without consequences (a term, an agency, a party cell)."""
    obj = instance if instance is not None else model()
    return save_with_values(obj, values, access=access)


def apply_errors(form, exc: ValidationError) -> None:
    """A command's refusal shown on the form: under its field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            form.add_error(target, errors)
    else:
        form.add_error(None, exc.messages)

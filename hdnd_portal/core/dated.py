"""Dated periods: who sat on which body, which rule was in force, on a given day.

Mandates, memberships and legal rules are periods with a start and an optional
end, never an ``active`` flag (SAPL showed today's members on past sessions,
#2095). Every "in force on that day" question goes through :class:`DatedQuerySet`
so a membership that ends next month still counts today and one that starts
next month does not yet.

A model names its period fields with ``period_fields`` (default
``("start_date", "end_date")``). The end day is in force (inclusive) unless
``period_end_exclusive`` is set: a legal rule's ``valid_to`` is the first day
it no longer applies. An empty start means "since always", an empty end "still
in force".
"""

import datetime as dt
from fractions import Fraction

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.models import SearchQuerySet

DEFAULT_PERIOD_FIELDS = ("start_date", "end_date")
END_AFTER_START = "end_after_start"


def period_of(model) -> tuple[str, str, bool]:
    """``(start field, end field, end is exclusive)`` of a model or instance."""
    start, end = getattr(model, "period_fields", DEFAULT_PERIOD_FIELDS)
    return start, end, getattr(model, "period_end_exclusive", False)


def in_force_q(model, on: dt.date) -> Q:
    """The condition "in force on ``on``" for rows of ``model``."""
    start, end, exclusive = period_of(model)
    opts = model._meta
    began = Q(**{f"{start}__lte": on})
    if opts.get_field(start).null:
        began |= Q(**{f"{start}__isnull": True})
    lasts = Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__{'gt' if exclusive else 'gte'}": on})
    return began & lasts


def overlap_q(model, start_on: dt.date | None, end_on: dt.date | None) -> Q:
    """The condition "the row's period meets [start_on, end_on]" (None = open on that side).

    ``end_on`` follows the model's convention: inclusive unless the end is exclusive.
    """
    start, end, exclusive = period_of(model)
    opts = model._meta
    q = Q()
    if start_on is not None:
        # The row has not ended before the range begins.
        q &= Q(**{f"{end}__isnull": True}) | Q(
            **{f"{end}__{'gt' if exclusive else 'gte'}": start_on}
        )
    if end_on is not None:
        # The row began before the range ends.
        began = Q(**{f"{start}__{'lt' if exclusive else 'lte'}": end_on})
        if opts.get_field(start).null:
            began |= Q(**{f"{start}__isnull": True})
        q &= began
    return q


def is_in_force(obj, on: dt.date | None = None) -> bool:
    """The same rule as :meth:`DatedQuerySet.on`, for one loaded row."""
    on = on or timezone.localdate()
    start, end, exclusive = period_of(obj)
    began, ended = getattr(obj, start), getattr(obj, end)
    if began is not None and began > on:
        return False
    if ended is None:
        return True
    return ended > on if exclusive else ended >= on


class DatedQuerySet(SearchQuerySet):
    """Rows of a model with a dated period (see the module docstring)."""

    def on(self, day: dt.date):
        """Rows in force on ``day``."""
        return self.filter(in_force_q(self.model, day))

    def current(self, on: dt.date | None = None):
        """Rows in force today (or on ``on``)."""
        return self.on(on or timezone.localdate())

    def overlapping(self, start: dt.date | None, end: dt.date | None):
        """Rows whose period meets [start, end]; ``end`` None = open-ended."""
        return self.filter(overlap_q(self.model, start, end))


class DatedModel(models.Model):
    """A record valid from ``start_date`` to ``end_date`` (inclusive; empty = still valid).

    The database refuses an end before the start; forms and the API show the
    Vietnamese message under the end-date field. Concrete models may redeclare
    both fields (other verbose names, a nullable start) and set
    ``period_error_message``. A child with its own ``Meta`` must extend
    ``DatedModel.Meta`` and list ``*DatedModel.Meta.constraints`` in its
    ``constraints`` (Django's Meta inheritance replaces the list otherwise).
    """

    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)

    period_fields = DEFAULT_PERIOD_FIELDS
    period_end_exclusive = False
    period_error_message = _("Ngày kết thúc phải sau ngày bắt đầu.")

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="%(app_label)s_%(class)s_end_after_start",
                violation_error_code=END_AFTER_START,
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def in_force(self, on: dt.date | None = None) -> bool:
        """In force today (or on ``on``): the start day and the end day count."""
        return is_in_force(self, on)

    def validate_constraints(self, exclude=None):
        # Constraint errors are not tied to a field; this one belongs under the
        # end date, where the user corrects it, with the model's own wording.
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            raise self._end_date_error(exc) from None

    def _end_date_error(self, exc: ValidationError) -> ValidationError:
        if not hasattr(exc, "error_dict"):
            return exc
        errors = exc.update_error_dict({})
        general = errors.get(NON_FIELD_ERRORS, [])
        ours = [e for e in general if getattr(e, "code", None) == END_AFTER_START]
        if not ours:
            return exc
        rest = [e for e in general if e not in ours]
        if rest:
            errors[NON_FIELD_ERRORS] = rest
        else:
            errors.pop(NON_FIELD_ERRORS)
        errors.setdefault(period_of(self)[1], []).append(
            ValidationError(self.period_error_message, code=END_AFTER_START)
        )
        return ValidationError(errors)


def year_share(start: dt.date, end: dt.date) -> Fraction:
    """[start, end] (both included) as a share of years, each calendar year by its own length
    (365 or 366 days): what a yearly requirement is prorated by (target 1.5.a's receptions, a
    Ban's supervisions). An empty range is 0."""
    share = Fraction(0)
    for year in range(start.year, end.year + 1):
        first, last = max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
        if last >= first:
            year_days = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
            share += Fraction((last - first).days + 1, year_days)
    return share

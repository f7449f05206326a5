"""Target 1.5 of the plan: delegates receive citizens as required; letters are forwarded.

``delegate_shortfall`` compares each delegate in office with the reception frequency of the
council's setting (``PetitionSetting.delegate_receptions_per_year``, prorated to the period);
``letter_counts`` counts letters by kind, state and agency with the rate forwarded.
"""

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Q

from councils.models import Delegate
from hdnd_portal.core.collation import vi_key
from petitions.models import Kind, Letter, PetitionSetting, Reception


@dataclass
class DelegateReception:
    delegate: Delegate
    held: int
    required: int

    @property
    def shortfall(self) -> int:
        return max(self.required - self.held, 0)

    @property
    def meets(self) -> bool:
        return self.held >= self.required


@dataclass
class Shortfall:
    start: dt.date
    end: dt.date
    required: int
    rows: list[DelegateReception]

    @property
    def meeting(self) -> int:
        return sum(1 for r in self.rows if r.meets)

    @property
    def rate(self) -> float:
        return round(100 * self.meeting / len(self.rows), 1) if self.rows else 0.0


def required_receptions(per_year: int, start: dt.date, end: dt.date) -> int:
    """Receptions due over [start, end]: ``per_year`` for each whole calendar year, pro rata
    (by that year's own length, 365 or 366 days) for a part of one, rounded up. Exact
    fractions: a leap year asks for ``per_year``, not one more."""
    if end < start:
        return 0
    share = Fraction(0)
    for year in range(start.year, end.year + 1):
        first, last = max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
        year_days = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
        share += Fraction((last - first).days + 1, year_days)
    return math.ceil(per_year * share)


def _required(council_id: int, start: dt.date, end: dt.date) -> int:
    setting = PetitionSetting.for_council(council_id, end)
    return required_receptions(setting.delegate_receptions_per_year, start, end)


def delegates_meeting(*, council_id: int, start: dt.date, end: dt.date) -> tuple[int, int]:
    """Target 1.5.a: (delegates who held the required receptions, delegates in office during
    [start, end]) — the two counts of :func:`delegate_shortfall`, in one aggregate query."""
    required = _required(council_id, start, end)
    held = Count(
        "receptions__received_on",
        distinct=True,
        filter=Q(receptions__council_id=council_id, receptions__received_on__range=(start, end)),
    )
    row = (
        Delegate.objects.filter(council_id=council_id)
        .overlapping(start, end)
        .annotate(held=held)
        .aggregate(total=Count("id"), meeting=Count("id", filter=Q(held__gte=required)))
    )
    return row["meeting"], row["total"]


def delegate_shortfall(*, council_id: int, start: dt.date, end: dt.date) -> Shortfall:
    """Receptions held per delegate in office during [start, end] against the setting."""
    required = _required(council_id, start, end)
    delegates = list(
        Delegate.objects.filter(council_id=council_id).overlapping(start, end).order_by("sort_name")
    )
    held = dict(
        Reception.objects.filter(
            council_id=council_id, received_on__range=(start, end), receivers__in=delegates
        )
        .values("receivers")
        .annotate(n=Count("received_on", distinct=True))
        .values_list("receivers", "n")
    )
    rows = [DelegateReception(d, held.get(d.pk, 0), required) for d in delegates]
    rows.sort(key=lambda r: (r.meets, vi_key(r.delegate.sort_name)))
    return Shortfall(start, end, required, rows)


@dataclass
class LetterCounts:
    total: int
    by_kind: list[tuple[str, int]]
    by_state: list[tuple[str, int]]
    by_agency: list[tuple[str, int]]
    eligible: int
    # Eligible letters forwarded, resolved or guided: the numerator of target 1.5 (never above
    # ``eligible``, whatever happens to ineligible letters).
    eligible_handled: int
    forwarded: int
    guided: int
    resolved: int
    duplicates: int
    anonymous: int
    receptions: int
    reception_people: int

    @property
    def forwarded_rate(self) -> float:
        """Share of eligible letters forwarded or guided (target 1.5: 100%)."""
        handled = self.eligible_handled
        return round(100 * handled / self.eligible, 1) if self.eligible else 0.0


# Eligible letters in these states count as forwarded for target 1.5.
HANDLED_STATES = (Letter.State.FORWARDED, Letter.State.RESOLVED, Letter.State.GUIDED)


def letters_forwarded(*, council_id: int, start: dt.date, end: dt.date) -> tuple[int, int]:
    """Target 1.5.c: (eligible letters forwarded, resolved or guided, eligible letters)
    received in [start, end] — ``LetterCounts.eligible_handled`` and ``eligible`` in one
    aggregate query."""
    row = Letter.objects.filter(council_id=council_id, received_on__range=(start, end)).aggregate(
        to_forward=Count("id", filter=Q(eligible=True)),
        handled=Count("id", filter=Q(eligible=True, state__in=HANDLED_STATES)),
    )
    return row["handled"], row["to_forward"]


def letter_counts(*, council_id: int, start: dt.date, end: dt.date) -> LetterCounts:
    letters = Letter.objects.filter(council_id=council_id, received_on__range=(start, end))
    rows = list(
        letters.values("kind", "state", "agency__name", "eligible", "anonymous", "duplicate_of")
    )
    kinds = Counter(r["kind"] for r in rows)
    states = Counter(r["state"] for r in rows)
    agencies = Counter(r["agency__name"] for r in rows if r["agency__name"])
    receptions = Reception.objects.filter(council_id=council_id, received_on__range=(start, end))
    people = sum(receptions.values_list("group_size", flat=True))
    forwarded_states = {Letter.State.FORWARDED, Letter.State.RESOLVED}
    return LetterCounts(
        total=len(rows),
        by_kind=[(str(label), kinds.get(code, 0)) for code, label in Kind.choices],
        by_state=[(str(label), states.get(code, 0)) for code, label in Letter.State.choices],
        by_agency=sorted(agencies.items(), key=lambda item: (-item[1], vi_key(item[0]))),
        eligible=sum(1 for r in rows if r["eligible"]),
        eligible_handled=sum(1 for r in rows if r["eligible"] and r["state"] in HANDLED_STATES),
        forwarded=sum(1 for r in rows if r["state"] in forwarded_states),
        guided=states.get(Letter.State.GUIDED, 0),
        resolved=states.get(Letter.State.RESOLVED, 0),
        duplicates=sum(1 for r in rows if r["duplicate_of"]),
        anonymous=sum(1 for r in rows if r["anonymous"]),
        receptions=receptions.count(),
        reception_people=people,
    )

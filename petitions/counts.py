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
from hdnd_portal.core.dated import year_share
from petitions.models import Kind, Letter, PetitionSetting, Reception


@dataclass
class DelegateReception:
    """One person's receptions over a period: a delegate re-elected into the next term is one
    row, with the days of both mandates inside the period and the receptions of both."""

    delegate: Delegate  # the person's latest mandate in the period (its term is shown)
    terms: list
    days: int  # days in office inside the period
    held: int  # distinct reception days
    required: int  # the setting's yearly number prorated to ``days``

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
    per_year: int
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
    return math.ceil(per_year * year_share(start, end))


def person_key(delegate: Delegate) -> tuple:
    """Who a mandate belongs to across terms: the portal account when it has one, otherwise
    the name (case and spaces ignored) and birth date. Two mandates of one term are never one
    person (the term holds each delegate once)."""
    if delegate.user_id:
        return ("user", delegate.user_id)
    return ("name", " ".join(delegate.full_name.split()).casefold(), delegate.birth_date)


def delegate_shortfall(*, council_id: int, start: dt.date, end: dt.date) -> Shortfall:
    """Target 1.5.a, the one definition: each person in office during [start, end] once, the
    receptions they held (distinct days, in any of their mandates) against the council's
    setting prorated to their own days in office inside the period, rounded up."""
    per_year = PetitionSetting.for_council(council_id, end).delegate_receptions_per_year
    mandates = list(
        Delegate.objects.filter(council_id=council_id)
        .overlapping(start, end)
        .select_related("term")
        .order_by("start_date", "pk")
    )
    days_held: dict[int, set] = {}
    for delegate_id, day in (
        Reception.objects.filter(
            council_id=council_id, received_on__range=(start, end), receivers__in=mandates
        )
        .values_list("receivers", "received_on")
        .distinct()
    ):
        days_held.setdefault(delegate_id, set()).add(day)

    people: dict[tuple, list[Delegate]] = {}
    for mandate in mandates:
        people.setdefault(person_key(mandate), []).append(mandate)
    rows = []
    for person in people.values():
        share, days, held = Fraction(0), 0, set()
        for mandate in person:
            # In office from the term's first session (councils.models.in_office_q).
            first = max(start, mandate.start_date, mandate.term.first_session_on or start)
            last = min(end, mandate.end_date or end)
            if last < first:
                continue
            share += year_share(first, last)
            days += (last - first).days + 1
            held |= days_held.get(mandate.pk, set())
        if not days:
            continue  # elected, but the term's first session has not opened in the period
        rows.append(
            DelegateReception(
                delegate=person[-1],
                terms=[m.term for m in person],
                days=days,
                held=len(held),
                required=math.ceil(per_year * share),
            )
        )
    rows.sort(key=lambda r: (r.meets, vi_key(r.delegate.sort_name)))
    return Shortfall(start, end, per_year, rows)


def delegates_meeting(*, council_id: int, start: dt.date, end: dt.date) -> tuple[int, int]:
    """Target 1.5.a on the dashboard: (people who held their prorated receptions, people in
    office during [start, end]) — :func:`delegate_shortfall`'s counts, never a second rule."""
    shortfall = delegate_shortfall(council_id=council_id, start=start, end=end)
    return shortfall.meeting, len(shortfall.rows)


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

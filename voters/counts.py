"""Counts for the KPI dashboard (pure reads, no writes).

- Target 1.5 (petitions forwarded, 100%): synthesised petitions assigned to an answering body
  ÷ all synthesised petitions of the period (by the day they were synthesised).
- Target 1.6 (≥ 1 a year): thematic voter meetings held by the Standing Committee in a year.
"""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from councils.models import Committee
from voters.models import SynthesizedPetition, VoterMeeting

TARGET_1_6_MINIMUM = 1


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end] as local instants: from ``start`` at midnight to before the midnight
    after ``end`` — ``created_at__date`` from ``start`` to ``end`` written so that the index
    on (council, created_at) serves it."""
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    after = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return first, after


def petitions_forwarded(*, council, start: dt.date, end: dt.date) -> dict:
    """Target 1.5 over [start, end] (both days count): total, forwarded, percent, met."""
    first, after = day_bounds(start, end)
    qs = SynthesizedPetition.objects.filter(
        council=council, created_at__gte=first, created_at__lt=after
    )
    row = qs.aggregate(
        total=Count("id"),
        forwarded=Count("id", filter=Q(agency__isnull=False, followup__isnull=False)),
    )
    total, forwarded = row["total"], row["forwarded"]
    percent = 100.0 if total == 0 else round(100.0 * forwarded / total, 1)
    return {"total": total, "forwarded": forwarded, "percent": percent, "met": forwarded == total}


def thematic_meetings(*, council, year: int) -> dict:
    """Target 1.6: the Standing Committee's thematic voter meetings held in ``year``."""
    count = VoterMeeting.objects.filter(
        council=council,
        kind=VoterMeeting.Kind.THEMATIC,
        holder__kind=Committee.Kind.STANDING,
        held_on__year=year,
    ).count()
    return {"year": year, "count": count, "met": count >= TARGET_1_6_MINIMUM}

"""Counts for the KPI dashboard (pure reads, no writes).

- Target 1.5 (petitions forwarded, 100%): synthesised petitions assigned to an answering body
  ÷ all synthesised petitions of the period (by the day they were synthesised).
- Target 1.6 (≥ 1 a year): thematic voter meetings held by the Standing Committee in a year.
"""

import datetime as dt

from django.db.models import Count, Q

from councils.models import Committee
from voters.models import SynthesizedPetition, VoterMeeting

TARGET_1_6_MINIMUM = 1


def petitions_forwarded(*, council, start: dt.date, end: dt.date) -> dict:
    """Target 1.5 over [start, end] (both days count): total, forwarded, percent, met."""
    qs = SynthesizedPetition.objects.filter(
        council=council, created_at__date__gte=start, created_at__date__lte=end
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

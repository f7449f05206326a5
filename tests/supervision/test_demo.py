"""The demo commune's supervision: two years by every body, recommendations in every state
(some overdue), one re-supervision; a second seeding adds nothing."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from supervision.models import Activity, ActivityKind, Body, Programme, Recommendation

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 28)


def test_the_demo_holds_every_body_state_and_a_resupervision():
    call_command("seed_demo", "--force", "--today", TODAY.isoformat(), stdout=io.StringIO())
    activities = Activity.objects.all()
    counts = (activities.count(), Recommendation.objects.count())

    assert {a.start_date.year for a in activities} == {2025, 2026}
    assert {Body.HDND, Body.STANDING, Body.BAN, Body.GROUP} <= set(
        activities.values_list("body", flat=True)
    )
    assert {Body.PARTY, Body.MTTQ} <= set(Programme.objects.values_list("body", flat=True))
    states = {r.state for r in Recommendation.objects.select_related("followup")}
    assert {"open", "extended", "answered", "done", "closed", "carried_over"} <= states
    assert Recommendation.objects.filter(
        followup__state="open", followup__due_date__lt=TODAY
    ).exists()
    resupervision = activities.get(kind=ActivityKind.RESUPERVISION)
    assert resupervision.parent is not None and resupervision.recommendations.exists()

    # Issue 19: the term that ended in March 2026 had its Bans supervise in its last weeks, so
    # the 2026 statistics, judging each Ban for its part of the year, read "Đạt" for them too.
    from councils.models import Committee, Council
    from supervision import counts as supervision_counts

    council = Council.objects.get(slug="phuc-loc")
    bans = supervision_counts.committee_year(council=council, year=2026, kind=Committee.Kind.BAN)
    assert len(bans) == 4 and {r.status for r in bans} == {"Đạt"}, [
        (r.label, r.status) for r in bans
    ]

    call_command("seed_demo", "--force", "--today", TODAY.isoformat(), stdout=io.StringIO())
    assert (Activity.objects.count(), Recommendation.objects.count()) == counts

"""The demo sessions: one resolution failed for lack of a majority of ALL delegates."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from hdnd_portal.followups.models import FollowUp
from meetings.models import Resolution, Session


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_the_demo_holds_sessions_with_one_resolution_failed_by_the_majority_of_all(client):
    call_command("seed_demo", "--force", "--today", "2026-12-02", stdout=io.StringIO())
    failed = Resolution.objects.get(passed=False)
    snapshot = failed.vote_snapshot
    # 24 delegates in office that day (one left on 10/12/2025): 13 needed, 12 for.
    assert (snapshot["for"], len(snapshot["entitled"]), snapshot["minimum"]) == (12, 24, 13)
    assert snapshot["for"] * 2 > len(snapshot["present"])  # most of those present voted for
    assert failed.document is None
    issued = Resolution.objects.filter(document__isnull=False)
    # Every passed resolution is numbered but the latest session's last: it waits for the
    # clerk's "Cấp số và in" (a record ready to be issued, issue 20).
    waiting = list(Resolution.objects.filter(passed=True, document__isnull=True))
    assert len(waiting) == len({r.council_id for r in waiting}) >= 1  # one per commune
    for resolution in waiting:
        held = Session.objects.filter(
            council_id=resolution.council_id, start_date__lte=dt.date(2026, 12, 2)
        )
        assert resolution.session == held.latest("start_date")
    passed = Resolution.objects.filter(passed=True).count()
    assert issued.count() == passed - len(waiting) >= 4
    assert issued.filter(document__is_normative=True).exists()
    upcoming = Session.objects.get(term__number=2, number=3)
    assert upcoming.state == Session.State.PLANNED
    assert FollowUp.objects.filter(kind="session_notice", source_id=upcoming.pk).exists()
    assert FollowUp.objects.filter(kind="session_commitment").count() == 3
    council = upcoming.council
    page = client.get(reverse("meetings-public-council", args=[council.slug])).content.decode()
    assert issued.first().document.symbol in page
    before = Resolution.objects.count(), FollowUp.objects.count()
    call_command("seed_demo", "--force", "--today", "2026-12-02", stdout=io.StringIO())
    assert (Resolution.objects.count(), FollowUp.objects.count()) == before

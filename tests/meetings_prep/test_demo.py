"""The preparation part's demo data: realistic, idempotent, target 1.7 "at risk"."""

import datetime as dt

import pytest

from hdnd_portal.followups.models import FollowUp
from meetings.models import (
    CongressGoal,
    JointMeeting,
    PreparationTask,
    QuarterlyReport,
    StandingMeeting,
)
from meetings.preparation.demo import load
from meetings.preparation.selectors import briefings_by_half_year
from tests.factories import AgencyFactory, TermFactory
from tests.meetings_prep.factories import PrepSessionFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 28)


def _counts():
    models = (CongressGoal, JointMeeting, PreparationTask, QuarterlyReport, StandingMeeting)
    return {m.__name__: m.objects.count() for m in (*models, FollowUp)}


def test_the_loader_builds_the_demo_once(council, make_persona):
    TermFactory(council=council, start_date=dt.date(2021, 5, 23), end_date=dt.date(2026, 3, 14))
    term = TermFactory(council=council, start_date=dt.date(2026, 3, 15))
    for name in ("Ủy ban nhân dân xã", "Ủy ban MTTQ Việt Nam xã", "Văn phòng HĐND và UBND xã"):
        AgencyFactory(council=council, name=name)
    held = PrepSessionFactory(council=council, term=term, number=1, start_date=dt.date(2026, 7, 9))
    coming = PrepSessionFactory(
        council=council, term=term, number=2, start_date=dt.date(2026, 12, 10), end_date=None
    )
    staff = make_persona("staff")

    lines = load(council=council, today=TODAY, created_by=staff)
    counts = _counts()
    assert lines and "12 mục tiêu, chỉ tiêu" in lines[0]
    assert counts["CongressGoal"] == 12
    assert CongressGoal.objects.filter(kind="target").count() == 9
    assert counts["JointMeeting"] == 2
    assert JointMeeting.objects.get(session=coming).decisions.count() == 4
    # Monthly meetings over the last year; briefings: one this year, in the first half.
    assert StandingMeeting.objects.filter(kind="regular").count() == 12
    assert briefings_by_half_year(council, 2026) == {1: 1, 2: 0}
    assert briefings_by_half_year(council, 2025) == {1: 1, 2: 1}
    assert QuarterlyReport.objects.filter(year=2026).count() == 3
    # Tasks of the held session are done; the coming one's show several states.
    held_states = {t.followup.state for t in PreparationTask.objects.filter(session=held)}
    assert held_states == {FollowUp.State.DONE}
    coming_states = {t.followup.state for t in PreparationTask.objects.filter(session=coming)}
    assert coming_states == {FollowUp.State.DONE, FollowUp.State.ANSWERED, FollowUp.State.OPEN}

    load(council=council, today=TODAY, created_by=staff)
    assert _counts() == counts


def test_without_sessions_it_creates_no_preparation(council, make_persona):
    TermFactory(council=council, start_date=dt.date(2026, 3, 15))
    load(council=council, today=TODAY, created_by=make_persona("staff"))
    assert not JointMeeting.objects.exists() and not PreparationTask.objects.exists()
    assert CongressGoal.objects.count() == 12

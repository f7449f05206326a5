"""Shared helpers of the follow-up tests (not a conftest: the reminder tests live here too)."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command

from councils.models import CouncilRole
from tests.factories import FollowUpFactory

# A Monday; 2026-11-24 (Vietnam Cultural Day) is a public holiday in the week after.
TODAY = dt.date(2026, 11, 16)


def travel(day: dt.date = TODAY):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        tick=False,
    )


def item(council, *, due: int | dt.date, started: int = 20, **kwargs):
    """A follow-up due ``due`` days after TODAY (or on that date)."""
    due_date = due if isinstance(due, dt.date) else TODAY + dt.timedelta(days=due)
    return FollowUpFactory(
        council=council,
        started_on=TODAY - dt.timedelta(days=started),
        original_due_date=due_date,
        due_date=due_date,
        **kwargs,
    )


def agency_of(user, council):
    return CouncilRole.objects.get(user=user, council=council).agency


def seed_rules() -> None:
    call_command("seed_legal_rules", stdout=StringIO())

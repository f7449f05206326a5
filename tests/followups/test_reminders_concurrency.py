"""Two reminder jobs at the same moment (PostgreSQL): each stage and escalation goes out once.

Run A stops just before its commit; run B starts meanwhile and has to wait on
the rows A inserted or locked. When A commits, B finds them taken: it sends
nothing. (SQLite serialises writers with BEGIN IMMEDIATE, so the question
does not arise there.)
"""

import datetime as dt
import threading
from unittest import mock

import pytest
from django.db import connection, connections

from hdnd_portal.followups import reminders
from hdnd_portal.notifications.models import OutboxMessage
from tests.factories import AgencyFactory, FollowUpFactory, persona

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

TODAY = dt.date(2026, 12, 8)


def test_two_concurrent_runs_send_each_stage_and_escalation_once(council):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and ON CONFLICT waits are PostgreSQL's; SQLite serialises")
    agency = AgencyFactory(council=council, email="kinhte@phucloc.vn")
    persona("staff", council, username="van-phong")
    persona("standing", council, username="chu-tich")
    for n in range(20):
        FollowUpFactory(
            council=council,
            agency=agency,
            original_due_date=TODAY,
            due_date=TODAY + dt.timedelta(days=7 * (n % 2)),
        )  # half hit D-7
    FollowUpFactory(
        council=council, agency=agency, original_due_date=TODAY - dt.timedelta(days=20)
    )  # to escalate

    a_ready, a_may_commit = threading.Event(), threading.Event()
    save_digests = reminders._save_digests
    results = {}

    def pausing_save_digests(*args, **kwargs):
        if threading.current_thread().name == "A":
            a_ready.set()
            assert a_may_commit.wait(30)
        return save_digests(*args, **kwargs)

    def run(name):
        try:
            results[name] = reminders.reminders_collect(today=TODAY)
        finally:
            connections.close_all()

    with mock.patch.object(reminders, "_save_digests", pausing_save_digests):
        a = threading.Thread(target=run, args=("A",), name="A")
        b = threading.Thread(target=run, args=("B",), name="B")
        a.start()
        assert a_ready.wait(30)
        b.start()
        b.join(2)
        assert b.is_alive(), "B should be waiting for A's uncommitted rows"
        a_may_commit.set()
        a.join(30)
        b.join(30)

    assert results["A"]["reminders"] == 10 and results["A"]["escalated"] == 1
    assert results["B"] == {**results["B"], "reminders": 0, "escalated": 0, "digests": 0}
    # Agency address + Office clerk for the stages; the Standing Committee member.
    assert OutboxMessage.objects.count() == 3

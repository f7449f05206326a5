"""The daily job: one snapshot per target and day, at-risk targets chased, closed when met."""

import datetime as dt

import pytest
from django.core.management import call_command

from hdnd_portal.followups.models import FollowUp
from hdnd_portal.notifications.models import Notification
from hdnd_portal.targets.models import Snapshot
from hdnd_portal.targets.services import MET_REASON, TARGET_AT_RISK, snapshot_take
from hdnd_portal.targets.tasks import daily_snapshots
from tests.factories import DisseminationFactory, TrainingFactory, persona

D = dt.date


@pytest.fixture
def people(council):
    return {
        "chair": persona("standing", council, username="chutich"),
        "office": persona("staff", council, username="vanphong"),
        "party": persona("leadership", council, username="lanhdao"),
    }


def at_risk_items(target):
    return FollowUp.objects.filter(kind=TARGET_AT_RISK, source_id=target.pk)


def test_a_rerun_the_same_day_changes_nothing(plan, council, people):
    first = snapshot_take(council=council, on=D(2026, 10, 1))
    assert first["created"] == 2
    rows = list(Snapshot.objects.values_list("id", "value", "status", "expected"))
    items = list(FollowUp.objects.values_list("id", "state"))
    notes = Notification.objects.count()
    again = snapshot_take(council=council, on=D(2026, 10, 1))
    assert again == {"created": 0, "updated": 0, "unchanged": 2, "opened": 0, "closed": 0}
    assert list(Snapshot.objects.values_list("id", "value", "status", "expected")) == rows
    assert list(FollowUp.objects.values_list("id", "state")) == items
    assert Notification.objects.count() == notes


def test_a_new_record_the_same_day_updates_that_days_figure(plan, council, people):
    snapshot_take(council=council, on=D(2026, 10, 1))
    DisseminationFactory(council=council, party_cell=plan["cells"][0], held_on=D(2026, 9, 30))
    stats = snapshot_take(council=council, on=D(2026, 10, 1))
    assert stats["updated"] == 1
    snap = Snapshot.objects.get(target=plan["t11"], taken_on=D(2026, 10, 1))
    assert (snap.value, snap.numerator, snap.denominator) == (25.0, 1, 4)


def test_at_risk_opens_one_follow_up_for_the_body_and_rings_its_bell(plan, council, people):
    TrainingFactory(council=council, start_date=D(2026, 5, 12), delegates=plan["delegates"][:2])
    snapshot_take(council=council, on=D(2026, 10, 1))
    item = at_risk_items(plan["t13"]).get()
    assert item.state == "open"
    assert item.due_date == D(2026, 12, 31)  # the end of the period
    assert item.assignee == people["chair"]  # the Standing Committee answers for 1.3
    assert item.source == plan["t13"]
    assert "Chỉ tiêu 1.3 có nguy cơ không đạt (Năm 2026): đạt 50% (2/4), cần 100%" in item.title
    bells = Notification.objects.filter(title="Chỉ tiêu 1.3 có nguy cơ không đạt")
    assert set(bells.values_list("user__username", flat=True)) == {"chutich", "vanphong"}
    # Target 1.1 (the Party Committee's) is at risk too: its follow-up goes to the leadership.
    assert at_risk_items(plan["t11"]).get().assignee == people["party"]
    # The next days: no second item, no second bell.
    snapshot_take(council=council, on=D(2026, 10, 2))
    snapshot_take(council=council, on=D(2026, 10, 3))
    assert at_risk_items(plan["t13"]).count() == 1
    assert bells.count() == 2


def test_the_follow_up_closes_itself_when_the_target_is_met(plan, council, people):
    snapshot_take(council=council, on=D(2026, 10, 1))
    item = at_risk_items(plan["t13"]).get()
    TrainingFactory(council=council, start_date=D(2026, 10, 5), delegates=plan["delegates"])
    stats = snapshot_take(council=council, on=D(2026, 10, 6))
    assert stats["closed"] == 1
    item.refresh_from_db()
    assert (item.state, item.closed_reason) == ("closed", MET_REASON)
    assert snapshot_take(council=council, on=D(2026, 10, 6))["closed"] == 0


def test_a_target_that_slips_back_is_chased_again(plan, council, people):
    snapshot_take(council=council, on=D(2026, 10, 1))
    TrainingFactory(council=council, start_date=D(2026, 10, 5), delegates=plan["delegates"])
    snapshot_take(council=council, on=D(2026, 10, 6))
    # A new delegate, not trained yet: 4 of 5.
    from tests.factories import DelegateFactory

    DelegateFactory(term=plan["term"], council=council, start_date=D(2026, 10, 10))
    snapshot_take(council=council, on=D(2026, 12, 1))  # 80% < 91.5% expected
    assert at_risk_items(plan["t13"]).open().count() == 1
    assert at_risk_items(plan["t13"]).count() == 2


def test_a_follow_up_a_person_closed_is_not_reopened_by_the_job(plan, council, people):
    from hdnd_portal.followups.services import followup_close

    snapshot_take(council=council, on=D(2026, 10, 1))
    item = at_risk_items(plan["t13"]).get()
    followup_close(followup=item, reason="Đã báo cáo Đảng ủy", by_user=people["office"])
    snapshot_take(council=council, on=D(2026, 10, 2))
    assert at_risk_items(plan["t13"]).count() == 1


def test_on_track_and_no_data_open_nothing(plan, council, people):
    snapshot_take(council=council, on=D(2026, 3, 1))  # young year: on track
    assert not FollowUp.objects.filter(kind=TARGET_AT_RISK).exists()
    # 1.1 on track; 1.3 has no delegate in office yet (the term begins on 15/03): no data.
    assert set(Snapshot.objects.values_list("status", flat=True)) == {"on_track", "no_data"}


def test_the_celery_task_replays_a_day_for_every_council(plan, council, people, other_council):
    stats = daily_snapshots.delay(today="2026-10-01").get()
    assert stats["date"] == "2026-10-01"
    assert stats["created"] == 2
    assert daily_snapshots.delay(today="2026-10-01").get()["created"] == 0


def test_setup_schedules_registers_the_daily_job(db):
    from django_celery_beat.models import PeriodicTask

    call_command("setup_schedules", stdout=__import__("io").StringIO())
    job = PeriodicTask.objects.get(task="targets.daily_snapshots")
    assert job.enabled and job.crontab.hour == "1"
    call_command("setup_schedules", stdout=__import__("io").StringIO())
    assert PeriodicTask.objects.filter(task="targets.daily_snapshots").count() == 1

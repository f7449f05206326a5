"""The reminder schedule is data (django-celery-beat), created by ``setup_schedules``."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from hdnd_portal.celery import app

DAILY = "Nhắc hạn việc cần đôn đốc hằng ngày"


def setup_schedules(*args) -> str:
    out = io.StringIO()
    call_command("setup_schedules", *args, stdout=out)
    return out.getvalue()


def test_it_schedules_the_daily_reminders_at_the_configured_hour_hanoi_time(db, settings):
    settings.FOLLOWUP_REMINDER_HOUR = 6

    setup_schedules()

    job = PeriodicTask.objects.get(name=DAILY)
    assert job.task == "followups.daily_reminders" and job.enabled
    assert (job.crontab.minute, job.crontab.hour, str(job.crontab.timezone)) == (
        "0",
        "6",
        "Asia/Ho_Chi_Minh",
    )
    outbox = PeriodicTask.objects.get(task="notifications.deliver_outbox")
    assert (outbox.interval.every, outbox.interval.period) == (10, IntervalSchedule.MINUTES)


def test_running_it_again_changes_nothing(db):
    setup_schedules()
    assert "đã có, giữ nguyên" in setup_schedules()

    assert PeriodicTask.objects.filter(name=DAILY).count() == 1
    # The reminder job, the outbox flush and the targets' daily snapshot: no more after a rerun.
    assert CrontabSchedule.objects.count() == 2
    assert PeriodicTask.objects.count() == 3


def test_it_keeps_what_an_administrator_changed_until_reset(db):
    setup_schedules()
    job = PeriodicTask.objects.get(name=DAILY)
    job.crontab = CrontabSchedule.objects.create(minute="30", hour="8", timezone="Asia/Ho_Chi_Minh")
    job.enabled = False
    job.save()

    setup_schedules()
    job.refresh_from_db()
    assert (job.crontab.hour, job.crontab.minute, job.enabled) == ("8", "30", False)

    setup_schedules("--reset")
    job.refresh_from_db()
    assert (job.crontab.hour, job.crontab.minute, job.enabled) == ("7", "0", True)


def test_it_can_run_every_few_minutes_for_a_demonstration(db):
    setup_schedules("--every-minutes", "2")

    job = PeriodicTask.objects.get(name=DAILY)
    assert job.crontab is None
    assert (job.interval.every, job.interval.period) == (2, IntervalSchedule.MINUTES)


def test_it_refuses_a_nonsense_interval(db):
    with pytest.raises(CommandError, match="số nguyên dương"):
        call_command("setup_schedules", "--every-minutes", "0")


def test_celery_beat_reads_the_schedule_from_the_database(db):
    setup_schedules()
    half_past_six = dt.datetime(2026, 12, 1, 6, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

    # Beat's DatabaseScheduler loads crontab jobs due within about two hours.
    with time_machine.travel(half_past_six, tick=False):
        entry = DatabaseScheduler(app=app, lazy=True).all_as_schedule()[DAILY]
        remaining = entry.schedule.remaining_estimate(half_past_six)

    assert entry.task == "followups.daily_reminders"
    assert remaining == dt.timedelta(minutes=30)

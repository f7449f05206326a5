"""Register the follow-up engine's periodic jobs (django-celery-beat): schedules are data.

Idempotent: a job that already exists keeps the schedule an administrator gave
it in Django admin ("Periodic tasks"); ``--reset`` puts the defaults back and
``--every-minutes N`` makes the daily reminders run every N minutes (demos).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

DAILY_REMINDERS = "Nhắc hạn việc cần đôn đốc hằng ngày"
DELIVER_OUTBOX = "Gửi thư, thông báo còn chờ"
OUTBOX_EVERY_MINUTES = 10
TARGET_SNAPSHOTS = "Ghi nhận số liệu chỉ tiêu Kế hoạch hằng ngày"
TARGET_SNAPSHOTS_HOUR = 1  # after midnight: the day before is complete


class Command(BaseCommand):
    help = (
        "Tạo lịch chạy định kỳ (nhắc hạn hằng ngày, gửi thư còn chờ, ghi nhận chỉ tiêu) "
        "cho Celery beat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every-minutes",
            type=int,
            metavar="N",
            help="Chạy nhắc hạn mỗi N phút (để trình diễn) thay vì hằng ngày.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Đặt lại lịch mặc định, bỏ các thay đổi trong trang quản trị.",
        )

    @transaction.atomic
    def handle(self, *args, every_minutes=None, reset=False, **options):
        if every_minutes is not None and every_minutes < 1:
            raise CommandError("--every-minutes phải là số nguyên dương.")
        hour = settings.FOLLOWUP_REMINDER_HOUR
        if not 0 <= hour <= 23:
            raise CommandError(f"FOLLOWUP_REMINDER_HOUR={hour} không phải giờ hợp lệ (0-23).")

        if every_minutes:
            schedule = {"interval": self._interval(every_minutes), "crontab": None}
            when = f"mỗi {every_minutes} phút"
        else:
            crontab, _ = CrontabSchedule.objects.get_or_create(
                minute="0",
                hour=str(hour),
                day_of_week="*",
                day_of_month="*",
                month_of_year="*",
                timezone=settings.TIME_ZONE,
            )
            schedule = {"crontab": crontab, "interval": None}
            when = f"{hour:02d}:00 hằng ngày ({settings.TIME_ZONE})"
        self._register(
            DAILY_REMINDERS,
            "followups.daily_reminders",
            schedule,
            when,
            force=reset or every_minutes is not None,
            description="Nhắc hạn trước 7 ngày, trước 1 ngày, quá hạn 1 ngày, "
            "7 ngày; báo cáo Thường trực HĐND việc quá hạn lâu.",
        )
        self._register(
            DELIVER_OUTBOX,
            "notifications.deliver_outbox",
            {"interval": self._interval(OUTBOX_EVERY_MINUTES), "crontab": None},
            f"mỗi {OUTBOX_EVERY_MINUTES} phút",
            force=reset,
            description="Gửi lại thư và thông báo chưa gửi được (máy chủ thư lỗi…).",
        )

        snapshot_crontab, _ = CrontabSchedule.objects.get_or_create(
            minute="30",
            hour=str(TARGET_SNAPSHOTS_HOUR),
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone=settings.TIME_ZONE,
        )
        self._register(
            TARGET_SNAPSHOTS,
            "targets.daily_snapshots",
            {"crontab": snapshot_crontab, "interval": None},
            f"{TARGET_SNAPSHOTS_HOUR:02d}:30 hằng ngày ({settings.TIME_ZONE})",
            force=reset,
            description="Lưu số liệu từng chỉ tiêu; chỉ tiêu có nguy cơ không đạt: báo cơ quan "
            "chịu trách nhiệm và mở việc cần đôn đốc, tự đóng khi đạt.",
        )

    def _interval(self, minutes: int) -> IntervalSchedule:
        interval, _ = IntervalSchedule.objects.get_or_create(
            every=minutes, period=IntervalSchedule.MINUTES
        )
        return interval

    def _register(self, name, task, schedule, when, *, force, description):
        job = PeriodicTask.objects.filter(name=name).first()
        if job is None:
            PeriodicTask.objects.create(
                name=name, task=task, description=description, enabled=True, **schedule
            )
            self.stdout.write(self.style.SUCCESS(f"Đã tạo lịch “{name}”: {when}."))
        elif force:
            for attr, value in {
                "task": task,
                "description": description,
                "enabled": True,
                "solar": None,
                "clocked": None,
                **schedule,
            }.items():
                setattr(job, attr, value)
            job.save()
            self.stdout.write(self.style.SUCCESS(f"Đã đặt lại lịch “{name}”: {when}."))
        else:
            current = job.crontab or job.interval or job.solar or job.clocked
            state = "" if job.enabled else ", đang tắt"
            self.stdout.write(f"Lịch “{name}” đã có, giữ nguyên: {current}{state}.")

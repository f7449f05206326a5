"""``python manage.py seed_demo``: the demo commune of the plan (HĐND xã Phúc Lộc)."""

import datetime as dt
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from councils.demo import (
    DEFAULT_COMMUNE,
    demo_council_build,
    demo_extras_load,
    demo_summary,
)


class Command(BaseCommand):
    help = (
        "Tạo (hoặc cập nhật) dữ liệu mẫu của HĐND xã Phúc Lộc: nhiệm kỳ, đại biểu, "
        "Thường trực, các Ban, Tổ đại biểu, cơ quan, chi bộ và tài khoản thử. "
        "Chạy lại nhiều lần không tạo bản ghi trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--council",
            action="append",
            dest="communes",
            metavar="TÊN_XÃ",
            help="Tên xã cần tạo (mặc định: Phúc Lộc); có thể lặp lại. Tài khoản của xã "
            "khác Phúc Lộc có hậu tố theo mã xã, ví dụ vanphong-hoa-binh.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Cho phép chạy khi DEBUG=False (máy chủ thật)."
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Đặt lại mật khẩu các tài khoản thử về mật khẩu mặc định.",
        )
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="Ngày coi là hôm nay (mặc định: hôm nay).",
        )

    def handle(
        self, *args, communes=None, force=False, reset_passwords=False, today=None, **options
    ):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Hệ thống đang chạy với DEBUG=False: không tạo dữ liệu mẫu và tài khoản thử "
                "(mật khẩu chung) trên máy chủ thật. Nếu chắc chắn, chạy lại với --force."
            )
        today = today or timezone.localdate()
        started = time.monotonic()
        with transaction.atomic():
            councils = [
                demo_council_build(name=name, today=today, reset_passwords=reset_passwords)
                for name in dict.fromkeys(communes or [DEFAULT_COMMUNE])
            ]
            extras = demo_extras_load(councils=councils, today=today)
        for council in councils:
            self.stdout.write("\n".join(demo_summary(council)))
        for line in extras:
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Xong dữ liệu mẫu ({len(councils)} HĐND) trong "
                f"{time.monotonic() - started:.1f} giây."
            )
        )

"""List, then anonymise, personal data kept past the retention period (LEGAL.md §10).

    python manage.py personal_data_retention            # dry run: what is due
    python manage.py personal_data_retention --apply    # strip names, numbers, addresses

The periods are the council's ``PetitionSetting`` (retention_years_reception,
retention_years_letter; 5 years by default). The records stay, so every count and report
keeps its numbers; their history rows are stripped too.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from petitions.services import anonymise, retention_due


class Command(BaseCommand):
    help = "Liệt kê rồi ẩn danh dữ liệu cá nhân đã quá thời hạn lưu (tiếp công dân, đơn thư)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Ẩn danh (mặc định: chỉ liệt kê).")
        parser.add_argument("--council", type=int, help="Chỉ HĐND có mã số này.")
        parser.add_argument("--today", help="Ngày tính thời hạn (yyyy-mm-dd), mặc định hôm nay.")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("Ngày không hợp lệ, dùng dạng yyyy-mm-dd.") from exc
        receptions, letters = retention_due(council_id=options.get("council"), today=today)
        for r in receptions:
            self.stdout.write(
                f"Lượt tiếp #{r.pk} ngày {r.received_on:%d/%m/%Y} (HĐND {r.council_id})"
            )
        for x in letters:
            self.stdout.write(f"Đơn {x.code} ngày {x.received_on:%d/%m/%Y} (HĐND {x.council_id})")
        total = len(receptions) + len(letters)
        if not options["apply"]:
            self.stdout.write(
                f"Chạy thử: {len(receptions)} lượt tiếp, {len(letters)} đơn thư đã quá thời hạn lưu. "
                "Thêm --apply để ẩn danh."
            )
            return
        done = anonymise(records=[*receptions, *letters])
        self.stdout.write(self.style.SUCCESS(f"Đã ẩn danh {done}/{total} bản ghi."))

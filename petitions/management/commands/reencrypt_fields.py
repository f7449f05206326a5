"""Move the encrypted identity numbers to the current key (README "Production", key rotation).

    python manage.py reencrypt_fields           # dry run: values per model and per key
    python manage.py reencrypt_fields --apply   # re-encrypt with FIELD_ENCRYPTION_KEY

Run after putting the new key in FIELD_ENCRYPTION_KEY and the old one in
FIELD_ENCRYPTION_KEYS_OLD; once a dry run shows no value under an old key, the old key can be
dropped. Records and their history rows alike; the blind indexes (lookup by number, duplicate
letters) are recomputed with the new key. Idempotent; a value that no configured key decrypts
stops the run with its model, row and field, before that model is written.
"""

from django.core.management.base import BaseCommand, CommandError

from petitions.crypto import DecryptionError
from petitions.services import encrypted_values_reencrypt


class Command(BaseCommand):
    help = "Mã hóa lại số định danh đã lưu bằng khóa hiện hành (FIELD_ENCRYPTION_KEY)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Mã hóa lại (mặc định: chỉ thống kê)."
        )

    def handle(self, *args, **options):
        try:
            counts = encrypted_values_reencrypt(apply=options["apply"])
        except DecryptionError as exc:
            raise CommandError(f"Không giải mã được: {exc}") from exc
        for c in counts:
            self.stdout.write(
                f"{c.model}: {c.values} giá trị, {c.old} còn dùng khóa cũ, {c.rows} bản ghi "
                + ("đã ghi lại." if options["apply"] else "cần ghi lại.")
            )
        pending = sum(c.rows for c in counts)
        if options["apply"]:
            self.stdout.write(
                self.style.SUCCESS(f"Đã ghi lại {pending} bản ghi bằng khóa hiện hành.")
            )
        elif pending:
            old = sum(c.old for c in counts)
            self.stdout.write(
                f"Chạy thử: {pending} bản ghi cần ghi lại ({old} giá trị còn dùng khóa cũ). "
                "Thêm --apply để mã hóa lại."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS("Không còn giá trị nào dùng khóa cũ: có thể bỏ khóa cũ.")
            )

"""``python manage.py signing_certificate``: what certificate signs issued copies; with
``--demo``, a self-signed one (and drawn signature and seal images) for the demo."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hdnd_portal.documents import signing

DEMO_ORGANISATION = "Hội đồng nhân dân xã Phúc Lộc"


class Command(BaseCommand):
    help = (
        "Cho biết chứng thư số dùng để ký số văn bản (DOCUMENT_SIGNING_PKCS12). Với --demo: "
        "tạo chứng thư tự ký, hình chữ ký và hình con dấu mẫu nếu chưa có (chỉ để chạy thử)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Tạo chứng thư số tự ký và hình ảnh mẫu tại các đường dẫn trong cấu hình, "
            "nếu chưa có.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Với --demo: tạo lại, thay các tệp đã có."
        )
        parser.add_argument(
            "--organisation",
            default=DEMO_ORGANISATION,
            help="Tên cơ quan ghi trong chứng thư và con dấu mẫu.",
        )

    def handle(self, *args, demo=False, force=False, organisation=DEMO_ORGANISATION, **options):
        if demo:
            if not settings.DEBUG and not force:
                raise CommandError(
                    "Hệ thống đang chạy với DEBUG=False: không tạo chứng thư tự ký trên máy chủ "
                    "thật. Đặt chứng thư số của cơ quan vào DOCUMENT_SIGNING_PKCS12 (README)."
                )
            for path in signing.demo_material_write(organisation=organisation, force=force):
                self.stdout.write(f"Đã tạo {path}")
        try:
            subject = signing.certificate_subject()
        except signing.SigningUnavailable as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Chứng thư số ký văn bản: {subject}")

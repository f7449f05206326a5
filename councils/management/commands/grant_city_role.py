"""``python manage.py grant_city_role <tên đăng nhập> (--all | --council <mã> …) [--revoke]``.

The city's overseer (role ``city``, "Theo dõi cấp thành phố") reads every council they follow
and sees those councils' targets side by side (``/targets/city/``). A role is held per council
(``CouncilRole``); this command gives or takes it in many councils at once. A council where
the user already holds another role keeps that role (one role per council).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from councils.models import Council, CouncilRole
from hdnd_portal.core.access import CITY, ROLE_LABELS


class Command(BaseCommand):
    help = (
        "Giao (hoặc thu hồi) vai trò “Theo dõi cấp thành phố” cho một tài khoản ở nhiều HĐND: "
        "xem được mọi hồ sơ (chỉ đọc) và bảng so sánh chỉ tiêu của các HĐND đó."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="Mọi HĐND trên hệ thống.")
        which.add_argument(
            "--council",
            action="append",
            dest="slugs",
            metavar="MÃ_HĐND",
            help="Mã (slug) của HĐND, ví dụ phuc-loc; có thể lặp lại.",
        )
        parser.add_argument("--revoke", action="store_true", help="Thu hồi vai trò thay vì giao.")

    @transaction.atomic
    def handle(self, username, *, all=False, slugs=None, revoke=False, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        councils = Council.objects.order_by("name", "id")
        if not all:
            wanted = list(dict.fromkeys(slugs))
            councils = councils.filter(slug__in=wanted)
            missing = sorted(set(wanted) - set(councils.values_list("slug", flat=True)))
            if missing:
                raise CommandError("Không có HĐND mã: " + ", ".join(missing) + ".")
        label = ROLE_LABELS[CITY]
        changed = kept = 0
        for council in councils:
            role = CouncilRole.objects.filter(user=user, council=council).first()
            if revoke:
                if role is not None and role.role == CITY:
                    role.delete()
                    changed += 1
                continue
            if role is None:
                CouncilRole.objects.create(user=user, council=council, role=CITY)
                changed += 1
            elif role.role != CITY:
                kept += 1
                self.stdout.write(
                    f"{council.name}: giữ vai trò “{role.get_role_display()}” đã có "
                    "(mỗi người một vai trò trong một HĐND)."
                )
        verb = "Thu hồi" if revoke else "Giao"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} vai trò “{label}” cho {username} ở {changed} HĐND.")
        )
        if kept:
            self.stdout.write(f"{kept} HĐND giữ vai trò khác của tài khoản này.")

"""Demo targets: the seven targets of the Phúc Lộc plan (section II.1), with sub-targets per
body, then a month-end snapshot for each past month of the year and today's (which opens the
follow-ups of targets at risk). Idempotent: rerunning ``seed_demo`` changes nothing."""

import datetime as dt

from councils.models import Committee, Term
from hdnd_portal.targets.models import Body, Target, Unit
from hdnd_portal.targets.periods import PeriodKind
from hdnd_portal.targets.services import snapshot_take

Y, H, S = PeriodKind.YEAR, PeriodKind.HALF_YEAR, PeriodKind.BETWEEN_SESSIONS
KTNS, VHXH = "Ban Kinh tế - Ngân sách", "Ban Văn hóa - Xã hội"

# (code, wording, metric, body, Ban, period, unit, threshold)
PLAN_TARGETS = (
    (
        "1.1.a",
        "Đảng ủy ban hành văn bản lãnh đạo, chỉ đạo hoạt động của HĐND, xây dựng kế hoạch "
        "triển khai Đề án của Thành ủy (ít nhất 01 văn bản mỗi năm).",
        "councils.party_documents",
        Body.PARTY,
        None,
        Y,
        Unit.COUNT,
        1,
    ),
    (
        "1.1.b",
        "Quán triệt Đề án của Thành ủy đến 100% các chi bộ cơ sở trực thuộc.",
        "councils.dissemination_cells",
        Body.PARTY,
        None,
        Y,
        Unit.SHARE,
        100,
    ),
    (
        "1.1.c",
        "Quán triệt Đề án của Thành ủy đến 100% đảng viên.",
        "councils.dissemination_members",
        Body.PARTY,
        None,
        Y,
        Unit.SHARE,
        100,
    ),
    (
        "1.2",
        "100% các mục tiêu, chỉ tiêu, giải pháp của Nghị quyết Đại hội Đảng bộ xã lần thứ I, "
        "nhiệm kỳ 2025-2030 được cụ thể hóa tại các nghị quyết của HĐND.",
        "meetings.congress_goals_resolved",
        Body.COUNCIL,
        None,
        Y,
        Unit.SHARE,
        100,
    ),
    (
        "1.3",
        "100% đại biểu HĐND xã được tập huấn, bồi dưỡng kiến thức, kỹ năng hằng năm.",
        "councils.delegates_trained",
        Body.STANDING,
        None,
        Y,
        Unit.SHARE,
        100,
    ),
    (
        "1.4.a",
        "Mỗi năm HĐND xã tổ chức ít nhất 02 cuộc giám sát.",
        "supervision.council",
        Body.COUNCIL,
        None,
        Y,
        Unit.COUNT,
        2,
    ),
    (
        "1.4.b",
        "Thường trực HĐND xã tổ chức ít nhất 04 cuộc giám sát, khảo sát, chất vấn, giải trình "
        "giữa 2 kỳ họp.",
        "supervision.standing",
        Body.STANDING,
        None,
        S,
        Unit.COUNT,
        4,
    ),
    (
        "1.4.c",
        "Ban Kinh tế - Ngân sách tổ chức từ 02-04 cuộc giám sát, khảo sát mỗi năm.",
        "supervision.ban",
        Body.BAN,
        KTNS,
        Y,
        Unit.COUNT,
        2,
    ),
    (
        "1.4.d",
        "Ban Văn hóa - Xã hội tổ chức từ 02-04 cuộc giám sát, khảo sát mỗi năm.",
        "supervision.ban",
        Body.BAN,
        VHXH,
        Y,
        Unit.COUNT,
        2,
    ),
    (
        "1.5.a",
        "100% đại biểu HĐND xã thực hiện tiếp công dân theo quy định.",
        "petitions.delegates_receiving",
        Body.DELEGATES,
        None,
        Y,
        Unit.SHARE,
        100,
    ),
    (
        "1.5.b",
        "100% kiến nghị cử tri gửi đến HĐND, đại biểu HĐND được chuyển đến cơ quan có thẩm "
        "quyền xem xét giải quyết.",
        "voters.petitions_forwarded",
        Body.STANDING,
        None,
        Y,
        Unit.SHARE,
        100,
    ),
    (
        "1.5.c",
        "100% đơn thư khiếu nại, tố cáo của công dân gửi đến HĐND, đại biểu HĐND được chuyển "
        "đến cơ quan có thẩm quyền xem xét giải quyết.",
        "petitions.letters_forwarded",
        Body.STANDING,
        None,
        Y,
        Unit.SHARE,
        100,
    ),
    (
        "1.6",
        "Hằng năm, Thường trực HĐND xã tổ chức ít nhất 01 cuộc tiếp xúc cử tri chuyên đề.",
        "voters.thematic_meetings",
        Body.STANDING,
        None,
        Y,
        Unit.COUNT,
        1,
    ),
    (
        "1.7",
        "Định kỳ sáu tháng, Thường trực HĐND xã tổ chức giao ban chuyên đề về hoạt động của "
        "HĐND với các Ban HĐND xã.",
        "meetings.briefings",
        Body.STANDING,
        None,
        H,
        Unit.COUNT,
        1,
    ),
)


def _month_ends(today: dt.date) -> list[dt.date]:
    days = []
    for month in range(1, today.month):
        nxt = dt.date(today.year, month + 1, 1)
        days.append(nxt - dt.timedelta(days=1))
    return days


def load_targets(*, council, today: dt.date, created_by) -> list[str]:
    term = Term.objects.filter(council=council).current(today).order_by("-start_date").first()
    bans = {}
    if term is not None:
        bans = {c.name: c for c in Committee.objects.filter(term=term, kind=Committee.Kind.BAN)}
    created = 0
    for order, (code, title, metric, body, ban, period, unit, threshold) in enumerate(
        PLAN_TARGETS, start=1
    ):
        if ban is not None and ban not in bans:
            continue
        values = {
            "title": title,
            "metric": metric,
            "body": body,
            "committee": bans.get(ban) if ban else None,
            "period_kind": period,
            "unit": unit,
            "threshold": threshold,
            "order": order,
        }
        target = Target.objects.filter(council=council, code=code).first()
        if target is None:
            target = Target(council=council, code=code, **values)
            target.full_clean()
            target.save()
            created += 1
    # History for the trend (past month ends, without follow-ups), then today with them.
    for day in _month_ends(today):
        snapshot_take(council=council, on=day, follow_up=False)
    stats = snapshot_take(council=council, on=today)
    return [
        f"Đã nạp {created} chỉ tiêu Kế hoạch mới cho {council.short_name}; số liệu hôm nay: "
        f"mở {stats['opened']} việc đôn đốc chỉ tiêu có nguy cơ."
    ]

"""Demo follow-ups: the duties of section III ("Tổ chức thực hiện") of the seed plan.

The Party Committee's plan of 20 Aug 2025 assigns each body its part; here
each duty becomes a follow-up (kind ``plan_task``) of the body named, with the
Standing Committee following it up, plus a few tasks the Standing Committee
gave (kind ``standing_task``). Dates are relative to ``today`` so the inbox
always shows items done, open, due soon and overdue.
"""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from hdnd_portal.followups.kinds import PLAN_TASK, STANDING_TASK
from hdnd_portal.followups.models import FollowUp
from hdnd_portal.followups.rules import RuleNotFound
from hdnd_portal.followups.services import (
    followup_accept,
    followup_answer,
    followup_create,
    followup_extend,
)

PLAN_REFERENCE = (
    "Kế hoạch ngày 20/8/2025 của Ban Thường vụ Đảng ủy xã thực hiện Đề án "
    "15-ĐA/TU, mục III.{section}"
)

UBND = "Ủy ban nhân dân xã"
POLICE = "Công an xã"
MTTQ = "Ủy ban MTTQ Việt Nam xã"
PARTY_OFFICE = "Văn phòng Đảng ủy"
PARTY_BUILDING = "Ban Xây dựng Đảng"
OFFICE = "Văn phòng HĐND và UBND xã"

# name -> (Agency.Kind value, short name): the names councils.demo uses as well.
AGENCY_DEFAULTS = {
    UBND: ("ubnd", "UBND xã"),
    POLICE: ("police", "Công an xã"),
    MTTQ: ("mttq", "UBMTTQ xã"),
    PARTY_OFFICE: ("party", "VPĐU"),
    PARTY_BUILDING: ("party", "BXDĐ"),
    OFFICE: ("ubnd_unit", "Văn phòng HĐND&UBND"),
}


@dataclass(frozen=True)
class Duty:
    kind: str
    section: str  # "1".."5" for the plan's III.x; "" for a Standing Committee task
    agency: str
    title: str
    started: int  # days before today
    due: int  # days after today (negative: already past)
    answer: str = ""  # done with this answer
    answered: int = 0  # days before today it was answered
    rule_code: str = ""  # the due date follows this rule instead of ``due``
    extended_by: int = 0  # extended by this many days (with a reason)


DUTIES = (
    # III.1 Thường trực HĐND xã (staffed by the Office of HĐND and UBND)
    Duty(
        PLAN_TASK,
        "1",
        OFFICE,
        "Tham mưu Ban Thường vụ Đảng ủy ban hành Kế hoạch thực hiện Đề án; tổ chức quán "
        "triệt Đề án, Kế hoạch đến đại biểu HĐND xã",
        started=120,
        due=-90,
        answer="Kế hoạch đã ban hành ngày 20/8/2025; đã tổ chức hội nghị quán triệt đến 100% "
        "đại biểu HĐND xã.",
        answered=95,
    ),
    Duty(
        PLAN_TASK,
        "1",
        OFFICE,
        "Cụ thể hóa Kế hoạch trong chương trình công tác năm của HĐND, Thường trực HĐND, các "
        "Ban và các Tổ đại biểu",
        started=60,
        due=5,
    ),
    Duty(
        PLAN_TASK,
        "1",
        OFFICE,
        "Sơ kết việc thực hiện Kế hoạch, Đề án gắn với tổng kết, đánh giá thi đua khen thưởng năm",
        started=30,
        due=40,
    ),
    Duty(
        PLAN_TASK,
        "1",
        OFFICE,
        "Phối hợp tham mưu Ban Thường vụ Đảng ủy về công tác cán bộ HĐND xã bảo đảm số "
        "lượng, chất lượng",
        started=45,
        due=-12,
    ),
    # III.2 Ủy ban nhân dân xã
    Duty(
        PLAN_TASK,
        "2",
        UBND,
        "Chỉ đạo cán bộ chuyên môn phối hợp chặt chẽ với các Ban của HĐND xã trong cụ thể "
        "hóa và triển khai Đề án, Kế hoạch",
        started=90,
        due=-20,
    ),
    Duty(
        PLAN_TASK,
        "2",
        UBND,
        "Báo cáo kết quả phối hợp với Thường trực HĐND, các Ban, các Tổ đại biểu trong triển "
        "khai Đề án (6 tháng)",
        started=75,
        due=-45,
        answer="UBND xã đã có Báo cáo số 112/BC-UBND về kết quả phối hợp 6 tháng.",
        answered=50,
    ),
    # III.3 Các cơ quan tham mưu của Đảng ủy
    Duty(
        PLAN_TASK,
        "3",
        PARTY_BUILDING,
        "Tham mưu Đảng ủy quán triệt Đề án, Kế hoạch đến chi ủy các chi bộ",
        started=100,
        due=-70,
        answer="Đã quán triệt tại hội nghị chi ủy các chi bộ ngày 05/9/2025.",
        answered=72,
    ),
    Duty(
        PLAN_TASK,
        "3",
        PARTY_OFFICE,
        "Phối hợp kiểm tra, giám sát việc thực hiện Kế hoạch, Đề án của cấp ủy, chính quyền xã",
        started=40,
        due=3,
    ),
    # III.4 Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội xã
    Duty(
        PLAN_TASK,
        "4",
        MTTQ,
        "Phối hợp theo dõi, đôn đốc giải quyết kiến nghị cử tri, khiếu nại, tố cáo của công dân",
        started=50,
        due=25,
    ),
    Duty(
        PLAN_TASK,
        "4",
        MTTQ,
        "Tổ chức lấy ý kiến Nhân dân và phản biện xã hội về cơ chế, chính sách của xã liên "
        "quan trực tiếp đến đông đảo Nhân dân",
        started=60,
        due=-5,
        extended_by=20,
    ),
    # III.5 Các chi, Đảng bộ trực thuộc (through the Party Committee's office)
    Duty(
        PLAN_TASK,
        "5",
        PARTY_OFFICE,
        "Đôn đốc các chi bộ, Đảng bộ trực thuộc quán triệt Đề án, Kế hoạch đến cán bộ, đảng "
        "viên và Nhân dân; tổng hợp kết quả",
        started=80,
        due=-8,
    ),
    # Tasks the Standing Committee gave
    Duty(
        STANDING_TASK,
        "",
        UBND,
        "Trả lời bằng văn bản nội dung chất vấn chưa trả lời tại phiên họp về tiến độ cải "
        "tạo đường liên thôn",
        started=12,
        due=0,
        rule_code="supervision.questioning_answer",
    ),
    Duty(
        STANDING_TASK,
        "",
        POLICE,
        "Báo cáo tình hình an ninh trật tự phục vụ kỳ họp cuối năm",
        started=20,
        due=1,
    ),
    Duty(
        STANDING_TASK,
        "",
        UBND,
        "Chuẩn bị báo cáo kết quả giải quyết kiến nghị cử tri trình kỳ họp cuối năm",
        started=35,
        due=-3,
    ),
)


def _agency(council, name: str):
    Agency = apps.get_model("councils", "Agency")
    kind, short = AGENCY_DEFAULTS[name]
    agency, _created = Agency.objects.get_or_create(
        council=council, name=name, defaults={"kind": kind, "short_name": short}
    )
    return agency


def _standing_committee(council, today: dt.date):
    Committee = apps.get_model("councils", "Committee")
    term = council.current_term(today)
    qs = Committee.objects.filter(council=council, kind=Committee.Kind.STANDING)
    if term is not None:
        qs = qs.filter(term=term)
    return qs.order_by("-term__start_date").first()


@transaction.atomic
def load_plan_followups(*, council, today: dt.date, created_by=None) -> int:
    """Create the plan's duties as follow-ups of ``council``; returns how many were created.

    Idempotent: an item is recognised by its council, kind, title and reference.
    """
    standing = _standing_committee(council, today)
    created = 0
    for duty in DUTIES:
        reference = (
            PLAN_REFERENCE.format(section=duty.section)
            if duty.section
            else "Thông báo kết luận của Thường trực HĐND xã"
        )
        if FollowUp.objects.filter(
            council=council, kind=duty.kind, title=duty.title, reference=reference
        ).exists():
            continue
        started_on = today - dt.timedelta(days=duty.started)
        due_date = None if duty.rule_code else today + dt.timedelta(days=duty.due)
        rule_code = duty.rule_code or None
        try:
            followup = followup_create(
                council=council,
                kind=duty.kind,
                title=duty.title,
                reference=reference,
                agency=_agency(council, duty.agency),
                committee=standing,
                started_on=started_on,
                rule_code=rule_code,
                due_date=due_date,
                created_by=created_by,
            )
        except RuleNotFound:
            # Rules not seeded: keep the demo date instead.
            followup = followup_create(
                council=council,
                kind=duty.kind,
                title=duty.title,
                reference=reference,
                agency=_agency(council, duty.agency),
                committee=standing,
                started_on=started_on,
                due_date=today + dt.timedelta(days=duty.due),
                created_by=created_by,
            )
        created += 1
        if duty.extended_by:
            followup_extend(
                followup=followup,
                by_user=created_by,
                new_due_date=followup.due_date + dt.timedelta(days=duty.extended_by),
                reason="Chờ hội nghị phản biện xã hội theo kế hoạch của Ủy ban MTTQ.",
                document="Công văn xin gia hạn của Ủy ban MTTQ xã",
            )
        if duty.answer:
            followup = followup_answer(
                followup=followup, by_user=created_by, answer=duty.answer, on_behalf=True
            )
            answered_at = timezone.make_aware(
                dt.datetime.combine(today - dt.timedelta(days=duty.answered), dt.time(9, 30))
            )
            FollowUp.objects.filter(pk=followup.pk).update(answered_at=answered_at)
            followup.answers.update(created_at=answered_at)
            # Long answered: the Standing Committee has reviewed and accepted them.
            followup_accept(followup=followup, by_user=created_by)
    return created

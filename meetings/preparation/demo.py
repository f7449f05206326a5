"""Demo data of the preparation part (``seed_demo``, order 11, after part A's sessions at 10).

For one council: the goals and targets of the commune's Party Congress resolution 2025-2030; a
joint meeting before each demo session, with its agreed points, and "5 rõ" preparation tasks
for the sessions (done, waiting for review, open, overdue); the Standing Committee's monthly
meetings over the last year; its thematic briefings with the Bans (one in the first half of
this year, none yet in the second: target 1.7 reads "at risk"); its quarterly reports to the
Party standing board, each at a meeting of that kind.

Every record is found by its natural key and only created when missing: running it twice
adds nothing and writes no history. No randomness: the same dates every run for a given day.
"""

import datetime as dt

from councils.models import Agency
from councils.reports import standing_chair
from hdnd_portal.followups.services import followup_accept, followup_answer
from meetings.models import (
    CongressGoal,
    JointMeeting,
    PreparationTask,
    QuarterlyReport,
    Session,
    StandingMeeting,
)
from meetings.preparation.services import jointmeeting_set_decisions, preparationtask_open_followup

GOAL, TARGET = CongressGoal.Kind.GOAL, CongressGoal.Kind.TARGET
# (code, kind, field, text, target value): the resolution of the commune's first Party Congress.
GOALS = [
    (
        "I.1",
        GOAL,
        "Tổng quát",
        "Xây dựng Đảng bộ và hệ thống chính trị xã trong sạch, vững mạnh toàn diện; phát huy "
        "sức mạnh khối đại đoàn kết toàn dân; xây dựng xã phát triển nhanh, bền vững, đạt chuẩn "
        "nông thôn mới kiểu mẫu",
        "",
    ),
    (
        "I.2",
        GOAL,
        "Kinh tế",
        "Chuyển dịch cơ cấu kinh tế theo hướng tăng tỷ trọng thương mại - dịch vụ; phát triển "
        "nông nghiệp hàng hóa, ứng dụng công nghệ cao, gắn với chuyển đổi số",
        "",
    ),
    (
        "I.3",
        GOAL,
        "Văn hóa - Xã hội",
        "Nâng cao chất lượng giáo dục, y tế, văn hóa; bảo đảm an sinh xã hội; giữ vững quốc "
        "phòng, an ninh, trật tự an toàn xã hội",
        "",
    ),
    (
        "II.1",
        TARGET,
        "Kinh tế",
        "Tốc độ tăng giá trị sản xuất bình quân hằng năm",
        "≥ 8%/năm",
    ),
    (
        "II.2",
        TARGET,
        "Kinh tế",
        "Thu nhập bình quân đầu người đến năm 2030",
        "≥ 95 triệu đồng/người/năm",
    ),
    (
        "II.3",
        TARGET,
        "Ngân sách",
        "Thu ngân sách nhà nước trên địa bàn tăng bình quân hằng năm",
        "≥ 10%/năm",
    ),
    ("II.4", TARGET, "Xã hội", "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", "dưới 1%"),
    ("II.5", TARGET, "Y tế", "Tỷ lệ người dân tham gia bảo hiểm y tế", "≥ 95%"),
    ("II.6", TARGET, "Giáo dục", "Tỷ lệ trường học đạt chuẩn quốc gia", "100%"),
    (
        "II.7",
        TARGET,
        "Văn hóa",
        "Tỷ lệ hộ gia đình đạt danh hiệu “Gia đình văn hóa” hằng năm",
        "≥ 90%",
    ),
    (
        "II.8",
        TARGET,
        "Môi trường",
        "Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý theo quy định",
        "100%",
    ),
    (
        "II.9",
        TARGET,
        "Xây dựng Đảng",
        "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên hằng năm",
        "≥ 90%",
    ),
]

DECISIONS = [
    "Thống nhất dự kiến nội dung, chương trình, thời gian tổ chức kỳ họp",
    "Giao UBND xã hoàn thiện các báo cáo, tờ trình, dự thảo nghị quyết, gửi Thường trực HĐND "
    "trước kỳ họp ít nhất 10 ngày",
    "Ủy ban MTTQ Việt Nam xã tổng hợp ý kiến, kiến nghị của cử tri, báo cáo tại kỳ họp",
    "Các Ban HĐND thẩm tra các nội dung được phân công",
]

# (title, agency name, responsibility, procedure, result, days before the opening, outcome)
TASKS = [
    (
        "Xây dựng báo cáo tình hình kinh tế - xã hội và dự thảo nghị quyết trình kỳ họp",
        "Ủy ban nhân dân xã",
        "Chủ tịch UBND xã chịu trách nhiệm chính; Phòng Kinh tế chủ trì xây dựng",
        "Dự thảo → xin ý kiến các ngành → gửi Ban Kinh tế - Ngân sách thẩm tra",
        "Báo cáo, tờ trình và dự thảo nghị quyết gửi đại biểu trước kỳ họp",
        20,
        "done",
    ),
    (
        "Tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp",
        "Ủy ban MTTQ Việt Nam xã",
        "Ban Thường trực Ủy ban MTTQ xã chủ trì, các Tổ đại biểu phối hợp",
        "Tiếp xúc cử tri → tổng hợp → gửi Thường trực HĐND",
        "Báo cáo tổng hợp ý kiến, kiến nghị cử tri",
        12,
        "answered",
    ),
    (
        "Chuẩn bị hội trường, tài liệu, phát hành giấy mời kỳ họp",
        "Văn phòng HĐND và UBND xã",
        "Chánh Văn phòng chịu trách nhiệm",
        "Lập danh sách đại biểu, khách mời → in tài liệu → gửi giấy mời",
        "Giấy mời, tài liệu đến đại biểu đúng hạn; hội trường sẵn sàng",
        7,
        "open",
    ),
]

REPORT_TEXTS = {
    "other_results": "Tham dự đầy đủ các hội nghị của Đảng ủy; chỉ đạo các Tổ đại biểu tiếp "
    "xúc cử tri theo kế hoạch.",
    "strengths": "Thường trực HĐND duy trì họp định kỳ hằng tháng; phối hợp chặt chẽ với UBND, "
    "Ủy ban MTTQ trong chuẩn bị kỳ họp.",
    "shortcomings": "Một số báo cáo, tờ trình của UBND gửi chậm so với quy định.",
    "causes": "Khối lượng công việc lớn sau khi sắp xếp đơn vị hành chính.",
    "next_quarter": "Chuẩn bị tổ chức kỳ họp thường lệ; giám sát việc giải quyết kiến nghị cử "
    "tri; giao ban chuyên đề với các Ban HĐND.",
    "recommendations": "Đề nghị Thường trực Đảng ủy tiếp tục quan tâm lãnh đạo hoạt động của HĐND.",
}


def _months_back(today: dt.date, count: int) -> list[dt.date]:
    """The 5th of each of the last ``count`` months, held on or before ``today``."""
    days, year, month = [], today.year, today.month
    for _ in range(count + 1):
        day = dt.date(year, month, 5)
        if day <= today:
            days.append(day)
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return sorted(days)[-count:]


def _meeting(council, kind, held_on, topic, place="Phòng họp Thường trực HĐND xã"):
    term = council.current_term(held_on)
    if term is None:
        return None, False
    existing = StandingMeeting.objects.filter(council=council, kind=kind, held_on=held_on).first()
    if existing is not None:
        return existing, False
    meeting = StandingMeeting.objects.create(
        council=council,
        term=term,
        kind=kind,
        held_on=held_on,
        topic=topic,
        place=place,
        chair=standing_chair(term=term, on=held_on),
    )
    return meeting, True


def _goals(council) -> int:
    created = 0
    for order, (code, kind, field, text, value) in enumerate(GOALS, start=1):
        _goal, made = CongressGoal.objects.get_or_create(
            council=council,
            congress=CongressGoal._meta.get_field("congress").default,
            code=code,
            defaults={
                "kind": kind,
                "field": field,
                "text": text,
                "target_value": value,
                "order": order,
            },
        )
        created += made
    return created


def _standing(council, today) -> tuple[int, int, int]:
    regular = briefings = reports = 0
    for day in _months_back(today, 12):
        _m, made = _meeting(
            council,
            StandingMeeting.Kind.REGULAR,
            day,
            f"Phiên họp Thường trực HĐND tháng {day.month}/{day.year}: đánh giá kết quả công "
            "tác tháng, triển khai nhiệm vụ tháng tới",
        )
        regular += made
    # Target 1.7: one briefing in each half of last year, one in this year's first half only.
    for day, label in (
        (dt.date(today.year - 1, 6, 20), "6 tháng đầu năm"),
        (dt.date(today.year - 1, 12, 18), "6 tháng cuối năm"),
        (dt.date(today.year, 6, 19), "6 tháng đầu năm"),
    ):
        if day <= today:
            _m, made = _meeting(
                council,
                StandingMeeting.Kind.BRIEFING,
                day,
                f"Giao ban chuyên đề {label} {day.year} với các Ban HĐND: hoạt động giám sát, "
                "thẩm tra",
            )
            briefings += made
    # Quarterly reports to the Party standing board for each quarter ended this year.
    for quarter in (1, 2, 3, 4):
        end_month = 3 * quarter
        held_on = (
            dt.date(today.year + 1, 1, 8)
            if end_month == 12
            else dt.date(today.year, end_month + 1, 8)
        )
        if held_on > today:
            continue
        meeting, _made = _meeting(
            council,
            StandingMeeting.Kind.PARTY_REPORT,
            held_on,
            f"Báo cáo Thường trực Đảng ủy kết quả hoạt động quý {quarter}/{today.year} của HĐND xã",
            place="Phòng họp Đảng ủy xã",
        )
        if meeting is None:
            continue
        _r, made = QuarterlyReport.objects.get_or_create(
            council=council,
            year=today.year,
            quarter=quarter,
            defaults={"meeting": meeting, **REPORT_TEXTS},
        )
        reports += made
    return regular, briefings, reports


def _preparation(council, today, created_by) -> tuple[int, int]:
    agencies = {a.name: a for a in Agency.objects.filter(council=council)}
    joint = tasks = 0
    sessions = Session.objects.filter(council=council).order_by("start_date", "id")
    for session in sessions:
        held_on = session.start_date - dt.timedelta(days=15)
        meeting = JointMeeting.objects.filter(council=council, session=session).first()
        if meeting is None:
            meeting = JointMeeting.objects.create(
                council=council,
                session=session,
                held_on=held_on,
                place="Phòng họp Thường trực HĐND xã",
                attendees="Thường trực HĐND; Chủ tịch, Phó Chủ tịch UBND xã; Chủ tịch Ủy ban "
                "MTTQ Việt Nam xã; Trưởng các Ban HĐND",
                content=f"Thống nhất nội dung, chương trình và công tác chuẩn bị {session}",
                minutes="Các cơ quan thống nhất nội dung trình kỳ họp và phân công chuẩn bị theo "
                "nguyên tắc 5 rõ.",
            )
            meeting.participants.set(
                [
                    a
                    for name in ("Ủy ban nhân dân xã", "Ủy ban MTTQ Việt Nam xã")
                    if (a := agencies.get(name))
                ]
            )
            jointmeeting_set_decisions(meeting=meeting, lines=DECISIONS)
            joint += 1
        for title, agency_name, resp, proc, result, days, outcome in TASKS:
            if PreparationTask.objects.filter(
                council=council, session=session, title=title
            ).exists():
                continue
            agency = agencies.get(agency_name)
            if agency is None:
                continue
            due = session.start_date - dt.timedelta(days=days)
            task = PreparationTask.objects.create(
                council=council,
                session=session,
                title=title,
                agency=agency,
                responsibility=resp,
                procedure=proc,
                expected_result=result,
                due_date=due,
            )
            started = min(held_on, due)
            followup = preparationtask_open_followup(
                task=task, by_user=created_by, started_on=started
            )
            # Sessions already held: the work was done; the coming one shows every state.
            finished = session.start_date <= today
            if finished or outcome in ("done", "answered"):
                followup = followup_answer(
                    followup=followup,
                    by_user=created_by,
                    answer=f"Đã hoàn thành: {result.lower()}.",
                    on_behalf=True,
                )
                if finished or outcome == "done":
                    followup_accept(followup=followup, by_user=created_by)
            tasks += 1
    return joint, tasks


def load(*, council, today, created_by) -> list[str]:
    goals = _goals(council)
    # The sessions' loader (order 10) ran before the goals existed: link their resolutions now,
    # or target 1.2 reads 0% in a fresh demo (idempotent: linked resolutions are left alone).
    from meetings.demo import link_resolutions_to_goals

    link_resolutions_to_goals(council)
    regular, briefings, reports = _standing(council, today)
    joint, tasks = _preparation(council, today, created_by)
    return [
        f"Chuẩn bị kỳ họp, Thường trực ({council.short_name}): {goals} mục tiêu, chỉ tiêu Đại "
        f"hội; {regular} phiên họp Thường trực, {briefings} giao ban chuyên đề, {reports} báo cáo "
        f"quý; {joint} cuộc họp liên tịch, {tasks} nhiệm vụ chuẩn bị kỳ họp (thêm mới)."
    ]

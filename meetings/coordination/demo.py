"""Demo data of the coordination regulation: the regulation of the shortened 2021-2026 term
(expired when the new council was elected), its yearly review and its final review, and the
regulation signed early in the 2026-2031 term, in force, with its yearly review to do. The
demo's joint meetings (created by the preparation loader) are linked to the regulation in
force on their dates. Idempotent: a regulation already there (by its number) is left alone."""

import datetime as dt

from councils.models import Agency, Term
from meetings.coordination.services import regulation_open_review, regulation_relink_meetings
from meetings.models import CoordinationRegulation, CoordinationReview

CONTENT = (
    "1. Phối hợp chuẩn bị và tổ chức kỳ họp HĐND: họp liên tịch thống nhất nội dung, thời "
    "gian, chương trình kỳ họp; phân công chuẩn bị tờ trình, báo cáo, dự thảo nghị quyết theo "
    "nguyên tắc 5 rõ.\n"
    "2. Phối hợp trong hoạt động giám sát, tránh chồng chéo với giám sát của Ủy ban MTTQ.\n"
    "3. Phối hợp tổ chức tiếp xúc cử tri, tiếp công dân, theo dõi giải quyết kiến nghị cử tri.\n"
    "4. Ủy ban MTTQ tổ chức phản biện xã hội dự thảo nghị quyết liên quan trực tiếp đến "
    "Nhân dân.\n"
    "5. Chế độ thông tin, báo cáo; đánh giá việc thực hiện quy chế hằng năm."
)
SIGNERS = (
    "TM. Thường trực HĐND xã - Chủ tịch HĐND xã\n"
    "TM. Ủy ban nhân dân xã - Chủ tịch UBND xã\n"
    "TM. Ban Thường trực Ủy ban MTTQ Việt Nam xã - Chủ tịch"
)

REGULATIONS = (
    # (term, number, signed/start, end)
    ("2021-2026", "01/QCPH-TTHĐND-UBND-MTTQ", dt.date(2025, 7, 15), dt.date(2026, 3, 14)),
    ("2026-2031", "01/QCPH-TTHĐND-UBND-MTTQ-2026", dt.date(2026, 4, 8), None),
)


def _regulation(council, term, number, signed_on, end_date, parties):
    regulation = CoordinationRegulation.objects.filter(council=council, number=number).first()
    if regulation is not None:
        return regulation, False
    regulation = CoordinationRegulation.objects.create(
        council=council,
        term=term,
        number=number,
        title=(
            "Quy chế phối hợp công tác giữa Thường trực HĐND, UBND và Ủy ban MTTQ Việt Nam "
            f"xã nhiệm kỳ {term.name}"
        ),
        signed_on=signed_on,
        form=CoordinationRegulation.Form.JOINT_SIGNED,
        signers=SIGNERS,
        start_date=signed_on,
        end_date=end_date,
        content=CONTENT,
    )
    regulation.parties.set(parties)
    return regulation, True


def load(*, council, today, created_by) -> list[str]:
    terms = {t.name: t for t in Term.objects.filter(council=council)}
    parties = list(
        Agency.objects.filter(
            council=council, parent__isnull=True, kind__in=[Agency.Kind.UBND, Agency.Kind.MTTQ]
        )
    )
    made = reviews = 0
    regulations = []
    for term_name, number, signed_on, end_date in REGULATIONS:
        term = terms.get(term_name)
        if term is None or signed_on > today:
            continue
        regulation, created = _regulation(council, term, number, signed_on, end_date, parties)
        made += created
        regulations.append(regulation)
        regulation_relink_meetings(regulation)
    if regulations:
        old = regulations[0]
        for kind, year, held_on, findings, amendments in (
            (
                CoordinationReview.Kind.YEARLY,
                2025,
                dt.date(2025, 12, 26),
                "Tổ chức 01 cuộc họp liên tịch chuẩn bị kỳ họp cuối năm; phối hợp tiếp xúc "
                "cử tri trước kỳ họp ở 100% thôn, tổ dân phố.",
                "",
            ),
            (
                CoordinationReview.Kind.FINAL,
                2026,
                dt.date(2026, 3, 5),
                "Các bên thực hiện nghiêm quy chế trong nhiệm kỳ; các kỳ họp được chuẩn bị chu "
                "đáo, đúng luật định.",
                "Bổ sung nội dung phối hợp tổ chức phản biện xã hội của Ủy ban MTTQ và chế độ "
                "thông tin hằng tháng trong quy chế nhiệm kỳ 2026-2031.",
            ),
        ):
            if held_on > today:
                continue
            _review, created = CoordinationReview.objects.get_or_create(
                council=council,
                regulation=old,
                kind=kind,
                year=year,
                defaults={"held_on": held_on, "findings": findings, "amendments": amendments},
            )
            reviews += created
        current = regulations[-1]
        if created_by is not None and current.in_force(today):
            regulation_open_review(regulation=current, year=today.year, by_user=created_by)
    return [
        f"Quy chế phối hợp ({council.short_name}): {made} quy chế, {reviews} đánh giá "
        "(thêm mới); các cuộc họp liên tịch gắn với quy chế có hiệu lực vào ngày họp."
    ]

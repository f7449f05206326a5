"""The Standing Committee's quarterly activity report (DOCUMENTS.md §8), "…/BC-HĐND".

"BÁO CÁO / Kết quả hoạt động quý … và phương hướng, nhiệm vụ quý …", signed "TM. THƯỜNG TRỰC
HĐND / CHỦ TỊCH". The body is built once (:func:`report_sections`) and written by the PDF
template and the Word twin alike: I. results (the quarter's sessions and joint meetings, the
Standing Committee's meetings and briefings with the Bans, other work), II. assessment,
III. next quarter, IV. recommendations. Supervision, voter contact and citizen reception are
counted by their own apps (report parts, ``hdnd_portal.documents.sections``) with the functions
the KPI dashboard reads — never recounted here.
"""

import datetime as dt

from councils.reports import standing_chair
from hdnd_portal.documents.models import DocumentType
from hdnd_portal.documents.printing import DocumentKind, register_document
from hdnd_portal.documents.recipients import city_bodies
from hdnd_portal.documents.sections import (
    QUARTERLY_RECEPTION,
    QUARTERLY_SUPERVISION,
    QUARTERLY_VOTERS,
    Section,
    report_part,
)
from hdnd_portal.documents.text import Heading, Signature, long_date
from meetings.models import QuarterlyReport
from meetings.preparation.policies import QUARTERLY_REPORT
from meetings.preparation.selectors import quarter_activity

QUARTERLY_REPORT_KIND = "meetings.quarterly_report"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MEETING_COLUMNS = [("STT", 12), ("Ngày", 24), ("Phiên họp", 50), ("Nội dung", 79)]


def next_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def report_title(report: QuarterlyReport) -> str:
    ny, nq = next_quarter(report.year, report.quarter)
    council = report.council
    return (
        f"Kết quả hoạt động quý {ROMAN[report.quarter]} năm {report.year} và phương hướng, "
        f"nhiệm vụ quý {ROMAN[nq]} năm {ny} của Thường trực HĐND {council.commune_kind} "
        f"{council.commune}"
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _or_blank(text: str) -> list[str]:
    return _lines(text) or ["(Chưa có nội dung.)"]


def report_sections(
    report: QuarterlyReport, activity: dict, *, extra: list[Section] | None = None
) -> list[Section]:
    sessions = activity["sessions"]
    joint = activity["joint_meetings"]
    meetings = activity["standing_meetings"]
    if sessions:
        held = "; ".join(
            f"{s.name}{f' ({s.title})' if s.title else ''}, khai mạc {long_date(s.start_date)}"
            for s in sessions
        )
        session_text = [f"Trong quý, HĐND tổ chức {len(sessions)} kỳ họp: {held}."]
    else:
        session_text = ["Trong quý, HĐND không tổ chức kỳ họp."]
    if joint:
        session_text.append(
            f"Thường trực HĐND chủ trì {len(joint)} cuộc họp liên tịch với UBND, Ủy ban MTTQ "
            "Việt Nam để thống nhất nội dung, chương trình và công tác chuẩn bị kỳ họp ("
            + "; ".join(f"{long_date(m.held_on)} chuẩn bị {m.session}" for m in joint)
            + ")."
        )
    meeting_text = [
        f"Thường trực HĐND tổ chức {activity['regular_count']} phiên họp thường kỳ, "
        f"{activity['briefing_count']} cuộc giao ban chuyên đề với các Ban của HĐND và "
        f"{activity['party_report_count']} lần báo cáo với Thường trực Đảng ủy."
    ]
    table = [
        [str(i), f"{m.held_on:%d/%m/%Y}", m.get_kind_display(), m.topic]
        for i, m in enumerate(meetings, start=1)
    ]
    ny, nq = next_quarter(report.year, report.quarter)
    return [
        Section(
            "I. KẾT QUẢ HOẠT ĐỘNG",
            subsections=[
                Section("1. Công tác chuẩn bị và tổ chức kỳ họp", session_text),
                *(extra or []),
                Section(
                    f"{2 + len(extra or [])}. Phiên họp Thường trực, giao ban với các Ban, "
                    "Tổ đại biểu HĐND",
                    meeting_text,
                    table=table,
                ),
                Section(f"{3 + len(extra or [])}. Hoạt động khác", _or_blank(report.other_results)),
            ],
        ),
        Section(
            "II. ĐÁNH GIÁ CHUNG",
            subsections=[
                Section("1. Ưu điểm", _or_blank(report.strengths)),
                Section("2. Hạn chế", _or_blank(report.shortcomings)),
                Section("3. Nguyên nhân", _or_blank(report.causes)),
            ],
        ),
        Section(
            f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ {ROMAN[nq]} NĂM {ny}", _or_blank(report.next_quarter)
        ),
        Section("IV. KIẾN NGHỊ, ĐỀ XUẤT", _or_blank(report.recommendations)),
    ]


def _chair_name(report: QuarterlyReport, on: dt.date) -> str:
    term = report.council.current_term(on)
    chair = standing_chair(term=term, on=on) if term else None
    return chair.full_name if chair else ""


def report_context(*, obj: QuarterlyReport, access, document, on: dt.date) -> dict:
    activity = quarter_activity(council=obj.council, year=obj.year, quarter=obj.quarter)
    council = obj.council
    ny, nq = next_quarter(obj.year, obj.quarter)
    start, end = activity["start"], activity["end"]
    # Supervision, voter contact and citizen reception: counted by their own apps
    # (hdnd_portal.documents.sections), with the selectors the KPI dashboard reads.
    parts = (QUARTERLY_SUPERVISION, QUARTERLY_VOTERS, QUARTERLY_RECEPTION)
    extra = [
        section
        for key in parts
        if (section := report_part(key, council=council, start=start, end=end, access=access))
        is not None
    ]
    return {
        "report": obj,
        "activity": activity,
        "sections": report_sections(obj, activity, extra=extra),
        "meeting_columns": MEETING_COLUMNS,
        "grid_widths": sorted({w for part in extra if part.grid for _h, w in part.grid.columns}),
        "heading": Heading(
            "Báo cáo",
            (
                f"Kết quả hoạt động quý {ROMAN[obj.quarter]} năm {obj.year} của Thường trực HĐND",
                f"và phương hướng, nhiệm vụ quý {ROMAN[nq]} năm {ny}",
            ),
        ),
        "signature": Signature("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", _chair_name(obj, on)),
        "recipients": [
            f"Thường trực Đảng ủy {council.commune_kind} (để báo cáo);",
            *city_bodies(council),
            f"UBND, Ủy ban MTTQ Việt Nam {council.commune_kind};",
            f"Các Ban HĐND, đại biểu HĐND {council.commune_kind};",
            "Lưu: VT.",
        ],
    }


def register_documents() -> None:
    register_document(
        DocumentKind(
            code=QUARTERLY_REPORT_KIND,
            model=QuarterlyReport,
            type_code=DocumentType.BC,
            template="meetings/prep_quarterly_report.html",
            build_context=report_context,
            title=report_title,
            signer=lambda report, on: _chair_name(report, on),
            print_policy=(QUARTERLY_REPORT, "export"),
            issuer_body="THƯỜNG TRỰC",
            filename=lambda r: f"bao-cao-hoat-dong-quy-{r.quarter}-{r.year}",
            select_related=("council",),
            sends_upward=True,
            not_before=lambda r: dt.date(r.year, 3 * r.quarter, 1),  # the quarter's last month
        )
    )

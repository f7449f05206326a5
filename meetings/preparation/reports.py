"""The Standing Committee's quarterly activity report (DOCUMENTS.md §8), "…/BC-HĐND".

"BÁO CÁO / Kết quả hoạt động quý … và phương hướng, nhiệm vụ quý …", signed "TM. THƯỜNG TRỰC
HĐND / CHỦ TỊCH". The body is built once (:func:`report_sections`) and written by the PDF
template and the Word twin alike: I. results (the quarter's sessions and joint meetings, the
Standing Committee's meetings and briefings with the Bans, other work), II. assessment,
III. next quarter, IV. recommendations. Supervision, voter contact and citizen reception are
counted by their own apps' selectors — the functions the KPI dashboard reads
(``supervision.counts``, ``voters.counts``, ``petitions.counts``) — never recounted here.
"""

import datetime as dt
from dataclasses import dataclass, field

from councils.reports import standing_chair
from hdnd_portal.documents.models import DocumentType
from hdnd_portal.documents.printing import DocumentKind, register_document
from hdnd_portal.documents.text import Heading, Signature, long_date
from meetings.models import QuarterlyReport
from meetings.preparation.policies import QUARTERLY_REPORT
from meetings.preparation.selectors import quarter_activity

QUARTERLY_REPORT_KIND = "meetings.quarterly_report"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MEETING_COLUMNS = [("STT", 12), ("Ngày", 24), ("Phiên họp", 50), ("Nội dung", 79)]
SUPERVISION_COLUMNS = [
    ("STT", 12),
    ("Nội dung", 63),
    ("Đơn vị", 40),
    ("Thời gian", 24),
    ("Kết quả", 26),
]
LETTER_COLUMNS = [
    ("Lượt tiếp công dân", 33),
    ("Đơn nhận được", 33),
    ("Đơn thuộc diện xử lý", 33),
    ("Đã chuyển, hướng dẫn", 33),
    ("Đã có kết quả", 33),
]


@dataclass
class Grid:
    """A table of its own columns (widths in mm), its last rows kept with what follows."""

    columns: list[tuple[str, int]]
    rows: list[list[str]]


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    subsections: list["Section"] = field(default_factory=list)
    table: list[list[str]] | None = None
    grid: Grid | None = None


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


def supervision_section(*, council, start: dt.date, end: dt.date, access) -> Section:
    """2. Supervision and surveys of the quarter: the dashboard's counts by body
    (``supervision.counts.counts_by_body``) and the activities held."""
    from supervision.counts import counts_by_body
    from supervision.models import ActivityKind, Body
    from supervision.selectors import activity_list

    after = end + dt.timedelta(days=1)
    grouped = counts_by_body(council=council, start=start, end=after)
    by_body: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for (body, _committee), kinds in grouped.items():
        for kind, n in kinds.items():
            by_body[body] = by_body.get(body, 0) + n
            by_kind[kind] = by_kind.get(kind, 0) + n
    total = sum(by_body.values())
    if not total:
        return Section(
            "2. Hoạt động giám sát, khảo sát",
            [
                "Trong quý, HĐND, Thường trực và các Ban của HĐND không tiến hành cuộc giám sát, "
                "khảo sát nào."
            ],
        )
    kinds = "; ".join(
        f"{label.lower()}: {by_kind[value]}"
        for value, label in ActivityKind.choices
        if by_kind.get(value)
    )
    bodies = "; ".join(
        f"{label}: {by_body[value]}" for value, label in Body.choices if by_body.get(value)
    )
    activities = list(
        activity_list(access=access)
        .filter(council=council)
        .held_between(start, after)
        .order_by("start_date", "id")
    )
    rows = [
        [
            str(i),
            f"{a.get_kind_display()} {a.topic[:1].lower()}{a.topic[1:]} ({a.body_label})",
            "; ".join(
                [ag.name for ag in a.agencies.all()] + ([a.other_bodies] if a.other_bodies else [])
            ),
            f"{a.start_date:%d/%m/%Y}",
            a.get_state_display(),
        ]
        for i, a in enumerate(activities, start=1)
    ]
    return Section(
        "2. Hoạt động giám sát, khảo sát",
        [
            f"Trong quý đã tiến hành {total} cuộc giám sát, khảo sát, chất vấn, giải trình "
            f"({kinds}); theo chủ thể: {bodies}."
        ],
        grid=Grid(SUPERVISION_COLUMNS, rows),
    )


def voters_section(*, council, start: dt.date, end: dt.date, access) -> Section:
    """3. Voter contact: the quarter's voter meetings and the dashboard's target 1.5.b count
    (``voters.counts.petitions_forwarded``)."""
    from voters.counts import petitions_forwarded
    from voters.selectors import meeting_list

    meetings = list(
        meeting_list(access=access)
        .filter(council=council, held_on__range=(start, end))
        .values_list("voter_count", "speaker_count")
    )
    forwarded = petitions_forwarded(council=council, start=start, end=end)
    paragraphs = [
        f"Các Tổ đại biểu và Thường trực HĐND tổ chức {len(meetings)} cuộc tiếp xúc cử tri "
        f"với {sum(v for v, _s in meetings)} lượt cử tri tham dự, "
        f"{sum(s for _v, s in meetings)} lượt cử tri phát biểu ý kiến."
        if meetings
        else "Trong quý không tổ chức cuộc tiếp xúc cử tri nào.",
        f"Tổng hợp {forwarded['total']} ý kiến, kiến nghị của cử tri; đã chuyển "
        f"{forwarded['forwarded']} kiến nghị đến cơ quan có thẩm quyền trả lời, giải quyết "
        f"(đạt {_percent(forwarded['percent'])}).",
    ]
    return Section("3. Công tác tiếp xúc cử tri", paragraphs)


def _percent(value: float) -> str:
    return f"{value:.1f}%".replace(".", ",")


def reception_section(*, council, start: dt.date, end: dt.date) -> Section:
    """4. Citizen reception and letters: ``petitions.counts.letter_counts`` (the dashboard's
    target 1.5.c numerator and denominator) and delegates' receptions (target 1.5.a)."""
    from petitions.counts import delegates_meeting, letter_counts

    letters = letter_counts(council_id=council.pk, start=start, end=end)
    meeting, in_office = delegates_meeting(council_id=council.pk, start=start, end=end)
    handled = letters.eligible_handled
    return Section(
        "4. Công tác tiếp công dân, tiếp nhận và xử lý đơn thư",
        [
            f"Trong quý tổ chức {letters.receptions} lượt tiếp công dân với "
            f"{letters.reception_people} người; {meeting}/{in_office} đại biểu thực hiện đủ "
            "số buổi tiếp công dân theo quy định.",
            f"Tiếp nhận {letters.total} đơn, trong đó {letters.eligible} đơn thuộc diện xử lý; "
            f"đã chuyển, hướng dẫn {handled} đơn (đạt "
            f"{_percent(letters.forwarded_rate if letters.eligible else 100.0)}); "
            f"{letters.resolved} đơn đã có kết quả giải quyết.",
        ],
        grid=Grid(
            LETTER_COLUMNS,
            [
                [
                    str(letters.receptions),
                    str(letters.total),
                    str(letters.eligible),
                    str(handled),
                    str(letters.resolved),
                ]
            ],
        ),
    )


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
    extra = [
        supervision_section(council=council, start=start, end=end, access=access),
        voters_section(council=council, start=start, end=end, access=access),
        reception_section(council=council, start=start, end=end),
    ]
    return {
        "report": obj,
        "activity": activity,
        "sections": report_sections(obj, activity, extra=extra),
        "meeting_columns": MEETING_COLUMNS,
        "grid_widths": sorted({w for _h, w in SUPERVISION_COLUMNS + LETTER_COLUMNS}),
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
            "Thường trực HĐND thành phố;",
            "UBND thành phố;",
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

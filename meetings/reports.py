"""Printed documents of sessions (DOCUMENTS.md §1, 2, 6): the session programme, the session
results report, a resolution and a Ban's examination report — each also as a Word twin.

Each kind's ``build_context`` assembles the body as a list of blocks (a centred bold line, a
paragraph, a table), which the PDF template (``meetings/print_*.html`` through
``meetings/_print_blocks.html``) and the Word twin (:func:`blocks_docx_body`) both lay out, so
the two copies carry the same words.
"""

import datetime as dt
from dataclasses import dataclass, field

from councils.reports import standing_chair
from hdnd_portal.documents.models import DocumentType
from hdnd_portal.documents.printing import DocumentKind, register_document
from hdnd_portal.documents.text import Heading, Letterhead, Signature, place_date_line
from hdnd_portal.documents.wordfile import CENTER, DocxWriter
from meetings.models import (
    AgendaItem,
    Attendance,
    Examination,
    Question,
    Resolution,
    Session,
    SessionDocument,
    ordinal_words,
)
from meetings.policies import EXAMINATION, RESOLUTION, SESSION

PROGRAMME_KIND = "meetings.session_programme"
RESULTS_KIND = "meetings.session_report"
RESOLUTION_KIND = "meetings.resolution"
EXAMINATION_KIND = "meetings.examination_report"
STANDING_BODY = "THƯỜNG TRỰC"


@dataclass
class Block:
    kind: str  # "title" (centred, bold), "p", "bold", "table"
    text: str = ""
    headers: list[str] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _p(text: str) -> Block:
    return Block("p", text)


def _bold(text: str) -> Block:
    return Block("bold", text)


def _title(text: str) -> Block:
    return Block("title", text)


def _table(headers, widths, rows) -> Block:
    return Block("table", headers=list(headers), widths=list(widths), rows=rows)


def _session_line(session: Session) -> str:
    council = session.council
    return (
        f"Kỳ họp thứ {ordinal_words(session.number)} Hội đồng nhân dân {council.commune_kind} "
        f"{council.commune} khóa {session.term.roman_number}, nhiệm kỳ {session.term.name}"
    )


def _chair_signature(session: Session, on: dt.date, signing_for: str) -> Signature:
    chair = standing_chair(term=session.term, on=on)
    return Signature(signing_for, "CHỦ TỊCH", chair.full_name if chair else "")


def _chair_name(session: Session, on: dt.date) -> str:
    chair = standing_chair(term=session.term, on=on)
    return chair.full_name if chair else ""


def _recipients(council) -> list[str]:
    kind = council.commune_kind
    return [
        f"Thường trực Đảng ủy {kind};",
        f"UBND, Ủy ban MTTQ Việt Nam {kind};",
        f"Các đại biểu HĐND {kind};",
        "Lưu: VT.",
    ]


# -- the session programme ------------------------------------------------------------------
PROGRAMME_COLUMNS = [
    ("Thời gian", 25),
    ("Nội dung", 80),
    ("Cơ quan/Người trình bày", 42),
    ("Ghi chú", 18),
]


def programme_context(*, obj: Session, access, document, on) -> dict:
    session = obj
    items = AgendaItem.objects.filter(session=session).select_related("presenter")
    rows = [
        [i.time_label, f"{i.number}. {i.title}", i.presenter_label, i.note]
        for i in items.order_by("number", "id")
    ]
    blocks = [
        _p(
            f"Thời gian: khai mạc ngày {session.start_date:%d/%m/%Y}"
            + (f", bế mạc ngày {session.end_date:%d/%m/%Y}" if session.end_date else "")
            + (f". Địa điểm: {session.place}." if session.place else ".")
        ),
        _table([h for h, _w in PROGRAMME_COLUMNS], [w for _h, w in PROGRAMME_COLUMNS], rows),
    ]
    if not rows:
        blocks.append(_p("Chưa có nội dung chương trình."))
    return {
        "session": session,
        "blocks": blocks,
        "heading": Heading("Chương trình", (_session_line(session),)),
        "signature": _chair_signature(session, on, "TM. THƯỜNG TRỰC HĐND"),
        "recipients": _recipients(session.council),
    }


# -- the session results report -------------------------------------------------------------
RESULTS_COLUMNS = [("STT", 12), ("Số, ký hiệu NQ", 33), ("Trích yếu", 80), ("Tỷ lệ tán thành", 40)]


def _share(resolution: Resolution) -> str:
    s = resolution.vote_snapshot or {}
    total = len(s.get("entitled", []))
    if not total:
        return "Chưa biểu quyết"
    yes = s.get("for", 0)
    return f"{yes}/{total} ({yes * 100 / total:.1f}%)".replace(".", ",")


def results_context(*, obj: Session, access, document, on) -> dict:
    session = obj
    from meetings.selectors import delegates_in_office

    in_office = delegates_in_office(session)
    total = in_office.count()
    attendance = Attendance.objects.filter(session=session, delegate__in=in_office)
    present = attendance.filter(status__in=Attendance.PRESENT_STATUSES).count()
    leave = attendance.filter(status=Attendance.Status.ABSENT_LEAVE).count()
    absent = attendance.filter(status=Attendance.Status.ABSENT).count()
    documents = SessionDocument.objects.filter(session=session)
    questions = Question.objects.filter(session=session).count()
    resolutions = list(
        Resolution.objects.filter(session=session).select_related("document").order_by("id")
    )
    passed = [r for r in resolutions if r.passed]
    rows = [
        [str(n), r.document.symbol if r.document_id else "", r.title, _share(r)]
        for n, r in enumerate(resolutions, start=1)
    ]
    sent = [d.sent_on for d in documents if d.sent_on]
    blocks = [
        _bold("I. CÔNG TÁC CHUẨN BỊ"),
        _p(
            f"Thường trực HĐND đã chuẩn bị {documents.count()} tài liệu trình kỳ họp"
            + (f", gửi đại biểu chậm nhất ngày {max(sent):%d/%m/%Y}." if sent else ".")
        ),
        _bold("II. KẾT QUẢ KỲ HỌP"),
        _p(
            f"Kỳ họp khai mạc ngày {session.start_date:%d/%m/%Y}"
            + (f" và bế mạc ngày {session.end_date:%d/%m/%Y}" if session.end_date else "")
            + (f" tại {session.place}" if session.place else "")
            + "."
        ),
        _p(
            f"Đại biểu có mặt: {present}/{total}; vắng có phép: {leave}; vắng không phép: {absent}."
        ),
        _p(
            f"Kỳ họp đã xem xét {documents.count()} tài liệu, có {questions} lượt chất vấn; "
            f"biểu quyết {len(resolutions)} dự thảo nghị quyết, thông qua {len(passed)} nghị quyết."
        ),
        _table([h for h, _w in RESULTS_COLUMNS], [w for _h, w in RESULTS_COLUMNS], rows),
        _bold("III. ĐÁNH GIÁ"),
        _p(
            "Kỳ họp diễn ra đúng chương trình, bảo đảm các quy định về túc số và biểu quyết."
            if present and total
            else "Kỳ họp chưa có số liệu điểm danh."
        ),
        _bold("IV. KIẾN NGHỊ"),
        _p("Đề nghị UBND xã tổ chức triển khai thực hiện các nghị quyết đã được thông qua."),
    ]
    return {
        "session": session,
        "blocks": blocks,
        "heading": Heading("Báo cáo", (f"Kết quả kỳ họp thứ {ordinal_words(session.number)}",)),
        "signature": _chair_signature(session, on, "TM. THƯỜNG TRỰC HĐND"),
        "recipients": _recipients(session.council),
    }


# -- a resolution -----------------------------------------------------------------------------
def resolution_context(*, obj: Resolution, access, document, on) -> dict:
    resolution = obj
    session = resolution.session
    council = resolution.council
    term = session.term
    line2 = f"KHÓA {term.roman_number}, KỲ HỌP THỨ {session.number}"
    if session.kind == Session.Kind.THEMATIC:
        line2 += " (KỲ HỌP CHUYÊN ĐỀ)"
    elif session.kind == Session.Kind.EXTRA:
        line2 += " (KỲ HỌP BẤT THƯỜNG)"
    considered = []
    if resolution.draft_id:
        draft = resolution.draft
        considered.append(
            f"Xét {draft.title}" + (f" số {draft.reference}" if draft.reference else "")
        )
        for exam in Examination.objects.filter(document=draft).select_related("committee"):
            considered.append(f"Báo cáo thẩm tra của {exam.committee.name}")
    considered.append(
        f"ý kiến thảo luận của đại biểu Hội đồng nhân dân {council.commune_kind} tại kỳ họp"
    )
    voted_on = resolution.voted_on or session.end_date or session.start_date
    effective = resolution.effective_on or (document.issued_on if document else None)
    effect = (
        f"và có hiệu lực từ ngày {effective:%d/%m/%Y}" if effective else "và có hiệu lực từ ngày ký"
    )
    blocks = [
        _title(f"HỘI ĐỒNG NHÂN DÂN {council.issuer_line}"),
        _title(line2),
        _p("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
        _p("; ".join(considered) + "."),
        _title("QUYẾT NGHỊ:"),
        _p(f"Điều 1. {resolution.body or resolution.title}"),
        _p(
            "Điều 2. Giao Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết này. Thường trực HĐND, "
            "các Ban của HĐND, các Tổ đại biểu và đại biểu HĐND giám sát việc thực hiện."
        ),
        _p(
            f"Điều 3. Nghị quyết này đã được Hội đồng nhân dân {council.commune_kind} "
            f"{council.commune} khóa {term.roman_number}, kỳ họp thứ "
            f"{ordinal_words(session.number)} thông qua "
            f"{place_date_line('', voted_on).lstrip(', ')} {effect}."
        ),
    ]
    return {
        "resolution": resolution,
        "blocks": blocks,
        "heading": Heading("Nghị quyết", (resolution.title,)),
        "signature": _chair_signature(session, on, ""),
        "recipients": [
            f"Thường trực Đảng ủy {council.commune_kind};",
            f"UBND, Ủy ban MTTQ Việt Nam {council.commune_kind};",
            f"Các đại biểu HĐND {council.commune_kind};",
            "Cổng thông tin điện tử xã;",
            "Lưu: VT.",
        ],
    }


# -- a Ban's examination report --------------------------------------------------------------
def examination_context(*, obj: Examination, access, document, on) -> dict:
    exam = obj
    draft = exam.document
    session = draft.session
    council = exam.council
    ban = exam.committee
    blocks = [
        _title(
            f"Kính gửi: Hội đồng nhân dân {council.commune_kind} {council.commune}, kỳ họp thứ "
            f"{ordinal_words(session.number)}"
        ),
        _bold("I. QUÁ TRÌNH THẨM TRA"),
        _p(
            f"Ngày {exam.examined_on:%d/%m/%Y}, {ban.name} đã họp thẩm tra {draft.title}"
            + (f" ({draft.reference})" if draft.reference else "")
            + "."
        ),
        _bold("II. NỘI DUNG THẨM TRA"),
        *[_p(line) for line in exam.content.splitlines() if line.strip()],
        _bold("III. KẾT LUẬN VÀ KIẾN NGHỊ"),
        _p(f"{ban.name}: {exam.get_recommendation_display().lower()}."),
    ]
    return {
        "examination": exam,
        "blocks": blocks,
        # The Ban issues it: its name is the issuing body's line (DOCUMENTS.md §6).
        "letterhead": Letterhead.build(
            council=council,
            type_code=DocumentType.BC,
            body=ban.name.upper(),
            document=document,
            draft_year=on.year,
        ),
        "heading": Heading("Báo cáo", (f"Thẩm tra {draft.title}",)),
        "signature": Signature(f"TM. {ban.name.upper()}", "TRƯỞNG BAN", ""),
        "recipients": [
            f"Thường trực HĐND {council.commune_kind};",
            f"Các đại biểu HĐND {council.commune_kind};",
            "Lưu: VT.",
        ],
    }


def blocks_docx_body(writer: DocxWriter, context: dict) -> None:
    """The same blocks in the Word twin."""
    for block in context["blocks"]:
        if block.kind == "title":
            writer.paragraph(block.text, bold=True, align=CENTER, space_after=6)
        elif block.kind == "bold":
            writer.paragraph(block.text, bold=True, space_after=3)
        elif block.kind == "p":
            writer.paragraph(block.text, space_after=3)
        elif block.kind == "table":
            table = writer.table(block.widths)
            writer.row(
                table, block.headers, bold=True, aligns=[CENTER] * len(block.headers), header=True
            )
            for row in block.rows:
                writer.row(table, row)


def resolution_document_issue(*, obj: Resolution, user_id, on: dt.date, signer: str):
    """ "Cấp số và in" of a resolution goes through ``services.resolution_issue``: the
    resolution keeps its number (``Resolution.document``), only once passed, not before its vote."""
    from django.contrib.auth import get_user_model

    from meetings.services import resolution_issue

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return resolution_issue(resolution=obj, issued_by=user, on=on, signer=signer).document


def register_documents() -> None:
    """Called from MeetingsConfig.ready()."""
    common = {"docx_body": blocks_docx_body}
    register_document(
        DocumentKind(
            code=PROGRAMME_KIND,
            model=Session,
            type_code=DocumentType.CTR,
            template="meetings/print_programme.html",
            build_context=programme_context,
            title=lambda s: f"Chương trình {s.name}",
            signer=lambda s, on: _chair_name(s, on),
            print_policy=(SESSION, "export"),
            issuer_body=STANDING_BODY,
            filename=lambda s: f"chuong-trinh-ky-hop-{s.number}",
            select_related=("council", "term"),
            **common,
        )
    )
    register_document(
        DocumentKind(
            code=RESULTS_KIND,
            model=Session,
            type_code=DocumentType.BC,
            template="meetings/print_results.html",
            build_context=results_context,
            title=lambda s: f"Báo cáo kết quả {s.name}",
            signer=lambda s, on: _chair_name(s, on),
            print_policy=(SESSION, "export"),
            issuer_body=STANDING_BODY,
            filename=lambda s: f"bao-cao-ket-qua-ky-hop-{s.number}",
            select_related=("council", "term"),
            **common,
            not_before=lambda s: s.end_date or s.start_date,
            default_on=lambda s: s.end_date or s.start_date,
        )
    )
    register_document(
        DocumentKind(
            code=RESOLUTION_KIND,
            model=Resolution,
            type_code=DocumentType.NQ,
            template="meetings/print_resolution.html",
            build_context=resolution_context,
            title=lambda r: r.title,
            signer=lambda r, on: _chair_name(r.session, on),
            print_policy=(RESOLUTION, "export"),
            # "Cấp số và in" issues through services.resolution_issue (``issue=`` below): one
            # resolution, one number, kept on the resolution.
            issue_policy=(RESOLUTION, "issue"),
            filename=lambda r: f"nghi-quyet-{r.pk}",
            select_related=("council", "session__term", "draft", "document"),
            **common,
            not_before=lambda r: r.voted_on,
            default_on=lambda r: r.voted_on,
            issue=resolution_document_issue,
            issuable=lambda r: bool(r.passed) and not r.document_id,
        )
    )
    register_document(
        DocumentKind(
            code=EXAMINATION_KIND,
            model=Examination,
            type_code=DocumentType.BC,
            template="meetings/print_examination.html",
            build_context=examination_context,
            title=lambda e: f"Báo cáo thẩm tra {e.document.title}",
            signer=lambda e, on: "",
            print_policy=(EXAMINATION, "export"),
            filename=lambda e: f"bao-cao-tham-tra-{e.pk}",
            select_related=("council", "committee", "document__session__term"),
            **common,
            not_before=lambda e: e.examined_on,
            default_on=lambda e: e.examined_on,
        )
    )

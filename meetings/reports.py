"""Printed documents of sessions (DOCUMENTS.md §1, 2, 6): the session programme, the session
results report, a resolution and a Ban's examination report — each also as a Word twin.

Each kind's ``build_context`` assembles the body as a list of blocks (a centred bold line, a
paragraph, a table), which the PDF template (``meetings/print_*.html`` through
``meetings/_print_blocks.html``) lays out; the Word twin is that HTML converted
(``documents.htmldocx``), so the two copies carry the same words.
"""

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from django.contrib.contenttypes.models import ContentType

from councils.models import Committee, Membership
from councils.reports import standing_chair
from hdnd_portal.documents.models import DocumentRegister, DocumentType
from hdnd_portal.documents.printing import DocumentKind, register_document
from hdnd_portal.documents.recipients import city_bodies
from hdnd_portal.documents.sections import SESSION_PETITIONS, report_part
from hdnd_portal.documents.text import (
    DEFAULT_ISSUER_CODE,
    GAP,
    Heading,
    Letterhead,
    Signature,
    long_date,
)
from hdnd_portal.followups.laws import LAWS
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
LOCAL_GOVERNMENT_LAW = "Luật Tổ chức chính quyền địa phương"
LEGAL_DOCUMENTS_LAW = "Luật Ban hành văn bản quy phạm pháp luật"


@dataclass
class Block:
    kind: str  # "title" (centred, bold), "p", "bold", "table"
    text: str = ""
    headers: list[str] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    # A paragraph's look: "basis" (a "Căn cứ …" or "Xét …" line, italic), "article" (its
    # ``lead``, "Điều 1.", in bold), "center". ``text`` always holds every word.
    css: str = ""
    lead: str = ""

    @property
    def rest(self) -> str:
        """``text`` after its bold ``lead``."""
        return self.text[len(self.lead) :] if self.lead else self.text


def _p(text: str) -> Block:
    return Block("p", text)


def _basis(text: str) -> Block:
    return Block("p", text, css="basis")


def _article(number: int, text: str) -> Block:
    lead = f"Điều {number}."
    return Block("p", f"{lead} {text}", css="article", lead=lead)


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


def _session_days(session: Session) -> str:
    """ "ngày 20 tháng 12 năm 2026" or "từ ngày 20 … đến ngày 21 tháng 12 năm 2026"."""
    if session.end_date and session.end_date != session.start_date:
        return f"từ {long_date(session.start_date)} đến {long_date(session.end_date)}"
    return long_date(session.start_date)


def city_recipients(council) -> list[str]:
    """The city's bodies a commune HĐND reports to (``documents.recipients.city_bodies``)."""
    return city_bodies(council)


def _recipients(council) -> list[str]:
    """ "Nơi nhận" of the Standing Committee's session documents: never the issuer itself."""
    kind = council.commune_kind
    return [
        *city_recipients(council),
        f"Thường trực Đảng ủy {kind};",
        f"UBND, Ủy ban MTTQ Việt Nam {kind};",
        f"Các Ban HĐND {kind};",
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
    council = session.council
    kind = council.commune_kind
    items = AgendaItem.objects.filter(session=session).select_related("presenter")
    rows = [
        [i.time_label, f"{i.number}. {i.title}", i.presenter_label, i.note]
        for i in items.order_by("number", "id")
    ]
    blocks = [
        _bold("I. THỜI GIAN, ĐỊA ĐIỂM"),
        _p(f"1. Thời gian: {_session_days(session)}."),
        _p(f"2. Địa điểm: {session.place or GAP}."),
        _bold("II. THÀNH PHẦN"),
        _p(
            f"1. Đại biểu Hội đồng nhân dân {kind} khóa {session.term.roman_number}, "
            f"nhiệm kỳ {session.term.name}."
        ),
        _p(
            f"2. Đại biểu mời: Thường trực Đảng ủy {kind}; Ủy ban nhân dân {kind}; Ủy ban Mặt "
            f"trận Tổ quốc Việt Nam {kind}; đại diện các cơ quan, đơn vị có liên quan và cử tri."
        ),
        _bold("III. NỘI DUNG"),
        _table([h for h, _w in PROGRAMME_COLUMNS], [w for _h, w in PROGRAMME_COLUMNS], rows),
    ]
    if not rows:
        blocks.append(_p("Chưa có nội dung chương trình."))
    return {
        "session": session,
        "blocks": blocks,
        "heading": Heading("Chương trình", (_session_line(session),)),
        "signature": _chair_signature(session, on, "TM. THƯỜNG TRỰC HĐND"),
        "recipients": _recipients(council),
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
    council = session.council
    kind = council.commune_kind
    from meetings.selectors import delegates_in_office

    in_office = delegates_in_office(session)
    total = in_office.count()
    attendance = Attendance.objects.filter(session=session, delegate__in=in_office)
    present = attendance.filter(status__in=Attendance.PRESENT_STATUSES).count()
    leave = attendance.filter(status=Attendance.Status.ABSENT_LEAVE).count()
    absent = attendance.filter(status=Attendance.Status.ABSENT).count()
    documents = SessionDocument.objects.filter(session=session)
    questions = list(Question.objects.filter(session=session))
    askers = len({q.asker_id for q in questions if q.asker_id})
    answered_questions = sum(1 for q in questions if q.answer.strip())
    resolutions = list(
        Resolution.objects.filter(session=session).select_related("document").order_by("id")
    )
    passed = [r for r in resolutions if r.passed]
    rows = [
        [str(n), r.document.symbol if r.document_id else GAP, r.title, _share(r)]
        for n, r in enumerate(resolutions, start=1)
    ]
    sent = [d.sent_on for d in documents if d.sent_on]
    petitions, petitions_answered = report_part(
        SESSION_PETITIONS, session=session, access=access
    ) or (0, 0)
    share = f" ({present * 100 / total:.1f}%)".replace(".", ",") if total else ""
    blocks = [
        _bold("I. CÔNG TÁC CHUẨN BỊ KỲ HỌP"),
        _p(
            f"Thường trực HĐND {kind} đã phối hợp với UBND, Ủy ban MTTQ Việt Nam {kind} chuẩn bị "
            f"{documents.count()} tài liệu trình kỳ họp"
            + (f", gửi đại biểu chậm nhất {long_date(max(sent))}." if sent else ".")
        ),
        _bold("II. KẾT QUẢ KỲ HỌP"),
        _p(
            f"1. Thời gian, địa điểm: kỳ họp diễn ra {_session_days(session)}"
            + (f" tại {session.place}" if session.place else "")
            + "."
        ),
        _p(
            f"2. Đại biểu tham dự: có mặt {present}/{total} đại biểu{share}; vắng có lý do: "
            f"{leave}; vắng không có lý do: {absent}."
        ),
        _p(
            f"3. Kỳ họp đã xem xét {documents.count()} tờ trình, báo cáo, dự thảo nghị quyết; "
            f"biểu quyết {len(resolutions)} dự thảo nghị quyết, thông qua {len(passed)} "
            "nghị quyết (chi tiết tại bảng dưới đây)."
        ),
        _table([h for h, _w in RESULTS_COLUMNS], [w for _h, w in RESULTS_COLUMNS], rows),
        _p(
            f"4. Ý kiến, kiến nghị của cử tri: {petitions} kiến nghị được tổng hợp trình kỳ họp, "
            f"{petitions_answered} kiến nghị đã được cơ quan có thẩm quyền trả lời."
        ),
        _p(
            f"5. Hoạt động chất vấn: {len(questions)} lượt chất vấn của {askers} đại biểu, "
            f"{answered_questions} lượt đã được trả lời tại kỳ họp."
        ),
        _bold("III. ĐÁNH GIÁ"),
        _p(
            "Kỳ họp diễn ra đúng chương trình, bảo đảm các quy định về túc số và biểu quyết; "
            "các nghị quyết được thông qua với sự tán thành của hơn một nửa tổng số đại biểu."
            if present and total
            else f"Kỳ họp chưa có số liệu điểm danh: {GAP}"
        ),
        _bold("IV. KIẾN NGHỊ, NHIỆM VỤ TIẾP THEO"),
        _p(
            f"1. Đề nghị UBND {kind} tổ chức triển khai thực hiện các nghị quyết đã được thông "
            "qua; giải quyết, trả lời các kiến nghị của cử tri và thực hiện các nội dung đã hứa "
            "tại phiên chất vấn."
        ),
        _p(
            f"2. Thường trực, các Ban, các Tổ đại biểu và đại biểu HĐND {kind} giám sát việc "
            "thực hiện các nghị quyết; báo cáo kết quả tại kỳ họp tiếp theo."
        ),
    ]
    return {
        "session": session,
        "blocks": blocks,
        "heading": Heading("Báo cáo", (f"Kết quả kỳ họp thứ {ordinal_words(session.number)}",)),
        "signature": _chair_signature(session, on, "TM. THƯỜNG TRỰC HĐND"),
        "recipients": _recipients(council),
    }


# -- a resolution -----------------------------------------------------------------------------
def laws_in_force(title: str, on: dt.date) -> list:
    """The laws called ``title`` (and the laws amending them) in force on ``on``, oldest
    first, from the project's table (``followups.laws``)."""
    found = [
        law
        for law in LAWS.values()
        if (law.title == title or law.title.endswith(f"của {title}")) and law.in_force(on)
    ]
    return sorted(found, key=lambda law: law.valid_from)


def _cited(law) -> str:
    """ "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025" (Decree 30 practice:
    a law by its name and the day it was passed; its number when the day is not known)."""
    if law.adopted_on:
        return f"{law.title} {long_date(law.adopted_on)}"
    return f"{law.title} số {law.number}"


def resolution_basis(resolution: Resolution, on: dt.date) -> list[str]:
    """The "Căn cứ …" lines: the local government law in force, and for a normative resolution
    the law on legal documents (with its amendment) — DOCUMENTS.md §1."""
    lines = []
    local = laws_in_force(LOCAL_GOVERNMENT_LAW, on)
    lines.append(
        "Căn cứ " + "; ".join(_cited(law) for law in local) + ";"
        if local
        else f"Căn cứ {LOCAL_GOVERNMENT_LAW} {long_date(None)};"
    )
    if resolution.kind == Resolution.Kind.NORMATIVE:
        legal = laws_in_force(LEGAL_DOCUMENTS_LAW, on)
        lines.append(
            "Căn cứ " + "; ".join(_cited(law) for law in legal) + ";"
            if legal
            else f"Căn cứ {LEGAL_DOCUMENTS_LAW} {long_date(None)};"
        )
    return lines


def _issued(kind_code: str, obj) -> DocumentRegister | None:
    return DocumentRegister.objects.filter(
        source_type=ContentType.objects.get_for_model(type(obj)),
        source_id=obj.pk,
        kind_code=kind_code,
    ).first()


def _subject(resolution: Resolution) -> str:
    """ "về việc phê duyệt …" from the resolution's "Về việc phê duyệt …"."""
    title = resolution.title.strip()
    return title[:1].lower() + title[1:] if title.lower().startswith("về") else f"về {title}"


def _proposal(resolution: Resolution) -> SessionDocument | None:
    """The Tờ trình the resolution was drafted on: the proposal of the same agenda item."""
    item_id = resolution.agenda_item_id or (
        resolution.draft.agenda_item_id if resolution.draft_id else None
    )
    if item_id is None:
        return None
    return (
        SessionDocument.objects.filter(
            session_id=resolution.session_id,
            agenda_item_id=item_id,
            kind=SessionDocument.Kind.PROPOSAL,
        )
        .order_by("id")
        .first()
    )


def _proposer(reference: str, kind: str) -> str:
    """Who proposed, read from the proposal's symbol: "…/TTr-HĐND" the Standing Committee."""
    if reference.upper().endswith("-HĐND"):
        return f"Thường trực Hội đồng nhân dân {kind}"
    return f"Ủy ban nhân dân {kind}"


def resolution_considered(resolution: Resolution) -> str:
    """The "Xét …" line, built from the records: the proposal's number, each Ban's
    examination report with its number and date once issued; "…" where a record lacks one."""
    kind = resolution.council.commune_kind
    proposal = _proposal(resolution)
    reference = proposal.reference.strip() if proposal else ""
    parts = [
        f"Xét Tờ trình số {reference or f'{GAP}/TTr-UBND'} "
        f"{long_date(proposal.dated_on if proposal else None)} của "
        f"{_proposer(reference, kind)} {_subject(resolution)}"
    ]
    examinations = (
        list(
            Examination.objects.filter(document_id=resolution.draft_id)
            .select_related("committee")
            .order_by("committee__order", "id")
        )
        if resolution.draft_id
        else []
    )
    for exam in examinations:
        issued = _issued(EXAMINATION_KIND, exam)
        number = f"số {issued.symbol} {long_date(issued.issued_on)}" if issued else f"số {GAP}"
        parts.append(
            f"Báo cáo thẩm tra {number} của {exam.committee.name} Hội đồng nhân dân {kind}"
        )
    if not examinations:
        parts.append(f"Báo cáo thẩm tra số {GAP} của Ban {GAP} Hội đồng nhân dân {kind}")
    parts.append(f"ý kiến thảo luận của đại biểu Hội đồng nhân dân {kind} tại kỳ họp.")
    return "; ".join(parts)


def resolution_recipients(resolution: Resolution) -> list[str]:
    """ "Nơi nhận" of a resolution: the city's bodies (the Department of Justice checks a
    normative one), the commune's bodies; never the HĐND, which issues it."""
    kind = resolution.council.commune_kind
    lines = [*city_recipients(resolution.council)]
    if resolution.kind == Resolution.Kind.NORMATIVE:
        lines.append("Sở Tư pháp thành phố (để kiểm tra);")
    lines += [
        f"Thường trực Đảng ủy {kind};",
        f"Thường trực HĐND {kind};",
        f"UBND, Ủy ban MTTQ Việt Nam {kind};",
        f"Các Ban HĐND, đại biểu HĐND {kind};",
        f"Cổng thông tin điện tử {kind};",
        "Lưu: VT.",
    ]
    return lines


REGULATION_ARTICLE = re.compile(r"^(Điều\s+\d+[a-z]?\.)\s*(.*)$")
REGULATION_CHAPTER = re.compile(r"^(Chương|Mục|Phần)\s+[IVXLC\d]+\b", re.IGNORECASE)


def regulation_blocks(resolution: Resolution, document) -> list[Block]:
    """The regulation a normative resolution issues ("Quy định … ban hành kèm theo Nghị quyết
    số …"), printed after it on a page of its own: its title, the line naming the resolution,
    chapters centred in bold, "Điều N." leads in bold. None when the resolution has none."""
    lines = [line.strip() for line in (resolution.regulation or "").splitlines() if line.strip()]
    if not lines:
        return []
    symbol = document.symbol if document is not None else f"{GAP}/NQ-HĐND"
    day = long_date(document.issued_on) if document is not None else long_date(None)
    council = resolution.council
    subject = re.sub(r"^(Về việc\s+)?ban hành\s+", "", resolution.title, flags=re.IGNORECASE)
    blocks = [
        _title("QUY ĐỊNH"),
        _title(subject[:1].upper() + subject[1:]),
        Block(
            "p",
            f"(Ban hành kèm theo Nghị quyết số {symbol} {day} của Hội đồng nhân dân "
            f"{council.commune_kind} {council.commune})",
            css="basis",
        ),
    ]
    for line in lines:
        article = REGULATION_ARTICLE.match(line)
        if article:
            blocks.append(Block("p", line, css="article", lead=article.group(1)))
        elif REGULATION_CHAPTER.match(line):
            blocks.append(_title(line))
        else:
            blocks.append(_p(line))
    return blocks


def resolution_context(*, obj: Resolution, access, document, on) -> dict:
    resolution = obj
    session = resolution.session
    council = resolution.council
    kind = council.commune_kind
    term = session.term
    line2 = f"KHÓA {term.roman_number}, KỲ HỌP THỨ {session.number}"
    if session.kind == Session.Kind.THEMATIC:
        line2 += " (KỲ HỌP CHUYÊN ĐỀ)"
    elif session.kind == Session.Kind.EXTRA:
        line2 += " (KỲ HỌP BẤT THƯỜNG)"
    voted_on = resolution.voted_on or session.end_date or session.start_date
    effective = resolution.effective_on or (document.issued_on if document else None)
    effect = f"có hiệu lực từ {long_date(effective)}" if effective else "có hiệu lực từ ngày ký"
    body = [line.strip() for line in (resolution.body or "").splitlines() if line.strip()]
    blocks = [
        _title(f"HỘI ĐỒNG NHÂN DÂN {council.issuer_line}"),
        _title(line2),
        *[_basis(line) for line in resolution_basis(resolution, voted_on)],
        _basis(resolution_considered(resolution)),
        _title("QUYẾT NGHỊ:"),
        _article(1, body[0] if body else GAP),
        *[_p(line) for line in body[1:]],
        _article(
            2,
            f"Tổ chức thực hiện. Giao Ủy ban nhân dân {kind} tổ chức thực hiện Nghị quyết này. "
            f"Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu và "
            f"đại biểu Hội đồng nhân dân {kind} giám sát việc thực hiện Nghị quyết.",
        ),
        _article(
            3,
            f"Hiệu lực thi hành. Nghị quyết này đã được Hội đồng nhân dân {kind} "
            f"{council.commune} khóa {term.roman_number}, kỳ họp thứ "
            f"{ordinal_words(session.number)} thông qua {long_date(voted_on)} và {effect}.",
        ),
    ]
    return {
        "resolution": resolution,
        "blocks": blocks,
        "regulation": regulation_blocks(resolution, document),
        "heading": Heading("Nghị quyết", (resolution.title,)),
        "signature": _chair_signature(session, on, ""),
        "recipients": resolution_recipients(resolution),
    }


# -- a Ban's examination report --------------------------------------------------------------
def examination_issuer_code(exam: Examination) -> str:
    """The Ban's own series ("KTNS": "05/BC-KTNS"), from the Ban's code; the HĐND's series
    when the Ban has none (DOCUMENTS.md §6)."""
    code = re.sub(r"[^0-9A-ZĐ]", "", (exam.committee.code or "").upper())
    return code[:20] or DEFAULT_ISSUER_CODE


def ban_head(committee: Committee, on: dt.date):
    """The Ban's head (Trưởng Ban) on ``on``."""
    membership = (
        Membership.objects.filter(committee=committee, role=Membership.Role.HEAD)
        .on(on)
        .select_related("delegate")
        .order_by("-start_date")
        .first()
    )
    return membership.delegate if membership else None


# About what fits on one line of the letterhead's left column in 13 pt bold capitals.
ISSUER_LINE_CHARS = 20


def issuer_lines(name: str) -> tuple[str, ...]:
    """A Ban's name as the letterhead's lines, broken between words, never inside one:
    "BAN KINH TẾ - NGÂN SÁCH" → ("BAN KINH TẾ -", "NGÂN SÁCH"); a line never opens on "-"."""
    name = " ".join(name.upper().split())
    if len(name) <= ISSUER_LINE_CHARS:
        return (name,)
    words = name.split(" ")
    splits = [
        (" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words)) if words[i] != "-"
    ]
    return min(splits, key=lambda pair: max(len(pair[0]), len(pair[1]))) if splits else (name,)


def _head_name(exam: Examination, on: dt.date) -> str:
    head = ban_head(exam.committee, on)
    return head.full_name if head else ""


def examination_context(*, obj: Examination, access, document, on) -> dict:
    exam = obj
    draft = exam.document
    session = draft.session
    council = exam.council
    kind = council.commune_kind
    ban = exam.committee
    proposal = (
        SessionDocument.objects.filter(
            session=session, agenda_item_id=draft.agenda_item_id, kind=SessionDocument.Kind.PROPOSAL
        )
        .order_by("id")
        .first()
        if draft.agenda_item_id
        else None
    )
    reference = (proposal.reference.strip() if proposal else "") or f"{GAP}/TTr-UBND"
    subject = f"Tờ trình số {reference} {long_date(None)} của {_proposer(reference, kind)}"
    recommendation = {
        Examination.Recommendation.PASS: "thống nhất trình Hội đồng nhân dân xem xét, thông qua",
        Examination.Recommendation.AMEND: (
            "đề nghị cơ quan soạn thảo tiếp thu, chỉnh sửa dự thảo theo ý kiến thẩm tra trước "
            "khi trình Hội đồng nhân dân xem xét, thông qua"
        ),
        Examination.Recommendation.REJECT: "đề nghị Hội đồng nhân dân không thông qua dự thảo",
    }[exam.recommendation]
    blocks = [
        _title(
            f"Kính gửi: Hội đồng nhân dân {kind} {council.commune}, kỳ họp thứ "
            f"{ordinal_words(session.number)}"
        ),
        _p(
            f"Thực hiện sự phân công của Thường trực Hội đồng nhân dân {kind}, {ban.name} đã "
            f"thẩm tra {subject} và {draft.title[:1].lower()}{draft.title[1:]}"
            + (f" ({draft.reference})" if draft.reference else "")
            + f". {ban.name} báo cáo kết quả thẩm tra như sau:"
        ),
        _bold("I. QUÁ TRÌNH THẨM TRA"),
        _p(
            f"{long_date(exam.examined_on)[:1].upper()}{long_date(exam.examined_on)[1:]}, "
            f"{ban.name} đã họp thẩm tra, có mời đại diện cơ quan trình và các cơ quan có liên "
            "quan tham dự."
        ),
        _bold("II. NỘI DUNG THẨM TRA"),
        *[_p(line) for line in exam.content.splitlines() if line.strip()],
        _bold("III. KẾT LUẬN VÀ KIẾN NGHỊ"),
        _p(f"{ban.name}: {exam.get_recommendation_display().lower()}; {recommendation}."),
        _p(
            f"Trên đây là báo cáo thẩm tra của {ban.name}, kính trình Hội đồng nhân dân {kind} "
            "xem xét, quyết định./."
        ),
    ]
    # The Ban issues it, in its own series: its name is the issuing body's line and its code
    # the symbol's (DOCUMENTS.md §6).
    letterhead = Letterhead.build(
        council=council,
        type_code=DocumentType.BC,
        body=ban.name.upper(),
        issuer_code=examination_issuer_code(exam),
        document=document,
        draft_year=on.year,
    )
    letterhead = replace(
        letterhead, issuing_body=replace(letterhead.issuing_body, name=issuer_lines(ban.name))
    )
    return {
        "examination": exam,
        "blocks": blocks,
        "letterhead": letterhead,
        "heading": Heading(
            "Báo cáo",
            (f"Thẩm tra {subject}", f"và {draft.title[:1].lower()}{draft.title[1:]}"),
        ),
        "signature": Signature(f"TM. {ban.name.upper()}", "TRƯỞNG BAN", _head_name(exam, on)),
        "recipients": [
            f"Thường trực HĐND {kind};",
            f"UBND {kind};",
            f"Các đại biểu HĐND {kind};",
            "Lưu: VT.",
        ],
    }


def resolution_document_issue(*, obj: Resolution, user_id, on: dt.date, signer: str):
    """ "Cấp số và in" of a resolution goes through ``services.resolution_issue``: the
    resolution keeps its number (``Resolution.document``), only once passed, not before its vote."""
    from django.contrib.auth import get_user_model

    from meetings.services import resolution_issue

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return resolution_issue(resolution=obj, issued_by=user, on=on, signer=signer).document


def register_documents() -> None:
    """Called from MeetingsConfig.ready()."""
    common = {}
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
            signer=lambda e, on: _head_name(e, on),
            print_policy=(EXAMINATION, "export"),
            filename=lambda e: f"bao-cao-tham-tra-{e.pk}",
            select_related=("council", "committee", "document__session__term"),
            **common,
            issuer_code_for=examination_issuer_code,
            not_before=lambda e: e.examined_on,
            default_on=lambda e: e.examined_on,
        )
    )

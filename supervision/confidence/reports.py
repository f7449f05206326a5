"""Printed documents of a confidence vote (DOCUMENTS.md §7), through the printing registry.

- The counting minutes, "BIÊN BẢN / Kiểm phiếu lấy phiếu tín nhiệm đối với người giữ chức vụ
  do HĐND xã … bầu" (…/BB-HĐND): time and session, the counting board, the totals (delegates,
  present, issued, returned, valid, invalid), the table STT | Họ tên | Chức vụ | each option
  (phiếu, %) with every percentage of the total number of delegates; signed by the board.
- The resolution confirming the result, "Nghị quyết xác nhận kết quả lấy phiếu tín nhiệm đối
  với người giữ chức vụ do HĐND … bầu" (…/NQ-HĐND), numbered from the register on POST.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied

from councils.reports import standing_chair
from hdnd_portal.documents.models import DocumentType
from hdnd_portal.documents.printing import DocumentKind, register_document
from hdnd_portal.documents.recipients import city_standing
from hdnd_portal.documents.text import Heading, Signature
from meetings.models import ordinal_words
from supervision.confidence.policies import VOTE
from supervision.confidence.selectors import counting_board, vote_result
from supervision.models.confidence import ConfidenceVote

MINUTES_KIND = "supervision.confidence_minutes"
RESOLUTION_KIND = "supervision.confidence_resolution"
NQ96 = (
    "Căn cứ Nghị quyết số 96/2023/QH15 ngày 23 tháng 6 năm 2023 của Quốc hội về lấy phiếu tín "
    "nhiệm, bỏ phiếu tín nhiệm đối với người giữ chức vụ do Quốc hội, Hội đồng nhân dân bầu "
    "hoặc phê chuẩn;"
)
LGL = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"


def _what(vote: ConfidenceVote) -> str:
    return "lấy phiếu tín nhiệm" if vote.is_rating else "bỏ phiếu tín nhiệm"


def _subject(vote: ConfidenceVote) -> str:
    council = vote.council
    return (
        f"đối với người giữ chức vụ do Hội đồng nhân dân {council.commune_kind} "
        f"{council.commune} bầu"
    )


def _session_line(vote: ConfidenceVote) -> str:
    council = vote.council
    line = (
        f"Hội đồng nhân dân {council.commune_kind} {council.commune} khóa {vote.term.roman_number}"
    )
    if vote.session_id:
        line += f", kỳ họp thứ {ordinal_words(vote.session.number)}"
    return line


def board_lines(vote: ConfidenceVote) -> list[str]:
    """ "Họ và tên — Trưởng ban", then "Họ và tên — Ủy viên" (selectors.counting_board)."""
    return [f"{delegate.full_name} — {role}" for delegate, role in counting_board(vote)]


def board_head(vote: ConfidenceVote) -> str:
    """The name of the counting board's head (who signs the minutes)."""
    return vote.counting_board_head.full_name if vote.counting_board_head_id else ""


def _table(result) -> tuple[list[str], list[list[str]]]:
    headers = ["STT", "Họ và tên", "Chức vụ"] + [
        f"{label} (phiếu, %)" for label in result.option_labels
    ]
    rows, number = [], 0
    for row in result.rows:
        if row.candidate.exempt:
            continue
        number += 1
        rows.append(
            [str(number), row.name, row.position]
            + [f"{s.count} ({s.percent}%)" for s in row.shares]
        )
    return headers, rows


def _exempt_lines(result) -> list[str]:
    return [
        f"{row.name}, {row.position}: {row.candidate.get_exemption_reason_display()}"
        f"{'; ' + row.candidate.exemption_note if row.candidate.exemption_note else ''}."
        for row in result.rows
        if row.candidate.exempt
    ]


def _totals(vote: ConfidenceVote, result) -> list[str]:
    present = vote.delegates_present if vote.delegates_present is not None else "—"
    return [
        f"Tổng số đại biểu Hội đồng nhân dân {vote.council.commune_kind}: {result.total} đại biểu.",
        f"Số đại biểu có mặt: {present}.",
        f"Số phiếu phát ra: {vote.ballots_issued}; số phiếu thu vào: {vote.ballots_returned}.",
        f"Số phiếu hợp lệ: {result.ballots_valid}; số phiếu không hợp lệ: "
        f"{result.ballots_invalid}.",
    ]


def minutes_signers(vote: ConfidenceVote) -> list[list[tuple[str, str]]]:
    """Every member of the counting board signs the minutes, the head first: rows of two
    ("TRƯỞNG BAN KIỂM PHIẾU", name), ("ỦY VIÊN", name) read from the structured board."""
    signers = [
        ("TRƯỞNG BAN KIỂM PHIẾU" if role == "Trưởng ban" else role.upper(), delegate.full_name)
        for delegate, role in counting_board(vote)
    ] or [("TRƯỞNG BAN KIỂM PHIẾU", "")]
    return [signers[i : i + 2] for i in range(0, len(signers), 2)]


def minutes_context(*, obj: ConfidenceVote, access, document, on: dt.date) -> dict:
    vote = obj
    result = vote_result(vote)
    headers, rows = _table(result)
    what = _what(vote)
    intro = (
        f"Hôm nay, ngày {vote.vote_date:%d/%m/%Y}, tại {_session_line(vote)}, Ban kiểm phiếu "
        f"đã tiến hành kiểm phiếu {what} {_subject(vote)}, năm {vote.year}."
    )
    return {
        "vote": vote,
        "result": result,
        "intro": intro,
        "board": board_lines(vote),
        "members": [
            d.full_name for d, _role in counting_board(vote) if d != vote.counting_board_head
        ],
        "totals": _totals(vote, result),
        "headers": headers,
        "rows": rows,
        "exempt": _exempt_lines(result),
        "percent_note": "Tỷ lệ phần trăm tính trên tổng số đại biểu Hội đồng nhân dân.",
        "closing_line": (
            f"Biên bản được lập ngày {vote.vote_date:%d/%m/%Y}, đã được đọc trước kỳ họp; các "
            "thành viên Ban kiểm phiếu thống nhất ký tên dưới đây."
        ),
        "signer_rows": minutes_signers(vote),
        "heading": Heading("Biên bản", (f"Kiểm phiếu {what}", _subject(vote))),
        "signature": Signature("", "TRƯỞNG BAN KIỂM PHIẾU", board_head(vote)),
        "recipients": [],
    }


def _chair_name(vote: ConfidenceVote, on: dt.date) -> str:
    chair = standing_chair(term=vote.term, on=max(vote.vote_date, on))
    if chair is None:
        chair = standing_chair(term=vote.term, on=vote.vote_date)
    return chair.full_name if chair else ""


def resolution_context(*, obj: ConfidenceVote, access, document, on: dt.date) -> dict:
    vote = obj
    council = vote.council
    result = vote_result(vote)
    headers, rows = _table(result)
    what = _what(vote)
    body_line = f"HỘI ĐỒNG NHÂN DÂN {council.issuer_line}"
    term_line = f"KHÓA {vote.term.roman_number}"
    if vote.session_id:
        term_line += f", KỲ HỌP THỨ {ordinal_words(vote.session.number).upper()}"
    consequences = [
        f"{row.name}, {row.position}: {row.consequence} (Căn cứ: {row.citation}.)"
        for row in result.consequences
    ]
    passed = (
        f"Nghị quyết này đã được {_session_line(vote)} thông qua ngày "
        f"{vote.vote_date.day:02d} tháng {vote.vote_date.month:02d} năm {vote.vote_date.year} "
        "và có hiệu lực từ ngày thông qua."
    )
    return {
        "vote": vote,
        "result": result,
        "open": vote.is_open,
        "assembly": (body_line, term_line),
        "preamble": [
            LGL,
            NQ96,
            f"Xét Biên bản kiểm phiếu {what} ngày {vote.vote_date:%d/%m/%Y} của Ban kiểm phiếu,",
        ],
        "article1": f"Xác nhận kết quả {what} {_subject(vote)}, năm {vote.year}, như sau:",
        "headers": headers,
        "rows": rows,
        "exempt": _exempt_lines(result),
        "percent_note": f"Tỷ lệ phần trăm tính trên tổng số {result.total} đại biểu Hội đồng "
        "nhân dân đương nhiệm.",
        "consequences": consequences
        or [f"Không có người nào thuộc trường hợp phải xem xét theo kết quả {what}."],
        "article3": passed,
        "heading": Heading(
            "Nghị quyết",
            (f"Xác nhận kết quả {what}", _subject(vote)),
            "(Kết quả chưa chốt)" if vote.is_open else "",
        ),
        "signature": Signature("", "CHỦ TỊCH", _chair_name(vote, on)),
        "recipients": [
            city_standing(council),
            f"Thường trực Đảng ủy {council.commune_kind};",
            f"UBND, Ủy ban MTTQ Việt Nam {council.commune_kind};",
            f"Các đại biểu HĐND {council.commune_kind};",
            "Người được lấy phiếu tín nhiệm;",
            "Lưu: VT.",
        ],
    }


def _title(kind: str):
    def title(vote: ConfidenceVote) -> str:
        """The register's subject line; asked when a number is issued (printing.document_issue),
        so a resolution of a result not yet closed never gets one."""
        if kind == "resolution" and vote.is_open:
            raise PermissionDenied("Chỉ cấp số nghị quyết khi kết quả đã được chốt.")
        what = _what(vote)
        prefix = "Biên bản kiểm phiếu" if kind == "minutes" else "Nghị quyết xác nhận kết quả"
        return f"{prefix} {what} {_subject(vote)}, năm {vote.year}"

    return title


def register_documents() -> None:
    common = {
        "model": ConfidenceVote,
        "print_policy": (VOTE, "export"),
        "select_related": ("council", "term", "session"),
    }
    register_document(
        DocumentKind(
            code=MINUTES_KIND,
            type_code=DocumentType.BB,
            template="supervision/confidence_minutes.html",
            build_context=minutes_context,
            title=_title("minutes"),
            signer=lambda vote, on: board_head(vote),
            filename=lambda vote: f"bien-ban-kiem-phieu-tin-nhiem-{vote.year}-{vote.pk}",
            **common,
            not_before=lambda vote: vote.vote_date,
            default_on=lambda vote: vote.vote_date,
            issuable=lambda vote: not vote.is_open,
        )
    )
    register_document(
        DocumentKind(
            code=RESOLUTION_KIND,
            type_code=DocumentType.NQ,
            template="supervision/confidence_resolution.html",
            build_context=resolution_context,
            title=_title("resolution"),
            signer=lambda vote, on: _chair_name(vote, on),
            filename=lambda vote: f"nghi-quyet-ket-qua-tin-nhiem-{vote.year}-{vote.pk}",
            **common,
            not_before=lambda vote: vote.vote_date,
            default_on=lambda vote: vote.vote_date,
            issuable=lambda vote: not vote.is_open,
        )
    )

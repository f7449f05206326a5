"""Printed documents of citizen reception and letters (DOCUMENTS.md §5), each with a Word twin.

- ``petitions.forwarding_slip``: Phiếu chuyển đơn "…/PC-HĐND" of one letter. The copy for the
  competent body carries the sender's identity, as the law requires; for a denunciation
  (Luật Tố cáo Art. 8.3, 56) only a user handling the letter prints that copy (the showing
  is logged). Anyone else prints "Người tố cáo (được bảo mật)".
- ``petitions.reception_log``: the reception log of a period (Form 03/TCD columns), A4
  landscape; a register book, so no "Số:" line and no "Nơi nhận", and the HĐND's own outcome
  words (it receives and forwards, never "thụ lý"); protected citizens masked unless the printer handles them; identity numbers
  in full only for the Office, administrators and the handlers.
- ``petitions.periodic_report``: báo cáo công tác tiếp công dân, xử lý đơn thư, counts only
  (no names).
"""

import datetime as dt

from councils.models import Committee, Membership
from councils.reports import standing_chair
from hdnd_portal.core.numbers import vi_percent
from hdnd_portal.documents.models import DocumentType
from hdnd_portal.documents.printing import DocumentKind, register_document
from hdnd_portal.documents.recipients import city_standing, recipient_lines
from hdnd_portal.documents.text import Heading, Signature
from hdnd_portal.followups.laws import LAWS
from petitions.models import IdentityAccess, Letter, PetitionReport, Reception

FORWARDING_SLIP = "petitions.forwarding_slip"
RECEPTION_LOG = "petitions.reception_log"
PERIODIC_REPORT = "petitions.periodic_report"
ISSUER_BODY = "THƯỜNG TRỰC"


def _chair_name(council, on: dt.date) -> str:
    term = council.current_term(on)
    chair = standing_chair(term=term, on=on) if term else None
    return chair.full_name if chair else ""


def _signature(council, on) -> Signature:
    return Signature("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", _chair_name(council, on))


def _vice_chair(council, on: dt.date):
    term = council.current_term(on)
    if term is None:
        return None
    membership = (
        Membership.objects.filter(
            committee__term=term,
            committee__kind=Committee.Kind.STANDING,
            role=Membership.Role.VICE_CHAIR,
        )
        .on(on)
        .select_related("delegate")
        .order_by("start_date", "id")
        .first()
    )
    return membership.delegate if membership else None


def slip_signature(council, on: dt.date) -> Signature:
    """ "TM. THƯỜNG TRỰC HĐND / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": a Vice-Chair signs the slip for
    the Chair when the Standing Committee has one (DOCUMENTS.md §5); otherwise the Chair."""
    vice = _vice_chair(council, on)
    if vice is not None:
        return Signature("TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", vice.full_name)
    return _signature(council, on)


# The laws a forwarding slip cites, by the kind of letter (LEGAL.md §1-4).
_SLIP_LAWS = {
    "complaint": ("42/2013/QH13", "02/2011/QH13"),
    "denunciation": ("42/2013/QH13", "25/2018/QH14"),
}


def slip_basis(kind: str, on: dt.date) -> str:
    """ "Luật Tiếp công dân số 42/2013/QH13 và Luật Tố cáo số 25/2018/QH14": the laws on
    citizen reception and on the letter's kind in force on the slip's date."""
    numbers = _SLIP_LAWS.get(kind, ("42/2013/QH13",))
    cited = [LAWS[n] for n in numbers if LAWS[n].in_force(on)] or [LAWS[numbers[0]]]
    return " và ".join(f"{law.title} số {law.number}" for law in cited)


# -- the forwarding slip -------------------------------------------------------------------


def slip_context(*, obj: Letter, access, document, on: dt.date) -> dict:
    from petitions.selectors import protected_view
    from petitions.services import identity_showing_log

    letter = obj
    council = letter.council
    shown = protected_view(letter, access, reveal=True)
    identity_showing_log(
        view=shown,
        access=access,
        purpose=IdentityAccess.Purpose.PRINT,
        page=f"Phiếu chuyển đơn {letter}",
    )
    sender = shown["sender_name"]
    address = "" if letter.anonymous else shown["sender_address"]
    body = f"Thường trực HĐND {council.commune_kind} {council.commune}"
    agency = letter.agency.name if letter.agency else "……………"
    subject = shown["subject"]
    letter_date = letter.letter_date or letter.received_on
    lines = [
        f"{body} nhận được đơn đề ngày {letter_date:%d/%m/%Y} "
        f"(vào sổ ngày {letter.received_on:%d/%m/%Y}, số {letter.code}).",
        f"Đơn ghi tên ông (bà): {sender}.",
        f"Địa chỉ: {address or '……………'}.",
        f"Nội dung đơn: {subject} ({letter.get_kind_display().lower()}).",
        f"Căn cứ {slip_basis(letter.kind, on)}, {body} chuyển đơn đến {agency} để xem xét "
        f"giải quyết theo quy định; thông báo kết quả cho Thường trực HĐND {council.commune_kind} "
        f"biết./.",
    ]
    protected = letter.is_protected
    # "Như trên": the body named after "Kính gửi"; the letter's sender only learns that it was
    # forwarded, by their role, never by name on a denunciation's slip.
    recipients = [
        "Như trên;",
        "Người tố cáo (để biết);" if protected else "Người có đơn (để biết);",
        "Lưu: VT, hồ sơ đơn.",
    ]
    return {
        "letter": letter,
        "lines": lines,
        "revealed": shown.revealed,
        "agency": agency,
        "heading": Heading("Phiếu chuyển đơn", ()),
        "kinh_gui": agency,
        "signature": slip_signature(council, on),
        "recipients": recipients,
    }


# -- the reception log of a period ----------------------------------------------------------

# Widths in mm: 252 in all, the width between the margins of an A4 landscape page; a date, a
# 12-digit identity number and "Ghi chú" each fit on one line at 9.5 pt.
LOG_COLUMNS = [
    ("STT", 9),
    ("Ngày tiếp", 20),
    ("Họ tên - Địa chỉ", 34),
    ("CCCD/Hộ chiếu", 26),
    ("Nội dung vụ việc", 44),
    ("Phân loại đơn / Số người", 20),
    ("Cơ quan đã giải quyết", 22),
    ("Hướng xử lý", 32),
    ("Theo dõi kết quả giải quyết", 26),
    ("Ghi chú", 19),
]


# The log's words for what was done: the HĐND receives and forwards, it never accepts a case
# for resolution ("thụ lý" is the competent body's act, LEGAL.md §1-2).
LOG_OUTCOME = {
    Reception.Outcome.ACCEPTED: "Tiếp nhận, xem xét theo thẩm quyền",
    Reception.Outcome.GUIDANCE: "Trả lại đơn và hướng dẫn",
    Reception.Outcome.FORWARDED: "Chuyển đơn đến cơ quan có thẩm quyền",
}


def _log_rows(report: PetitionReport, access) -> list[dict]:
    from petitions.selectors import protected_view, receptions_in_period
    from petitions.services import identity_showing_log

    rows = []
    receptions = receptions_in_period(
        council_id=report.council_id, start=report.period_start, end=report.period_end
    ).prefetch_related("handlers")
    for number, r in enumerate(receptions, start=1):
        # The printed log is one record per line: each protected citizen it reveals to the
        # printer (their handler) is one showing of that reception.
        shown = protected_view(r, access, reveal=True)
        identity_showing_log(
            view=shown,
            access=access,
            purpose=IdentityAccess.Purpose.PRINT,
            page=f"Sổ tiếp công dân: {report}",
        )
        if shown.masked:
            who = shown["citizen_name"]
        else:
            who = ", ".join(p for p in (shown["citizen_name"], shown["citizen_address"]) if p)
        id_number = shown["citizen_id_number"]
        outcome = LOG_OUTCOME.get(r.outcome, r.get_outcome_display())
        if r.outcome == Reception.Outcome.GUIDANCE and r.guidance_document:
            outcome += f" (văn bản số {r.guidance_document})"
        letters = list(r.letters.all())
        forward = r.forward_document or ", ".join(
            x.forward_document for x in letters if x.forward_document
        )
        if r.outcome == Reception.Outcome.FORWARDED:
            bodies = ", ".join(x.agency.name for x in letters if x.agency)
            outcome += f": {bodies}" if bodies else ""
            if forward:
                outcome += f" (văn bản số {forward})"
        kind = f"{r.get_kind_display()} / {r.group_size}"
        note = "; ".join(
            p
            for p in (
                "thuộc thẩm quyền" if r.within_authority else "",
                r.receivers_label and f"Người tiếp: {r.receivers_label}",
                r.note,
            )
            if p
        )
        rows.append(
            {
                "cells": [
                    number,
                    f"{r.received_on:%d/%m/%Y}",
                    who,
                    id_number,
                    r.content,
                    kind,
                    r.prior_body,
                    outcome,
                    r.result,
                    note,
                ]
            }
        )
    return rows


def log_context(*, obj: PetitionReport, access, document, on: dt.date) -> dict:
    council = obj.council
    rows = _log_rows(obj, access)
    return {
        "report": obj,
        "columns": LOG_COLUMNS,
        "rows": rows,
        "heading": Heading(
            "Sổ tiếp công dân",
            (f"Từ ngày {obj.period_start:%d/%m/%Y} đến ngày {obj.period_end:%d/%m/%Y}",),
            "(Mẫu số 03/TCD)",
        ),
        # A register book: its pages are closed by the signature of who keeps it, not numbered
        # or sent as a dispatch (the template prints no "Số:" and no "Nơi nhận").
        "closing_line": (
            f"Sổ có {len(rows)} lượt tiếp công dân, khóa sổ ngày {obj.period_end:%d/%m/%Y}."
        ),
        "signature": _signature(council, on),
        "recipients": [],
    }


# -- the periodic report ----------------------------------------------------------------------


def periodic_context(*, obj: PetitionReport, access, document, on: dt.date) -> dict:
    from petitions.counts import delegate_shortfall, letter_counts

    council = obj.council
    counts = letter_counts(council_id=obj.council_id, start=obj.period_start, end=obj.period_end)
    shortfall = delegate_shortfall(
        council_id=obj.council_id, start=obj.period_start, end=obj.period_end
    )
    paragraphs = [
        f"Từ ngày {obj.period_start:%d/%m/%Y} đến ngày {obj.period_end:%d/%m/%Y}, Thường trực "
        f"HĐND và các đại biểu HĐND {council.commune_kind} đã tiếp {counts.receptions} lượt "
        f"công dân ({counts.reception_people} người). Có {shortfall.meeting}/"
        f"{len(shortfall.rows)} đại biểu tiếp công dân đủ số buổi theo lịch "
        f"({vi_percent(shortfall.rate)}, chỉ tiêu 100%).",
        f"Tiếp nhận {counts.total} đơn thư; {counts.eligible} đơn đủ điều kiện xử lý; "
        f"{counts.duplicates} đơn trùng; {counts.anonymous} đơn nặc danh, mạo danh (lưu đơn, "
        f"không xử lý theo Điều 25 Luật Tố cáo). Đã chuyển {counts.forwarded} đơn đến cơ quan "
        f"có thẩm quyền, hướng dẫn {counts.guided} đơn; {counts.resolved} đơn đã có kết quả "
        f"giải quyết. Tỷ lệ đơn đủ điều kiện được chuyển hoặc hướng dẫn: "
        f"{vi_percent(counts.forwarded_rate)} (chỉ tiêu 1.5.c: 100%).",
    ]
    kind = council.commune_kind
    return {
        "report": obj,
        "counts": counts,
        "paragraphs": paragraphs,
        "assessment": periodic_assessment(counts, shortfall),
        "next_tasks": [
            "Duy trì tiếp công dân định kỳ của Thường trực HĐND và đại biểu HĐND theo lịch; "
            f"bảo đảm mỗi đại biểu HĐND {kind} tiếp công dân đủ số buổi theo quy định.",
            "Tiếp nhận, phân loại và chuyển đơn đến cơ quan có thẩm quyền đúng thời hạn; bảo "
            "mật thông tin người tố cáo theo quy định của Luật Tố cáo.",
            "Theo dõi, đôn đốc cơ quan có thẩm quyền giải quyết và thông báo kết quả các đơn "
            "đã chuyển; giám sát việc giải quyết khiếu nại, tố cáo tồn đọng, kéo dài.",
        ],
        "heading": Heading(
            "Báo cáo",
            (
                "Công tác tiếp công dân, xử lý đơn thư",
                f"từ ngày {obj.period_start:%d/%m/%Y} đến ngày {obj.period_end:%d/%m/%Y}",
            ),
        ),
        "signature": _signature(council, on),
        # Sent upward to the city's Standing Committee (issue 20, item 6); never to itself.
        "recipients": recipient_lines(
            [
                city_standing(council),
                f"Thường trực Đảng ủy {kind};",
                f"UBND {kind};",
                f"Các đại biểu HĐND {kind};",
                "Lưu: VT.",
            ],
            council=council,
            issuer=(f"Thường trực HĐND {kind}",),
        ),
    }


def periodic_assessment(counts, shortfall) -> dict[str, list[str]]:
    """II. ĐÁNH GIÁ: strengths and shortcomings read from the period's own figures."""
    strengths, shortcomings = [], []
    if counts.eligible and counts.eligible_handled >= counts.eligible:
        strengths.append(
            "Toàn bộ đơn thư đủ điều kiện xử lý đã được chuyển đến cơ quan có thẩm quyền hoặc "
            "hướng dẫn người có đơn theo quy định."
        )
    elif counts.eligible:
        shortcomings.append(
            f"Còn {counts.eligible - counts.eligible_handled} đơn đủ điều kiện xử lý chưa được "
            "chuyển hoặc hướng dẫn."
        )
    if shortfall.rows and shortfall.meeting == len(shortfall.rows):
        strengths.append("Các đại biểu HĐND tiếp công dân đủ số buổi theo lịch.")
    elif shortfall.rows:
        shortcomings.append(
            f"Còn {len(shortfall.rows) - shortfall.meeting} đại biểu HĐND chưa tiếp công dân đủ "
            "số buổi theo lịch."
        )
    if counts.forwarded > counts.resolved:
        shortcomings.append(
            f"{counts.forwarded - counts.resolved} đơn đã chuyển chưa có kết quả giải quyết, cần "
            "tiếp tục theo dõi, đôn đốc."
        )
    strengths = strengths or ["Công tác tiếp công dân, xử lý đơn thư được duy trì theo quy định."]
    shortcomings = shortcomings or ["Không có tồn tại, hạn chế đáng kể trong kỳ."]
    return {"strengths": strengths, "shortcomings": shortcomings}


def slip_issue(*, obj: Letter, user_id, on: dt.date, signer: str):
    """The slip's number from the register, then the letter's forwarding number is it."""
    from django.contrib.auth import get_user_model

    from hdnd_portal.documents.printing import document_kind
    from hdnd_portal.documents.services import document_number_issue
    from petitions.services import letter_slip_numbered

    kind = document_kind(FORWARDING_SLIP)
    document = document_number_issue(
        council=obj.council,
        type_code=kind.type_code,
        issuer_code=kind.issuer_code,
        issued_on=on,
        title=kind.title(obj),
        signer=signer,
        created_by_id=user_id,
        source=obj,
        kind_code=kind.code,
    )
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    letter_slip_numbered(letter=obj, document=document, by_user=user)
    return document


def register_documents() -> None:
    print_policy = ("petitions.letter", "export")
    register_document(
        DocumentKind(
            code=FORWARDING_SLIP,
            model=Letter,
            type_code=DocumentType.PC,
            template="petitions/forwarding_slip.html",
            build_context=slip_context,
            title=lambda letter: f"Phiếu chuyển {letter}",
            signer=lambda letter, on: slip_signature(letter.council, on).name,
            print_policy=print_policy,
            issuer_body=ISSUER_BODY,
            filename=lambda letter: f"phieu-chuyen-don-{letter.number}-{letter.year}",
            select_related=("council", "agency"),
            not_before=lambda letter: letter.received_on,
            default_on=lambda letter: letter.forwarded_on,
            issuable=lambda letter: bool(letter.agency_id),
            issue=slip_issue,
            # The agency the letter is forwarded to reads the issued slip from its item.
            addressee=lambda access, letter: bool(
                access.agency_id and letter.agency_id == access.agency_id
            ),
        )
    )
    register_document(
        DocumentKind(
            code=RECEPTION_LOG,
            model=PetitionReport,
            type_code=DocumentType.DS,
            template="petitions/reception_log.html",
            build_context=log_context,
            title=lambda r: f"Sổ tiếp công dân {r}",
            signer=lambda r, on: _chair_name(r.council, on),
            print_policy=("petitions.reception", "export"),
            issuer_body=ISSUER_BODY,
            filename=lambda r: f"so-tiep-cong-dan-{r.pk}",
            select_related=("council",),
            not_before=lambda r: r.period_end,  # the log closes with its period
        )
    )
    register_document(
        DocumentKind(
            code=PERIODIC_REPORT,
            model=PetitionReport,
            type_code=DocumentType.BC,
            template="petitions/periodic_report.html",
            build_context=periodic_context,
            title=lambda r: f"Báo cáo công tác tiếp công dân, xử lý đơn thư {r}",
            signer=lambda r, on: _chair_name(r.council, on),
            print_policy=("petitions.petitionreport", "export"),
            issuer_body=ISSUER_BODY,
            filename=lambda r: f"bao-cao-tiep-cong-dan-{r.pk}",
            select_related=("council",),
            sends_upward=True,
            not_before=lambda r: r.period_end,
        )
    )

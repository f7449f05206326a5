"""The wording rules of Decree 30/2020/NĐ-CP, Appendix I, as small tested helpers.

Templates lay the words out; these functions only decide what the words are.
"""

import datetime as dt
from dataclasses import dataclass

from hdnd_portal.core.text import fold

# A blank number or date on a draft: wide enough to write in by hand.
BLANK = "\u00a0" * 6
DEFAULT_ISSUER_CODE = "HĐND"


def two_digits(value: int) -> str:
    """Numbers below 10 take a leading 0: 5 → "05" (Nghị định 30/2020, Phụ lục I)."""
    return f"{value:02d}"


def document_symbol(
    type_code: str,
    issuer_code: str = DEFAULT_ISSUER_CODE,
    number: int | None = None,
    *,
    normative_year: int | None = None,
) -> str:
    """ "05/BC-HĐND"; a normative resolution carries its year: "05/2026/NQ-HĐND".

    Without a number (a draft) the number is left blank for the clerk: "      /BC-HĐND".
    """
    shown = two_digits(number) if number is not None else BLANK
    year = f"/{normative_year}" if normative_year is not None else ""
    return f"{shown}{year}/{type_code}-{issuer_code}"


def place_date_line(place: str, on: dt.date | None, *, year: int | None = None) -> str:
    """ "Phúc Lộc, ngày 05 tháng 02 năm 2026".

    Nghị định 30/2020, Phụ lục I, mục II.5: days below 10 and the months 1 and 2
    take a leading 0 ("tháng 02"); months 3-12 do not ("tháng 3"). Without a date
    (a draft) the day and month are left blank, and the year too unless given.
    """
    if on is None:
        shown_year = str(year) if year is not None else BLANK
        return f"{place}, ngày{BLANK}tháng{BLANK}năm {shown_year}"
    month = two_digits(on.month) if on.month <= 2 else str(on.month)
    return f"{place}, ngày {two_digits(on.day)} tháng {month} năm {on.year}"


# A fact the record does not hold, printed as a visible blank for the clerk to fill in
# rather than invented: "Tờ trình số … ngày …".
GAP = "…"


def long_date(on: dt.date | None) -> str:
    """ "ngày 05 tháng 02 năm 2026": the one way a document's body writes a day, with the
    header's zero padding (Nghị định 30/2020, Phụ lục I). Unknown: "ngày … tháng … năm …"."""
    if on is None:
        return f"ngày {GAP} tháng {GAP} năm {GAP}"
    month = two_digits(on.month) if on.month <= 2 else str(on.month)
    return f"ngày {two_digits(on.day)} tháng {month} năm {on.year}"


@dataclass(frozen=True)
class IssuingBody:
    """The left header block: the parent body (plain) over the issuing body (bold).

    Nghị định 30/2020, Phụ lục I, mục II.3: "tên cơ quan chủ quản" in capitals,
    upright; "tên cơ quan ban hành" in bold capitals, underlined by a short rule.
    """

    parent: str
    name: tuple[str, ...]
    signing_for: str

    @classmethod
    def for_council(cls, council, body: str | None = None) -> "IssuingBody":
        """The council itself ("HỘI ĐỒNG NHÂN DÂN / XÃ PHÚC LỘC") or one of its bodies.

        ``body`` is the issuing body's own name in capitals, e.g. "THƯỜNG TRỰC"
        or "BAN KINH TẾ - NGÂN SÁCH"; the council then becomes the parent line.
        """
        place = council.issuer_line
        if not body:
            return cls(
                parent="", name=("HỘI ĐỒNG NHÂN DÂN", place), signing_for="TM. HỘI ĐỒNG NHÂN DÂN"
            )
        signing_for = (
            "TM. THƯỜNG TRỰC HĐND" if body.upper() == "THƯỜNG TRỰC" else f"TM. {body.upper()}"
        )
        return cls(parent=f"HĐND {place}", name=(body.upper(),), signing_for=signing_for)


@dataclass(frozen=True)
class Signature:
    """The signature block: "TM. THƯỜNG TRỰC HĐND" / "CHỦ TỊCH" / (signature) / name."""

    signing_for: str
    title: str
    name: str = ""


@dataclass(frozen=True)
class Letterhead:
    """Everything the Decree 30 header shows: issuing body, number, place and date."""

    issuing_body: IssuingBody
    symbol: str
    place_date: str

    @classmethod
    def build(
        cls,
        *,
        council,
        type_code: str,
        body: str | None = None,
        issuer_code: str = DEFAULT_ISSUER_CODE,
        document=None,
        draft_year: int | None = None,
    ) -> "Letterhead":
        """The header of an issued ``document`` (a DocumentRegister), or of a draft.

        A draft shows a blank number ("Số:      /DS-HĐND") and a blank day and month.
        """
        issuing_body = IssuingBody.for_council(council, body)
        if document is not None:
            return cls(
                issuing_body, document.symbol, place_date_line(council.commune, document.issued_on)
            )
        return cls(
            issuing_body,
            document_symbol(type_code, issuer_code),
            place_date_line(council.commune, None, year=draft_year),
        )


@dataclass(frozen=True)
class Heading:
    """The document's type and subject (Nghị định 30/2020, Phụ lục I, mục II.6).

    ``doc_type`` ("Danh sách") is printed in bold capitals; ``subject`` lines in
    bold; ``note`` (e.g. "(Tính đến ngày 04/05/2026)") in italics below them.
    """

    doc_type: str
    subject: tuple[str, ...]
    note: str = ""


# Long and short names of the bodies, compared as one ("Hội đồng nhân dân xã" = "HĐND xã").
_SHORT_BODIES = (("hoi dong nhan dan", "hdnd"), ("uy ban nhan dan", "ubnd"))


def _comparable(text: str) -> str:
    folded = fold(text)
    for long, short in _SHORT_BODIES:
        folded = folded.replace(long, short)
    return folded


def without_own_place(text: str, *, commune_kind: str, commune: str) -> str:
    """ "Phó Chủ tịch HĐND xã Phúc Lộc" → "Phó Chủ tịch HĐND xã" in the commune's own document.

    A document the commune issues names its own bodies by their kind only ("UBND
    xã", "Đảng ủy xã"), as the issuing body already says which commune it is.
    """
    if not text or not commune:
        return (text or "").strip()
    place = f"{commune_kind} {commune}".strip()
    lowered, target = text.lower(), place.lower()
    out, start = [], 0
    while (found := lowered.find(target, start)) != -1:
        before = text[start:found]
        if before.rstrip().endswith(","):
            # "Thôn Thượng, xã Phúc Lộc": the place is a whole part of its own; drop it.
            out.append(before.rstrip()[:-1])
        else:
            out.append(before + text[found : found + len(commune_kind)])
        start = found + len(target)
    out.append(text[start:])
    return "".join(out).strip()


def position_workplace(position: str, workplace: str, *, commune_kind: str, commune: str) -> str:
    """ "Chức vụ, nơi công tác" of a person in the commune's own document.

    The commune's name is dropped from both, and the workplace is left out when
    the position already names it: "Phó Chủ tịch HĐND xã", never "Phó Chủ tịch
    HĐND xã, HĐND xã Phúc Lộc".
    """
    position = without_own_place(position or "", commune_kind=commune_kind, commune=commune)
    workplace = without_own_place(workplace or "", commune_kind=commune_kind, commune=commune)
    if workplace and position and _comparable(workplace) in _comparable(position):
        workplace = ""
    return ", ".join(part for part in (position, workplace) if part)

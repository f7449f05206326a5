"""Printed documents of the council's organisation (Decree 30/2020 layout).

The roster of delegates ("Danh sách đại biểu HĐND") of a term: a selector that
reads the term's delegates in one query, its assembly into the document, and its
Word twin. It is printed through the kernel's one print view
(``/documents/print/councils.roster/<term pk>/``), registered by
:func:`register_documents` from ``CouncilsConfig.ready()``.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from councils.models import Committee, Delegate, Membership, Term
from hdnd_portal.core.collation import vi_key
from hdnd_portal.documents.models import DocumentType
from hdnd_portal.documents.printing import DocumentKind, register_document
from hdnd_portal.documents.recipients import city_standing
from hdnd_portal.documents.text import Heading, Signature, long_date, position_workplace

ROSTER_KIND = "councils.roster"
ROSTER_TYPE = DocumentType.DS
ROSTER_ISSUER_BODY = "THƯỜNG TRỰC"
# The last rows stay on the page of the totals and the signature: a last page
# never holds a single row.
ROSTER_TAIL_ROWS = 2
ROMAN = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
]


@dataclass
class RosterRow:
    number: int
    delegate: Delegate
    # "Chức vụ, nơi công tác" without the commune's own name (documents.text).
    position_workplace: str = ""
    keep_with_next: bool = False

    @property
    def birth_year(self) -> int | None:
        return self.delegate.birth_date.year if self.delegate.birth_date else None

    @property
    def note(self) -> str:
        d = self.delegate
        parts = [d.get_employment_display()]
        if d.is_first_term:
            parts.append("lần đầu")
        return "; ".join(str(p) for p in parts)


@dataclass
class RosterGroup:
    numeral: str
    name: str
    rows: list[RosterRow] = field(default_factory=list)


@dataclass
class Roster:
    term: Term
    on: dt.date
    groups: list[RosterGroup]
    chair: Delegate | None

    @property
    def total(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    def _count(self, test) -> int:
        return sum(1 for g in self.groups for r in g.rows if test(r.delegate))

    @property
    def full_time(self) -> int:
        return self._count(lambda d: d.employment == Delegate.Employment.FULL_TIME)

    @property
    def part_time(self) -> int:
        return self.total - self.full_time

    @property
    def women(self) -> int:
        return self._count(lambda d: d.gender == Delegate.Gender.FEMALE)

    @property
    def first_term(self) -> int:
        return self._count(lambda d: d.is_first_term)


def roster_date(term: Term, on: dt.date | None = None) -> dt.date:
    """The day the roster describes: ``on`` (default today), kept within the term."""
    on = on or timezone.localdate()
    if term.end_date and on > term.end_date:
        return term.end_date
    return max(on, term.start_date)


def roster_for_term(*, term: Term, on: dt.date) -> Roster:
    """Delegates of ``term`` in office on ``on``, grouped by delegate group (Tổ đại biểu).

    Two queries whatever the size: the delegates (with group and constituency)
    and the Standing Committee's chair on that day.
    """
    # The delegate list's order (given name first, Vietnamese collation), so the
    # roster, the page and the Excel export list people alike.
    delegates = (
        Delegate.objects.filter(term=term)
        .on(on)
        .select_related("delegate_group", "constituency")
        .order_by("sort_name", "id")
    )
    by_group: dict[int | None, list[Delegate]] = {}
    groups: dict[int, Committee] = {}
    for d in delegates:
        by_group.setdefault(d.delegate_group_id, []).append(d)
        if d.delegate_group_id:
            groups[d.delegate_group_id] = d.delegate_group
    ordered = sorted(groups.values(), key=lambda g: (g.order, vi_key(g.name)))
    sections = [(g.name, by_group[g.pk]) for g in ordered]
    if None in by_group:
        sections.append(("Đại biểu chưa phân tổ", by_group[None]))

    council = term.council
    result, number = [], 0
    for index, (name, members) in enumerate(sections):
        group = RosterGroup(ROMAN[index] if index < len(ROMAN) else str(index + 1), name)
        for d in members:
            number += 1
            post = position_workplace(
                d.position, d.workplace, commune_kind=council.commune_kind, commune=council.commune
            )
            group.rows.append(RosterRow(number, d, post))
        result.append(group)
    for row in [r for g in result for r in g.rows][-ROSTER_TAIL_ROWS:]:
        row.keep_with_next = True
    return Roster(term=term, on=on, groups=result, chair=standing_chair(term=term, on=on))


def standing_chair(*, term: Term, on: dt.date) -> Delegate | None:
    """The Chair of the Standing Committee (Chủ tịch HĐND) on ``on``."""
    membership = (
        Membership.objects.filter(
            committee__term=term,
            committee__kind=Committee.Kind.STANDING,
            role=Membership.Role.CHAIR,
        )
        .on(on)
        .select_related("delegate")
        .order_by("-start_date")
        .first()
    )
    return membership.delegate if membership else None


def roster_title(term: Term) -> str:
    council = term.council
    return (
        f"Danh sách đại biểu Hội đồng nhân dân {council.commune_kind} {council.commune} "
        f"khóa {term.roman_number}, nhiệm kỳ {term.name}"
    )


def roster_recipients(term: Term) -> list[str]:
    """ "Nơi nhận" of the roster: the city's Standing Committee, which keeps the rosters of its
    communes' delegates; never the commune's Standing Committee, which issues it."""
    kind = term.council.commune_kind
    return [
        city_standing(term.council).replace(";", " (để báo cáo);"),
        f"Thường trực Đảng ủy {kind};",
        f"UBND, Ủy ban MTTQ Việt Nam {kind};",
        f"Các đại biểu HĐND {kind};",
        "Lưu: VT.",
    ]


def roster_context(*, obj: Term, access, document, on: dt.date) -> dict:
    """The roster of term ``obj`` on ``on`` (kept within the term), ready to print."""
    term = obj
    roster = roster_for_term(term=term, on=roster_date(term, on))
    council = term.council
    return {
        "term": term,
        "roster": roster,
        "heading": Heading(
            "Danh sách",
            (
                f"ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN {council.issuer_line}",
                f"KHÓA {term.roman_number}, NHIỆM KỲ {term.name}",
            ),
            f"(Tính đến {long_date(roster.on)})",
        ),
        "signature": Signature(
            "TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", roster.chair.full_name if roster.chair else ""
        ),
        "recipients": roster_recipients(term),
        "summary": roster_summary(roster),
    }


def roster_summary(roster: Roster) -> str:
    return (
        f"Tổng số: {roster.total} đại biểu (chuyên trách: {roster.full_time}; kiêm nhiệm: "
        f"{roster.part_time}; nữ: {roster.women}; tham gia lần đầu: {roster.first_term})."
    )


# Column widths in mm, shared with councils/roster.html.
ROSTER_COLUMNS = [
    ("STT", 12),
    ("Họ và tên", 41),
    ("Năm sinh", 15),
    ("Chức vụ, nơi công tác", 48),
    ("Đơn vị bầu cử", 18),
    ("Ghi chú", 31),
]


def roster_signer(term: Term, on: dt.date) -> str:
    chair = standing_chair(term=term, on=roster_date(term, on))
    return chair.full_name if chair else ""


def register_documents() -> None:
    """The council's printed documents (called from ``CouncilsConfig.ready()``)."""
    register_document(
        DocumentKind(
            code=ROSTER_KIND,
            model=Term,
            type_code=ROSTER_TYPE,
            template="councils/roster.html",
            build_context=roster_context,
            title=roster_title,
            signer=roster_signer,
            print_policy=("councils.delegate", "export"),
            issuer_body=ROSTER_ISSUER_BODY,
            filename=lambda term: f"danh-sach-dai-bieu-khoa-{term.roman_number}",
            select_related=("council",),
            not_before=lambda term: term.election_date,
            record_url=lambda term: reverse("councils-delegate-list") + f"?term={term.pk}",
        )
    )

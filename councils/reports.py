"""Printed reports of the council's organisation (Decree 30/2020 layout).

The roster of delegates ("Danh sách đại biểu HĐND"): a selector that reads the
term's delegates in one query, and the view that prints it, with or without an
official number from the document register.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from councils.models import Committee, Delegate, Membership, Term
from hdnd_portal.core.permissions import require
from hdnd_portal.documents.engine import pdf_response, render_pdf
from hdnd_portal.documents.models import DocumentRegister, DocumentType
from hdnd_portal.documents.services import document_number_issue
from hdnd_portal.documents.text import Letterhead, Signature

ROSTER_TYPE = DocumentType.DS
ROSTER_ISSUER_BODY = "THƯỜNG TRỰC"
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

    @property
    def birth_year(self) -> int | None:
        return self.delegate.birth_date.year if self.delegate.birth_date else None

    @property
    def position_workplace(self) -> str:
        d = self.delegate
        return ", ".join(part for part in (d.position, d.workplace) if part)

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
    in_office = Q(started_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gte=on))
    delegates = (
        Delegate.objects.filter(term=term)
        .filter(in_office)
        .select_related("delegate_group", "constituency")
    )
    by_group: dict[int | None, list[Delegate]] = {}
    groups: dict[int, Committee] = {}
    for d in delegates:
        by_group.setdefault(d.delegate_group_id, []).append(d)
        if d.delegate_group_id:
            groups[d.delegate_group_id] = d.delegate_group
    ordered = sorted(groups.values(), key=lambda g: (g.order, g.name))
    sections = [(g.name, by_group[g.pk]) for g in ordered]
    if None in by_group:
        sections.append(("Đại biểu chưa phân tổ", by_group[None]))

    result, number = [], 0
    for index, (name, members) in enumerate(sections):
        group = RosterGroup(ROMAN[index] if index < len(ROMAN) else str(index + 1), name)
        for d in sorted(members, key=lambda d: d.sort_key):
            number += 1
            group.rows.append(RosterRow(number, d))
        result.append(group)
    return Roster(term=term, on=on, groups=result, chair=standing_chair(term=term, on=on))


def standing_chair(*, term: Term, on: dt.date) -> Delegate | None:
    """The Chair of the Standing Committee (Chủ tịch HĐND) on ``on``."""
    membership = (
        Membership.objects.filter(
            committee__term=term,
            committee__kind=Committee.Kind.STANDING,
            role=Membership.Role.CHAIR,
            start_date__lte=on,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
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


def roster_pdf_bytes(*, term: Term, on: dt.date, document: DocumentRegister | None = None) -> bytes:
    roster = roster_for_term(term=term, on=on)
    council = term.council
    letterhead = Letterhead.build(
        council=council,
        type_code=ROSTER_TYPE,
        body=ROSTER_ISSUER_BODY,
        document=document,
        draft_year=on.year,
    )
    signature = Signature(
        letterhead.issuing_body.signing_for,
        "CHỦ TỊCH",
        roster.chair.full_name if roster.chair else "",
    )
    return render_pdf(
        "councils/roster.html",
        {
            "council": council,
            "term": term,
            "roster": roster,
            "letterhead": letterhead,
            "signature": signature,
            "recipients": [
                f"Thường trực Đảng ủy {council.commune_kind};",
                f"Thường trực HĐND {council.commune_kind};",
                f"UBND, Ủy ban MTTQ Việt Nam {council.commune_kind};",
                f"Các đại biểu HĐND {council.commune_kind};",
                "Lưu: VT.",
            ],
        },
    )


# -- view ---------------------------------------------------------------------------


def _term_for_user(access, raw) -> Term:
    """The term asked for (default: the current one), within the user's council, or 404."""
    terms = Term.objects.visible_to(access).select_related("council")
    if raw in (None, ""):
        term = terms.filter(pk__in=_current_term_ids(access)).first()
    else:
        try:
            pk = int(raw)
        except (TypeError, ValueError):
            raise Http404 from None
        term = terms.filter(pk=pk).first()
    if term is None:
        raise Http404("Không tìm thấy nhiệm kỳ.")
    return term


def _current_term_ids(access):
    today = timezone.localdate()
    return (
        Term.objects.visible_to(access)
        .filter(start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .order_by("-start_date")
        .values("pk")[:1]
    )


def _roster_document(access, term: Term, raw) -> DocumentRegister:
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
    document = (
        DocumentRegister.objects.visible_to(access)
        .filter(
            pk=pk,
            type_code=ROSTER_TYPE,
            source_id=term.pk,
            source_type=ContentType.objects.get_for_model(Term),
        )
        .first()
    )
    if document is None:
        raise Http404("Không tìm thấy văn bản.")
    return document


@login_required
@require_http_methods(["GET", "POST"])
def roster_pdf(request):
    """The roster PDF. GET previews a draft (blank number) or reprints an issued one
    (``?document=``); POST gives it a number from the register, then shows it."""
    access = request.access
    require(access, "councils.delegate", "export")
    data = request.POST if request.method == "POST" else request.GET
    term = _term_for_user(access, data.get("term"))

    if request.method == "POST":
        require(access, "documents.documentregister", "add")
        issued_on = timezone.localdate()
        on = roster_date(term, issued_on)
        chair = standing_chair(term=term, on=on)
        document = document_number_issue(
            council=term.council,
            type_code=ROSTER_TYPE,
            issued_on=issued_on,
            title=roster_title(term),
            signer=chair.full_name if chair else "",
            created_by_id=request.user.pk,
            source=term,
        )
        messages.success(request, f"Đã cấp số {document.symbol} cho {roster_title(term)}.")
        return redirect(f"{reverse('councils-roster-pdf')}?term={term.pk}&document={document.pk}")

    document = None
    if data.get("document"):
        document = _roster_document(access, term, data["document"])
    on = roster_date(term, document.issued_on if document else None)
    pdf = roster_pdf_bytes(term=term, on=on, document=document)
    suffix = f"-so-{document.number:02d}-{document.year}" if document else "-du-thao"
    return pdf_response(pdf, f"danh-sach-dai-bieu-khoa-{term.roman_number}{suffix}.pdf")

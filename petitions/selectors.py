"""Reads of the petitions app: one function per list (pages, exports, API and PDFs), and the
one read model of a citizen's protected data (:func:`protected_view`)."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from hdnd_portal.core.access import Access
from petitions.crypto import blind_indexes, mask_id
from petitions.models import (
    MASKED_DENOUNCER,
    MASKED_TEXT,
    IdentityAccess,
    Letter,
    PetitionReport,
    PetitionSetting,
    Reception,
    ReceptionSchedule,
)

ANONYMOUS_SENDER = "Đơn nặc danh"
# What a reader who may not see a protected letter's sender is told of its link to another
# letter of the same sender: that there is one, never which (nor its kind).
POSSIBLE_DUPLICATE = "Có thể trùng với một đơn do Văn phòng xử lý"


# -- what a reader is shown of a citizen (Luật Tố cáo Art. 8.3, 47.2, 56; LEGAL.md §10) ---------


@dataclass(frozen=True)
class ProtectedView:
    """What one reader is shown of a reception's or a letter's citizen, field by field.

    ``values`` maps the model's field names (name, identity number, address, phone or
    representatives, and a letter's summary and content) to the value this reader sees;
    ``hidden`` names the fields whose stored value this reader does not see (the history page
    masks them, the edit form leaves them out). Building a view never writes: the page, API
    call or print that *shows* a revealed view logs it once
    (:func:`petitions.services.identity_showing_log`).
    """

    record: Letter | Reception
    values: Mapping[str, str]
    hidden: frozenset[str]
    revealed: bool  # a protected identity is shown to this reader
    masked: bool  # a protected identity is hidden from this reader
    # A letter's "same sender" link (``duplicate_of``): the letter this reader may follow, or
    # None with ``duplicate_note`` = POSSIBLE_DUPLICATE when the link would tie a protected
    # sender to another letter this reader may not see it behind.
    duplicate: Letter | None = None
    duplicate_note: str = ""

    @property
    def duplicate_label(self) -> str:
        """A list's or an export's cell: the letter's number, or the note."""
        return self.duplicate.code if self.duplicate is not None else self.duplicate_note

    def __getitem__(self, name: str) -> str:
        return self.values[name]


def protected_view(
    obj: Letter | Reception, access: Access | None = None, *, reveal: bool = False
) -> ProtectedView:
    """The one rule of what a reader sees of ``obj``'s citizen, for every output.

    ``reveal`` is True only for an output that shows one record to one reader (its detail and
    history pages, the API's detail, a printed copy): there the record's handlers and
    administrators see a protected identity, and the Office, administrators and handlers see
    an identity number in full. Lists, Excel exports, search results and texts sent to others
    (follow-ups, reminders) pass False: a protected identity is masked even for its handlers
    and identity numbers are partly masked; ``access`` is not read then (no query per row).
    """
    protected = obj.is_protected
    if protected:
        identity_shown = id_shown = reveal and obj.identity_visible_to(access)
    else:
        identity_shown, id_shown = True, reveal and obj.id_number_visible_to(access)
    name_field, *others, id_field = obj.identity_fields
    values: dict[str, str] = {}
    hidden: set[str] = set()
    values[name_field] = getattr(obj, name_field) if identity_shown else MASKED_DENOUNCER
    for name in others:
        values[name] = getattr(obj, name) if identity_shown else MASKED_TEXT
    if not identity_shown:
        hidden |= {name_field, *others}
    number = getattr(obj, id_field)
    if id_shown:
        values[id_field] = number
    else:
        values[id_field] = MASKED_TEXT if protected else mask_id(number)
        hidden.add(id_field)
    duplicate, duplicate_note = None, ""
    if isinstance(obj, Letter):
        if obj.anonymous:
            values[name_field] = ANONYMOUS_SENDER
        # "Nội dung có thông tin làm lộ danh tính": the summary and content are the identity.
        content_hidden = protected and obj.content_reveals_identity and not identity_shown
        for name in ("subject", "content"):
            values[name] = MASKED_TEXT if content_hidden else getattr(obj, name)
            if content_hidden:
                hidden.add(name)
        if obj.duplicate_of_id is not None:
            if same_sender_shown(obj, obj.duplicate_of, access, reveal=reveal):
                duplicate = obj.duplicate_of
            else:
                duplicate_note = POSSIBLE_DUPLICATE
                hidden.add("duplicate_of")
    return ProtectedView(
        record=obj,
        values=values,
        hidden=frozenset(hidden),
        revealed=protected and identity_shown,
        masked=protected and not identity_shown,
        duplicate=duplicate,
        duplicate_note=duplicate_note,
    )


def same_sender_shown(
    letter: Letter, other: Letter, access: Access | None = None, *, reveal: bool = False
) -> bool:
    """Whether a reader may see that two letters have the same sender (the duplicate link).

    Linking a protected letter to another one tells who sent it as surely as its name does:
    the link is shown only on an output that reveals (a record's page or endpoint) and only to
    a reader who sees the identity of each protected letter of the two — their handlers and
    administrators. Lists, exports and search never show it (``access`` is not read then)."""
    for x in (letter, other):
        if x.is_protected and not (reveal and x.identity_visible_to(access)):
            return False
    return True


def duplicates_shown(letter: Letter, access: Access | None) -> list[Letter]:
    """The later letters flagged as duplicates of ``letter`` that this reader may see linked."""
    if letter.is_protected and not letter.identity_visible_to(access):
        return []
    return [
        d
        for d in letter.duplicates.order_by("received_on", "id")
        if not d.is_protected or d.identity_visible_to(access)
    ]


def listed(field: str):
    """A list's or an export's column of a protected field: ``obj -> shown value``."""
    return lambda obj: protected_view(obj)[field]


def listed_duplicate(obj: Letter) -> str:
    """A list's or an export's "Trùng với" cell (:attr:`ProtectedView.duplicate_label`)."""
    return protected_view(obj).duplicate_label


def reception_list(*, access: Access | None) -> QuerySet[Reception]:
    return (
        Reception.objects.visible_to(access)
        .prefetch_related("receivers")
        .order_by("-received_on", "-id")
    )


def letter_list(*, access: Access | None) -> QuerySet[Letter]:
    return (
        Letter.objects.visible_to(access)
        .select_related("agency", "delegate", "duplicate_of")
        .order_by("-received_on", "-id")
    )


def schedule_list(*, access: Access | None) -> QuerySet[ReceptionSchedule]:
    return (
        ReceptionSchedule.objects.visible_to(access)
        .prefetch_related("delegates")
        .order_by("-date", "id")
    )


def report_list(*, access: Access | None) -> QuerySet[PetitionReport]:
    return PetitionReport.objects.visible_to(access).order_by("-period_end", "-id")


def setting_list(*, access: Access | None) -> QuerySet[PetitionSetting]:
    return PetitionSetting.objects.visible_to(access).order_by("-start_date", "-id")


def access_log_list(*, access: Access | None) -> QuerySet[IdentityAccess]:
    return (
        IdentityAccess.objects.visible_to(access)
        .select_related("user", "letter", "reception")
        .order_by("-accessed_at", "-id")
    )


def receptions_in_period(*, council_id: int, start: dt.date, end: dt.date):
    return (
        Reception.objects.filter(council_id=council_id, received_on__range=(start, end))
        .prefetch_related("receivers", "letters__agency")
        .order_by("received_on", "id")
    )


def letters_in_period(*, council_id: int, start: dt.date, end: dt.date):
    return (
        Letter.objects.filter(council_id=council_id, received_on__range=(start, end))
        .select_related("agency")
        .order_by("received_on", "id")
    )


def receptions_of_delegate(*, access: Access | None, delegate, limit: int = 10):
    return list(
        reception_list(access=access)
        .filter(receivers=delegate)
        .order_by("-received_on", "-id")[:limit]
    )


def citizen_data(*, access: Access | None, query: str) -> dict:
    """Everything held about the citizen named or numbered ``query`` that ``access`` may see
    (LEGAL.md §10): the stored values, for the citizen's own data request. A denunciation is
    included only for its handlers (and administrators)."""
    # The number's hash under every configured key: a rotation in progress loses no record.
    digests = blind_indexes(query)
    rq = Q(citizen_name__iexact=query) | Q(citizen_id_hash__in=digests)
    lq = Q(sender_name__iexact=query) | Q(sender_id_hash__in=digests)
    receptions = [
        r
        for r in Reception.objects.visible_to(access).filter(rq).prefetch_related("handlers")
        if r.identity_visible_to(access)
    ]
    letters = [
        x
        for x in Letter.objects.visible_to(access)
        .filter(lq)
        .select_related("agency")
        .prefetch_related("handlers")
        if x.identity_visible_to(access)
    ]
    return {
        "tra_cuu": query,
        "receptions": [
            {
                "ngay_tiep": r.received_on,
                "ho_ten": r.citizen_name,
                "so_cccd": r.citizen_id_number,
                "dia_chi": r.citizen_address,
                "phan_loai": r.get_kind_display(),
                "noi_dung": r.content,
                "huong_xu_ly": r.get_outcome_display(),
            }
            for r in receptions
        ],
        "letters": [
            {
                "so": x.code,
                "ngay_nhan": x.received_on,
                "ho_ten": x.sender_name,
                "so_cccd": x.sender_id_number,
                "dia_chi": x.sender_address,
                "dien_thoai": x.sender_phone,
                "phan_loai": x.get_kind_display(),
                "tom_tat": x.subject,
                "tinh_trang": x.get_state_display(),
                "co_quan": x.agency.name if x.agency else "",
            }
            for x in letters
        ],
    }


# -- what the agency answering a forwarded letter reads on its follow-up item -------------------


def letter_followup_panel(access: Access, followup) -> dict | None:
    """The forwarded letter as the agency must read it to answer (issue 23): its content as the
    law lets it be read (a protected denouncer stays masked: the agency is not the letter's
    handler), the day it was forwarded and the forwarding slip, openable by that agency
    (``DocumentKind.addressee``). ``None`` when the item's source is not a letter of the council."""
    from hdnd_portal.documents import printing
    from petitions.reports import FORWARDING_SLIP

    letter = (
        Letter.objects.filter(council_id=access.council_id, pk=followup.source_id)
        .select_related("agency", "duplicate_of")
        .first()
    )
    if letter is None:
        return None
    view = protected_view(letter, access)
    values = view.values
    rows = [
        ("Đơn", str(letter)),
        ("Ngày nhận đơn", letter.received_on),
        ("Người gửi", values["sender_name"]),
        ("Địa chỉ người gửi", values["sender_address"]),
        ("Tóm tắt nội dung", values["subject"]),
        ("Nội dung đơn", values["content"] or "—"),
        ("Cơ quan nhận", letter.agency),
        ("Ngày chuyển đơn", letter.forwarded_on),
    ]
    links = []
    kind = printing.document_kind(FORWARDING_SLIP)
    slip = printing.issued_copy(kind, letter)
    if slip is not None and printing.may_open_issued(access, kind, letter):
        from django.urls import reverse

        url = reverse("documents-print", args=[FORWARDING_SLIP, letter.pk])
        links.append(
            (
                f"Phiếu chuyển đơn số {slip.symbol}, ngày {slip.issued_on:%d/%m/%Y}",
                f"{url}?document={slip.pk}",
            )
        )
    elif letter.forward_document:
        rows.append(("Văn bản chuyển đơn", letter.forward_document))
    note = ""
    if letter.is_protected:
        note = (
            "Danh tính người tố cáo được giữ bí mật theo Luật Tố cáo: chỉ người giải quyết "
            "đơn được xem."
        )
    return {"title": "Đơn được chuyển đến", "rows": rows, "links": links, "note": note}

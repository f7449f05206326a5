"""One printing API for every official document an app prints.

An app describes a document kind once (:class:`DocumentKind`) and registers it in
its ``AppConfig.ready()`` with :func:`register_document`. The one view
``documents-print`` (``/documents/print/<kind>/<pk>/``) then handles, for every
kind, what each app would otherwise copy: the permission checks, the object
look-up within the user's council, the draft preview (marked "DỰ THẢO", with a
blank number and a blank day and month for the signer), issuing a number from
the register (POST), reprinting an issued copy (``?document=``) and the Word twin
(``?format=docx``).

A kind's ``build_context`` returns its own data plus three keys every document
has: ``heading`` (:class:`~hdnd_portal.documents.text.Heading`), ``signature``
(:class:`~hdnd_portal.documents.text.Signature`) and ``recipients`` (the lines of
"Nơi nhận", never the issuing body itself). The registry adds ``letterhead``,
``draft``, ``document``, ``object``, ``council`` and ``kind``.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from hdnd_portal.core.permissions import can, require
from hdnd_portal.documents.engine import render_html, render_pdf
from hdnd_portal.documents.htmldocx import docx_from_html
from hdnd_portal.documents.models import DocumentRegister
from hdnd_portal.documents.policies import DOCUMENT_REGISTER
from hdnd_portal.documents.services import document_number_issue
from hdnd_portal.documents.text import DEFAULT_ISSUER_CODE, Letterhead, Signature
from hdnd_portal.followups.services import followups_fulfil

User = get_user_model()
Policy = tuple[str, str]  # (resource key, action) checked with core.permissions.can


@dataclass(frozen=True)
class DocumentKind:
    """A document an app prints: what it is, how to fill it, who may print and issue it.

    ``build_context(*, obj, access, document, on)`` is the kind's selector and
    assembly (``document`` is the register entry of an issued copy, or ``None`` for
    a draft; ``on`` its issue date, or today for a draft). The Word twin is converted
    from the same rendered HTML as the PDF (``htmldocx``): a kind writes no Word code.
    """

    code: str  # "councils.roster": unique, used in the URL
    model: type  # a council-scoped model with ``objects.visible_to(access)``
    type_code: str  # DocumentType
    template: str  # extends "documents/official_base.html"
    build_context: Callable[..., dict]
    title: Callable[[Any], str]  # trích yếu, written in the register
    signer: Callable[[Any, dt.date], str]
    print_policy: Policy
    issue_policy: Policy = (DOCUMENT_REGISTER, "add")
    issuer_body: str | None = None  # "THƯỜNG TRỰC", "BAN KINH TẾ - NGÂN SÁCH"; None: the HĐND
    issuer_code: str = DEFAULT_ISSUER_CODE
    filename: Callable[[Any], str] | None = None  # file name without suffix or extension
    select_related: tuple[str, ...] = ()
    # The issuer's own series when it depends on the record: a Ban numbers its examination
    # reports "05/BC-KTNS" (DOCUMENTS.md, "Common to all"). None: ``issuer_code``.
    issuer_code_for: Callable[[Any], str] | None = None
    # An issued copy of this kind may be sent up to the city's HĐND ("Gửi HĐND thành phố").
    sends_upward: bool = False

    # The day of the event the document records (the vote, the session's closing day, the
    # plan's decision): it is not signed before. ``None``: no lower bound but the record's.
    not_before: Callable[[Any], dt.date | None] | None = None
    # The signing date the confirmation form offers (today when ``None`` or it gives None).
    default_on: Callable[[Any], dt.date | None] | None = None
    # The page of the record that offers the document (default ``obj.get_absolute_url()``).
    record_url: Callable[[Any], str] | None = None
    # Issuing through the app's own command (``issue(obj=, user_id=, on=, signer=)`` returns
    # the register entry), when the record keeps its number itself (a resolution's document).
    issue: Callable[..., DocumentRegister] | None = None
    # Whether the record can be issued yet (a resolution once passed, a vote once closed);
    # ``None``: always. The menu offers "Cấp số và in" only then.
    issuable: Callable[[Any], bool] | None = None
    # ``fn(access, obj) -> bool``: the body an issued copy is addressed to (the agency a letter
    # is forwarded to) may open that issued copy without the print permission — the issued
    # copy only, never the draft, the Word twin's confirmation or the issuing.
    addressee: Callable[[Any, Any], bool] | None = None


def kind_issuer_code(kind: DocumentKind, obj) -> str:
    """The issuer code ``obj``'s document is numbered under as ``kind``."""
    if kind.issuer_code_for is not None:
        return kind.issuer_code_for(obj) or kind.issuer_code
    return kind.issuer_code


_KINDS: dict[str, DocumentKind] = {}


def register_document(kind: DocumentKind) -> None:
    """Make ``kind`` printable. Registering the same code twice replaces it (reloads)."""
    _KINDS[kind.code] = kind


def document_kinds() -> dict[str, DocumentKind]:
    return dict(_KINDS)


def document_kind(code: str) -> DocumentKind:
    """The registered kind, or 404."""
    try:
        return _KINDS[code]
    except KeyError:
        raise Http404("Không có loại văn bản in này.") from None


def kind_for_entry(document: DocumentRegister) -> DocumentKind | None:
    """The kind a register entry was issued from, if its source is a registered kind."""
    if document.kind_code:
        return _KINDS.get(document.kind_code)
    if not document.source_type_id or document.source_id is None:
        return None
    model = ContentType.objects.get_for_id(document.source_type_id).model_class()
    for kind in _KINDS.values():
        if kind.model is model and kind.type_code == document.type_code:
            return kind
    return None


def print_url(kind: DocumentKind, obj_pk: int, *, document=None, docx=False, confirm=False) -> str:
    url = reverse("documents-print", kwargs={"kind": kind.code, "pk": obj_pk})
    params = []
    if document is not None:
        params.append(f"document={document.pk}")
    if docx:
        params.append("format=docx")
    if confirm:
        params.append("issue=confirm")
    return url + (f"?{'&'.join(params)}" if params else "")


def record_url(kind: DocumentKind, obj) -> str:
    """The page of ``obj`` that offers this kind (its menu, "Cấp số và in")."""
    if kind.record_url is not None:
        return kind.record_url(obj)
    return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "/"


# -- the signing date ----------------------------------------------------------------


def not_before(kind: DocumentKind, obj) -> dt.date | None:
    """The earliest signing date: the day of the event the document records."""
    return kind.not_before(obj) if kind.not_before is not None else None


def default_on(kind: DocumentKind, obj) -> dt.date:
    """The signing date offered: the kind's (the event's day, when recording after it), kept
    inside [not_before, today]; else today."""
    today = timezone.localdate()
    on = (kind.default_on(obj) if kind.default_on is not None else None) or today
    earliest = not_before(kind, obj)
    if earliest is not None and on < earliest:
        on = earliest
    return min(on, today) if earliest is None or earliest <= today else on


def signing_date_errors(kind: DocumentKind, obj, on: dt.date) -> list[str]:
    """Why ``on`` cannot be the signing date of ``obj``'s document (empty: it can)."""
    today = timezone.localdate()
    errors = []
    earliest = not_before(kind, obj)
    if earliest is not None and on < earliest:
        errors.append(
            f"Ngày ký ({on:%d/%m/%Y}) không được trước ngày {earliest:%d/%m/%Y} "
            "của sự việc văn bản ghi nhận."
        )
    if on > today:
        errors.append(
            f"Ngày ký ({on:%d/%m/%Y}) không được sau ngày hôm nay ({today:%d/%m/%Y}): "
            "chỉ cấp số văn bản đã ký."
        )
    return errors


# -- the permission gate -------------------------------------------------------------


def may_print(access, kind: DocumentKind) -> bool:
    return can(access, *kind.print_policy)


def may_issue(access, kind: DocumentKind) -> bool:
    return may_print(access, kind) and can(access, *kind.issue_policy)


def printable_object_for_user(access, kind: DocumentKind, pk):
    """The object to print: 403 without the print permission, 404 outside the user's council.

    Without it, the kind's addressee (:attr:`DocumentKind.addressee`) gets the object too; the
    view then shows it issued copies only (:func:`may_print` is false for them).
    """
    if kind.addressee is not None and access is not None and not may_print(access, kind):
        obj = _addressed_object(access, kind, pk)
        if obj is None:
            raise PermissionDenied
        return obj
    require(access, *kind.print_policy)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    queryset = kind.model.objects.visible_to(access)
    if kind.select_related:
        queryset = queryset.select_related(*kind.select_related)
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404("Không tìm thấy bản ghi cần in, hoặc bản ghi không thuộc HĐND của bạn.")
    return obj


def _addressed_object(access, kind: DocumentKind, pk):
    """``pk`` of the user's council, if the kind's addressee test admits the user."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    queryset = kind.model.objects.filter(council_id=access.council_id)
    if kind.select_related:
        queryset = queryset.select_related(*kind.select_related)
    obj = queryset.filter(pk=pk).first()
    return obj if obj is not None and kind.addressee(access, obj) else None


def may_open_issued(access, kind: DocumentKind, obj) -> bool:
    """Whether the user may open ``obj``'s issued copies of ``kind`` (printers and addressees)."""
    if may_print(access, kind):
        return True
    return kind.addressee is not None and obj is not None and bool(kind.addressee(access, obj))


def issued_document_for_user(access, kind: DocumentKind, obj, raw) -> DocumentRegister:
    """The register entry issued from ``obj`` as this kind, within the user's council, or 404."""
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        raise Http404("Số văn bản không hợp lệ.") from None
    document = (
        DocumentRegister.objects.visible_to(access)
        .filter(
            pk=pk,
            type_code=kind.type_code,
            source_type=ContentType.objects.get_for_model(kind.model),
            source_id=obj.pk,
        )
        # Issued as this kind, even if the Ban's code changed since (``issuer_code_for``).
        .filter(Q(kind_code=kind.code) | Q(issuer_code=kind_issuer_code(kind, obj)))
        .first()
    )
    if document is None:
        raise Http404("Không tìm thấy văn bản đã cấp số của bản ghi này.")
    return document


# -- issuing and rendering -----------------------------------------------------------


def issued_copy(kind: DocumentKind, obj) -> DocumentRegister | None:
    """The register entry ``obj`` was issued as ``kind``, if it has been."""
    return DocumentRegister.objects.filter(
        source_type=ContentType.objects.get_for_model(kind.model),
        source_id=obj.pk,
        kind_code=kind.code,
    ).first()


def issued_copies(kinds, objects) -> dict[tuple[str, int], DocumentRegister]:
    """The register entries issued from ``objects`` as ``kinds``, in one query, keyed by
    (kind code, object pk)."""
    kinds = list(kinds)
    pks = {obj.pk for obj in objects if obj is not None}
    if not kinds or not pks:
        return {}
    models = {kind.model for kind in kinds}
    types = ContentType.objects.get_for_models(*models).values()
    entries = DocumentRegister.objects.filter(
        source_type__in=list(types),
        source_id__in=pks,
        kind_code__in=[kind.code for kind in kinds],
    )
    return {(entry.kind_code, entry.source_id): entry for entry in entries}


def document_issue(
    *,
    kind: DocumentKind,
    obj,
    user_id: int | None,
    on: dt.date | None = None,
    signer: str | None = None,
) -> tuple[DocumentRegister, bool]:
    """Give ``obj``'s document a number from the register, once per record and kind.

    Returns ``(entry, created)``. A second call (a double click, a second tab, two clerks at
    once) gets the entry already issued and ``created=False``: numbers are never withdrawn, so
    none may be issued twice. The register's unique constraint on (source, kind) is the guard
    against the race the first read cannot see: the loser's number, taken inside its own
    savepoint, rolls back with it and the counter does not move.

    ``on`` is the signing date (today by default; its year is the number's series), ``signer``
    the name printed under the signature (default ``kind.signer(obj, on)``). The follow-ups of ``obj`` whose kind names
    this printed kind (``register_kind(fulfilled_by=)``) are done once it is issued."""
    existing = issued_copy(kind, obj)
    if existing is not None:
        return existing, False
    issued_on = on or timezone.localdate()
    if signer is None:
        signer = kind.signer(obj, issued_on)
    try:
        with transaction.atomic():
            if kind.issue is not None:
                document = kind.issue(obj=obj, user_id=user_id, on=issued_on, signer=signer)
            else:
                document = document_number_issue(
                    council=obj.council,
                    type_code=kind.type_code,
                    issuer_code=kind_issuer_code(kind, obj),
                    issued_on=issued_on,
                    title=kind.title(obj),
                    signer=signer,
                    created_by_id=user_id,
                    source=obj,
                    kind_code=kind.code,
                )
    except IntegrityError:
        existing = issued_copy(kind, obj)
        if existing is None:
            raise
        return existing, False
    followups_fulfil(
        source=obj,
        document_kind=kind.code,
        by_user=User.objects.filter(pk=user_id).first() if user_id else None,
        note=f"Đã ban hành văn bản số {document.symbol} ngày {document.issued_on:%d/%m/%Y}.",
    )
    return document, True


def document_context(*, kind: DocumentKind, obj, access, document=None) -> dict:
    """Everything the PDF template and the Word twin show, for a draft or an issued copy."""
    on = document.issued_on if document is not None else timezone.localdate()
    council = obj.council
    context = {
        "kind": kind,
        "object": obj,
        "council": council,
        "document": document,
        "draft": document is None,
        "letterhead": Letterhead.build(
            council=council,
            type_code=kind.type_code,
            body=kind.issuer_body,
            issuer_code=kind_issuer_code(kind, obj),
            document=document,
            draft_year=on.year,
        ),
    }
    context.update(kind.build_context(obj=obj, access=access, document=document, on=on))
    signature = context.get("signature")
    if document is not None and document.signer and isinstance(signature, Signature):
        # The issued copy is signed by the one the clerk confirmed (the register's signer).
        context["signature"] = dataclasses.replace(signature, name=document.signer)
    return context


def document_pdf(context: dict) -> bytes:
    return render_pdf(context["kind"].template, context)


def document_docx(context: dict) -> bytes:
    """The Word twin: the HTML the PDF is printed from, converted (one body for both)."""
    return docx_from_html(render_html(context["kind"].template, context))


def document_filename(context: dict, extension: str) -> str:
    kind, obj, document = context["kind"], context["object"], context["document"]
    base = kind.filename(obj) if kind.filename else f"{kind.code.replace('.', '-')}-{obj.pk}"
    suffix = f"-so-{document.number:02d}-{document.year}" if document else "-du-thao"
    return f"{base}{suffix}.{extension}"

"""Electronic issuance of an issued copy and sending it up to the city (issue 20, items 5, 6).

Commands: :func:`document_sign` ("Ký số": the issued copy rendered, signed with the council's
certificate, kept as the issued copy from then on), :func:`signature_recheck` and
:func:`document_send_upward` ("Gửi HĐND thành phố": the PDF as sent, frozen with its hash).
Each runs once per register entry: a second call returns what the first one made.
"""

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from hdnd_portal.documents import printing, signing
from hdnd_portal.documents.engine import render_document
from hdnd_portal.documents.models import Dispatch, DocumentRegister, SignedCopy


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _source(document: DocumentRegister):
    """The kind and the record an entry was issued from, or a refusal: an entry typed into the
    register by hand has no copy the portal prints, hence none it can sign or send."""
    kind = printing.kind_for_entry(document)
    obj = None
    if kind is not None and document.source_id is not None:
        obj = kind.model._base_manager.filter(pk=document.source_id).first()
    if kind is None or obj is None:
        raise ValidationError(
            "Văn bản này được vào sổ bằng tay, không do cổng in ra: không có bản để ký số "
            "hay gửi đi."
        )
    return kind, obj


def signed_copy_of(document: DocumentRegister) -> SignedCopy | None:
    return SignedCopy.objects.filter(document=document).first()


def dispatch_of(document: DocumentRegister) -> Dispatch | None:
    return Dispatch.objects.filter(document=document).first()


def issued_render(*, document: DocumentRegister, access, electronic: bool = False):
    """The issued copy's PDF and file name, and (``electronic``) where the signer's space fell."""
    kind, obj = _source(document)
    context = printing.document_context(kind=kind, obj=obj, access=access, document=document)
    context["electronic"] = electronic
    rendered = render_document(kind.template, context)
    placement, page_size = signing.locate(rendered)
    return rendered.write_pdf(), printing.document_filename(context, "pdf"), placement, page_size


def document_sign(*, document: DocumentRegister, access, by_user) -> tuple[SignedCopy, bool]:
    """Sign ``document``'s issued copy (PAdES) with the council's certificate, once.

    Returns ``(signed copy, created)``; a second call gets the copy already signed."""
    existing = signed_copy_of(document)
    if existing is not None:
        return existing, False
    pdf, filename, placement, page_size = issued_render(
        document=document, access=access, electronic=True
    )
    council = document.council
    now = timezone.now()
    try:
        signed = signing.sign_pdf(
            pdf,
            organisation=council.name,
            placement=placement,
            page_size=page_size,
            location=f"{council.commune_kind} {council.commune}, {council.province}",
            when=now,
        )
    except signing.SigningUnavailable as exc:
        raise ValidationError(str(exc)) from exc
    check = signing.signature_check(signed)
    copy = SignedCopy(
        document=document,
        sha256=_sha256(signed),
        signed_at=now,
        signed_by=by_user,
        certificate_subject=check.signer[:500],
        valid=check.valid,
        checked_at=now,
        check_summary=check.summary[:300],
    )
    return _save_once(
        copy,
        filename.replace(".pdf", "-ky-so.pdf"),
        signed,
        existing=lambda: signed_copy_of(document),
    )


def signature_recheck(*, copy: SignedCopy) -> signing.SignatureCheck:
    """Validate the stored signed file again (its bytes as kept) and record the result."""
    with copy.file.open("rb") as handle:
        data = handle.read()
    check = signing.signature_check(data)
    if check.valid and _sha256(data) != copy.sha256:
        # Another validly signed file put in its place: not the copy that was signed here.
        check = signing.SignatureCheck(
            False,
            check.trusted,
            check.signer,
            check.signed_at,
            "Chữ ký không hợp lệ: tệp đang lưu không phải tệp đã ký số (mã băm khác).",
        )
    copy.valid = check.valid
    copy.checked_at = timezone.now()
    copy.check_summary = check.summary[:300]
    copy.save(update_fields=["valid", "checked_at", "check_summary"])
    return check


def document_send_upward(*, document: DocumentRegister, access, by_user) -> tuple[Dispatch, bool]:
    """Send an issued report of a kind that goes up (``DocumentKind.sends_upward``) to the
    city's HĐND: the signed copy when there is one, else the issued render, frozen. Once per
    document: a second call gets the dispatch already made."""
    kind, _obj = _source(document)
    if not kind.sends_upward:
        raise ValidationError("Loại văn bản này không gửi lên HĐND thành phố.")
    existing = dispatch_of(document)
    if existing is not None:
        return existing, False
    copy = signed_copy_of(document)
    if copy is not None:
        with copy.file.open("rb") as handle:
            pdf = handle.read()
        filename = copy.file.name.rsplit("/", 1)[-1]
    else:
        pdf, filename, _placement, _size = issued_render(document=document, access=access)
    council = document.council
    dispatch = Dispatch(
        council=council,
        document=document,
        kind_code=kind.code,
        commune=council.short_name,
        symbol=document.symbol,
        title=document.title,
        issued_on=document.issued_on,
        sent_at=timezone.now(),
        sent_by=by_user,
        signed=copy is not None,
        sha256=_sha256(pdf),
    )
    return _save_once(dispatch, filename, pdf, existing=lambda: dispatch_of(document))


def _save_once(record, filename: str, content: bytes, *, existing):
    """Store ``record`` with its file, once per document: ``(record, True)``; when another
    request stored one first (the unique constraint), its file is removed again and the
    stored record returned, ``(existing, False)``."""
    record.file.save(filename, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        record.file.delete(save=False)
        stored = existing()
        if stored is None:
            raise
        return stored, False
    return record, True


def local_time(value: dt.datetime) -> str:
    return f"{timezone.localtime(value):%H:%M ngày %d/%m/%Y}"

"""The register of official documents (Sổ văn bản) and the one print view of every kind."""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hdnd_portal.core.actions import Confirm
from hdnd_portal.core.permissions import require
from hdnd_portal.core.resources import Resource
from hdnd_portal.db_router import use_replica
from hdnd_portal.documents import printing
from hdnd_portal.documents import services as document_services
from hdnd_portal.documents.engine import pdf_response
from hdnd_portal.documents.filters import DocumentRegisterFilter
from hdnd_portal.documents.forms import DocumentRegisterForm
from hdnd_portal.documents.models import DocumentRegister
from hdnd_portal.documents.policies import DOCUMENT_REGISTER
from hdnd_portal.documents.wordfile import docx_response


def _register_detail_links(request, document):
    """ "Mở bản PDF" / "Bản Word" on an entry issued from a printable record."""
    kind = printing.kind_for_entry(document)
    if kind is None or not printing.may_print(request.access, kind):
        return {}
    return {
        "print_pdf_url": printing.print_url(kind, document.source_id, document=document),
        "print_docx_url": printing.print_url(
            kind, document.source_id, document=document, docx=True
        ),
    }


register = Resource(
    DocumentRegister,
    DocumentRegisterFilter,
    DocumentRegisterForm,
    policy=DOCUMENT_REGISTER,  # registered in DocumentsConfig.ready()
    url_prefix="register",
    select_related=("created_by",),
    ordering=("-year", "-issued_on", "-number", "-id"),
    command=document_services.register_entry_save,
    detail_template="documents/documentregister_detail.html",
    extra_detail_context=_register_detail_links,
    columns=[
        ("Số, ký hiệu", "symbol"),
        ("Ngày ban hành", "issued_on"),
        ("Loại", "type_code"),
        ("Trích yếu", "title"),
        ("Người ký", "signer"),
    ],
    export_columns=[
        ("Số, ký hiệu", "symbol"),
        ("Ngày ban hành", "issued_on"),
        ("Loại", "type_code"),
        ("Cơ quan ban hành", "issuer_code"),
        ("Trích yếu", "title"),
        ("Người ký", "signer"),
        ("Người cấp số", "created_by"),
        ("Cấp số lúc", "created_at"),
    ],
    detail_fields=[
        ("Số, ký hiệu", "symbol"),
        ("Loại văn bản", "type_code"),
        ("Cơ quan ban hành", "issuer_code"),
        ("Ngày ban hành", "issued_on"),
        ("Trích yếu", "title"),
        ("Người ký", "signer"),
        ("Người cấp số", "created_by"),
        ("Cấp số lúc", "created_at"),
    ],
)


FORMATS = ("pdf", "docx")


def _confirm_issue(request, access, kind, obj):
    """ "Cấp số và in" from a record's page: first a page naming the consequence (a number is
    never withdrawn); its button posts to the print view. Already issued: the issued copy."""
    require(access, *kind.issue_policy)
    issued = printing.issued_copy(kind, obj)
    if issued is not None:
        messages.info(
            request,
            f"Văn bản này đã được cấp số {issued.symbol} ngày {issued.issued_on:%d/%m/%Y}.",
        )
        return redirect(printing.print_url(kind, obj.pk, document=issued))
    title = kind.title(obj)
    back = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "/"
    return render(
        request,
        "core/confirm.html",
        {
            "confirm": Confirm(
                title="Cấp số và in",
                consequence=(
                    f"“{title}” được ghi vào Sổ văn bản với số tiếp theo của loại văn bản này, "
                    f"ngày ký {timezone.localdate():%d/%m/%Y}; số đã cấp không thu hồi được."
                ),
                button="Cấp số và in",
            ),
            "action": request.path,
            "cancel_url": back,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def print_document(request, kind, pk):
    """Print a record as an official document of ``kind``.

    GET: the draft ("DỰ THẢO", blank number and day/month) or, with ``?document=``,
    the issued copy with its number and date; ``?format=docx`` gives the Word twin.
    POST: give it a number from the register, then show the issued copy.
    """
    access = request.access
    kind = printing.document_kind(kind)
    obj = printing.printable_object_for_user(access, kind, pk)

    if request.method == "POST":
        require(access, *kind.issue_policy)
        document, created = printing.document_issue(kind=kind, obj=obj, user_id=request.user.pk)
        if created:
            messages.success(request, f"Đã cấp số {document.symbol}: {document.title}.")
        else:
            messages.info(
                request,
                f"Văn bản này đã được cấp số {document.symbol} ngày "
                f"{document.issued_on:%d/%m/%Y}: đây là bản đã cấp, không cấp số lần thứ hai.",
            )
        return redirect(printing.print_url(kind, obj.pk, document=document))

    if request.GET.get("issue") == "confirm":
        return _confirm_issue(request, access, kind, obj)
    output = request.GET.get("format") or "pdf"
    if output not in FORMATS:
        raise Http404("Chỉ in được bản PDF hoặc bản Word (format=docx).")
    document = None
    if request.GET.get("document"):
        document = printing.issued_document_for_user(access, kind, obj, request.GET["document"])
    # A draft reads its rows from the read replica when there is one; an issued copy (just
    # numbered, perhaps) from the primary.
    with use_replica() if document is None else nullcontext():
        context = printing.document_context(kind=kind, obj=obj, access=access, document=document)
        if output == "docx":
            return docx_response(
                printing.document_docx(context), printing.document_filename(context, "docx")
            )
        return pdf_response(
            printing.document_pdf(context), printing.document_filename(context, "pdf")
        )

"""The register of official documents (Sổ văn bản) and the one print view of every kind."""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hdnd_portal.core.permissions import require
from hdnd_portal.core.resources import Resource
from hdnd_portal.db_router import use_replica
from hdnd_portal.documents import printing
from hdnd_portal.documents import services as document_services
from hdnd_portal.documents.engine import pdf_response
from hdnd_portal.documents.filters import DocumentRegisterFilter
from hdnd_portal.documents.forms import DocumentRegisterForm, IssueConfirmForm
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


def _already_issued(request, kind, obj, issued):
    messages.info(
        request,
        f"Văn bản này đã được cấp số {issued.symbol} ngày {issued.issued_on:%d/%m/%Y}: "
        "đây là bản đã cấp, không cấp số lần thứ hai.",
    )
    return redirect(printing.print_url(kind, obj.pk, document=issued))


def _confirm_issue(request, access, kind, obj):
    """ "Cấp số và in" from a record's page: a form with the signing date (not before the
    event the document records, not after today) and the signer, naming the consequence (a
    number is never withdrawn). GET shows it, POST issues. Already issued: the issued copy."""
    require(access, *kind.issue_policy)
    issued = printing.issued_copy(kind, obj)
    if issued is not None:
        return _already_issued(request, kind, obj, issued)
    if request.method == "POST":
        # A one-button POST (an older page, a script) gets the form's defaults; the date rules
        # still apply, the signer may stay blank as the kind gives it.
        legacy = "issued_on" not in request.POST and "signer" not in request.POST
        form = IssueConfirmForm(
            _with_defaults(request.POST, kind, obj),
            kind=kind,
            obj=obj,
            signer_required=not legacy,
        )
        if form.is_valid():
            try:
                document, created = printing.document_issue(
                    kind=kind,
                    obj=obj,
                    user_id=request.user.pk,
                    on=form.cleaned_data["issued_on"],
                    signer=form.cleaned_data["signer"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if not created:
                    return _already_issued(request, kind, obj, document)
                messages.success(
                    request,
                    f"Đã cấp số {document.symbol} ngày {document.issued_on:%d/%m/%Y}: "
                    f"{document.title}.",
                )
                return redirect(printing.print_url(kind, obj.pk, document=document))
    else:
        form = IssueConfirmForm(kind=kind, obj=obj)
    return render(
        request,
        "documents/issue_confirm.html",
        {
            "form": form,
            "kind": kind,
            "object": obj,
            "title": kind.title(obj),
            "not_before": printing.not_before(kind, obj),
            "action": printing.print_url(kind, obj.pk, confirm=True),
            "draft_url": printing.print_url(kind, obj.pk),
            "cancel_url": printing.record_url(kind, obj),
        },
        status=400 if form.is_bound else 200,
    )


def _with_defaults(data, kind, obj):
    """The posted form, with the date and signer it would have offered when a field is absent
    (an older page's one-button form): the rules still apply to them."""
    missing = [name for name in ("issued_on", "signer") if name not in data]
    if not missing:
        return data
    data = data.copy()
    form = IssueConfirmForm(kind=kind, obj=obj)
    for name in missing:
        value = form.fields[name].initial
        data[name] = value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else value
    return data


@login_required
@require_http_methods(["GET", "POST"])
def print_document(request, kind, pk):
    """Print a record as an official document of ``kind``.

    GET: the draft ("DỰ THẢO", blank number and day/month) or, with ``?document=``,
    the issued copy with its number and date; ``?format=docx`` gives the Word twin;
    ``?issue=confirm`` the confirmation form (signing date, signer).
    POST: the confirmation form: give it a number from the register, then show the issued copy.
    """
    access = request.access
    kind = printing.document_kind(kind)
    obj = printing.printable_object_for_user(access, kind, pk)

    if request.method == "POST" or request.GET.get("issue") == "confirm":
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

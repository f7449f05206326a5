"""The register of official documents (Sổ văn bản) and the one print view of every kind."""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hdnd_portal.core.actions import Confirm, command_button
from hdnd_portal.core.files import stored_file_response
from hdnd_portal.core.listing import (
    column_rows,
    export_requested,
    export_response,
    htmx_partial,
    paginate,
    resolve,
)
from hdnd_portal.core.permissions import can, get_object_for_user, require
from hdnd_portal.core.resources import Resource
from hdnd_portal.db_router import use_replica
from hdnd_portal.documents import electronic, printing
from hdnd_portal.documents import services as document_services
from hdnd_portal.documents.engine import pdf_response
from hdnd_portal.documents.filters import DispatchFilter, DocumentRegisterFilter
from hdnd_portal.documents.forms import DocumentRegisterForm, IssueConfirmForm
from hdnd_portal.documents.models import Dispatch, DocumentRegister
from hdnd_portal.documents.policies import DISPATCH, DOCUMENT_REGISTER, SIGNED_COPY
from hdnd_portal.documents.wordfile import docx_response


def _register_detail_links(request, document):
    """ "Mở bản PDF" / "Bản Word" on an entry issued from a printable record, its electronic
    signature ("Ký số", whether it is valid) and its sending to the city."""
    access = request.access
    kind = printing.kind_for_entry(document)
    signed = electronic.signed_copy_of(document)
    dispatch = electronic.dispatch_of(document)
    context = {"signed_copy": signed, "dispatch": dispatch}
    if kind is None or not printing.may_print(access, kind):
        return context
    may_issue = printing.may_issue(access, kind)
    context.update(
        print_pdf_url=printing.print_url(kind, document.source_id, document=document),
        print_docx_url=printing.print_url(kind, document.source_id, document=document, docx=True),
        can_sign=signed is None and may_issue and can(access, SIGNED_COPY, "add"),
        can_recheck=signed is not None and can(access, SIGNED_COPY, "change"),
        can_send=kind.sends_upward and dispatch is None and can(access, DISPATCH, "add"),
        sends_upward=kind.sends_upward,
    )
    return context


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
    if not printing.may_print(access, kind) and (
        request.method == "POST" or not request.GET.get("document")
    ):
        # The addressee of an issued copy (``DocumentKind.addressee``) opens that copy only.
        raise PermissionDenied("Chỉ xem được bản đã cấp số gửi đến cơ quan của bạn.")

    if request.method == "POST" or request.GET.get("issue") == "confirm":
        return _confirm_issue(request, access, kind, obj)
    output = request.GET.get("format") or "pdf"
    if output not in FORMATS:
        raise Http404("Chỉ in được bản PDF hoặc bản Word (format=docx).")
    document = None
    if request.GET.get("document"):
        document = printing.issued_document_for_user(access, kind, obj, request.GET["document"])
        signed = electronic.signed_copy_of(document) if output == "pdf" else None
        if signed is not None:
            # Signed electronically: the signed file is the issued copy from then on.
            return stored_file_response(
                signed.file, filename=signed.file.name.rsplit("/", 1)[-1], as_attachment=False
            )
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


# -- electronic signature and sending upward ---------------------------------------------------


def _register_entry(access, pk) -> DocumentRegister:
    """An entry of the user's council (404 outside it)."""
    return get_object_for_user(
        access, DocumentRegister.objects.select_related("council"), pk, DOCUMENT_REGISTER
    )


@login_required
@require_POST
def register_sign(request, pk):
    """ "Ký số": the issued copy signed with the council's certificate (confirmation first)."""
    access = request.access
    require(access, SIGNED_COPY, "add")
    document = _register_entry(access, pk)
    kind = printing.kind_for_entry(document)
    if kind is not None and not printing.may_issue(access, kind):
        raise PermissionDenied

    def success(result):
        copy, created = result
        if created:
            return f"Đã ký số văn bản {document.symbol}. {copy.check_summary}"
        return (
            f"Văn bản này đã được ký số lúc {electronic.local_time(copy.signed_at)}: "
            "không ký lần thứ hai."
        )

    return command_button(
        request,
        lambda: electronic.document_sign(document=document, access=access, by_user=request.user),
        redirect_to=document.get_absolute_url(),
        success=success,
        confirm=Confirm(
            title="Ký số văn bản",
            consequence=(
                f"Bản đã cấp số {document.symbol} được ký số bằng chứng thư số của "
                f"{document.council.name}; từ đó bản ký số là bản phát hành của văn bản và "
                "không ký lại được."
            ),
            button="Ký số",
        ),
    )


@login_required
@require_POST
def register_signature_check(request, pk):
    """ "Kiểm tra lại chữ ký": validate the stored signed file again."""
    access = request.access
    require(access, SIGNED_COPY, "change")
    document = _register_entry(access, pk)
    copy = electronic.signed_copy_of(document)
    if copy is None:
        raise Http404("Văn bản này chưa được ký số.")
    check = electronic.signature_recheck(copy=copy)
    (messages.success if check.valid else messages.error)(request, check.summary)
    return redirect(document.get_absolute_url())


@login_required
@require_POST
def register_send(request, pk):
    """ "Gửi HĐND thành phố": an issued report sent up, once (confirmation first)."""
    access = request.access
    require(access, DISPATCH, "add")
    document = _register_entry(access, pk)

    def success(result):
        dispatch, created = result
        if created:
            return f"Đã gửi văn bản {document.symbol} lên HĐND thành phố."
        return (
            f"Văn bản này đã được gửi HĐND thành phố lúc "
            f"{electronic.local_time(dispatch.sent_at)}: không gửi lần thứ hai."
        )

    signed = electronic.signed_copy_of(document)
    return command_button(
        request,
        lambda: electronic.document_send_upward(
            document=document, access=access, by_user=request.user
        ),
        redirect_to=document.get_absolute_url(),
        success=success,
        confirm=Confirm(
            title="Gửi HĐND thành phố",
            consequence=(
                f"Văn bản {document.symbol} ({'bản ký số' if signed else 'bản đã cấp số'}) "
                "được gửi lên HĐND thành phố; bản đã gửi được lưu nguyên và không gửi lại được."
            ),
            button="Gửi",
        ),
    )


DISPATCH_COLUMNS = [
    ("HĐND gửi", "commune"),
    ("Số, ký hiệu", "symbol"),
    ("Trích yếu", "title"),
    ("Ngày ban hành", "issued_on"),
    ("Gửi lúc", "sent_at"),
]
DISPATCH_EXPORT_COLUMNS = [
    *DISPATCH_COLUMNS,
    ("Loại báo cáo", lambda d: _kind_label(d.kind_code)),
    ("Bản ký số", lambda d: "Có" if d.signed else "Không"),
    ("Mã băm SHA-256", "sha256"),
]


def _kind_label(code: str) -> str:
    kind = printing.document_kinds().get(code)
    return DispatchFilter.kind_label(kind) if kind else code


@login_required
def dispatch_list(request):
    """ "Báo cáo các xã gửi lên": the city's inbox, every council where the user holds the
    city role; filter by commune and kind, search without diacritics, Excel export."""
    access = request.access
    require(access, DISPATCH, "view")
    qs = Dispatch.objects.visible_to(access).order_by("-sent_at", "-id")
    filterset = DispatchFilter(request.GET or None, queryset=qs, request=request)
    if filterset.is_bound and filterset.is_valid():
        qs = filterset.qs
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.search(q)
    if export_requested(request):
        require(access, DISPATCH, "export")
        return export_response(
            filename="bao-cao-cac-xa-gui-len",
            title="Báo cáo các xã gửi lên HĐND thành phố",
            headers=[h for h, _a in DISPATCH_EXPORT_COLUMNS],
            rows=column_rows(qs, DISPATCH_EXPORT_COLUMNS),
            request=request,
            filterset=filterset,
            q=q,
        )
    paged = paginate(request, qs)
    rows = [
        {
            "obj": d,
            "cells": [resolve(d, accessor) for _h, accessor in DISPATCH_COLUMNS],
            "url": reverse("documents-dispatch-pdf", args=[d.pk]),
            "actions": [("Tải PDF", reverse("documents-dispatch-pdf", args=[d.pk]))],
        }
        for d in paged.page.object_list
    ]
    context = {
        "verbose_name": Dispatch._meta.verbose_name,
        "verbose_name_plural": Dispatch._meta.verbose_name_plural,
        "can_export": can(access, DISPATCH, "export"),
        "can_add": False,
        "filter": filterset,
        "q": q,
        "rows": rows,
        "headers": [h for h, _a in DISPATCH_COLUMNS],
        **paged.context(),
    }
    template = htmx_partial(
        request, "resource-results", "core/resource_list.html", "core/_resource_results.html"
    )
    return render(request, template, context)


@login_required
def dispatch_pdf(request, pk):
    """The PDF as it was sent, for the city's overseer of the sending council only."""
    access = request.access
    require(access, DISPATCH, "view")
    dispatch = get_object_for_user(access, Dispatch.objects.all(), pk, DISPATCH)
    return stored_file_response(
        dispatch.file, filename=dispatch.file.name.rsplit("/", 1)[-1], as_attachment=False
    )

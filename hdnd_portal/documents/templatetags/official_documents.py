from django import template
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hdnd_portal.core.permissions import can
from hdnd_portal.documents import printing

register = template.Library()

REGISTER_DETAIL = "documents-documentregister-detail"


@register.simple_tag(takes_context=True)
def access_can(context, resource: str, action: str) -> bool:
    """``{% access_can "documents.documentregister" "add" as can_issue %}``."""
    return can(context.get("access"), resource, action)


def document_entries(access, pairs) -> list[dict]:
    """What a record's page offers for each (record, kind code) the user may print: the draft
    (PDF, Word); the issued copy (number, date, PDF, Word, register entry) or, to those who may
    issue, "Cấp số và in". One query for every issued copy, whatever the number of kinds."""
    kinds = printing.document_kinds()
    wanted = []
    for obj, code in pairs:
        kind = kinds.get(code)
        if obj is None or kind is None or not printing.may_print(access, kind):
            continue
        wanted.append((obj, kind))
    issued = printing.issued_copies({kind for _, kind in wanted}, [obj for obj, _ in wanted])
    may_issue = {}
    entries = []
    for obj, kind in wanted:
        if kind.code not in may_issue:
            may_issue[kind.code] = printing.may_issue(access, kind)
        document = issued.get((kind.code, obj.pk))
        try:
            title = kind.title(obj)
        except PermissionDenied:  # not printable yet (a confidence resolution before closing)
            continue
        entry = {
            "code": kind.code,
            "slug": kind.code.replace(".", "-").replace("_", "-"),
            "object": obj,
            "title": title,
            "draft_pdf": printing.print_url(kind, obj.pk),
            "draft_docx": printing.print_url(kind, obj.pk, docx=True),
            "document": document,
        }
        if document is not None:
            entry["issued_pdf"] = printing.print_url(kind, obj.pk, document=document)
            entry["issued_docx"] = printing.print_url(kind, obj.pk, document=document, docx=True)
            entry["register_url"] = reverse(REGISTER_DETAIL, args=[document.pk])
        elif may_issue[kind.code] and (kind.issuable is None or kind.issuable(obj)):
            entry["confirm_url"] = printing.print_url(kind, obj.pk, confirm=True)
        entries.append(entry)
    return entries


@register.inclusion_tag("documents/_document_menu.html", takes_context=True)
def document_menu(context, obj, *codes, label="In, cấp số"):
    """``{% document_menu object "meetings.session_programme" "meetings.session_report" %}``:
    a "In, cấp số" menu on a record's page with, for each kind the user may print, the draft,
    the issued copy or "Cấp số và in"."""
    flat = []
    for code in codes:  # a list in a variable, or the codes themselves
        flat.extend(code if isinstance(code, (list, tuple)) else [code])
    return {
        "entries": document_entries(context.get("access"), [(obj, code) for code in flat]),
        "label": label,
    }


@register.simple_tag
def document_pairs(objects, *codes):
    """``{% document_pairs terms "councils.roster" as pairs %}``: (record, kind) for each.
    A queryset is read with its council (every document's letterhead and title name it) in
    the same query: the page's query count does not grow with the records."""
    if hasattr(objects, "select_related") and any(
        f.name == "council" for f in objects.model._meta.fields
    ):
        objects = objects.select_related("council")
    return [(obj, code) for obj in objects for code in codes]


@register.inclusion_tag("documents/_document_list.html", takes_context=True)
def document_list(context, pairs, empty="Chưa có văn bản."):
    """``{% document_list documents %}`` with ``documents`` a list of (record, kind code): the
    same entries as a list (a session page gathering its documents)."""
    return {"entries": document_entries(context.get("access"), pairs), "empty": empty}

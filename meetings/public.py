"""The public page (no login): a council's sessions and its issued resolutions with their PDFs.

The law requires resolutions to be made public. Only resolutions with a number from the
register are shown or served; drafts, votes in progress and failed ones never are.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from councils.models import Council
from hdnd_portal.documents import printing
from hdnd_portal.documents.engine import pdf_response
from meetings import selectors
from meetings.reports import RESOLUTION_KIND


def index(request):
    councils = Council.objects.order_by("name")
    return render(request, "meetings/public_index.html", {"councils": councils})


def council_page(request, slug):
    council = get_object_or_404(Council, slug=slug)
    return render(
        request,
        "meetings/public_council.html",
        {
            "council": council,
            "sessions": list(selectors.public_sessions(council)[:50]),
            "resolutions": list(selectors.public_resolutions(council)[:200]),
        },
    )


def resolution_pdf(request, slug, pk):
    """The issued copy of a resolution, rendered from its register entry."""
    council = get_object_or_404(Council, slug=slug)
    resolution = selectors.public_resolutions(council).filter(pk=pk).first()
    if resolution is None:
        raise Http404("Không có nghị quyết đã ban hành này.")
    kind = printing.document_kind(RESOLUTION_KIND)
    context = printing.document_context(
        kind=kind, obj=resolution, access=None, document=resolution.document
    )
    return pdf_response(printing.document_pdf(context), printing.document_filename(context, "pdf"))

"""What every list page needs, for generic resources and custom pages alike.

:class:`~hdnd_portal.core.resources.Resource` is built from these, and a
hand-written page (the follow-up inbox) uses the same ones, so pagination
links, the Excel download and the htmx partial behave the same everywhere.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpResponse

from hdnd_portal.core.export import xlsx_response

Column = tuple[str, Any]  # (header, "attr__path" | callable(obj))

EXPORT_FORMAT = "xlsx"
# Rows fetched per round trip while streaming an export: bounded memory on large lists.
EXPORT_CHUNK = 2000


def resolve(obj, accessor):
    """The value a column shows: an attribute path (``term__name``) or ``callable(obj)``."""
    if callable(accessor):
        return accessor(obj)
    value = obj
    for attr in accessor.split("__"):
        if value is None:
            return None
        display = getattr(value, f"get_{attr}_display", None)
        value = display() if callable(display) else getattr(value, attr, None)
    if callable(value) and not hasattr(value, "all"):
        value = value()
    return value


@dataclass(frozen=True)
class Paged:
    """One page of a list and the query strings its links need."""

    page: Page
    querystring: str  # the request's filters without ``page``, for the page links
    export_querystring: str  # the same filters asking for the Excel download

    def context(self) -> dict:
        return {
            "page": self.page,
            "querystring": self.querystring,
            "export_querystring": self.export_querystring,
        }


def paginate(request, queryset, *, per_page: int | None = None) -> Paged:
    """The requested page of ``queryset`` (an out-of-range page gives the last one)."""
    page = Paginator(queryset, per_page or settings.PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    export_params = params.copy()
    export_params["format"] = EXPORT_FORMAT
    return Paged(page, params.urlencode(), export_params.urlencode())


def export_requested(request) -> bool:
    return request.GET.get("format") == EXPORT_FORMAT


def column_rows(queryset, columns: list[Column]) -> Iterator[list]:
    """Export rows, one per record, streamed in chunks (joins of the queryset kept)."""
    for obj in queryset.iterator(chunk_size=EXPORT_CHUNK):
        yield [resolve(obj, accessor) for _header, accessor in columns]


def export_response(
    *, filename: str, title: str, headers: Iterable[str], rows: Iterable[Iterable]
) -> HttpResponse:
    """The list as an Excel download (cells made safe by :func:`xlsx_response`)."""
    return xlsx_response(filename, str(title), [str(h) for h in headers], rows)


def htmx_partial(request, target_id: str, full_template: str, partial_template: str) -> str:
    """The template to render: only the results when htmx asks for ``#target_id``.

    Filtering and paging swap the results in place; without JavaScript (or on a
    reload of the pushed URL) the whole page is rendered.
    """
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == target_id:
        return partial_template
    return full_template

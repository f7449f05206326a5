"""What every list page needs, for generic resources and custom pages alike.

:class:`~hdnd_portal.core.resources.Resource` is built from these, and a
hand-written page (the follow-up inbox) uses the same ones, so pagination
links, the Excel download and the htmx partial behave the same everywhere.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpResponse

from hdnd_portal.core.export import xlsx_response
from hdnd_portal.db_router import use_replica

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
    *,
    filename: str,
    title: str,
    headers: Iterable[str],
    rows: Iterable[Iterable],
    request=None,
    filterset=None,
    q: str = "",
) -> HttpResponse:
    """The list as an Excel download (cells made safe by :func:`xlsx_response`).

    With the ``request`` (and the list's ``filterset`` and search ``q``), the sheet says whose
    list it is and which filters made it, under the title: a printout must not pass a
    filtered list off as the whole one.
    """
    subtitle = export_subtitle(request, filterset, q) if request is not None else []
    # The rows are read while the sheet is written: on the read replica when there is one.
    with use_replica():
        return xlsx_response(
            filename, str(title), [str(h) for h in headers], rows, subtitle=subtitle
        )


def export_subtitle(request, filterset=None, q: str = "") -> list[str]:
    """["HĐND xã Phúc Lộc · xuất ngày 01/12/2026", "Lọc: Nhiệm kỳ: 2026-2031; Tìm: “…”"]."""
    from django.utils import timezone

    access = getattr(request, "access", None)
    lines = []
    council = access.council_name if access is not None else ""
    stamp = f"Xuất ngày {timezone.localdate():%d/%m/%Y}"
    lines.append(f"{council} · {stamp}" if council else stamp)
    applied = []
    form = getattr(filterset, "form", None)
    if form is not None and form.is_bound and form.is_valid():
        for name, value in form.cleaned_data.items():
            if value in (None, "", [], ()) or name == "q":
                continue
            field = form.fields[name]
            shown = value
            labels = choice_labels(field)
            if hasattr(value, "__iter__") and not isinstance(value, str):
                shown = ", ".join(str(labels.get(str(v), v)) for v in value)
            elif labels:
                shown = labels.get(str(value), value)
            if hasattr(shown, "strftime"):
                shown = f"{shown:%d/%m/%Y}"
            applied.append(f"{field.label}: {shown}")
    if q:
        applied.append(f"Tìm: “{q}”")
    lines.append("Lọc: " + "; ".join(applied) if applied else "Toàn bộ danh sách (không lọc)")
    return lines


def choice_labels(field) -> dict[str, Any]:
    """value -> label of a choice field's options (groups flattened), keyed by the text sent.

    The choices are iterated, never measured: a callable's (the follow-up kinds, read from a
    registry at request time) has no ``len()``, and ``bool()`` asks for it. Model choices
    are skipped: their cleaned value is the record, which names itself, and listing them
    would cost a query.
    """
    if isinstance(field, forms.ModelChoiceField) or not hasattr(field, "choices"):
        return {}
    labels = {}
    for value, label in field.choices:
        if isinstance(label, (list, tuple)):
            labels.update((str(v), lbl) for v, lbl in label)
        else:
            labels[str(value)] = label
    return labels


def htmx_partial(request, target_id: str, full_template: str, partial_template: str) -> str:
    """The template to render: only the results when htmx asks for ``#target_id``.

    Filtering and paging swap the results in place; without JavaScript (or on a
    reload of the pushed URL) the whole page is rendered.
    """
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == target_id:
        return partial_template
    return full_template

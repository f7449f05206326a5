"""One search box over every registered resource (the top bar, page ``/search/``).

Apps register a :class:`SearchTarget` per resource in their ``AppConfig.ready()``;
the kernel knows them only through this registry. :func:`search_everything` answers
with one group per target the user may view, each scoped and permission-checked like
its list page:

- a target is skipped unless ``can(access, key, "view")``;
- its ``queryset(access)`` must be the scoped queryset its list uses
  (``Model.objects.visible_to(access)``), so an agency sees only its own follow-ups
  and nobody sees another council's rows;
- ``through`` names the relations searched at query time (``SearchQuerySet.search``);
  keep it equal to the list's own search so "Xem tất cả N kết quả" shows the same N.

Masked fields: ``search_text`` is one column per row, so a term found in it cannot be
told apart from a term found in a visible field. A field some role may not see (a
denouncer's name, later) must therefore never be copied into ``search_text`` of rows
that role can list; search it through a relation the role cannot reach instead, or
declare ``searchable_for(access)`` returning False for those roles, which removes the
whole target from their search.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from hdnd_portal.core.access import Access
from hdnd_portal.core.compound import first_rows
from hdnd_portal.core.models import RelatedMatches, _search_relation
from hdnd_portal.core.permissions import can
from hdnd_portal.core.text import MAX_QUERY_LENGTH, MAX_TERMS, search_terms


@dataclass(frozen=True)
class SearchTarget:
    key: str  # the permission resource, "app.model"
    label: str  # group heading, Vietnamese plural ("Đại biểu")
    queryset: Callable[[Access], Any]  # access -> the scoped queryset its list uses
    url: Callable[[Any], str]  # obj -> its detail page
    list_url_name: str  # the full list, opened with ?q=
    describe: Callable[[Any], str] | None = None  # obj -> one line under the title
    title: Callable[[Any], str] = str
    through: tuple[str, ...] = ()
    # Extra list parameters so the list shows every match (e.g. the inbox's "all states").
    list_params: dict[str, str] = field(default_factory=dict)
    order: int = 100
    limit: int = 5
    icon: str = "search"
    searchable_for: Callable[[Access], bool] | None = None


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    description: str


@dataclass(frozen=True)
class SearchGroup:
    key: str
    label: str
    icon: str
    hits: list[SearchHit]
    total: int
    list_url: str


_TARGETS: dict[str, SearchTarget] = {}


def register_searchable(target: SearchTarget) -> None:
    """Add (or replace, on a second ``ready()``) the target of ``target.key``."""
    _TARGETS[target.key] = target


def searchable_targets() -> list[SearchTarget]:
    return sorted(_TARGETS.values(), key=lambda t: (t.order, t.key))


def clean_query(q: str | None) -> str:
    """The query as searched: trimmed, at most MAX_QUERY_LENGTH characters and MAX_TERMS words."""
    words = (q or "")[:MAX_QUERY_LENGTH].split()
    return " ".join(words[:MAX_TERMS])


def targets_for(access: Access | None) -> list[SearchTarget]:
    """The targets ``access`` may search: viewable, and not hidden from the role."""
    if access is None:
        return []
    return [
        t
        for t in searchable_targets()
        if can(access, t.key, "view") and (t.searchable_for is None or t.searchable_for(access))
    ]


def search_everything(access: Access | None, q: str | None) -> list[SearchGroup]:
    """Groups (in ``order``) with their first ``limit`` hits, the total and the list link.

    Only groups with at least one hit are returned. A few queries whatever the number of
    targets, words and matches (``tests/core/test_search_query_counts.py``):

    1. the related records matching any word, of every model some ``through`` names, only in
       the user's council (:class:`~hdnd_portal.core.models.RelatedMatches`, one UNION ALL);
    2. the first ``limit`` rows of every target, each with its list's order and joins, and
       its total (:func:`~hdnd_portal.core.compound.first_rows`, one UNION ALL).

    Each target's rows and total are its own ``queryset(access).search(q, through=...)``: the
    rows and the N its list page shows for ``?q=``. A target whose columns cannot be packed is
    read on its own (one query more; none today).
    """
    q = clean_query(q)
    if not search_terms(q):
        return []
    targets = targets_for(access)
    if not targets:
        return []
    related = RelatedMatches(q, council_id=access.council_id)
    scoped = [target.queryset(access) for target in targets]
    related.load(
        _search_relation(qs.model, path)[1]
        for target, qs in zip(targets, scoped, strict=True)
        for path in target.through
    )
    searched = [
        qs.search(q, through=target.through, related=related)
        for target, qs in zip(targets, scoped, strict=True)
    ]
    found = first_rows(searched, [target.limit for target in targets])
    groups = []
    for target, (rows, total) in zip(targets, found, strict=True):
        if not rows:
            continue
        params = urlencode({"q": q, **target.list_params})
        groups.append(
            SearchGroup(
                key=target.key,
                label=target.label,
                icon=target.icon,
                hits=[
                    SearchHit(
                        title=str(target.title(obj)),
                        url=target.url(obj),
                        description=str(target.describe(obj)) if target.describe else "",
                    )
                    for obj in rows
                ],
                total=total,
                list_url=f"{reverse(target.list_url_name)}?{params}",
            )
        )
    return groups

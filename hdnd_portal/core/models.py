from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hdnd_portal.core.text import fold, search_terms


class _InSubquery(models.Lookup):
    """``column IN (subquery)``; on PostgreSQL ``column = ANY(ARRAY(subquery))``.

    PostgreSQL plans ``IN (subquery)`` under an OR as a filter run on every row, so
    "own text OR agency's text" could use neither index and, behind ``ORDER BY … LIMIT``,
    walked the whole table (bench/bench_search.py). The array form is computed once
    (an InitPlan) and is an index condition, so the planner can OR a pg_trgm bitmap
    scan with a scan of the foreign key's index.
    """

    lookup_name = "in_subquery"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} IN {rhs}", (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


class _InList(models.Lookup):
    """``column IN (%s, %s, …)``; on PostgreSQL ``column = ANY(%s)`` with the list as one array.

    PostgreSQL plans ``= ANY(array constant)`` as it plans the ``IN`` list (it is what it turns
    an ``IN`` list into), but one parameter instead of hundreds: psycopg's client-side merge of
    a query with thousands of literal ids (the top bar's 43 targets) cost more than running it.
    """

    lookup_name = "in_list"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        placeholders = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({placeholders})", (*lhs_params, *self.rhs)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, list(self.rhs))


def _search_relation(model, path: str) -> tuple[str, type, bool]:
    """(path, the searchable model it ends on, whether it can match several rows)."""
    many = False
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist as exc:
            raise FieldError(f"search through {path!r}: {model.__name__} has no {name!r}") from exc
        if not field.is_relation:
            raise FieldError(f"search through {path!r}: {name!r} is not a relation")
        many = many or field.one_to_many or field.many_to_many
        model = field.related_model
    if not any(f.name == "search_text" for f in model._meta.concrete_fields):
        raise FieldError(f"search through {path!r}: {model.__name__} has no search_text")
    return path, model, many


# Up to this many matching rows of a related table are read before the main query (see search).
EAGER_RELATED_IDS = 500


class RelatedMatches:
    """The ids of related records matching each term, read once for several searches.

    ``search(q, through=..., related=matches)`` takes its related ids from here instead of one
    query per term and relation: :meth:`load` reads every related model's matching rows in one
    ``UNION ALL`` (each branch ``council_id = …`` and the terms ORed, at most
    ``EAGER_RELATED_IDS`` rows), and the per-term sets are cut in Python (``term in
    search_text``, what ``LIKE '%term%'`` does on the folded text). A related model whose
    matches overflow the cap is searched through a subquery, limited to the council too. The top
    bar's search (``core.search.search_everything``) shares one instance across its targets.
    """

    def __init__(self, query: str | None, *, council_id):
        self.terms = search_terms(query or "")
        self.council_id = council_id
        self._ids: dict[type, dict[str, list] | None] = {}

    def matching(self, model):
        """``model``'s rows of the council matching any term (a queryset, unordered)."""
        match = Q()
        for term in self.terms:
            match |= Q(search_text__contains=term)
        return model._base_manager.filter(council_id=self.council_id).filter(match).order_by()

    def load(self, models: Iterable[type]) -> None:
        """Read the matching rows of each model not read yet: one query in all."""
        from django.db import connections

        missing = [m for m in dict.fromkeys(models) if m not in self._ids]
        if not missing or not self.terms:
            for model in missing:
                self._ids[model] = {term: [] for term in self.terms}
            return
        branches, params = [], []
        for n, model in enumerate(missing):
            qs = self.matching(model).values_list("pk", "search_text")[: EAGER_RELATED_IDS + 1]
            sql, branch_params = qs.query.sql_with_params()
            branches.append(f"SELECT {n} AS m, _rm{n}.* FROM ({sql}) _rm{n}")
            params.extend(branch_params)
        rows: dict[int, list] = {n: [] for n in range(len(missing))}
        with connections[qs.db].cursor() as cursor:
            cursor.execute(" UNION ALL ".join(branches), params)
            for n, pk, text in cursor.fetchall():
                rows[n].append((pk, text))
        for n, model in enumerate(missing):
            if len(rows[n]) > EAGER_RELATED_IDS:
                self._ids[model] = None  # too many: each term becomes a subquery
            else:
                self._ids[model] = {
                    term: [pk for pk, text in rows[n] if term in (text or "")]
                    for term in self.terms
                }

    def ids(self, model, term: str):
        """The matching ids (a list) or, past ``EAGER_RELATED_IDS``, a subquery of them."""
        if model not in self._ids:
            self.load([model])
        found = self._ids[model]
        if found is None or term not in found:
            return (
                model._base_manager.filter(council_id=self.council_id, search_text__contains=term)
                .order_by()
                .values("pk")
            )
        return found.get(term, [])


class SearchQuerySet(models.QuerySet):
    def search(
        self,
        query: str | None,
        *,
        through: Iterable[str] = (),
        related: RelatedMatches | None = None,
    ):
        """Records where every folded term of ``query`` appears in their own ``search_text``
        or in the ``search_text`` of a related record named in ``through``.

        ``through`` holds relation paths ("agency", "delegate__constituency",
        "answers__agency"): forward, reverse or many-to-many, each ending on a
        :class:`SearchableModel`. Related names are searched at query time, never
        copied into this model's ``search_text``, so a renamed agency is found by its
        new name at once. Terms are ANDed; for each term the sources are ORed, so
        "kien nghi ubnd" finds an item titled "kiến nghị" of the agency "UBND xã".
        Each term stays a ``LIKE '%term%'`` on one ``search_text`` column (the shape a
        pg_trgm GIN index serves); a reverse relation is a subquery, so it never duplicates
        rows. A foreign key costs one small query per term when ``search`` is called (its
        matching ids, at most ``EAGER_RELATED_IDS``), which the main query then uses as values.

        With ``related`` (a :class:`RelatedMatches` of the user's council) the related ids come
        from it: one query for every related model and term, read only in that council, shared
        by several searches (the top bar's). The rows found are the same.
        """
        relations = [_search_relation(self.model, path) for path in through]
        qs = self
        for term in search_terms(query or ""):
            match = Q(search_text__contains=term)
            for path, model, many in relations:
                if related is not None:
                    found = related.ids(model, term)
                    if isinstance(found, list) and not found:
                        continue  # nothing of the council matches: no branch at all
                    if isinstance(found, list):
                        # One array parameter on PostgreSQL, not hundreds of literals.
                        in_found = Q(_InList(models.F(path), found))
                    else:
                        in_found = Q(**{f"{path}__in": found})
                    if many:
                        owners = self.model._base_manager.filter(in_found)
                        match |= Q(pk__in=owners.values("pk"))
                    elif isinstance(found, list) or "__" in path:
                        match |= in_found
                    else:
                        match |= Q(_InSubquery(models.F(path), models.Subquery(found)))
                    continue
                hits = (
                    model._base_manager.filter(search_text__contains=term).order_by().values("pk")
                )
                if many:
                    # A reverse or many-to-many path: match this model's ids through it.
                    owners = self.model._base_manager.filter(**{f"{path}__in": hits})
                    match |= Q(pk__in=owners.values("pk"))
                elif "__" not in path:
                    # A foreign key of this model: compare its own column, no join. The related
                    # table is small (agencies, committees): its matching ids are read first, so
                    # the planner sees real values. Through a subquery it guessed thousands of
                    # rows for a rare term and walked the due-date index behind the page's
                    # LIMIT (4.1 s at 500k follow-ups, bench/bench_search.py); with literals
                    # (or no branch at all when nothing matches) it takes the indexes.
                    ids = list(hits.values_list("pk", flat=True)[: EAGER_RELATED_IDS + 1])
                    if len(ids) > EAGER_RELATED_IDS:
                        match |= Q(_InSubquery(models.F(path), models.Subquery(hits)))
                    elif ids:
                        match |= Q(**{f"{path}__in": ids})
                else:
                    match |= Q(**{f"{path}__in": hits})
            qs = qs.filter(match)
        return qs

    def refresh_search_text(self) -> int:
        """Rebuild the folded text of these records (after ``update()`` or ``bulk_create``,
        which skip ``save()``, or when ``search_fields`` changes)."""
        changed = []
        for obj in self:
            text = obj.build_search_text()
            if text != obj.search_text:
                obj.search_text = text
                changed.append(obj)
        if changed:
            self.model._base_manager.bulk_update(changed, ["search_text"])
        return len(changed)

    def visible_to(self, access):
        """Records of the user's current council. Models narrow this further."""
        if access is None:
            return self.none()
        return self.filter(council_id=access.council_id)


class SearchableModel(models.Model):
    """A record with a folded copy of its searchable text (``search_text``)."""

    search_text = models.TextField(editable=False, default="", blank=True)

    objects = SearchQuerySet.as_manager()

    # The model's own fields whose text is searchable. Never a related record's field ("__"):
    # search relations at query time with ``search(q, through=...)`` so a rename is found.
    search_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        parts = []
        for path in self.search_fields:
            value = self
            for attr in path.split("__"):
                value = getattr(value, attr, None) if value is not None else None
            parts.append(fold(value))
        return " ".join(p for p in parts if p)


def history(*, excluded_fields: list[str] | tuple[str, ...] = (), **options) -> HistoricalRecords:
    """The history table of a searchable model, without its ``search_text``.

    The folded copy is derived data: keeping it in every historical row doubles
    the text stored and is never read (history pages show the real fields).
    """
    return HistoricalRecords(excluded_fields=["search_text", *excluded_fields], **options)


class CouncilScopedModel(SearchableModel):
    """A record that belongs to one council; every query is scoped by it."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="+", verbose_name=_("HĐND")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True

    def check_access(self, access, action: str, allowed: bool) -> bool:
        """Per-object rule on top of the role table; override where it matters."""
        return allowed


class CalendarFeed(models.Model):
    """A user's secret calendar address in one council (``/lich/<token>.ics``,
    ``hdnd_portal.core.calendar``): calendar apps subscribe without a session; resetting it
    gives a new token and the old address answers 404. It is deleted with the password
    (``User.set_password``) and with the role it was issued under: a role removed and granted
    again is a new ``CouncilRole`` row, and the old address stays dead."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("người dùng"),
    )
    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="+", verbose_name=_("HĐND")
    )
    # Empty only for a superuser without an explicit role (administrator of every council).
    role = models.ForeignKey(
        "councils.CouncilRole",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vai trò"),
    )
    token = models.CharField(_("mã bí mật"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("liên kết lịch")
        verbose_name_plural = _("liên kết lịch")
        constraints = [
            models.UniqueConstraint(fields=["user", "council"], name="calendar_feed_one_per_user")
        ]

    def __str__(self):
        return f"Lịch của {self.user}"


class TimeOfDayField(models.TimeField):
    """A time of day (hour and minute) whose form field reads "07:30", "7h30" or "0730"
    (:class:`hdnd_portal.core.inputs.TimeOfDayField`) — in every model form and the admin."""

    def formfield(self, **kwargs):
        from hdnd_portal.core.inputs import TimeOfDayField as TimeOfDayFormField

        return super().formfield(**{"form_class": TimeOfDayFormField, **kwargs})

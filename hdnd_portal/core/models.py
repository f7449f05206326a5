from django.db import models
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.text import fold, search_terms


class SearchQuerySet(models.QuerySet):
    def search(self, query: str | None, *, through: tuple[str, ...] = ()):
        """Every term of the query must appear in the record's folded text.

        TEMP (resource branch): ``through`` also matches related rows' own text.
        """
        qs = self
        for term in search_terms(query or ""):
            condition = models.Q(search_text__contains=term)
            for relation in through:
                condition |= models.Q(**{f"{relation}__search_text__contains": term})
            qs = qs.filter(condition)
        return qs

    def refresh_search_text(self) -> int:
        """Rebuild the folded text of these records, e.g. after a related record's rename.

        Select the relations named in ``search_fields`` first to read them in one query.
        """
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

    # Field names (or attribute paths with "__") whose text is searchable.
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

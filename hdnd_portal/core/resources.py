"""Generic, permission-checked pages for a council's records.

A :class:`Resource` describes one model (filters, form, columns); it yields the
list (filter + diacritic-free search + pagination + Excel export), detail,
create, edit and history pages, all behind the permission gate. Apps add
resources to their ``urls.py`` with :meth:`Resource.urls`.

A resource only *names* its policy key; the app registers the policy itself in
its ``AppConfig.ready()``. Its records come from one selector
(``selector(*, access) -> QuerySet``, the app's ``selectors.py``) that the API
and the exports share. The list helpers live in :mod:`hdnd_portal.core.listing`
for pages that are not resources.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.commands import apply_errors, record_save
from hdnd_portal.core.listing import (
    Column,
    column_rows,
    export_requested,
    export_response,
    htmx_partial,
    paginate,
    resolve,
)
from hdnd_portal.core.permissions import can, get_object_for_user, require

__all__ = ["Column", "Resource", "history_entries", "resolve"]

RESULTS_ID = "resource-results"


def query_initial(request, form_class) -> dict:
    """A new record's form prefilled from the link that opened it: every query parameter
    named like a field of the form (``?session=12``). Only the initial value: the form still
    validates what is posted, and an id outside the user's choices selects nothing."""
    fields = form_class.base_fields
    initial = {}
    for name in request.GET:
        if name in fields:
            values = [v for v in request.GET.getlist(name) if v]
            if values:
                multiple = getattr(fields[name].widget, "allow_multiple_selected", False)
                initial[name] = values if multiple else values[0]
    return initial


def safe_return_url(request) -> str:
    """``next`` (query or form) when it is a path on this site, else ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@dataclass
class Resource:
    model: type
    filterset_class: type | None = None
    form_class: type | None = None
    columns: list[Column] = field(default_factory=list)
    export_columns: list[Column] | None = None
    # What the detail page shows: a list of columns, or fn(obj, access) -> [(label, value)]
    # for a record whose fields depend on who reads it (a masked identity).
    detail_fields: list[Column] | Callable | None = None
    # The read behind list, detail and export: fn(*, access) -> QuerySet, already
    # scoped to the user, joined for the page and ordered. Without one, the
    # model's visible_to() with the joins and ordering below.
    selector: Callable | None = None
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("-id",)
    # Policy key registered by the app in AppConfig.ready(); "<app_label>.<model_name>"
    # by default.
    policy: str = ""
    # Relations whose own search_text the search box also matches (names of a
    # related delegate or committee, read at query time, never copied).
    search_through: tuple[str, ...] = ()
    detail_template: str = "core/resource_detail.html"
    list_template: str = "core/resource_list.html"
    form_template: str = "core/resource_form.html"
    extra_detail_context: Callable | None = None
    # fn(request, form, obj) -> dict: the create and edit page's own context, called each time
    # the form is shown (not when a save redirects); obj is None on a create.
    extra_form_context: Callable | None = None
    url_prefix: str = ""
    # The command that writes the record (the app's services.py): fn(*, access, instance,
    # values) -> obj, given the form's cleaned_data; the API's viewset calls the same one.
    # Without one, hdnd_portal.core.commands.record_save (a record with no consequences).
    command: Callable | None = None
    # fn(request) -> {field: initial}: the create form prefilled from the page it was opened
    # from ("Thêm nội dung" on a session keeps the session: ?session=<id>).
    initial_from_request: Callable | None = None
    # fn(obj, access) -> set of field names whose old and new values the history page hides.
    history_mask: Callable | None = None

    def __post_init__(self):
        meta = self.model._meta
        self.app_label = meta.app_label
        self.name = meta.model_name
        self.key = self.policy or f"{self.app_label}.{self.name}"
        self.prefix = self.url_prefix or meta.model_name

    # -- helpers ------------------------------------------------------------------
    def url_name(self, view: str) -> str:
        return f"{self.app_label}-{self.name}-{view}"

    def queryset(self, access):
        if self.selector is not None:
            return self.selector(access=access)
        qs = self.model.objects.visible_to(access)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs.order_by(*self.ordering)

    def base_context(self, request, **extra):
        meta = self.model._meta
        access = request.access
        ctx = {
            "resource": self,
            "verbose_name": meta.verbose_name,
            "verbose_name_plural": meta.verbose_name_plural,
            "list_url": reverse(self.url_name("list")),
            "can_add": can(access, self.key, "add"),
            "can_export": can(access, self.key, "export"),
        }
        ctx.update(extra)
        return ctx

    def search(self, qs, q: str):
        if self.search_through:
            return qs.search(q, through=self.search_through)
        return qs.search(q)

    def filtered(self, request):
        access = request.access
        qs = self.queryset(access)
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(request.GET or None, queryset=qs, request=request)
            qs = filterset.qs if filterset.is_bound and filterset.is_valid() else qs
        q = request.GET.get("q", "").strip()
        if q:
            qs = self.search(qs, q)
        return qs, filterset, q

    # -- views -----------------------------------------------------------------------
    def list_view(self, request):
        access = request.access
        require(access, self.key, "view")
        qs, filterset, q = self.filtered(request)
        if export_requested(request):
            require(access, self.key, "export")
            cols = self.export_columns or self.columns
            plural = self.model._meta.verbose_name_plural
            return export_response(
                filename=str(plural),
                title=str(plural).capitalize(),
                headers=[h for h, _a in cols],
                rows=column_rows(qs, cols),
                request=request,
                filterset=filterset,
                q=q,
            )
        paged = paginate(request, qs)
        rows = [
            {
                "obj": obj,
                "cells": [resolve(obj, acc) for _h, acc in self.columns],
                "url": reverse(self.url_name("detail"), args=[obj.pk]),
            }
            for obj in paged.page.object_list
        ]
        ctx = self.base_context(
            request,
            rows=rows,
            headers=[h for h, _a in self.columns],
            filter=filterset,
            q=q,
            **paged.context(),
        )
        template = htmx_partial(
            request, RESULTS_ID, self.list_template, "core/_resource_results.html"
        )
        return render(request, template, ctx)

    def detail_view(self, request, pk):
        access = request.access
        require(access, self.key, "view")
        obj = get_object_for_user(access, self.queryset(access), pk, self.key)
        ctx = self.base_context(
            request,
            object=obj,
            fields=self.fields_of(obj, access),
            can_change=can(access, self.key, "change", obj),
            can_history=can(access, self.key, "history", obj),
            edit_url=reverse(self.url_name("update"), args=[obj.pk]),
            history_url=reverse(self.url_name("history"), args=[obj.pk]),
            tab="detail",
        )
        if self.extra_detail_context:
            ctx.update(self.extra_detail_context(request, obj))
        return render(request, self.detail_template, ctx)

    def fields_of(self, obj, access) -> list[tuple[str, object]]:
        """The detail page's (label, value) pairs for this reader."""
        if callable(self.detail_fields):
            return self.detail_fields(obj, access)
        fields = self.detail_fields or [
            (f.verbose_name, f.name)
            for f in self.model._meta.concrete_fields
            if f.name not in {"id", "council", "search_text", "created_at", "updated_at"}
        ]
        return [(label, resolve(obj, acc)) for label, acc in fields]

    def run_command(self, *, access, instance, values):
        """The write behind the create and edit pages (and nothing else)."""
        if self.command is not None:
            return self.command(access=access, instance=instance, values=values)
        return record_save(access=access, instance=instance, values=values, model=self.model)

    def form_view(self, request, pk=None):
        access = request.access
        if pk is None:
            require(access, self.key, "add")
            instance = None
        else:
            require(access, self.key, "view")
            instance = get_object_for_user(access, self.queryset(access), pk, self.key, "change")
        # Opened from a record's page ("Thêm nội dung" on a session: ``?session=12&next=…``),
        # the page goes back there once saved.
        return_to = safe_return_url(request)
        # The form validates on a copy: the command receives the record as stored.
        form_kwargs = {
            "access": access,
            "instance": copy.copy(instance) if instance is not None else None,
        }
        if request.method == "POST":
            form = self.form_class(request.POST, request.FILES, **form_kwargs)
            if form.is_valid():
                try:
                    with transaction.atomic():
                        obj = self.run_command(
                            access=access, instance=instance, values=form.cleaned_data
                        )
                except ValidationError as exc:
                    apply_errors(form, exc)
                else:
                    messages.success(request, f"Đã lưu {self.model._meta.verbose_name}: {obj}.")
                    return redirect(return_to or reverse(self.url_name("detail"), args=[obj.pk]))
            messages.error(request, "Chưa lưu được: vui lòng sửa các lỗi được đánh dấu bên dưới.")
        else:
            if instance is None:
                initial = query_initial(request, self.form_class)
                if self.initial_from_request is not None:
                    initial.update(self.initial_from_request(request))
                form_kwargs["initial"] = initial
            form = self.form_class(**form_kwargs)
        ctx = self.base_context(request, form=form, object=instance, return_to=return_to)
        if self.extra_form_context:
            ctx.update(self.extra_form_context(request, form, instance))
        return render(request, self.form_template, ctx)

    def history_view(self, request, pk):
        access = request.access
        require(access, self.key, "view")
        obj = get_object_for_user(access, self.queryset(access), pk, self.key, "history")
        masked = frozenset(self.history_mask(obj, access)) if self.history_mask else frozenset()
        return render(
            request,
            "core/resource_history.html",
            self.base_context(
                request,
                object=obj,
                entries=history_entries(obj, masked_fields=masked),
                tab="history",
                history_url=reverse(self.url_name("history"), args=[obj.pk]),
            ),
        )

    def urls(self):
        p = self.prefix
        lr = login_required
        return [
            path(f"{p}/", lr(self.list_view), name=self.url_name("list")),
            path(f"{p}/new/", lr(self.form_view), name=self.url_name("create")),
            path(f"{p}/<int:pk>/", lr(self.detail_view), name=self.url_name("detail")),
            path(f"{p}/<int:pk>/edit/", lr(self.form_view), name=self.url_name("update")),
            path(f"{p}/<int:pk>/history/", lr(self.history_view), name=self.url_name("history")),
        ]


HIDDEN_HISTORY_FIELDS = {"search_text", "updated_at", "created_at"}
HISTORY_TYPES = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}


def history_entries(obj, masked_fields: frozenset[str] = frozenset()):
    """Who changed what, and when: each historical record with its field diffs."""
    if not hasattr(obj, "history"):
        raise Http404
    records = list(
        obj.history.select_related("history_user").order_by("history_date", "history_id")
    )
    meta = obj._meta
    entries = []
    previous = None
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in HIDDEN_HISTORY_FIELDS:
                    continue
                try:
                    label = meta.get_field(change.field).verbose_name
                except Exception:  # noqa: BLE001 - a field removed since
                    label = change.field
                masked = change.field in masked_fields
                changes.append(
                    {
                        "field": label,
                        "old": "***" if masked else _display(meta, change.field, change.old),
                        "new": "***" if masked else _display(meta, change.field, change.new),
                    }
                )
        # simple_history's own labels ("Created", "Changed") have no Vietnamese catalog.
        entries.append(
            {
                "record": record,
                "kind": record.history_type,
                "type": HISTORY_TYPES.get(record.history_type, record.history_type),
                "user": record.history_user,
                "date": record.history_date,
                "changes": changes,
            }
        )
        previous = record
    entries.reverse()
    return entries


def _display(meta, field_name, value):
    try:
        f = meta.get_field(field_name)
    except Exception:  # noqa: BLE001
        return value
    if f.choices:
        return dict(f.flatchoices).get(value, value)
    # A model's own display of a value without choices (a metric's code as its label).
    if not f.is_relation and callable(getattr(meta.model, f"get_{f.name}_display", None)):
        return getattr(meta.model(**{f.attname: value}), f"get_{f.name}_display")()
    if f.is_relation and value is not None:
        try:
            return str(f.related_model._base_manager.get(pk=value))
        except f.related_model.DoesNotExist:
            return value
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return "—" if value in (None, "") else value

"""Pickers: a dropdown over a table that grows with the council's history.

A plain ``<select>`` lists every row of its queryset: the "Lặp lại kiến nghị" dropdown of the
voters' merge page listed each synthesised petition the council ever had (1,470 at city scale,
the page 6 × slower for the biggest council than for the smallest). A picker shows the chosen
record and the latest ``LIMIT`` ones, under a search box that asks the server for those matching
what is typed (diacritics ignored, the queryset's own ``search``)::

    # the app's setup.register(), once
    register_picker(SynthesizedPetition, policy=SYNTH, label=lambda s: f"#{s.pk} — {s}")

    # the form
    use_picker(self.fields["repeat_of"], exclude=self.instance.pk)

The choices, the search and the validation read one queryset: the field's (a council-scoped
form's ``Model.objects.visible_to(access)``), also what ``/pick/<model>/`` answers, after the
policy's ``view`` check. Without JavaScript the dropdown still holds the chosen and the latest
records, and the form still validates any record of the queryset.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from hdnd_portal.core.inputs import parse_ids
from hdnd_portal.core.permissions import require
from hdnd_portal.core.search import clean_query

_NAME = re.compile(r"[A-Za-z0-9_-]{1,100}")  # a field's name, an element's id
LIMIT = 20  # the records a picker lists without a search, and the most a search returns
LATEST = "Gần đây nhất"  # the label of the group of records listed without a search
SEARCH_SUFFIX = "__q"  # the search box's name: the field's, plus this (a form ignores it)


@dataclass(frozen=True)
class Picker:
    model: type[models.Model]
    policy: str  # the policy key whose "view" the search needs
    label: Callable[[models.Model], str] = str

    @property
    def code(self) -> str:
        return self.model._meta.label_lower

    def queryset(self, access) -> models.QuerySet:
        return self.model.objects.visible_to(access)


_PICKERS: dict[str, Picker] = {}


def register_picker(model, *, policy: str, label: Callable[[models.Model], str] = str) -> Picker:
    picker = Picker(model, policy, label)
    _PICKERS[picker.code] = picker
    return picker


def picker_for(model) -> Picker:
    return _PICKERS[model._meta.label_lower]


class PickerSelect(forms.Select):
    """The dropdown of :func:`use_picker`: the empty choice, the chosen record(s), then the
    latest records in a group that the search box's answers replace."""

    template_name = "core/widgets/picker.html"
    option_inherits_attrs = False

    def __init__(self, picker: Picker, *, exclude=(), label="", attrs=None):
        super().__init__(attrs)
        self.picker = picker
        self.exclude = [pk for pk in exclude if pk]
        self.label = str(label)  # the field's, for the search box's accessible name

    def optgroups(self, name, value, attrs=None):
        iterator = self.choices  # the field's ModelChoiceIterator
        field, queryset = iterator.field, iterator.queryset
        chosen_ids = parse_ids(value)
        chosen = list(queryset.filter(pk__in=chosen_ids)) if chosen_ids else []
        options = []
        if field.empty_label is not None:
            options.append(self.create_option(name, "", field.empty_label, not chosen, 0))
        for obj in chosen:
            value_, label = iterator.choice(obj)
            options.append(self.create_option(name, value_, label, True, len(options)))
        groups = [(None, options, 0)]
        latest = queryset.exclude(pk__in=[*chosen_ids, *self.exclude]).order_by("-pk")[:LIMIT]
        found = [
            self.create_option(name, *iterator.choice(obj), False, len(options) + i)
            for i, obj in enumerate(latest)
        ]
        groups.append((LATEST, found, 1))
        return groups

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        query = {"field": name, "target": f"{widget_id}_found"}
        if self.exclude:
            query["exclude"] = self.exclude
        context["widget"].update(
            url=reverse("core-picker", args=[self.picker.code]) + "?" + urlencode(query, True),
            search_name=f"{name}{SEARCH_SUFFIX}",
            search_label=f"Tìm trong danh sách “{self.label}”" if self.label else "Tìm",
            found_id=f"{widget_id}_found",
        )
        return context


def use_picker(field: forms.ModelChoiceField, *, exclude=()) -> None:
    """Turn ``field``'s dropdown into a picker (its model's :func:`register_picker`), keeping
    its queryset, its empty choice and its attributes; ``exclude``: records not to offer (the
    record being edited)."""
    picker = picker_for(field.queryset.model)
    attrs = dict(field.widget.attrs)
    field.widget = PickerSelect(picker, exclude=list(exclude), label=field.label, attrs=attrs)
    field.widget.choices = field.choices
    field.label_from_instance = picker.label


@login_required
def options(request, code: str):
    """htmx: the records of picker ``code`` matching ``<field>__q`` (its latest, for an empty
    search), as the ``<optgroup>`` that replaces the dropdown's; the chosen records and
    ``exclude`` are left out (the dropdown keeps its chosen one above the group)."""
    picker = _PICKERS.get(code)
    if picker is None:
        raise Http404("Không có danh sách chọn này.")
    access = request.access
    require(access, picker.policy, "view")
    field = request.GET.get("field", "")
    target = request.GET.get("target", "")
    if any(value and not _NAME.fullmatch(value) for value in (field, target)):
        raise Http404("Không có danh sách chọn này.")
    q = clean_query(request.GET.get(f"{field}{SEARCH_SUFFIX}"))
    queryset = picker.queryset(access).exclude(
        pk__in=[*parse_ids(request.GET.getlist(field)), *parse_ids(request.GET.getlist("exclude"))]
    )
    found = list((queryset.search(q) if q else queryset).order_by("-pk")[:LIMIT])
    if not q:
        label = LATEST
    elif found:
        label = f"Kết quả tìm “{q}”" + (f" ({LIMIT} mới nhất)" if len(found) == LIMIT else "")
    else:
        label = f"Không tìm thấy “{q}”"
    return render(
        request,
        "core/_picker_options.html",
        {
            "target": target,
            "label": label,
            "options": [(obj.pk, picker.label(obj)) for obj in found],
        },
    )

import django_filters
from django import forms

from hdnd_portal.core.forms import is_dash_label, label_with_term, per_term
from hdnd_portal.core.inputs import bound_number_field
from hdnd_portal.core.widgets import use_portal_date_input

ALL_LABEL = "Tất cả"
# Django's own labels of a yes/no filter read "Chưa xác định / Có / Không": a filter left
# alone means "every row", not "unknown".
BOOLEAN_CHOICES = [("unknown", ALL_LABEL), ("true", "Có"), ("false", "Không")]


class CouncilFilterSet(django_filters.FilterSet):
    """Filters whose related-record choices are limited to the user's council.

    Every choice filter offers "Tất cả" as its empty choice (never "---------"), and a
    per-term record (a delegate group, a committee, a constituency, a delegate) is named
    with its term, since two terms each have a "Tổ đại biểu số 1".
    """

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        access = getattr(request, "access", None)
        for f in self.filters.values():
            # A filter caches its form field, and the copies made for this instance copy the
            # cache: once anything built the class's fields (the OpenAPI schema does), the
            # council scoping and the labels below would be ignored. Build them afresh.
            f.__dict__.pop("_field", None)
            # ModelChoiceFilter rebuilds its field from ``f.queryset`` (it overwrites
            # ``extra["queryset"]``), so the scoped queryset must go there.
            qs = getattr(f, "queryset", None)
            if qs is None:
                qs = f.extra.get("queryset")
            if qs is not None and hasattr(qs, "visible_to"):
                f.queryset = qs.visible_to(access)
                f.extra["queryset"] = f.queryset
            if isinstance(f, (django_filters.ChoiceFilter, django_filters.ModelChoiceFilter)):
                # Filters are copied per instance: this changes no other list.
                if "empty_label" not in f.extra or is_dash_label(f.extra["empty_label"]):
                    f.extra["empty_label"] = ALL_LABEL
        for field in self.form.fields.values():
            field.required = False
            if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
                # "-1e999999999" is a form error, not a billion-digit integer in a lookup.
                bound_number_field(field)
            if isinstance(field, forms.DateField):
                # The same dd/mm/yyyy widget and date window as the forms.
                use_portal_date_input(field)
            css = (
                "form-select form-select-sm"
                if hasattr(field, "choices")
                else "form-control form-control-sm"
            )
            if isinstance(field.widget, forms.NullBooleanSelect):
                field.widget.choices = BOOLEAN_CHOICES
                css = "form-select form-select-sm"
            field.widget.attrs.setdefault("class", css)
            if per_term(field):
                label_with_term(field)


class YearFilter(django_filters.NumberFilter):
    """A year: a whole number inside the portal's date window (1945-2100), so ``?year=0``,
    ``?year=-2e-313`` or ``?year=2026.5`` is a form error ("Tất cả" rows), never a 500 from
    date arithmetic. ``field_name`` may end in a date (``lookup_expr="year"``) or name an
    integer year column."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        from hdnd_portal.core.inputs import MAX_DATE, MIN_DATE

        kwargs.setdefault("label", "Năm")
        kwargs.setdefault("min_value", MIN_DATE.year)
        kwargs.setdefault("max_value", MAX_DATE.year)
        super().__init__(*args, **kwargs)

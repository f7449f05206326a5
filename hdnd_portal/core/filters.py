import django_filters
from django import forms

from hdnd_portal.core.inputs import validate_sane_date
from hdnd_portal.core.widgets import use_portal_date_input


class CouncilFilterSet(django_filters.FilterSet):
    """Filters whose related-record choices are limited to the user's council."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        access = getattr(request, "access", None)
        for f in self.filters.values():
            # ModelChoiceFilter rebuilds its field from ``f.queryset`` (it overwrites
            # ``extra["queryset"]``), so the scoped queryset must go there.
            qs = getattr(f, "queryset", None)
            if qs is None:
                qs = f.extra.get("queryset")
            if qs is not None and hasattr(qs, "visible_to"):
                f.queryset = qs.visible_to(access)
                f.extra["queryset"] = f.queryset
        for field in self.form.fields.values():
            field.required = False
            if isinstance(field, forms.DateField):
                # The same dd/mm/yyyy widget and window as the forms (core.forms.style_widgets).
                use_portal_date_input(field)
                if validate_sane_date not in field.validators:
                    field.validators.append(validate_sane_date)
            css = (
                "form-select form-select-sm"
                if hasattr(field, "choices")
                else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)

import django_filters


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
            css = (
                "form-select form-select-sm"
                if hasattr(field, "choices")
                else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)

from django import forms

from hdnd_portal.core.inputs import validate_sane_date
from hdnd_portal.core.widgets import use_portal_date_input


def style_widgets(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget of ``form``; the dd/mm/yyyy date widget on every date field.

    Every form calls this, so it is also where every date field gets the portal's window
    (``hdnd_portal.core.inputs``): year 1 or 9999 would overflow deadline arithmetic; and the
    portal's date widget (``hdnd_portal.core.widgets``), which shows dd/mm/yyyy whatever the
    browser's language.
    """
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            use_portal_date_input(field)
            if validate_sane_date not in field.validators:
                field.validators.append(validate_sane_date)
        widget = field.widget
        if isinstance(widget, (forms.Select, forms.SelectMultiple)):
            widget.attrs.setdefault("class", "form-select")
        elif isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        else:
            widget.attrs.setdefault("class", "form-control")


class CouncilScopedForm(forms.ModelForm):
    """A model form whose related-record choices are limited to the user's council."""

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to") and access is not None:
                field.queryset = qs.visible_to(access)
        style_widgets(self)

    def _get_validation_exclusions(self):
        # ``council`` is never a form field, so Django would skip every unique
        # constraint that includes it (and the database would answer with an
        # IntegrityError). The view sets it, so validate it.
        exclude = super()._get_validation_exclusions()
        if self.access is not None and hasattr(self.instance, "council_id"):
            exclude.discard("council")
        return exclude

    def _post_clean(self):
        # The council is set by the view, before validation, so unique
        # constraints that include it are checked (and reported) by the form.
        if (
            self.access is not None
            and hasattr(self.instance, "council_id")
            and not self.instance.council_id
        ):
            self.instance.council_id = self.access.council_id
        super()._post_clean()

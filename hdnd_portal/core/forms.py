from django import forms
from django.core.exceptions import FieldDoesNotExist

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
        widget = field.widget
        if isinstance(widget, (forms.Select, forms.SelectMultiple)):
            widget.attrs.setdefault("class", "form-select")
        elif isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        else:
            widget.attrs.setdefault("class", "form-control")


def per_term(field: forms.Field) -> bool:
    """A choice among records that exist once per term (they have a ``term`` foreign key)."""
    qs = getattr(field, "queryset", None)
    if qs is None:
        return False
    try:
        term = qs.model._meta.get_field("term")
    except FieldDoesNotExist:
        return False
    return term.many_to_one


def label_with_term(field: forms.ModelChoiceField) -> None:
    """Name each choice with its term: "Tổ đại biểu số 1 (2026-2031)".

    For choices that may come from more than one term: every term has its "Tổ đại biểu
    số 1" and its "Ban Kinh tế - Ngân sách", indistinguishable without it.
    """
    field.queryset = field.queryset.select_related("term")
    field.label_from_instance = _with_term


def label_without_term(field: forms.ModelChoiceField) -> None:
    """Plain labels again, once the choices are narrowed to one term."""
    field.label_from_instance = str


def _with_term(obj) -> str:
    return f"{obj} ({obj.term.name})"


def empty_choice_label(field: forms.Field) -> str:
    """ "— Chọn tổ đại biểu —": the empty choice of a form's dropdown, never "---------"."""
    label = str(field.label or "")
    if len(label) > 1 and not label[1].isupper():
        label = label[0].lower() + label[1:]
    return f"— Chọn {label} —" if label else "— Chọn —"


def is_dash_label(label) -> bool:
    return label is not None and str(label) != "" and set(str(label)) == {"-"}


def set_empty_labels(form: forms.BaseForm) -> None:
    """Every dropdown's empty choice in words (Django's default is "---------")."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            if is_dash_label(field.empty_label):
                field.empty_label = empty_choice_label(field)
        elif isinstance(field, forms.ChoiceField):
            choices = list(field.choices)
            if any(value == "" and is_dash_label(text) for value, text in choices):
                text = empty_choice_label(field)
                field.choices = [(v, text if v == "" else t) for v, t in choices]


class CouncilScopedForm(forms.ModelForm):
    """A model form whose related-record choices are limited to the user's council.

    Per-term choices are named with their term (:func:`label_with_term`) unless a
    subclass narrows them to one term (``councils.forms.TermScopedForm``); the empty
    choice reads "— Chọn … —".
    """

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to") and access is not None:
                field.queryset = qs.visible_to(access)
            if per_term(field):
                label_with_term(field)
        set_empty_labels(self)
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

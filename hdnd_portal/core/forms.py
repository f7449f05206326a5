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
        keep_overlong_input(widget)


def keep_overlong_input(widget: forms.Widget) -> None:
    """A text longer than its field's limit is refused with the limit, never cut.

    The browser's ``maxlength`` silently drops what is typed or pasted past the limit (a
    5,000-character title became its first 255): the limit moves to ``data-maxlength``, where
    ``portal.js`` counts the characters as they are typed, and the form's own validation refuses
    the text with "tối đa N ký tự (hiện có M)", the words kept for the user to shorten.
    """
    limit = widget.attrs.pop("maxlength", None)
    if limit:
        widget.attrs["data-maxlength"] = limit


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
    if field.iterator is not forms.models.ModelChoiceIterator:
        field.iterator = forms.models.ModelChoiceIterator
        field.queryset = field.queryset  # the widget's choices follow the iterator


class TermGroupedChoices(forms.models.ModelChoiceIterator):
    """The current term's records first, by their plain names; each other term's under its own
    heading ("Nhiệm kỳ 2021-2026"), newest first — so a dropdown spanning two terms opens on the
    term in force and never shows the same name twice without saying which term it is.

    Validation still reads the field's queryset: a record of another term stays choosable.
    The current term is read once, when the choices are drawn (no query on a POST that saves).
    """

    def __init__(self, field, council_id: int):
        super().__init__(field)
        self.council_id = council_id

    def __iter__(self):
        from councils.selectors import default_term_subquery

        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        current = set(
            default_term_subquery(council_id=self.council_id).values_list("pk", flat=True)
        )
        groups: dict[int, tuple[object, list]] = {}
        for obj in self.queryset.select_related("term"):
            choice = self.choice(obj)
            if obj.term_id in current:
                yield choice
            else:
                groups.setdefault(obj.term_id, (obj.term, []))[1].append(choice)
        for term, choices in sorted(
            groups.values(), key=lambda g: (g[0].start_date, g[0].pk), reverse=True
        ):
            yield (f"Nhiệm kỳ {term.name}", choices)

    def __len__(self):
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


def group_by_term(field: forms.ModelChoiceField, council_id: int) -> None:
    """Per-term choices grouped by term, the current one first (:class:`TermGroupedChoices`)."""
    field.queryset = field.queryset.select_related("term")
    if field.label_from_instance is _with_term:
        field.label_from_instance = str  # the group says the term
    field.iterator = lambda f: TermGroupedChoices(f, council_id)
    field.queryset = field.queryset  # the widget's choices follow the iterator


def own_body_first(form: forms.BaseForm, access) -> None:
    """A new record's single committee choice starts on the user's own body (their Ban)."""
    if access is None or form.is_bound or getattr(form.instance, "pk", None):
        return
    own = sorted(getattr(access, "committee_ids", ()) or ())
    if len(own) != 1:
        return
    for name, field in form.fields.items():
        model = getattr(getattr(field, "queryset", None), "model", None)
        if (
            model is not None
            and model._meta.label == "councils.Committee"
            and not isinstance(field, forms.ModelMultipleChoiceField)
            and not form.initial.get(name)
        ):
            form.initial[name] = own[0]


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
                if access is not None:
                    group_by_term(field, access.council_id)
        own_body_first(self, access)
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

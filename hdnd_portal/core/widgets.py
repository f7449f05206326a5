"""The portal's own widgets, whose words and formats are the portal's, not the browser's.

Dates: one widget, a text input that shows and accepts dd/mm/yyyy. ``<input type="date">`` displays dates in the browser's locale (mm/dd/yyyy on an English
browser), so a delegate reading "03/15/2026" on one computer and "15/03/2026" on another could
not trust it. This widget is a plain text input (typed dates always work, even without
JavaScript) with a calendar button that ``static/js/portal.js`` wires to the vendored picker
(vanillajs-datepicker, Vietnamese locale); the picker's files load only on pages that have one.

Files: a native ``<input type="file">`` is labelled by the browser in the browser's
language ("Choose Files", "No file chosen"). :class:`FilePickerInput` hides the
native button behind a label "Chọn tệp" and lists the chosen files' names beside
it (``static/js/file-picker.js``; without JavaScript the label still opens the
picker and the form still uploads).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.inputs import MAX_DATE, MIN_DATE, validate_sane_date

DISPLAY_FORMAT = "%d/%m/%Y"
# dd/mm/yyyy as typed; yyyy-mm-dd for the API's links and bookmarks of the type=date era.
DATE_INPUT_FORMATS = [DISPLAY_FORMAT, "%Y-%m-%d"]
INVALID_DATE = _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/03/2026.")
PICKER_FILES = {
    "js": "vendor/datepicker/datepicker.min.js",
    "locale": "vendor/datepicker/locales/vi.js",
    "css": "vendor/datepicker/datepicker-bs5.min.css",
}


class PortalDateInput(forms.DateInput):
    """``<input type="text" inputmode="numeric" placeholder="dd/mm/yyyy">`` plus a picker button.

    The picker gets the same 1945-2100 window the server enforces (``validate_sane_date``), in
    ``data-date-min``/``data-date-max`` (``min``/``max`` only mean something on ``type=date``).
    """

    input_type = "text"
    template_name = "core/widgets/date.html"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's own argument name
        defaults = {"inputmode": "numeric", "placeholder": "dd/mm/yyyy", "autocomplete": "off"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format=format or DISPLAY_FORMAT)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-date-input"] = True
        context["widget"].update(
            min=MIN_DATE.strftime(DISPLAY_FORMAT),
            max=MAX_DATE.strftime(DISPLAY_FORMAT),
            small="form-control-sm" in context["widget"]["attrs"].get("class", ""),
            picker_files=PICKER_FILES,
        )
        return context


def use_portal_date_input(field: forms.Field) -> None:
    """Give a date field (of a form or a django-filter form) the portal's widget, formats and
    date window (1945-2100, ``validate_sane_date``): the one place every date field gets them."""
    if not isinstance(field, forms.DateField):
        return
    if validate_sane_date not in field.validators:
        field.validators.append(validate_sane_date)
    old = field.widget
    if not isinstance(old, PortalDateInput):
        field.widget = PortalDateInput(attrs={**old.attrs})
        field.widget.is_required = old.is_required
    field.input_formats = DATE_INPUT_FORMATS
    field.error_messages["invalid"] = INVALID_DATE


NO_FILE = "Chưa chọn tệp nào"


class FilePickerInput(forms.FileInput):
    template_name = "core/widgets/file_picker.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Bootstrap's .form-control (set by style_widgets) would show the native button.
        context["widget"]["attrs"]["class"] = "file-picker-input"
        context["widget"]["label"] = "Chọn tệp"
        context["widget"]["empty"] = NO_FILE
        return context


class MultipleFilePickerInput(FilePickerInput):
    allow_multiple_selected = True

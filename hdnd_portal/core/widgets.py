"""Widgets whose words are the portal's, not the browser's.

A native ``<input type="file">`` is labelled by the browser in the browser's
language ("Choose Files", "No file chosen"). :class:`FilePickerInput` hides the
native button behind a label "Chọn tệp" and lists the chosen files' names beside
it (``static/js/file-picker.js``; without JavaScript the label still opens the
picker and the form still uploads).
"""

from django import forms

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

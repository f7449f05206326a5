from django import forms
from django.utils import timezone

from hdnd_portal.core.forms import CouncilScopedForm
from hdnd_portal.documents.models import DocumentRegister

# The number's series: fixed once a number has been given.
SERIES_FIELDS = ("type_code", "issuer_code", "is_normative", "issued_on")


class DocumentRegisterForm(CouncilScopedForm):
    """Register a document by hand (its number comes from the counter, never typed)."""

    class Meta:
        model = DocumentRegister
        fields = ["type_code", "issuer_code", "is_normative", "issued_on", "title", "signer"]
        widgets = {"issued_on": forms.DateInput(), "title": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["issued_on"].initial = timezone.localdate()
        else:
            for name in SERIES_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = "Không sửa được sau khi đã cấp số."

    def clean_issuer_code(self):
        return (self.cleaned_data.get("issuer_code") or "").strip().upper()

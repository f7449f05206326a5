from django import forms
from django.utils import timezone

from hdnd_portal.core.forms import CouncilScopedForm, style_widgets
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


class IssueConfirmForm(forms.Form):
    """ "Cấp số và in": the signing date (not before the event the document records, not after
    today) and the signer printed under the signature, both confirmed by the clerk."""

    issued_on = forms.DateField(
        label="Ngày ký",
        help_text="Ngày ghi trên văn bản; năm của ngày ký là năm của số văn bản.",
        error_messages={
            "required": "Nhập ngày ký (ngày/tháng/năm).",
            "invalid": "Ngày ký phải theo dạng ngày/tháng/năm, ví dụ 10/12/2025.",
        },
    )
    signer = forms.CharField(
        label="Người ký",
        max_length=255,
        help_text="Họ và tên người ký in dưới chữ ký.",
        error_messages={
            "required": "Nhập họ và tên người ký.",
            "max_length": "Họ và tên người ký không quá %(limit_value)d ký tự.",
        },
    )

    def __init__(self, *args, kind, obj, signer_required=True, **kwargs):
        from hdnd_portal.documents import printing

        super().__init__(*args, **kwargs)
        self.fields["signer"].required = signer_required
        self.kind, self.obj = kind, obj
        on = printing.default_on(kind, obj)
        self.fields["issued_on"].initial = on
        self.fields["signer"].initial = kind.signer(obj, on)
        earliest = printing.not_before(kind, obj)
        if earliest is not None:
            self.fields[
                "issued_on"
            ].help_text = (
                f"Từ ngày {earliest:%d/%m/%Y} đến hôm nay; năm của ngày ký là năm của số văn bản."
            )
        style_widgets(self)

    def clean_issued_on(self):
        from hdnd_portal.documents import printing

        on = self.cleaned_data["issued_on"]
        errors = printing.signing_date_errors(self.kind, self.obj, on)
        if errors:
            raise forms.ValidationError(errors)
        return on

    def clean_signer(self):
        signer = " ".join(self.cleaned_data["signer"].split())
        if not signer and self.fields["signer"].required:
            raise forms.ValidationError("Nhập họ và tên người ký.")
        return signer

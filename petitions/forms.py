from django import forms
from django.db.models import Q
from django.utils import timezone

from councils.models import Agency, CouncilRole, User, in_office_q
from hdnd_portal.core.forms import CouncilScopedForm, set_empty_labels, style_widgets
from hdnd_portal.core.widgets import use_portal_date_input
from petitions.models import (
    Kind,
    Letter,
    PetitionReport,
    PetitionSetting,
    Reception,
    ReceptionSchedule,
)
from petitions.selectors import protected_view


def _leave_out_hidden(form) -> None:
    """An edit form holds only what its reader may see of the citizen (the detail page's view,
    :func:`petitions.selectors.protected_view`): a hidden field is left out, and keeps its value."""
    shown = protected_view(form.instance, form.access, reveal=True)
    for name in shown.hidden:
        form.fields.pop(name, None)
    # The page logs the showing when it renders the form (views._shown_in_form); building a
    # form never writes.
    form.shown = shown


class ReceptionForm(CouncilScopedForm):
    letter_subject = forms.CharField(
        label="Công dân nộp đơn: tóm tắt đơn",
        required=False,
        max_length=300,
        help_text="Ghi tóm tắt nếu công dân nộp đơn: đơn được vào sổ đơn thư ngay.",
    )

    class Meta:
        model = Reception
        fields = [
            "received_on",
            "place",
            "schedule",
            "receivers",
            "by_standing",
            "citizen_name",
            "citizen_id_number",
            "citizen_address",
            "group_size",
            "representatives",
            "kind",
            "content",
            "documents",
            "prior_body",
            "within_authority",
            "outcome",
            "guidance_document",
            "forward_document",
            "result",
            "note",
        ]
        widgets = {
            "citizen_id_number": forms.TextInput(attrs={"autocomplete": "off"}),
            "content": forms.Textarea(attrs={"rows": 3}),
            "documents": forms.Textarea(attrs={"rows": 2}),
            "result": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["letter_subject"]
            _leave_out_hidden(self)
        elif not self.initial.get("received_on"):
            self.initial["received_on"] = timezone.localdate()
        if "receivers" in self.fields:
            self._narrow_receivers()

    def _narrow_receivers(self) -> None:
        """The delegates in office on the reception's day (not both terms' fifty names), those
        already chosen kept; a delegate logging their own reception is chosen already."""
        from hdnd_portal.core.inputs import parse_day

        field = self.fields["receivers"]
        on = (
            (parse_day(self.data.get("received_on")) if self.is_bound else None)
            or self.instance.received_on
            or self.initial.get("received_on")
            or timezone.localdate()
        )
        chosen = (
            list(self.instance.receivers.values_list("pk", flat=True)) if self.instance.pk else []
        )
        field.queryset = (
            field.queryset.filter(in_office_q(on) | Q(pk__in=chosen))
            .select_related("term")
            .order_by("sort_name", "pk")
        )
        field.widget.attrs["size"] = 6
        delegate_id = getattr(self.access, "delegate_id", None)
        if not self.instance.pk and delegate_id and not self.is_bound:
            self.initial.setdefault("receivers", [delegate_id])


class LetterForm(CouncilScopedForm):
    # Fields of one kind of letter only: shown when the kind chosen has them.
    show_when = {
        "complaint_round": ("kind", (Kind.COMPLAINT.value,)),
        "content_reveals_identity": ("kind", (Kind.DENUNCIATION.value, Kind.MIXED.value)),
    }

    class Meta:
        model = Letter
        fields = [
            "source",
            "delegate",
            "received_on",
            "letter_date",
            "kind",
            "sender_name",
            "sender_id_number",
            "sender_address",
            "sender_phone",
            "group_size",
            "anonymous",
            "subject",
            "content",
            "content_reveals_identity",
            "complaint_round",
            "complexity",
            "eligible",
            "ineligible_reason",
        ]
        widgets = {
            "sender_id_number": forms.TextInput(attrs={"autocomplete": "off"}),
            "content": forms.Textarea(attrs={"rows": 4}),
            "ineligible_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            _leave_out_hidden(self)


class ForwardForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="Cơ quan có thẩm quyền")
    forwarded_on = forms.DateField(label="Ngày chuyển đơn")
    # No typed number: the forwarding slip takes its number from the register ("Cấp số và
    # in" on the letter's page once forwarded), one number per document.

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Every agency is offered by id, so another council's is refused with the clear
        # message of the service, not "Hãy chọn một lựa chọn hợp lệ".
        self.fields["agency"].queryset = Agency.objects.filter(active=True).order_by("name")
        self.fields["agency"].widget.choices = self.fields["agency"].choices
        qs = Agency.objects.filter(council_id=access.council_id, active=True).order_by("name")
        self.fields["agency"].widget.choices = [("", "— Chọn cơ quan có thẩm quyền —")] + [
            (a.pk, a.name) for a in qs
        ]
        self.initial.setdefault("forwarded_on", timezone.localdate())
        style_widgets(self)


class GuideForm(forms.Form):
    guidance = forms.CharField(
        label="Nội dung hướng dẫn công dân", widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ResultForm(forms.Form):
    result = forms.CharField(label="Kết quả giải quyết", widget=forms.Textarea(attrs={"rows": 3}))
    decision_document = forms.CharField(
        label="Số quyết định giải quyết",
        required=False,
        max_length=100,
        help_text="Bắt buộc với khiếu nại đã thụ lý.",
    )
    decided_on = forms.DateField(label="Ngày quyết định giải quyết", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ReceiptForm(forms.Form):
    body_received_on = forms.DateField(label="Ngày cơ quan có thẩm quyền nhận đơn")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class AcceptanceForm(forms.Form):
    accepted_on = forms.DateField(label="Ngày thụ lý")
    acceptance_document = forms.CharField(label="Số quyết định, thông báo thụ lý", max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ExtendForm(forms.Form):
    new_due_date = forms.DateField(label="Hạn mới")
    reason = forms.CharField(label="Lý do gia hạn", max_length=500)
    document = forms.CharField(label="Số văn bản gia hạn", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class AssignForm(forms.Form):
    handlers = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), label="Người được giao xử lý"
    )

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        ids = CouncilRole.objects.filter(
            council_id=access.council_id, role__in=["admin", "staff", "standing"]
        ).values("user_id")
        self.fields["handlers"].queryset = User.objects.filter(pk__in=ids).order_by("username")
        self.fields["handlers"].label_from_instance = lambda u: u.get_full_name() or u.username
        style_widgets(self)


class ScheduleForm(CouncilScopedForm):
    class Meta:
        model = ReceptionSchedule
        fields = ["date", "place", "host", "delegates", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class ReportForm(CouncilScopedForm):
    class Meta:
        model = PetitionReport
        fields = ["title", "period_start", "period_end", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class SettingForm(CouncilScopedForm):
    class Meta:
        model = PetitionSetting
        fields = [
            "start_date",
            "end_date",
            "delegate_receptions_per_year",
            "chair_receptions_per_month",
            "retention_years_reception",
            "retention_years_letter",
            "denunciation_extension_days",
            "denunciation_extensions_complex",
            "denunciation_extensions_very_complex",
            "note",
        ]


class ProtectionLiftForm(forms.Form):
    reason = forms.CharField(
        label="Lý do bỏ bảo mật danh tính",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ghi rõ căn cứ: ví dụ đơn được phân loại lại, không có nội dung tố cáo.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class CitizenExportForm(forms.Form):
    query = forms.CharField(
        label="Số CCCD/hộ chiếu hoặc họ tên công dân", max_length=200, min_length=3
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


__all__ = ["set_empty_labels", "use_portal_date_input"]

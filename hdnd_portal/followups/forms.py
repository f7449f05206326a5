"""Forms of the follow-up pages. They validate input; the services do the work."""

from django import forms
from django.contrib.auth import get_user_model

from hdnd_portal.core.forms import CouncilScopedForm, style_widgets
from hdnd_portal.core.uploads import upload_help_text, validate_upload
from hdnd_portal.core.widgets import MultipleFilePickerInput
from hdnd_portal.followups.kinds import kind_choices, kind_label
from hdnd_portal.followups.models import DayOff, DeadlineRule, FollowUp
from hdnd_portal.followups.rules import rule_codes
from hdnd_portal.followups.services import EDITABLE_FIELDS


class DateField(forms.DateField):
    widget = forms.DateInput


class _FollowUpFields(CouncilScopedForm):
    kind = forms.ChoiceField(label="Loại việc")

    class Meta:
        model = FollowUp
        fields = list(EDITABLE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        choices = kind_choices(manual_only=True)
        current = self.instance.kind if self.instance.pk else None
        if current and current not in dict(choices):
            choices.append((current, kind_label(current)))
        self.fields["kind"].choices = choices
        self.fields["kind"].widget.attrs["class"] = "form-select"
        users = get_user_model().objects.none()
        if access is not None:
            users = (
                get_user_model()
                .objects.filter(council_roles__council_id=access.council_id)
                .distinct()
                .order_by("last_name", "first_name", "username")
            )
        self.fields["assignee"].queryset = users
        # Delegates in office today: not one whose mandate starts next month or has ended.
        self.fields["delegate"].queryset = self.fields["delegate"].queryset.current()
        self.fields["agency"].queryset = self.fields["agency"].queryset.filter(active=True)


class FollowUpCreateForm(_FollowUpFields):
    rule_code = forms.ChoiceField(
        label="Quy tắc thời hạn",
        required=False,
        help_text="Hạn được tính theo phiên bản quy tắc có hiệu lực vào ngày bắt đầu.",
    )
    event_on = DateField(
        label="Ngày diễn ra sự kiện",
        required=False,
        help_text="Chỉ cần với quy tắc tính lùi (ví dụ: ngày khai mạc kỳ họp).",
    )
    due_date = DateField(
        label="Hạn xử lý",
        required=False,
        help_text="Để trống nếu tính theo quy tắc; nếu nhập, hạn này được dùng.",
    )

    class Meta(_FollowUpFields.Meta):
        fields = [*EDITABLE_FIELDS, "started_on"]

    field_order = [
        "kind",
        "title",
        "description",
        "reference",
        "agency",
        "assignee",
        "committee",
        "delegate",
        "started_on",
        "rule_code",
        "event_on",
        "due_date",
    ]

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        council_id = access.council_id if access is not None else None
        self.fields["rule_code"].choices = [
            ("", "— Không theo quy tắc: nhập hạn xử lý —"),
            # The rule's name only: its code is an identifier, not a word for users.
            *rule_codes(council_id),
        ]
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if not data.get("rule_code") and not data.get("due_date"):
            self.add_error("due_date", "Cần chọn quy tắc thời hạn hoặc nhập hạn xử lý.")
        return data


class FollowUpEditForm(_FollowUpFields):
    """What can change after creation; the due date changes only by an extension."""


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        # "Chọn tệp", not the browser's "Choose Files".
        kwargs.setdefault("widget", MultipleFilePickerInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Nội dung trả lời / kết quả thực hiện", widget=forms.Textarea(attrs={"rows": 6})
    )
    files = MultipleFileField(
        label="Tệp đính kèm",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = f"Văn bản trả lời, báo cáo kết quả: {upload_help_text()}"
        style_widgets(self)

    def clean_files(self):
        # The service checks again (the API's path); here the page shows the error on the field.
        files = self.cleaned_data.get("files") or []
        for upload in files:
            validate_upload(upload)
        return files


class ExtendForm(forms.Form):
    new_due_date = DateField(label="Hạn mới")
    reason = forms.CharField(label="Lý do gia hạn", widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.CharField(
        label="Văn bản gia hạn",
        required=False,
        max_length=255,
        help_text="Số, ngày văn bản cho phép gia hạn (nếu có).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class CloseForm(forms.Form):
    reason = forms.CharField(
        label="Lý do đóng",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ví dụ: công dân rút đơn; đã gộp vào việc khác.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Lý do mở lại",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ví dụ: kết quả trả lời chưa đáp ứng yêu cầu.",
    )
    new_due_date = DateField(
        label="Hạn mới", required=False, help_text="Để trống để giữ hạn hiện tại."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class AcceptForm(forms.Form):
    note = forms.CharField(
        label="Ý kiến của Thường trực",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Không bắt buộc. Ví dụ: kết quả đáp ứng yêu cầu của cử tri.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label="Lý do trả lại",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ví dụ: chưa trả lời đủ nội dung kiến nghị; cần nêu rõ thời gian khắc phục.",
    )
    new_due_date = DateField(
        label="Hạn mới", required=False, help_text="Để trống để giữ hạn hiện tại."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class _ScopedCalendarForm(CouncilScopedForm):
    """A rule or day off: an administrator may declare it for every council."""

    for_all_councils = forms.BooleanField(
        label="Áp dụng cho mọi HĐND",
        required=False,
        help_text="Chỉ quản trị hệ thống: quy định chung của Nhà nước.",
    )

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        is_admin = access is not None and access.role == "admin"
        if self.instance.pk or not is_admin:
            # The scope is chosen once, at creation, and only by an administrator.
            del self.fields["for_all_councils"]

    def _post_clean(self):
        if not self.instance.pk:
            for_all = self.cleaned_data.get("for_all_councils", False)
            self.instance.council_id = (
                None if for_all else (self.access.council_id if self.access is not None else None)
            )
        forms.ModelForm._post_clean(self)


class DeadlineRuleForm(_ScopedCalendarForm):
    class Meta:
        model = DeadlineRule
        fields = [
            "code",
            "name",
            "days",
            "day_kind",
            "counts_back",
            "legal_source",
            "article",
            "valid_from",
            "valid_to",
            "is_setting",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class DayOffForm(_ScopedCalendarForm):
    class Meta:
        model = DayOff
        fields = ["date", "kind", "name"]

import uuid

from django import forms
from django.urls import reverse
from django.utils import timezone

from councils.models import Agency, Committee
from hdnd_portal.core.access import DELEGATE
from hdnd_portal.core.forms import CouncilScopedForm, set_empty_labels, style_widgets
from hdnd_portal.core.pickers import use_picker
from hdnd_portal.core.uploads import validate_upload
from hdnd_portal.followups.forms import MultipleFileField
from voters.models import PetitionField, SynthesizedPetition, VoterMeeting, VoterPetition
from voters.policies import OWN_GROUP
from voters.selectors import delegate_group_of


class ClientUUIDMixin(forms.Form):
    """A hidden id made when the form is drawn: sending it twice creates one record."""

    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def _init_uuid(self):
        if not self.is_bound:
            self.initial.setdefault("client_uuid", str(uuid.uuid4()))


class PetitionFieldForm(CouncilScopedForm):
    class Meta:
        model = PetitionField
        fields = ["name", "report_group", "order", "active"]


class VoterMeetingForm(ClientUUIDMixin, CouncilScopedForm):
    class Meta:
        model = VoterMeeting
        fields = [
            "kind",
            "session",
            "holder",
            "held_on",
            "start_time",
            "place",
            "voter_count",
            "speaker_count",
            "delegates",
            "organiser",
            "front_chair",
            "notice_reference",
            "minutes",
        ]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        self._init_uuid()
        holders = self.fields["holder"].queryset.exclude(kind=Committee.Kind.BAN)
        delegates = self.fields["delegates"].queryset.select_related("term")
        group = delegate_group_of(access)
        if access is not None and access.role == DELEGATE:
            # A delegate records the meetings of their own delegate group (the rule is
            # services.meeting_save's; another group is refused in its words).
            holders = holders.filter(pk=group.pk) if group else holders.none()
            self.fields["holder"].error_messages["invalid_choice"] = OWN_GROUP
            if group is not None:
                delegates = delegates.filter(term_id=group.term_id)
                if not self.is_bound and not self.instance.pk:
                    self.initial.setdefault("holder", group.pk)
                    self.initial.setdefault("delegates", [access.delegate_id])
        self.fields["holder"].queryset = holders.select_related("term")
        self.fields["delegates"].queryset = delegates.order_by("sort_name", "id")
        self.fields["delegates"].widget.attrs["size"] = 6
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("held_on", timezone.localdate())


class VoterPetitionForm(ClientUUIDMixin, CouncilScopedForm):
    """A petition raised at a meeting (the meeting is given by the page)."""

    class Meta:
        model = VoterPetition
        fields = ["meeting", "content", "field", "place", "raised_by", "voter_count"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, access=None, meeting=None, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        self._init_uuid()
        self.fields["field"].queryset = self.fields["field"].queryset.filter(active=True)
        if meeting is not None:
            del self.fields["meeting"]
            self.instance.meeting = meeting
        else:
            # Every meeting of the council's history: the latest and a search, not a list.
            use_picker(self.fields["meeting"])


class SynthesizedPetitionForm(CouncilScopedForm):
    class Meta:
        model = SynthesizedPetition
        fields = ["content", "field", "place", "session", "competence", "repeat_of"]
        widgets = {"content": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        self.fields["content"].widget.attrs.update(
            {
                "hx-get": reverse("voters-similar")
                + (f"?exclude={self.instance.pk}" if self.instance.pk else ""),
                "hx-trigger": "keyup changed delay:500ms",
                "hx-target": "#duplicate-suggestions",
                "hx-include": "this",
            }
        )
        repeat = self.fields["repeat_of"]
        if self.instance.pk:
            repeat.queryset = repeat.queryset.exclude(pk=self.instance.pk)
        # The council's every synthesised petition, ever: the latest and a search, not a list.
        use_picker(repeat, exclude=[self.instance.pk])
        # Not sent: the stored value stays (a new petition: the commune's).
        self.fields["competence"].required = False


class MergeForm(SynthesizedPetitionForm):
    """Gộp: the raw petitions behind the new synthesised petition."""

    petitions = forms.ModelMultipleChoiceField(
        queryset=VoterPetition.objects.all(),
        label="Các kiến nghị được gộp",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        del self.fields["competence"]  # decided when forwarding (or on the petition's page)
        field = self.fields["petitions"]
        field.queryset = (
            VoterPetition.objects.visible_to(access)
            .filter(synthesized__isnull=True)
            .select_related("meeting")
            .order_by("-id")
        )
        field.label_from_instance = lambda p: f"{p} — {p.meeting.place} ({p.voter_count} cử tri)"
        field.error_messages["invalid_choice"] = (
            "Kiến nghị “%(value)s” không còn để gộp (đã tổng hợp hoặc thuộc HĐND khác)."
        )
        field.widget.attrs.pop("class", None)


class AssignForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.all(), label="Cơ quan trả lời")
    started_on = forms.DateField(label="Ngày chuyển")
    reference = forms.CharField(
        label="Văn bản chuyển (số, ngày)",
        required=False,
        max_length=200,
        help_text="Kiến nghị vượt thẩm quyền cấp xã: chọn cơ quan cấp trên (thành phố).",
    )

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = (
            Agency.objects.visible_to(access).filter(active=True).order_by("kind", "name")
        )
        self.initial.setdefault("started_on", timezone.localdate())
        set_empty_labels(self)
        style_widgets(self)


ANSWER_STATES = [
    (s.value, s.label)
    for s in SynthesizedPetition.State
    if s.value in SynthesizedPetition.ANSWERED_STATES
]


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Nội dung trả lời", widget=forms.Textarea(attrs={"rows": 5}))
    state = forms.ChoiceField(label="Tình trạng", choices=ANSWER_STATES)
    reason = forms.CharField(
        label="Lý do không tiếp thu, ghi chú kết quả",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    voter_acceptance = forms.ChoiceField(
        label="Ý kiến cử tri về trả lời", choices=SynthesizedPetition.VoterAcceptance.choices
    )
    answered_on = forms.DateField(
        label="Ngày trả lời",
        required=False,
        help_text="Ngày của văn bản trả lời (cơ quan cấp thành phố); để trống: hôm nay.",
    )
    files = MultipleFileField(label="Tệp đính kèm", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        for upload in files:
            validate_upload(upload)
        return files

    def clean(self):
        data = super().clean()
        if (
            data.get("state") == SynthesizedPetition.State.NOT_ACCEPTED
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", "Không tiếp thu kiến nghị phải nêu lý do.")
        return data

"""Forms of the preparation records and the Standing Committee's meetings."""

from django import forms

from councils.forms import TermScopedForm
from councils.models import Delegate, User
from hdnd_portal.core.forms import CouncilScopedForm
from meetings.models import (
    CongressGoal,
    JointMeeting,
    PreparationTask,
    QuarterlyReport,
    StandingMeeting,
)


def _latest_sessions(field) -> None:
    field.queryset = field.queryset.order_by("-start_date", "-id")


class JointMeetingForm(CouncilScopedForm):
    decisions_text = forms.CharField(
        label="Các nội dung thống nhất",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Mỗi dòng một nội dung (ví dụ: Thống nhất dự kiến chương trình kỳ họp).",
    )

    class Meta:
        model = JointMeeting
        fields = [
            "session",
            "held_on",
            "place",
            "participants",
            "attendees",
            "content",
            "minutes",
            "decisions_text",
        ]
        widgets = {
            "participants": forms.CheckboxSelectMultiple,
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _latest_sessions(self.fields["session"])
        self.fields["participants"].widget.attrs["class"] = "form-check-input"
        if self.instance.pk and not self.is_bound:
            self.initial["decisions_text"] = "\n".join(
                d.text for d in self.instance.decisions.all()
            )

    def decision_lines(self) -> list[str]:
        text = self.cleaned_data.get("decisions_text") or ""
        return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]

    def clean(self):
        data = super().clean()
        # The command's input: one agreed point per line.
        data["decisions"] = self.decision_lines()
        return data


class PreparationTaskForm(CouncilScopedForm):
    class Meta:
        model = PreparationTask
        fields = [
            "session",
            "title",
            "assignee",
            "delegate",
            "agency",
            "responsibility",
            "procedure",
            "expected_result",
            "due_date",
        ]
        widgets = {
            "responsibility": forms.Textarea(attrs={"rows": 2}),
            "procedure": forms.Textarea(attrs={"rows": 2}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _latest_sessions(self.fields["session"])
        if self.access is not None:
            # People with a role in this council only.
            self.fields["assignee"].queryset = (
                User.objects.filter(council_roles__council_id=self.access.council_id)
                .distinct()
                .order_by("last_name", "first_name", "username")
            )
        if self.instance.pk:
            # The deadline moves only by an extension of its follow-up item (kept in history).
            self.fields["due_date"].disabled = True
            self.fields[
                "due_date"
            ].help_text = "Hạn chỉ thay đổi bằng gia hạn ở việc cần đôn đốc của nhiệm vụ."


class StandingMeetingForm(TermScopedForm):
    attendees = forms.ModelMultipleChoiceField(
        queryset=Delegate.objects.order_by("sort_name", "id"),
        required=False,
        label="Đại biểu dự họp",
        help_text="Không bắt buộc.",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = StandingMeeting
        fields = ["term", "kind", "held_on", "place", "topic", "chair", "minutes", "attendees"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].widget.attrs["class"] = "form-check-input"
        if self.instance.pk and not self.is_bound:
            self.initial["attendees"] = [a.delegate_id for a in self.instance.attendances.all()]


class QuarterlyReportForm(CouncilScopedForm):
    class Meta:
        model = QuarterlyReport
        fields = [
            "year",
            "quarter",
            "meeting",
            "other_results",
            "strengths",
            "shortcomings",
            "causes",
            "next_quarter",
            "recommendations",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "other_results",
                "strengths",
                "shortcomings",
                "causes",
                "next_quarter",
                "recommendations",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        field.queryset = field.queryset.filter(kind=StandingMeeting.Kind.PARTY_REPORT).order_by(
            "-held_on"
        )


class CongressGoalForm(CouncilScopedForm):
    class Meta:
        model = CongressGoal
        fields = ["congress", "code", "kind", "field", "text", "target_value", "order"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

"""Forms of the procedures library and emulation pages (the rules live in the models and the
commands, so the API refuses the same)."""

from django import forms

from councils.models_library import (
    EmulationCriterion,
    EmulationRegistration,
    EmulationResult,
    Procedure,
    ProcedureVersion,
    Reward,
)
from hdnd_portal.core.forms import CouncilScopedForm
from hdnd_portal.core.uploads import upload_help_text
from hdnd_portal.core.widgets import FilePickerInput


class ProcedureForm(CouncilScopedForm):
    class Meta:
        model = Procedure
        fields = ["kind", "document_type", "title", "scope", "note"]


class ProcedureVersionForm(CouncilScopedForm):
    file = forms.FileField(
        label="Tệp văn bản (PDF hoặc Word)",
        required=False,
        widget=FilePickerInput(),
        help_text="Khi sửa, để trống để giữ tệp đã lưu. ",
    )

    class Meta:
        model = ProcedureVersion
        fields = [
            "procedure",
            "decision_number",
            "decision_date",
            "issuer",
            "start_date",
            "end_date",
            "file",
            "changes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text += upload_help_text()
        if self.instance.pk:
            # A version stays with its procedure: a new text is a new version.
            self.fields["procedure"].disabled = True


class EmulationCriterionForm(CouncilScopedForm):
    class Meta:
        model = EmulationCriterion
        fields = ["year", "number", "applies_to", "content", "max_score", "note"]


class _RegistrantForm(CouncilScopedForm):
    """A delegate or a collective (a delegate group, a Ban, the Standing Committee)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        delegate, committee = self.fields["delegate"], self.fields["committee"]
        delegate.queryset = delegate.queryset.select_related("term")
        committee.queryset = committee.queryset.select_related("term")
        delegate.help_text = "Chọn đại biểu, hoặc chọn một tập thể ở ô dưới."
        committee.help_text = "Tổ đại biểu, Ban của HĐND hoặc Thường trực HĐND."


class EmulationRegistrationForm(_RegistrantForm):
    class Meta:
        model = EmulationRegistration
        fields = ["year", "delegate", "committee", "registered_on", "title", "goals", "note"]


class EmulationResultForm(CouncilScopedForm):
    class Meta:
        model = EmulationResult
        fields = [
            "registration",
            "reviewed_on",
            "rating",
            "score",
            "title_proposed",
            "reviewed_by",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["registration"]
        field.queryset = field.queryset.select_related("delegate", "committee").order_by(
            "-year", "registrant_kind", "id"
        )


class RewardForm(_RegistrantForm):
    class Meta:
        model = Reward
        fields = [
            "year",
            "delegate",
            "committee",
            "form",
            "level",
            "title",
            "achievement",
            "decision_number",
            "decision_date",
            "issuer",
            "note",
        ]

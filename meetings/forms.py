from django import forms

from councils.forms import TermScopedForm
from councils.models import Agency, Committee
from hdnd_portal.core.access import COMMITTEE
from hdnd_portal.core.forms import CouncilScopedForm, set_empty_labels, style_widgets
from hdnd_portal.core.uploads import upload_help_text
from hdnd_portal.core.widgets import FilePickerInput
from meetings.models import (
    AgendaItem,
    Attendance,
    Examination,
    Publication,
    Question,
    Resolution,
    Session,
    SessionDocument,
    Vote,
)


class SessionForm(TermScopedForm):
    class Meta:
        model = Session
        fields = [
            "term",
            "number",
            "kind",
            "title",
            "start_date",
            "start_time",
            "end_date",
            "place",
            "note",
        ]


class AgendaItemForm(CouncilScopedForm):
    class Meta:
        model = AgendaItem
        fields = ["session", "number", "title", "time_label", "presenter", "presenter_text", "note"]


class SessionDocumentForm(CouncilScopedForm):
    file = forms.FileField(
        label="Tệp tài liệu (PDF, Word)",
        required=False,
        widget=FilePickerInput(),
        help_text="Tải tệp mới sẽ tạo phiên bản mới; các phiên bản cũ được giữ lại. ",
    )

    class Meta:
        model = SessionDocument
        fields = [
            "session",
            "agenda_item",
            "kind",
            "title",
            "reference",
            "dated_on",
            "sent_on",
            "criticism_required",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text += upload_help_text()
        self.fields["agenda_item"].queryset = self.fields["agenda_item"].queryset.select_related(
            "session"
        )
        self.fields["agenda_item"].label_from_instance = lambda a: f"{a.session.name}: {a}"

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            from hdnd_portal.core.uploads import validate_upload

            validate_upload(upload)
        return upload


class ExaminationForm(CouncilScopedForm):
    class Meta:
        model = Examination
        fields = ["document", "committee", "recommendation", "content", "examined_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = self.fields["document"].queryset.filter(
            kind=SessionDocument.Kind.DRAFT_RESOLUTION
        )
        committees = self.fields["committee"].queryset.filter(kind=Committee.Kind.BAN)
        if self.access is not None and self.access.role == COMMITTEE:
            # A Ban member writes for their own Ban only.
            committees = committees.filter(pk__in=self.access.committee_ids)
        self.fields["committee"].queryset = committees


class QuestionForm(CouncilScopedForm):
    class Meta:
        model = Question
        fields = ["session", "asker", "answerer_name", "answerer_agency", "question", "answer"]


class ResolutionForm(CouncilScopedForm):
    class Meta:
        model = Resolution
        fields = [
            "session",
            "agenda_item",
            "draft",
            "title",
            "kind",
            "body",
            "regulation",
            "effective_on",
            "goals",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["draft"].queryset = self.fields["draft"].queryset.filter(
            kind=SessionDocument.Kind.DRAFT_RESOLUTION
        )
        self.fields["agenda_item"].queryset = self.fields["agenda_item"].queryset.select_related(
            "session"
        )
        self.fields["agenda_item"].label_from_instance = lambda a: f"{a.session.name}: {a}"


class _PlainForm(forms.Form):
    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and access is not None and hasattr(qs, "visible_to"):
                field.queryset = qs.visible_to(access)
        set_empty_labels(self)
        style_widgets(self)


class CommitmentForm(_PlainForm):
    content = forms.CharField(label="Nội dung cam kết", widget=forms.Textarea(attrs={"rows": 2}))
    agency = forms.ModelChoiceField(
        label="Cơ quan thực hiện", queryset=Agency.objects.all(), required=False
    )


class PublicationForm(_PlainForm):
    channel = forms.ChoiceField(label="Hình thức công bố", choices=Publication.Channel.choices)
    place = forms.CharField(label="Nơi công bố", max_length=200, required=False)
    published_on = forms.DateField(label="Ngày công bố")


class ImplementationTaskForm(_PlainForm):
    title = forms.CharField(label="Nhiệm vụ triển khai", max_length=500)
    agency = forms.ModelChoiceField(label="Cơ quan thực hiện", queryset=Agency.objects.all())
    due_date = forms.DateField(label="Hạn hoàn thành")


ATTENDANCE_CHOICES = Attendance.Status.choices
VOTE_CHOICES = Vote.Choice.choices

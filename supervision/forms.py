from django import forms

from councils.models import Delegate
from hdnd_portal.core.forms import CouncilScopedForm, set_empty_labels, style_widgets
from supervision import selectors
from supervision.models import (
    COUNCIL_BODIES,
    Activity,
    ActivityKind,
    Conclusion,
    Programme,
    ProgrammeItem,
    Question,
    Recommendation,
)
from supervision.policies import BODY_ONLY, editable_committee_ids


class SupervisionForm(CouncilScopedForm):
    """Dropdowns offer only what the user may file under. The rule itself is the command's
    (``services``: "Bạn chỉ được lập, sửa…"); a choice not offered is refused in its words."""

    def limit_to_editable(self, name: str, lookup: str = "committee_id__in") -> None:
        """Offer only the records of bodies the user may change (a Ban member: their Ban)."""
        ids = editable_committee_ids(self.access)
        if ids is not None and name in self.fields:
            field = self.fields[name]
            field.queryset = field.queryset.filter(**{lookup: ids})
            field.error_messages["invalid_choice"] = BODY_ONLY


class BodyFormMixin:
    """The committee dropdown offers Thường trực, Bans and groups the user may act for."""

    def setup_body(self):
        field = self.fields["committee"]
        field.queryset = field.queryset.exclude(kind="").order_by(
            "-term__start_date", "kind", "name"
        )
        self.limit_to_editable("committee", "pk__in")


class ProgrammeForm(BodyFormMixin, SupervisionForm):
    class Meta:
        model = Programme
        fields = ["year", "body", "committee", "title", "adopted_on", "reference", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_body()


class ProgrammeItemForm(SupervisionForm):
    class Meta:
        model = ProgrammeItem
        fields = ["programme", "topic", "kind", "agencies", "other_bodies", "planned_month", "note"]
        widgets = {"agencies": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to_editable("programme")
        self.overlaps = selectors.item_overlaps(self.instance) if self.instance.pk else []

    def clean(self):
        cleaned = super().clean()
        programme = cleaned.get("programme")
        month = cleaned.get("planned_month")
        topic = cleaned.get("topic")
        if programme and month and topic:
            # A warning only: shown beside the form and on the item's page, never refused.
            self.overlaps = selectors.draft_overlaps(
                council_id=programme.council_id,
                year=programme.year,
                month=month,
                topic=topic,
                agency_ids=[a.pk for a in cleaned.get("agencies") or []],
                other_bodies=cleaned.get("other_bodies") or "",
                exclude_pk=self.instance.pk,
            )
        return cleaned


class ActivityForm(BodyFormMixin, SupervisionForm):
    leader = forms.ModelChoiceField(
        queryset=Delegate.objects.all(), required=False, label="Trưởng đoàn"
    )
    members = forms.ModelMultipleChoiceField(
        queryset=Delegate.objects.all(),
        required=False,
        label="Thành viên đoàn",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Activity
        fields = [
            "body",
            "committee",
            "kind",
            "topic",
            "programme_item",
            "standing_meeting",
            "decision_date",
            "agencies",
            "other_bodies",
            "start_date",
            "end_date",
            "leader",
            "members",
            "experts",
            "purpose",
            "scope",
        ]
        widgets = {"agencies": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [
            (value, label)
            for value, label in self.fields["body"].choices
            if value == "" or value in COUNCIL_BODIES
        ]
        # Re-supervision is started from the activity ("Tái giám sát"), carrying its
        # recommendations over; it is not chosen here.
        if not (self.instance.pk and self.instance.kind == ActivityKind.RESUPERVISION):
            self.fields["kind"].choices = [
                c for c in self.fields["kind"].choices if c[0] != ActivityKind.RESUPERVISION
            ]
        self.setup_body()
        if self.access is not None:
            for name in ("leader", "members"):
                qs = Delegate.objects.visible_to(self.access).select_related("term")
                self.fields[name].queryset = qs.order_by("-term__start_date", "sort_name", "id")
                self.fields[name].label_from_instance = lambda d: f"{d.full_name} ({d.term.name})"
        if self.instance.pk:
            team = list(self.instance.team.all())
            leader = next((m.delegate_id for m in team if m.role == "leader"), None)
            self.initial.setdefault("leader", leader)
            self.initial.setdefault("members", [m.delegate_id for m in team if m.role != "leader"])
        if self.instance.decision_id:
            # The decision is numbered: its date is the register's.
            self.fields["decision_date"].disabled = True
        set_empty_labels(self)
        style_widgets(self)


class QuestionForm(SupervisionForm):
    class Meta:
        model = Question
        fields = [
            "activity",
            "asked_by",
            "question",
            "agency",
            "answerer",
            "answer",
            "commitment",
            "commitment_due",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = self.fields["activity"].queryset.filter(
            kind__in=[ActivityKind.QUESTIONING, ActivityKind.EXPLANATION]
        )
        self.limit_to_editable("activity")


class ConclusionForm(SupervisionForm):
    class Meta:
        model = Conclusion
        fields = [
            "activity",
            "kind",
            "concluded_on",
            "overview",
            "results",
            "shortcomings",
            "causes",
            "violations",
            "referred_to",
            "referred_on",
            "reported_to_party_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to_editable("activity")


REQUIRED_MESSAGES = {
    "agency": "Hãy chọn cơ quan chịu trách nhiệm thực hiện kiến nghị.",
    "content": "Hãy nhập nội dung kiến nghị (việc cần thực hiện).",
    "due_date": "Hãy nhập thời hạn thực hiện kiến nghị.",
}


class RecommendationForm(SupervisionForm):
    class Meta:
        model = Recommendation
        fields = ["activity", "conclusion", "agency", "content", "due_date"]
        error_messages = {name: {"required": text} for name, text in REQUIRED_MESSAGES.items()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to_editable("activity")
        self.limit_to_editable("conclusion", "activity__committee_id__in")
        self.fields["conclusion"].queryset = self.fields["conclusion"].queryset.select_related(
            "activity"
        )
        self.fields["conclusion"].label_from_instance = lambda c: f"{c} - {c.activity.topic}"
        if self.instance.pk:
            # The deadline changes only by an extension of its follow-up (history kept).
            self.fields["due_date"].disabled = True
            self.fields["activity"].disabled = True
        self.fields["agency"].queryset = self.fields["agency"].queryset.filter(active=True)


class VisitForm(forms.Form):
    date = forms.DateField(label="Ngày làm việc")
    agency = forms.ModelChoiceField(queryset=None, required=False, label="Đơn vị làm việc")
    content = forms.CharField(label="Nội dung", required=False, max_length=255)
    held = forms.BooleanField(label="Đã làm việc", required=False, initial=True)

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        from councils.models import Agency

        self.fields["agency"].queryset = Agency.objects.visible_to(access)
        set_empty_labels(self)
        style_widgets(self)


class DecideForm(forms.Form):
    decided_on = forms.DateField(label="Ngày quyết định", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ResuperviseForm(forms.Form):
    start_date = forms.DateField(label="Ngày bắt đầu tái giám sát", required=False)
    due_date = forms.DateField(label="Thời hạn mới của kiến nghị", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class StatsForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, required=False)
    on = forms.DateField(label="Tính đến ngày (kỳ giữa hai kỳ họp)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

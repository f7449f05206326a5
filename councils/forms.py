from django import forms

from councils.models import (
    Agency,
    Committee,
    Constituency,
    Delegate,
    Dissemination,
    InformationBrief,
    MandateEnd,
    Membership,
    PartyCell,
    PartyCellMembers,
    PartyDocument,
    Term,
    Training,
    normalize_phone,
)
from councils.selectors import default_term_subquery
from hdnd_portal.core.forms import CouncilScopedForm, label_without_term, per_term
from hdnd_portal.core.inputs import parse_ids


class TermScopedForm(CouncilScopedForm):
    """A form whose per-term dropdowns (constituency, delegate group, committee, delegate)
    offer one term's records, named without the term.

    The term is the one chosen in the form's own ``term`` field (what was posted, else
    the record's), else the record's (through any of its per-term fields: an old
    membership's committee), else the default term (the term in force). A new record's
    ``term`` field starts on the default term. A posted form without a ``term`` field
    accepts any term's records (named with their term); the model's clean() checks them.
    """

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        if access is None:
            return
        fields = {name: f for name, f in self.fields.items() if per_term(f)}
        if self.is_bound and "term" not in self.fields:
            # No term of its own to check the choices against: every term's records are
            # accepted, and the model's clean() refuses a mix (an old delegate in a new Ban).
            fields = {}
        term_id = self._chosen_term_id(fields)
        for field in fields.values():
            if term_id is not None:
                field.queryset = field.queryset.filter(term_id=term_id)
            else:
                field.queryset = field.queryset.filter(term__in=self._default_term())
            label_without_term(field)
            # The likely reason a posted choice is missing: it belongs to another term.
            field.error_messages["invalid_choice"] = f"{field.label} không thuộc nhiệm kỳ đã chọn."
        if "term" in self.fields and not self.is_bound and not self.instance.pk:
            self.initial.setdefault(
                "term", Term.objects.filter(pk__in=self._default_term()).first()
            )

    def _default_term(self):
        return default_term_subquery(council_id=self.access.council_id)

    def _chosen_term_id(self, fields) -> int | None:
        if "term" in self.fields:
            if self.is_bound:
                # An id the database can hold ("²".isdigit() is true; 30 digits overflow SQLite).
                return next(iter(parse_ids([self.data.get(self.add_prefix("term")) or ""])), None)
            if self.initial.get("term"):
                return int(getattr(self.initial["term"], "pk", self.initial["term"]))
            return getattr(self.instance, "term_id", None)
        for name in fields:
            related = getattr(self.instance, name, None) if self.instance.pk else None
            if related is not None:
                return related.term_id
        return None


class TermForm(CouncilScopedForm):
    class Meta:
        model = Term
        fields = ["name", "number", "election_date", "start_date", "end_date", "note"]


class ConstituencyForm(TermScopedForm):
    class Meta:
        model = Constituency
        fields = ["term", "number", "name", "area", "seats"]


class CommitteeForm(TermScopedForm):
    class Meta:
        model = Committee
        fields = ["term", "kind", "name", "code", "area", "order"]


class DelegateForm(TermScopedForm):
    # What a delegate may change on their own profile.
    SELF_SERVICE_FIELDS = ("phone", "email", "address", "workplace")

    class Meta:
        model = Delegate
        fields = [
            "term",
            "full_name",
            "gender",
            "birth_date",
            "constituency",
            "delegate_group",
            "employment",
            "is_first_term",
            "position",
            "workplace",
            "phone",
            "email",
            "address",
            "start_date",
            "end_date",
            "ended_at",
            "end_reason",
        ]

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        self.fields["delegate_group"].queryset = self.fields["delegate_group"].queryset.filter(
            kind=Committee.Kind.DELEGATE_GROUP
        )
        if access is not None and access.role == "delegate":
            for name in list(self.fields):
                if name not in self.SELF_SERVICE_FIELDS:
                    del self.fields[name]

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split(" ")) < 2:
            raise forms.ValidationError("Vui lòng nhập đầy đủ họ và tên (ít nhất hai từ).")
        return name

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))


class MembershipForm(TermScopedForm):
    class Meta:
        model = Membership
        fields = ["committee", "delegate", "role", "start_date", "end_date"]


class AgencyForm(CouncilScopedForm):
    class Meta:
        model = Agency
        fields = [
            "name",
            "short_name",
            "kind",
            "parent",
            "head_name",
            "email",
            "phone",
            "address",
            "active",
            "decides_complaints",
        ]


class PartyCellForm(CouncilScopedForm):
    class Meta:
        model = PartyCell
        fields = ["name", "secretary", "member_count", "start_date", "end_date"]


class TrainingForm(CouncilScopedForm):
    class Meta:
        model = Training
        fields = [
            "course",
            "organiser",
            "start_date",
            "end_date",
            "place",
            "topics",
            "hours",
            "mode",
            "delegates",
            "certificate",
            "note",
        ]
        widgets = {"delegates": forms.SelectMultiple(attrs={"size": 10})}

    # The skills the plan names (2.2.1): tick each one the course taught.
    topics = forms.MultipleChoiceField(
        label="Nội dung, kỹ năng",
        choices=Training.Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Nội dung tập huấn không hợp lệ."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "topics" not in self.initial:
            self.initial["topics"] = self.instance.topic_list
        field = self.fields["delegates"]
        field.queryset = field.queryset.select_related("term").order_by(
            "-term__start_date", "sort_name", "id"
        )
        field.help_text = "Giữ phím Ctrl (hoặc Cmd) để chọn nhiều đại biểu."

    def clean_topics(self):
        chosen = self.cleaned_data.get("topics") or []
        return ",".join(code for code in Training.Topic.values if code in chosen)


class PartyDocumentForm(CouncilScopedForm):
    class Meta:
        model = PartyDocument
        fields = ["kind", "number", "issued_on", "title", "content", "signer", "note"]


class DisseminationForm(CouncilScopedForm):
    class Meta:
        model = Dissemination
        fields = [
            "party_cell",
            "held_on",
            "document",
            "presenter",
            "attendance",
            "cell_members",
            "supplementary",
            "note",
        ]


class PartyCellMembersForm(CouncilScopedForm):
    class Meta:
        model = PartyCellMembers
        fields = ["party_cell", "since", "member_count", "note"]


class InformationBriefForm(CouncilScopedForm):
    class Meta:
        model = InformationBrief
        fields = ["title", "period", "sent_on", "sender", "content", "file"]


class MandateEndForm(CouncilScopedForm):
    class Meta:
        model = MandateEnd
        fields = [
            "delegate",
            "kind",
            "decided_by",
            "decision_number",
            "decision_date",
            "decided_at",
            "votes_for",
            "effective_on",
            "reason",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["delegate"]
        field.queryset = field.queryset.select_related("term").order_by(
            "-term__start_date", "sort_name", "id"
        )
        if self.instance.pk:
            # The decision names its delegate: a correction never moves it to another.
            field.disabled = True

from django import forms

from councils.models import (
    Agency,
    Committee,
    Constituency,
    Delegate,
    Membership,
    PartyCell,
    Term,
    normalize_phone,
)
from hdnd_portal.core.forms import CouncilScopedForm


class TermForm(CouncilScopedForm):
    class Meta:
        model = Term
        fields = ["name", "number", "election_date", "start_date", "end_date", "note"]


class ConstituencyForm(CouncilScopedForm):
    class Meta:
        model = Constituency
        fields = ["term", "number", "name", "area", "seats"]


class CommitteeForm(CouncilScopedForm):
    class Meta:
        model = Committee
        fields = ["term", "kind", "name", "code", "area", "order"]


class DelegateForm(CouncilScopedForm):
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


class MembershipForm(CouncilScopedForm):
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
        ]


class PartyCellForm(CouncilScopedForm):
    class Meta:
        model = PartyCell
        fields = ["name", "secretary", "member_count", "start_date", "end_date"]

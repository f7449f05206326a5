import django_filters

from councils.models import Agency, Committee
from hdnd_portal.core.filters import CouncilFilterSet
from meetings.models import Session
from voters.models import PetitionField, SynthesizedPetition, VoterMeeting, VoterPetition


class PetitionFieldFilter(CouncilFilterSet):
    class Meta:
        model = PetitionField
        fields = ["active"]


class VoterMeetingFilter(CouncilFilterSet):
    session = django_filters.ModelChoiceFilter(queryset=Session.objects.all(), label="Kỳ họp")
    holder = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.exclude(kind=Committee.Kind.BAN), label="Tổ chức tiếp xúc"
    )
    held_from = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label="Từ ngày")
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label="Đến ngày")

    class Meta:
        model = VoterMeeting
        fields = ["kind", "organiser", "session", "holder", "held_from", "held_to"]


class VoterPetitionFilter(CouncilFilterSet):
    field = django_filters.ModelChoiceFilter(queryset=PetitionField.objects.all(), label="Lĩnh vực")
    session = django_filters.ModelChoiceFilter(
        field_name="meeting__session", queryset=Session.objects.all(), label="Kỳ họp"
    )
    synthesized_state = django_filters.BooleanFilter(
        field_name="synthesized", lookup_expr="isnull", exclude=True, label="Đã tổng hợp"
    )

    class Meta:
        model = VoterPetition
        fields = ["field", "session", "synthesized_state"]


class SynthesizedPetitionFilter(CouncilFilterSet):
    field = django_filters.ModelChoiceFilter(queryset=PetitionField.objects.all(), label="Lĩnh vực")
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.all(), label="Cơ quan trả lời"
    )
    session = django_filters.ModelChoiceFilter(queryset=Session.objects.all(), label="Kỳ họp")
    repeated = django_filters.BooleanFilter(
        field_name="repeat_of", lookup_expr="isnull", exclude=True, label="Lặp lại"
    )

    class Meta:
        model = SynthesizedPetition
        fields = [
            "state",
            "competence",
            "field",
            "agency",
            "session",
            "voter_acceptance",
            "repeated",
        ]


class PublicPetitionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        choices=[c for c in SynthesizedPetition.State.choices if c[0] != "new"],
        empty_label="Tất cả",
        label="Tình trạng",
    )

    class Meta:
        model = SynthesizedPetition
        fields = ["state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.form.fields.values():
            f.widget.attrs.setdefault("class", "form-select form-select-sm")

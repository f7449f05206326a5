"""Forms of the confidence-vote part: positions, holders, a vote, and its tally page."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory

from councils.forms import TermScopedForm
from hdnd_portal.core.forms import CouncilScopedForm, set_empty_labels, style_widgets
from supervision.confidence.services import TALLY_FIELDS
from supervision.models.confidence import (
    ConfidenceCandidate,
    ConfidenceVote,
    ElectedPosition,
    PositionHolder,
)


class ElectedPositionForm(CouncilScopedForm):
    class Meta:
        model = ElectedPosition
        fields = ["name", "body", "order", "note"]


class PositionHolderForm(TermScopedForm):
    class Meta:
        model = PositionHolder
        fields = [
            "term",
            "position",
            "delegate",
            "full_name",
            "start_date",
            "end_date",
            "retirement",
            "retirement_date",
            "note",
        ]


class ConfidenceVoteForm(TermScopedForm):
    holders = forms.ModelMultipleChoiceField(
        label="Người được lấy phiếu",
        queryset=PositionHolder.objects.select_related("position"),
        required=False,
        help_text=(
            "Để trống: mọi người giữ chức vụ do HĐND bầu đương nhiệm vào ngày lấy phiếu. "
            "Người nhận chức trong năm lấy phiếu hoặc đã có thông báo nghỉ hưu, nghỉ chờ hưu "
            "được đánh dấu không lấy phiếu."
        ),
    )

    class Meta:
        model = ConfidenceVote
        fields = [
            "procedure",
            "term",
            "session",
            "vote_date",
            "year",
            "counting_board_head",
            "counting_board_members",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The ballot, its term and the procedure are fixed once the vote exists.
            del self.fields["holders"]
            del self.fields["procedure"]
            del self.fields["term"]
        else:
            self.fields["holders"].widget.attrs["size"] = 8
        self.fields["counting_board_members"].widget.attrs["size"] = 6
        if "note" in self.fields:
            self.fields["note"].widget.attrs["rows"] = 2


class TallyVoteForm(CouncilScopedForm):
    """The vote's ballots, entered with the tallies on the same page."""

    class Meta:
        model = ConfidenceVote
        fields = ["delegates_present", "ballots_issued", "ballots_returned"]


RATING_FIELDS = [
    "exempt",
    "exemption_reason",
    "exemption_note",
    "high",
    "confidence",
    "low",
    "invalid",
]
VOTE_FIELDS = [
    "exempt",
    "exemption_reason",
    "exemption_note",
    "confidence",
    "no_confidence",
    "invalid",
]


class CandidateTallyForm(forms.ModelForm):
    class Meta:
        model = ConfidenceCandidate
        fields = list(TALLY_FIELDS)  # the command's (services.tally_save)

    def for_vote(self, vote: ConfidenceVote) -> None:
        """Keep the fields of the vote's procedure; rows are checked against ``vote`` (the
        ballots just entered on the same page, not those saved before)."""
        self.instance.vote = vote
        keep = ["id", "vote", *(RATING_FIELDS if vote.is_rating else VOTE_FIELDS)]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        for name in ("high", "confidence", "low", "no_confidence", "invalid"):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})
        set_empty_labels(self)
        style_widgets(self)


class BaseTallyFormSet(BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.for_vote(self.instance)
        return form


CandidateTallyFormSet = inlineformset_factory(
    ConfidenceVote,
    ConfidenceCandidate,
    form=CandidateTallyForm,
    formset=BaseTallyFormSet,
    extra=0,
    can_delete=False,
)

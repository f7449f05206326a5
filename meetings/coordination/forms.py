"""Forms of the coordination regulation and its reviews."""

from django import forms

from councils.forms import TermScopedForm
from councils.models import Agency
from hdnd_portal.core.forms import CouncilScopedForm
from meetings.models import CoordinationRegulation, CoordinationReview


class CoordinationRegulationForm(TermScopedForm):
    class Meta:
        model = CoordinationRegulation
        fields = [
            "term",
            "number",
            "title",
            "signed_on",
            "form",
            "parties",
            "signers",
            "start_date",
            "end_date",
            "content",
            "note",
        ]
        widgets = {
            "parties": forms.SelectMultiple(attrs={"size": 4}),
            "signers": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 5}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["parties"]
        # The parties are the UBND and the Front (and, rarely, another body): UBND and MTTQ first.
        field.queryset = field.queryset.filter(parent__isnull=True, active=True).order_by(
            "kind", "name"
        )
        if not self.instance.pk and not self.is_bound and "parties" not in self.initial:
            self.initial["parties"] = list(
                field.queryset.filter(kind__in=[Agency.Kind.UBND, Agency.Kind.MTTQ]).values_list(
                    "pk", flat=True
                )
            )


class CoordinationReviewForm(CouncilScopedForm):
    class Meta:
        model = CoordinationReview
        fields = ["regulation", "kind", "year", "held_on", "findings", "shortcomings", "amendments"]
        widgets = {
            "findings": forms.Textarea(attrs={"rows": 4}),
            "shortcomings": forms.Textarea(attrs={"rows": 3}),
            "amendments": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["regulation"]
        field.queryset = field.queryset.order_by("-start_date", "-id")

import django_filters
from django import forms
from django.utils import timezone

from councils.models import Agency, Delegate
from hdnd_portal.core.filters import CouncilFilterSet, YearFilter
from hdnd_portal.core.forms import CouncilScopedForm
from supervision.models import OWN_PLAN, Activity, DelegatePlan, DelegatePlanItem
from supervision.models.plans import MANAGERS

MONTHS = [(m, f"Tháng {m}") for m in range(1, 13)]


class DelegatePlanFilter(CouncilFilterSet):
    year = YearFilter(field_name="year")
    delegate = django_filters.ModelChoiceFilter(queryset=Delegate.objects.all(), label="Đại biểu")

    class Meta:
        model = DelegatePlan
        fields = ["year", "delegate"]


class DelegatePlanItemFilter(CouncilFilterSet):
    year = YearFilter(field_name="plan__year")
    delegate = django_filters.ModelChoiceFilter(
        field_name="plan__delegate", queryset=Delegate.objects.all(), label="Đại biểu"
    )
    planned_month = django_filters.ChoiceFilter(choices=MONTHS, label="Tháng dự kiến")
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all(), label="Cơ quan")
    done = django_filters.BooleanFilter(method="filter_done", label="Đã thực hiện")

    class Meta:
        model = DelegatePlanItem
        fields = ["year", "delegate", "planned_month", "agency", "done"]

    def filter_done(self, queryset, name, value):
        if value is None:
            return queryset
        done = queryset.filter(activity__isnull=False) | queryset.filter(done_on__isnull=False)
        return done if value else queryset.filter(activity__isnull=True, done_on__isnull=True)


def _own_only(access) -> bool:
    return access is not None and access.role not in MANAGERS


class DelegatePlanForm(CouncilScopedForm):
    class Meta:
        model = DelegatePlan
        fields = ["delegate", "year", "filed_on", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        field = self.fields["delegate"]
        field.queryset = field.queryset.order_by("sort_name", "id")
        if _own_only(access):
            # A delegate files their own plan (the rule is the command's; the choice is theirs).
            field.queryset = field.queryset.filter(pk=access.delegate_id or 0)
            field.error_messages["invalid_choice"] = OWN_PLAN
            if access.delegate_id:
                self.initial.setdefault("delegate", access.delegate_id)
        if not self.is_bound and not self.instance.pk:
            today = timezone.localdate()
            self.initial.setdefault("year", today.year)
            self.initial.setdefault("filed_on", today)


class DelegatePlanItemForm(CouncilScopedForm):
    class Meta:
        model = DelegatePlanItem
        fields = [
            "plan",
            "subject",
            "agency",
            "other_body",
            "planned_month",
            "activity",
            "done_on",
            "result",
        ]
        widgets = {"result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        plans = self.fields["plan"].queryset.select_related("delegate")
        if _own_only(access):
            plans = plans.filter(delegate_id=access.delegate_id or 0)
            self.fields["plan"].error_messages["invalid_choice"] = OWN_PLAN
        self.fields["plan"].queryset = plans.order_by("-year", "id")
        self.fields["agency"].queryset = self.fields["agency"].queryset.filter(active=True)
        self.fields["activity"].queryset = (
            self.fields["activity"]
            .queryset.exclude(state=Activity.State.PLANNED)
            .order_by("-start_date", "id")
        )

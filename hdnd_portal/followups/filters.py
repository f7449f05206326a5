"""Filters of the inbox and the API (the same FilterSet for both)."""

import datetime as dt

import django_filters
from django.utils import timezone

from hdnd_portal.core.filters import CouncilFilterSet, YearFilter
from hdnd_portal.followups.kinds import kind_choices
from hdnd_portal.followups.models import DayKind, DayOff, DeadlineRule, FollowUp

DUE_SOON_DAYS = 7

STATUS_CHOICES = [
    ("overdue", "Quá hạn"),
    ("due_soon", f"Đến hạn trong {DUE_SOON_DAYS} ngày"),
    ("extended", "Đã gia hạn"),
    ("answered", "Chờ xem xét"),
    ("done", "Đã hoàn thành"),
    ("closed", "Đóng, không có kết quả"),
    ("all", "Tất cả"),
]
OPEN_LABEL = "Đang theo dõi"
ALL_LABEL = "Tất cả"


def _related_model(name: str):
    return FollowUp._meta.get_field(name).related_model


class FollowUpFilter(CouncilFilterSet):
    """Without a status the inbox shows what is still open (open or extended)."""

    status = django_filters.ChoiceFilter(
        label="Trạng thái", choices=STATUS_CHOICES, empty_label=OPEN_LABEL, method="filter_status"
    )
    kind = django_filters.ChoiceFilter(
        label="Loại việc", choices=kind_choices, empty_label=ALL_LABEL
    )
    agency = django_filters.ModelChoiceFilter(
        label="Cơ quan", empty_label=ALL_LABEL, queryset=_related_model("agency").objects.all()
    )
    committee = django_filters.ModelChoiceFilter(
        label="Thường trực/Ban theo dõi",
        empty_label=ALL_LABEL,
        queryset=_related_model("committee").objects.all(),
    )

    class Meta:
        model = FollowUp
        fields = ["status", "kind", "agency", "committee"]

    def __init__(self, *args, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        access = getattr(self.request, "access", None)
        if access is not None and access.role == "agency":
            # An agency sees only its own items: choosing an agency means nothing to it.
            del self.filters["agency"]
            self.form.fields.pop("agency", None)
        self.form.fields["committee"].queryset = self.form.fields["committee"].queryset.order_by(
            "-term__start_date", "kind", "order", "name"
        )

    def filter_status(self, queryset, name, value):
        if value == "overdue":
            return queryset.overdue(self.today)
        if value == "due_soon":
            return queryset.due_within(DUE_SOON_DAYS, self.today)
        if value == "all":
            return queryset
        return queryset.filter(state=value)

    def filter_queryset(self, queryset):
        qs = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            qs = qs.open()
        return qs


class DeadlineRuleFilter(CouncilFilterSet):
    day_kind = django_filters.ChoiceFilter(
        label="Cách tính ngày", choices=DayKind.choices, empty_label=ALL_LABEL
    )
    in_force_on = django_filters.DateFilter(label="Có hiệu lực ngày", method="filter_in_force")
    is_setting = django_filters.BooleanFilter(label="Là giá trị cài đặt")

    class Meta:
        model = DeadlineRule
        fields = ["day_kind", "in_force_on", "is_setting"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        is_setting = self.form.fields["is_setting"].widget
        is_setting.attrs["class"] = "form-select form-select-sm"
        is_setting.choices = [("unknown", ALL_LABEL), ("true", "Có"), ("false", "Không")]

    def filter_in_force(self, queryset, name, value):
        return queryset.in_force_on(value)


class DayOffFilter(CouncilFilterSet):
    year = YearFilter(field_name="date", lookup_expr="year")
    kind = django_filters.ChoiceFilter(
        label="Loại", choices=DayOff.Kind.choices, empty_label=ALL_LABEL
    )

    class Meta:
        model = DayOff
        fields = ["year", "kind"]

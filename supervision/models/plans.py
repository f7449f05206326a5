"""Per-delegate yearly supervision plans (kế hoạch giám sát của đại biểu).

The plan asks every delegate, not only the bodies, for a yearly supervision plan: a
:class:`DelegatePlan` (one per delegate and year) lists :class:`DelegatePlanItem` s — the
subject, the agency supervised, the month expected — and, as the year goes, what was done:
the supervision activity it was carried out in (``activity``), or the day and result of a
delegate's own supervision (a visit, a letter followed up, a voter's petition checked).
A delegate files and keeps their own plan from a phone; the Office and the Standing
Committee see every plan.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.models import CouncilScopedModel, history

__all__ = ["DelegatePlan", "DelegatePlanItem", "OWN_PLAN"]

# The refusal when someone other than the Office, the Standing Committee or the delegate
# themselves files or changes a delegate's plan (page and API).
OWN_PLAN = "Đại biểu chỉ lập, sửa kế hoạch giám sát của chính mình."
MANAGERS = ("admin", "staff", "standing")


def _may_change(access, delegate_id) -> bool:
    if access is None:
        return False
    return access.role in MANAGERS or (
        access.delegate_id is not None and access.delegate_id == delegate_id
    )


class DelegatePlan(CouncilScopedModel):
    """Kế hoạch giám sát năm của một đại biểu HĐND."""

    delegate = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        related_name="supervision_plans",
        verbose_name=_("đại biểu"),
    )
    year = models.PositiveSmallIntegerField(
        _("năm"),
        validators=[
            MinValueValidator(2000, _("Năm phải từ 2000 trở đi.")),
            MaxValueValidator(2100, _("Năm không được sau 2100.")),
        ],
    )
    filed_on = models.DateField(
        _("ngày lập kế hoạch"), help_text=_("Ngày đại biểu lập, gửi kế hoạch.")
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()
    search_fields = ("note",)

    class Meta:
        verbose_name = _("kế hoạch giám sát của đại biểu")
        verbose_name_plural = _("kế hoạch giám sát của đại biểu")
        ordering = ["-year", "delegate__sort_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegate", "year"],
                name="supervision_delegateplan_one_per_year",
                violation_error_message=_("Đại biểu này đã có kế hoạch giám sát của năm đó."),
            )
        ]

    def __str__(self):
        return f"Kế hoạch giám sát năm {self.year} của đại biểu {self.delegate.full_name}"

    def get_absolute_url(self) -> str:
        return reverse("supervision-delegateplan-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.delegate_id and self.council_id and self.delegate.council_id != self.council_id:
            errors["delegate"] = _("Đại biểu thuộc HĐND khác.")
        if self.filed_on and self.filed_on > timezone.localdate():
            errors["filed_on"] = _("Ngày lập kế hoạch không được sau hôm nay.")
        elif self.filed_on and self.year and self.filed_on.year < self.year - 1:
            errors["filed_on"] = _("Kế hoạch năm %(year)s lập từ năm %(prev)s trở đi.") % {
                "year": self.year,
                "prev": self.year - 1,
            }
        if errors:
            raise ValidationError(errors)

    def check_access(self, access, action, allowed):
        if action == "change":
            return allowed and _may_change(access, self.delegate_id)
        return allowed


class DelegatePlanItem(CouncilScopedModel):
    """Một nội dung trong kế hoạch giám sát của đại biểu, và kết quả thực hiện."""

    plan = models.ForeignKey(
        DelegatePlan,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("kế hoạch giám sát"),
    )
    subject = models.CharField(_("nội dung giám sát"), max_length=300)
    agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan, đơn vị chịu giám sát"),
    )
    other_body = models.CharField(
        _("đối tượng khác"),
        max_length=200,
        blank=True,
        help_text=_("Khi không có trong danh mục cơ quan: ví dụ Hợp tác xã, trường học."),
    )
    planned_month = models.PositiveSmallIntegerField(
        _("tháng dự kiến"),
        validators=[
            MinValueValidator(1, _("Tháng phải từ 1 đến 12.")),
            MaxValueValidator(12, _("Tháng phải từ 1 đến 12.")),
        ],
    )
    activity = models.ForeignKey(
        "supervision.Activity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegate_plan_items",
        verbose_name=_("thực hiện qua cuộc giám sát"),
        help_text=_("Cuộc giám sát của HĐND, Thường trực, Ban, Tổ mà đại biểu tham gia."),
    )
    done_on = models.DateField(_("ngày thực hiện"), null=True, blank=True)
    result = models.TextField(
        _("kết quả"),
        blank=True,
        help_text=_(
            "Kết quả giám sát, kiến nghị của đại biểu (đơn thư, kiến nghị cử tri đã theo dõi)."
        ),
    )
    history = history()
    search_fields = ("subject", "other_body", "result")

    class Meta:
        verbose_name = _("nội dung kế hoạch giám sát của đại biểu")
        verbose_name_plural = _("nội dung kế hoạch giám sát của đại biểu")
        ordering = ["plan", "planned_month", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(subject=""),
                name="supervision_planitem_subject_required",
                violation_error_message=_("Hãy nhập nội dung giám sát."),
            )
        ]

    def __str__(self):
        return f"{self.subject} (tháng {self.planned_month}/{self.plan.year})"

    def get_absolute_url(self) -> str:
        return reverse("supervision-delegateplanitem-detail", args=[self.pk])

    @property
    def is_done(self) -> bool:
        return bool(self.activity_id or self.done_on)

    def clean(self):
        errors = {}
        plan = self.plan if self.plan_id else None
        if plan is not None and self.council_id and plan.council_id != self.council_id:
            errors["plan"] = _("Kế hoạch thuộc HĐND khác.")
        for name in ("agency", "activity"):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and self.council_id and related.council_id != self.council_id:
                errors[name] = _("Bản ghi được chọn thuộc HĐND khác.")
        if self.done_on:
            if self.done_on > timezone.localdate():
                errors["done_on"] = _("Ngày thực hiện không được sau hôm nay.")
            elif plan is not None and self.done_on < dt.date(plan.year, 1, 1):
                errors["done_on"] = _("Ngày thực hiện phải trong năm %(year)s của kế hoạch.") % {
                    "year": plan.year
                }
            if not (self.result or "").strip() and not self.activity_id:
                errors["result"] = _("Đã thực hiện: ghi kết quả giám sát.")
        elif (self.result or "").strip() and not self.activity_id:
            errors["done_on"] = _("Ghi ngày thực hiện cùng với kết quả.")
        if errors:
            raise ValidationError(errors)

    def check_access(self, access, action, allowed):
        if action == "change":
            return allowed and _may_change(access, self.plan.delegate_id)
        return allowed

"""The plan's targets as data, their daily snapshots, and the plan reviews printed from them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.models import CouncilScopedModel, history
from hdnd_portal.targets.metrics import SHARE, get_metric
from hdnd_portal.targets.periods import PeriodKind


class Body(models.TextChoices):
    """Who answers for a target (and is told when it is at risk)."""

    PARTY = "party", _("Đảng ủy")
    COUNCIL = "council", _("HĐND")
    STANDING = "standing", _("Thường trực HĐND")
    BAN = "ban", _("Ban của HĐND")
    DELEGATES = "delegates", _("Đại biểu HĐND")


class Unit(models.TextChoices):
    COUNT = "count", _("Số lượng")
    SHARE = "share", _("Tỷ lệ (%)")


class Status(models.TextChoices):
    MET = "met", _("Đạt")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    AT_RISK = "at_risk", _("Có nguy cơ không đạt")
    MISSED = "missed", _("Không đạt")
    NO_DATA = "no_data", _("Chưa có số liệu")


class Target(CouncilScopedModel):
    """Chỉ tiêu của Kế hoạch (mục II.1): what is measured, over which period, against what."""

    code = models.CharField(_("mã chỉ tiêu"), max_length=20, help_text=_("Ví dụ: 1.4, 1.4.b"))
    title = models.TextField(_("nội dung chỉ tiêu"))
    metric = models.CharField(
        _("chỉ số đo"),
        max_length=80,
        help_text=_("Số liệu tính từ hồ sơ của phân hệ tương ứng"),
    )
    body = models.CharField(_("cơ quan chịu trách nhiệm"), max_length=20, choices=Body.choices)
    committee = models.ForeignKey(
        "councils.Committee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ban cụ thể"),
        help_text=_("Chỉ điền khi chỉ tiêu tính riêng cho một Ban"),
    )
    period_kind = models.CharField(
        _("kỳ đánh giá"), max_length=20, choices=PeriodKind.choices, default=PeriodKind.YEAR
    )
    unit = models.CharField(_("đơn vị"), max_length=10, choices=Unit.choices, default=Unit.COUNT)
    threshold = models.PositiveIntegerField(
        _("mức phải đạt"),
        validators=[MinValueValidator(1, _("Mức phải đạt phải từ 1 trở lên."))],
        help_text=_("Số cuộc (ví dụ 2) hoặc tỷ lệ phần trăm (ví dụ 100)"),
    )
    order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, validators=[MaxValueValidator(999)]
    )
    active = models.BooleanField(_("đang theo dõi"), default=True)
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    search_fields = ("code", "title", "note")

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "code"],
                name="target_unique_code",
                violation_error_message=_("Mã chỉ tiêu này đã có trong HĐND."),
            )
        ]

    def __str__(self):
        return f"{self.code}. {self.short_title}"

    @property
    def short_title(self) -> str:
        return self.title if len(self.title) <= 90 else self.title[:87].rstrip() + "…"

    def get_absolute_url(self) -> str:
        return reverse("targets-target-detail", args=[self.pk])

    @property
    def threshold_label(self) -> str:
        from hdnd_portal.core.numbers import vi_number, vi_percent

        return vi_percent(self.threshold) if self.unit == Unit.SHARE else vi_number(self.threshold)

    def get_metric_display(self) -> str:
        """The metric's label ("Số chi bộ đã quán triệt …"), never its code."""
        metric = get_metric(self.metric) if self.metric else None
        return metric.label if metric is not None else (self.metric or "—")

    def clean(self):
        super().clean()
        errors = {}
        if self.unit == Unit.SHARE and self.threshold and self.threshold > 100:
            errors["threshold"] = _("Tỷ lệ phải đạt không được lớn hơn 100%.")
        metric = get_metric(self.metric) if self.metric else None
        if metric is not None and self.unit and (metric.unit == SHARE) != (self.unit == Unit.SHARE):
            wanted = Unit.SHARE.label if metric.unit == SHARE else Unit.COUNT.label
            errors["unit"] = _("Chỉ số “%(metric)s” đo theo %(unit)s.") % {
                "metric": metric.label,
                "unit": str(wanted).lower(),
            }
        if self.committee_id:
            if self.council_id and self.committee.council_id != self.council_id:
                errors["committee"] = _("Ban được chọn thuộc HĐND khác.")
            elif self.committee.kind != "ban":
                errors["committee"] = _("Chỉ chọn một Ban của HĐND.")
            elif self.body != Body.BAN:
                errors["body"] = _("Chỉ tiêu của một Ban phải do “Ban của HĐND” chịu trách nhiệm.")
        if errors:
            raise ValidationError(errors)


class Snapshot(models.Model):
    """A target's value on one day (the daily job): trends are real history, never recomputed."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="+", verbose_name=_("HĐND")
    )
    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="snapshots", verbose_name=_("chỉ tiêu")
    )
    taken_on = models.DateField(_("ngày ghi nhận"))
    period_start = models.DateField(_("kỳ từ ngày"))
    period_end = models.DateField(_("kỳ đến ngày"))
    value = models.FloatField(_("kết quả"), null=True, blank=True)
    numerator = models.PositiveIntegerField(_("tử số"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("mẫu số"), null=True, blank=True)
    expected = models.FloatField(_("mức cần đạt đến ngày"), null=True, blank=True)
    status = models.CharField(_("đánh giá"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("số liệu chỉ tiêu theo ngày")
        verbose_name_plural = _("số liệu chỉ tiêu theo ngày")
        ordering = ["target", "taken_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "taken_on"],
                name="snapshot_one_per_target_day",
                violation_error_message=_("Chỉ tiêu này đã có số liệu của ngày này."),
            )
        ]
        indexes = [models.Index(fields=["council", "taken_on"], name="snapshot_council_day")]

    def __str__(self):
        return f"{self.target.code} - {self.taken_on:%d/%m/%Y}"


class PlanReview(CouncilScopedModel):
    """Kỳ sơ kết (6 tháng, giữa nhiệm kỳ) hoặc tổng kết (cả năm, nhiệm kỳ) thực hiện Kế hoạch:
    what the report prints. A term review's ``year`` is the year its term began."""

    class Half(models.IntegerChoices):
        YEAR = 0, _("Cả năm")
        FIRST = 1, _("6 tháng đầu năm")
        SECOND = 2, _("6 tháng cuối năm")
        MID_TERM = 3, _("Giữa nhiệm kỳ")
        END_TERM = 4, _("Cả nhiệm kỳ")

    TERM_HALVES = (Half.MID_TERM, Half.END_TERM)

    year = models.PositiveSmallIntegerField(
        _("năm"),
        validators=[
            MinValueValidator(2020, _("Năm phải từ 2020 trở đi.")),
            MaxValueValidator(2100, _("Năm không được sau 2100.")),
        ],
    )
    half = models.PositiveSmallIntegerField(_("kỳ"), choices=Half.choices, default=Half.YEAR)
    term = models.ForeignKey(
        "councils.Term",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nhiệm kỳ"),
        help_text=_("Chỉ với sơ kết giữa nhiệm kỳ và tổng kết nhiệm kỳ."),
    )
    note = models.TextField(_("đánh giá chung"), blank=True)
    history = history()

    search_fields = ("note",)

    class Meta:
        verbose_name = _("kỳ sơ kết, tổng kết Kế hoạch")
        verbose_name_plural = _("kỳ sơ kết, tổng kết Kế hoạch")
        ordering = ["-year", "-half"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "half"],
                name="planreview_unique_period",
                violation_error_message=_("Kỳ sơ kết, tổng kết này đã có."),
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.half == self.Half.YEAR:
            return f"Năm {self.year}"
        if self.is_term:
            name = self.term.name if self.term_id else str(self.year)
            what = "Giữa nhiệm kỳ" if self.half == self.Half.MID_TERM else "Nhiệm kỳ"
            return f"{what} {name}"
        return f"{self.Half(self.half).label} {self.year}"

    @property
    def is_year(self) -> bool:
        return self.half == self.Half.YEAR

    @property
    def is_term(self) -> bool:
        return self.half in self.TERM_HALVES

    @property
    def is_summing_up(self) -> bool:
        """Tổng kết (a year, a term) rather than sơ kết (a half-year, mid-term)."""
        return self.half in (self.Half.YEAR, self.Half.END_TERM)

    def clean(self):
        super().clean()
        if self.is_term and not self.term_id:
            raise ValidationError({"term": _("Sơ kết, tổng kết nhiệm kỳ cần chọn nhiệm kỳ.")})
        if self.term_id and not self.is_term:
            raise ValidationError({"term": _("Chỉ chọn nhiệm kỳ với sơ kết, tổng kết nhiệm kỳ.")})
        if self.term_id and self.council_id and self.term.council_id != self.council_id:
            raise ValidationError({"term": _("Nhiệm kỳ thuộc HĐND khác.")})

"""The coordination regulation (quy chế phối hợp) of the commune's Standing Committee, the UBND
and the Ủy ban MTTQ, and its reviews.

The plan (section 2.3.1) asks the three bodies to sign a coordination regulation and to carry
it out ("Chỉ đạo thực hiện tốt Quy chế phối hợp công tác giữa Thường trực HĐND với UBND, Ủy ban
MTTQ Việt Nam xã"); the joint meetings (``JointMeeting``, họp liên tịch) are held under it and
each is linked to the regulation in force on its date. ``CoordinationReview`` is a periodic
review of how the regulation was carried out (đánh giá hằng năm, sơ kết, tổng kết) with the
amendments it proposes.

One regulation is in force at a time in a council: the validity of two regulations may not
overlap (a new one replaces the old, whose "hiệu lực đến" is set the day before).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.dated import DatedModel, DatedQuerySet
from hdnd_portal.core.models import CouncilScopedModel, history

__all__ = ["CoordinationRegulation", "CoordinationReview"]


class CoordinationRegulation(DatedModel, CouncilScopedModel):
    """Quy chế phối hợp công tác giữa Thường trực HĐND, UBND và Ủy ban MTTQ Việt Nam xã."""

    class Form(models.TextChoices):
        JOINT_SIGNED = "joint_signed", _("Quy chế liên tịch, các bên cùng ký")
        JOINT_RESOLUTION = "joint_resolution", _("Ban hành kèm theo nghị quyết liên tịch")
        OTHER = "other", _("Hình thức khác")

    term = models.ForeignKey(
        "councils.Term",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nhiệm kỳ"),
    )
    number = models.CharField(
        _("số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 01/QCPH-TTHĐND-UBND-MTTQ")
    )
    title = models.CharField(
        _("tên quy chế"),
        max_length=300,
        default="Quy chế phối hợp công tác giữa Thường trực HĐND, UBND và Ủy ban MTTQ Việt Nam xã",
    )
    signed_on = models.DateField(_("ngày ký"))
    form = models.CharField(
        _("hình thức ban hành"),
        max_length=20,
        choices=Form.choices,
        default=Form.JOINT_SIGNED,
    )
    parties = models.ManyToManyField(
        "councils.Agency",
        blank=True,
        related_name="+",
        verbose_name=_("các bên ký kết cùng Thường trực HĐND"),
        help_text=_("Thường ký với UBND xã và Ủy ban MTTQ Việt Nam xã"),
    )
    signers = models.TextField(
        _("người ký"),
        blank=True,
        help_text=_("Mỗi bên một dòng: chức vụ, họ tên (ví dụ: TM. Thường trực HĐND - Chủ tịch …)"),
    )
    # The validity (hiệu lực): from the start day to the end day, both included; empty end =
    # until a new regulation replaces it.
    start_date = models.DateField(_("hiệu lực từ ngày"))
    end_date = models.DateField(
        _("hiệu lực đến ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu quy chế có hiệu lực đến khi được thay thế."),
    )
    content = models.TextField(
        _("nội dung chính"),
        help_text=_("Các nội dung phối hợp: chuẩn bị kỳ họp, giám sát, tiếp xúc cử tri, …"),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    objects = DatedQuerySet.as_manager()
    history = history()
    period_error_message = _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")

    search_fields = ("number", "title", "signers", "content", "note")

    class Meta(DatedModel.Meta):
        verbose_name = _("quy chế phối hợp")
        verbose_name_plural = _("quy chế phối hợp")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["council", "start_date"])]
        constraints = [
            *DatedModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["council", "number"],
                name="coordination_regulation_unique_number",
                violation_error_message=_("Số, ký hiệu này đã có quy chế phối hợp khác."),
            ),
            models.CheckConstraint(
                condition=~Q(content=""),
                name="coordination_regulation_content_required",
                violation_error_message=_("Hãy nhập nội dung chính của quy chế."),
            ),
        ]

    def __str__(self):
        return f"Quy chế phối hợp số {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("meetings-coordinationregulation-detail", args=[self.pk])

    @property
    def validity_label(self) -> str:
        if self.start_date is None:
            return ""
        end = f"{self.end_date:%d/%m/%Y}" if self.end_date else "khi được thay thế"
        return f"{self.start_date:%d/%m/%Y} – {end}"

    @property
    def parties_label(self) -> str:
        # The UBND first, then the Front and any other body (prefetched rows, sorted here).
        parties = sorted(self.parties.all(), key=lambda a: (a.kind != "ubnd", a.name))
        names = [a.short_name or a.name for a in parties]
        return ", ".join(["Thường trực HĐND", *names])

    def overlapping_regulations(self):
        """Other regulations of the council whose validity meets this one's."""
        qs = CoordinationRegulation.objects.filter(council_id=self.council_id).overlapping(
            self.start_date, self.end_date
        )
        return qs.exclude(pk=self.pk) if self.pk else qs

    def clean(self):
        errors = {}
        if self.signed_on and self.start_date and self.start_date < self.signed_on:
            errors["start_date"] = _("Quy chế không thể có hiệu lực trước ngày ký.")
        term = self.term if self.term_id else None
        if term is not None and self.signed_on and self.signed_on < term.start_date:
            errors["signed_on"] = _("Ngày ký phải trong nhiệm kỳ đã chọn (từ %(day)s).") % {
                "day": f"{term.start_date:%d/%m/%Y}"
            }
        if (
            self.council_id
            and self.start_date
            and (self.end_date is None or self.end_date >= self.start_date)
            and "start_date" not in errors
        ):
            other = self.overlapping_regulations().order_by("start_date").first()
            if other is not None:
                errors["start_date"] = _(
                    "Thời gian hiệu lực trùng với %(other)s (%(validity)s): hãy ghi ngày hết "
                    "hiệu lực của quy chế cũ trước."
                ) % {"other": other, "validity": other.validity_label}
        if errors:
            raise ValidationError(errors)


class CoordinationReview(CouncilScopedModel):
    """Đánh giá việc thực hiện quy chế phối hợp: a yearly review, a mid-term or final one."""

    class Kind(models.TextChoices):
        YEARLY = "yearly", _("Đánh giá hằng năm")
        MIDTERM = "midterm", _("Sơ kết")
        FINAL = "final", _("Tổng kết")

    regulation = models.ForeignKey(
        CoordinationRegulation,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("quy chế phối hợp"),
    )
    kind = models.CharField(
        _("hình thức đánh giá"), max_length=10, choices=Kind.choices, default=Kind.YEARLY
    )
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    held_on = models.DateField(_("ngày đánh giá"))
    findings = models.TextField(
        _("kết quả thực hiện"), help_text=_("Những việc đã phối hợp, kết quả đạt được")
    )
    shortcomings = models.TextField(_("hạn chế, nguyên nhân"), blank=True)
    amendments = models.TextField(
        _("đề xuất sửa đổi, bổ sung quy chế"),
        blank=True,
        help_text=_("Để trống nếu không đề xuất sửa đổi."),
    )
    history = history()

    search_fields = ("findings", "shortcomings", "amendments")

    class Meta:
        verbose_name = _("đánh giá thực hiện quy chế phối hợp")
        verbose_name_plural = _("đánh giá thực hiện quy chế phối hợp")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["council", "held_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "kind", "year"],
                name="coordination_review_once_a_year",
                violation_error_message=_(
                    "Quy chế này đã có một đánh giá cùng hình thức trong năm."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(findings=""),
                name="coordination_review_findings_required",
                violation_error_message=_("Hãy nhập kết quả thực hiện quy chế."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} năm {self.year} thực hiện quy chế phối hợp"

    def get_absolute_url(self) -> str:
        return reverse("meetings-coordinationreview-detail", args=[self.pk])

    def clean(self):
        errors = {}
        regulation = self.regulation if self.regulation_id else None
        if regulation is not None and self.held_on:
            if self.held_on < regulation.signed_on:
                errors["held_on"] = _(
                    "Ngày đánh giá không được trước ngày ký quy chế (%(day)s)."
                ) % {"day": f"{regulation.signed_on:%d/%m/%Y}"}
        if self.year and self.held_on and self.held_on.year not in (self.year, self.year + 1):
            errors["year"] = _("Năm đánh giá phải là năm của ngày đánh giá hoặc năm trước đó.")
        if errors:
            raise ValidationError(errors)

"""Confidence votes on the positions the HĐND elects (LEGAL.md §7, Resolution 96/2023/QH15).

``ElectedPosition`` (chức danh do HĐND bầu) and its holders for a term (``PositionHolder``);
``ConfidenceVote``: one rating (lấy phiếu tín nhiệm) or vote of confidence (bỏ phiếu tín nhiệm),
its ballots and, per person on the ballot, a ``ConfidenceCandidate`` row with the exemption
and the tallies. Ballots are secret: only aggregates are kept, never a delegate's ballot.
Shares and consequences are computed (``supervision.confidence.selectors``), never typed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hdnd_portal.core.access import ADMIN, STAFF, STANDING
from hdnd_portal.core.collation import VI_COLLATION
from hdnd_portal.core.dated import DatedModel, DatedQuerySet
from hdnd_portal.core.models import CouncilScopedModel, SearchQuerySet, history

__all__ = [
    "CONFIDENCE_MANAGERS",
    "ConfidenceCandidate",
    "ConfidenceVote",
    "ConfidenceVoteQuerySet",
    "ElectedPosition",
    "PositionHolder",
]

# Who prepares, enters and closes a confidence vote (README: role matrix).
CONFIDENCE_MANAGERS = frozenset({ADMIN, STAFF, STANDING})


class ElectedPosition(CouncilScopedModel):
    """Chức danh do HĐND bầu: Chủ tịch HĐND, Trưởng Ban, Chủ tịch UBND, Ủy viên UBND…"""

    class Body(models.TextChoices):
        HDND = "hdnd", _("Hội đồng nhân dân")
        BAN = "ban", _("Ban của HĐND")
        UBND = "ubnd", _("Ủy ban nhân dân")

    name = models.CharField(
        _("tên chức danh"), max_length=200, help_text=_("Ví dụ: Phó Chủ tịch HĐND xã")
    )
    body = models.CharField(_("thuộc"), max_length=10, choices=Body.choices, default=Body.HDND)
    order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Thứ tự in trên phiếu và biên bản")
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    search_fields = ("name", "note")

    class Meta:
        verbose_name = _("chức danh do HĐND bầu")
        verbose_name_plural = _("chức danh do HĐND bầu")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"],
                name="elected_position_unique_name",
                violation_error_message=_("Chức danh này đã có."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("supervision-electedposition-detail", args=[self.pk])


class PositionHolder(DatedModel, CouncilScopedModel):
    """Who held an elected position in a term, from when to when (a delegate or not), and
    whether they have announced their retirement (thông báo nghỉ hưu, nghỉ chờ hưu): the clerk
    must settle it, since such a holder is not rated (Resolution 96/2023/QH15, Art. 2.5)."""

    class Retirement(models.TextChoices):
        UNDECIDED = "undecided", _("Chưa cập nhật")
        NONE = "none", _("Không có thông báo nghỉ hưu")
        ANNOUNCED = "announced", _("Đã có thông báo nghỉ hưu, nghỉ chờ hưu")

    term = models.ForeignKey(
        "councils.Term",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nhiệm kỳ"),
    )
    position = models.ForeignKey(
        ElectedPosition,
        on_delete=models.PROTECT,
        related_name="holders",
        verbose_name=_("chức danh"),
    )
    delegate = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đại biểu"),
        help_text=_("Chọn nếu người giữ chức vụ là đại biểu HĐND"),
    )
    full_name = models.CharField(
        _("họ và tên"),
        max_length=120,
        blank=True,
        db_collation=VI_COLLATION,
        help_text=_("Để trống nếu đã chọn đại biểu: lấy theo tên đại biểu"),
    )
    start_date = models.DateField(_("ngày được bầu, nhận chức"))
    end_date = models.DateField(_("ngày thôi giữ chức"), null=True, blank=True)
    retirement = models.CharField(
        _("thông báo nghỉ hưu, nghỉ chờ hưu"),
        max_length=12,
        choices=Retirement.choices,
        default=Retirement.UNDECIDED,
        help_text=_("Người đã có thông báo nghỉ hưu, nghỉ chờ hưu không được lấy phiếu tín nhiệm"),
    )
    retirement_date = models.DateField(_("ngày thông báo nghỉ hưu"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    objects = DatedQuerySet.as_manager()
    search_fields = ("full_name", "note")
    period_error_message = _("Ngày thôi giữ chức phải sau ngày được bầu, nhận chức.")

    class Meta(DatedModel.Meta):
        verbose_name = _("người giữ chức vụ do HĐND bầu")
        verbose_name_plural = _("người giữ chức vụ do HĐND bầu")
        ordering = ["position__order", "start_date"]

    def __str__(self):
        return f"{self.full_name} — {self.position.name}" if self.position_id else self.full_name

    def get_absolute_url(self):
        return reverse("supervision-positionholder-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.delegate_id and not self.full_name:
            self.full_name = self.delegate.full_name
        if not self.full_name:
            raise ValidationError(
                {"full_name": _("Nhập họ và tên, hoặc chọn đại biểu giữ chức vụ.")}
            )
        if self.delegate_id and self.term_id and self.delegate.term_id != self.term_id:
            raise ValidationError({"delegate": _("Đại biểu không thuộc nhiệm kỳ đã chọn.")})
        announced = self.retirement == self.Retirement.ANNOUNCED
        if announced and not self.retirement_date:
            raise ValidationError(
                {"retirement_date": _("Nhập ngày thông báo nghỉ hưu, nghỉ chờ hưu.")}
            )
        if not announced and self.retirement_date:
            raise ValidationError(
                {
                    "retirement_date": _(
                        "Chỉ nhập ngày thông báo khi chọn “Đã có thông báo nghỉ hưu, nghỉ chờ hưu”."
                    )
                }
            )

    @property
    def retirement_undecided(self) -> bool:
        return self.retirement == self.Retirement.UNDECIDED

    def retirement_announced_by(self, day) -> bool:
        """Announced on or before ``day`` (a vote's day): not rated in that vote."""
        return (
            self.retirement == self.Retirement.ANNOUNCED
            and self.retirement_date is not None
            and self.retirement_date <= day
        )

    def save(self, *args, **kwargs):
        if self.delegate_id and not self.full_name:
            self.full_name = self.delegate.full_name
        super().save(*args, **kwargs)


class ConfidenceVoteQuerySet(SearchQuerySet):
    def visible_to(self, access):
        """The council's votes; readers who do not manage votes see only closed ones."""
        qs = super().visible_to(access)
        if access is not None and access.role not in CONFIDENCE_MANAGERS:
            qs = qs.filter(state=ConfidenceVote.State.CLOSED)
        return qs


class ConfidenceVote(CouncilScopedModel):
    """One rating (lấy phiếu tín nhiệm) or vote of confidence (bỏ phiếu tín nhiệm)."""

    class Procedure(models.TextChoices):
        RATING = "rating", _("Lấy phiếu tín nhiệm")
        VOTE = "vote", _("Bỏ phiếu tín nhiệm")

    class State(models.TextChoices):
        OPEN = "open", _("Đang kiểm phiếu")
        CLOSED = "closed", _("Đã chốt kết quả")

    procedure = models.CharField(
        _("hình thức"), max_length=10, choices=Procedure.choices, default=Procedure.RATING
    )
    term = models.ForeignKey(
        "councils.Term", on_delete=models.PROTECT, related_name="+", verbose_name=_("nhiệm kỳ")
    )
    session = models.ForeignKey(
        "meetings.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kỳ họp"),
    )
    vote_date = models.DateField(_("ngày lấy phiếu"))
    # The year whose work is assessed; "the rating year" of the law is the year the rating is
    # held, ``rating_year`` (the vote day's), which decides who took office in it.
    year = models.PositiveSmallIntegerField(
        _("năm được đánh giá"),
        help_text=_("Năm có kết quả công tác được đánh giá, ví dụ: 2025"),
    )
    delegates_present = models.PositiveSmallIntegerField(
        _("số đại biểu có mặt"), null=True, blank=True
    )
    ballots_issued = models.PositiveSmallIntegerField(_("số phiếu phát ra"), default=0)
    ballots_returned = models.PositiveSmallIntegerField(_("số phiếu thu vào"), default=0)
    # Ban kiểm phiếu: delegates not on the list of those rated (services.board_conflicts).
    counting_board_head = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trưởng ban kiểm phiếu"),
    )
    counting_board_members = models.ManyToManyField(
        "councils.Delegate",
        blank=True,
        related_name="+",
        verbose_name=_("thành viên ban kiểm phiếu"),
        help_text=_("Các đại biểu khác của Ban kiểm phiếu, không có tên trong danh sách lấy phiếu"),
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.OPEN, editable=False
    )
    # Computed when the tally is closed: the base of every share (LEGAL.md §7).
    delegates_in_office = models.PositiveSmallIntegerField(
        _("tổng số đại biểu đương nhiệm"), null=True, blank=True, editable=False
    )
    closed_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("người chốt"),
    )
    origin = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_votes",
        verbose_name=_("theo kết quả lấy phiếu"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    objects = ConfidenceVoteQuerySet.as_manager()
    search_fields = ("note",)

    class Meta:
        verbose_name = _("cuộc lấy phiếu, bỏ phiếu tín nhiệm")
        verbose_name_plural = _("cuộc lấy phiếu, bỏ phiếu tín nhiệm")
        ordering = ["-vote_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ballots_returned__lte=models.F("ballots_issued")),
                name="confidence_returned_within_issued",
                violation_error_message=_("Số phiếu thu vào không được lớn hơn số phiếu phát ra."),
            ),
            # Rated once per term (LEGAL.md §7; Resolution 96/2023/QH15). The code "unique" on
            # one field reports it under the term, on the page and in the API alike.
            models.UniqueConstraint(
                fields=["term"],
                condition=Q(procedure="rating"),
                name="confidence_one_rating_per_term",
                violation_error_code="unique",
                violation_error_message=_(
                    "Nhiệm kỳ này đã có cuộc lấy phiếu tín nhiệm: mỗi nhiệm kỳ chỉ lấy phiếu tín "
                    "nhiệm một lần."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_procedure_display()} năm {self.year} ({self.vote_date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("supervision-confidencevote-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def is_rating(self) -> bool:
        return self.procedure == self.Procedure.RATING

    @property
    def rating_year(self) -> int:
        """The year the rating is held ("năm lấy phiếu tín nhiệm", Art. 2.5): the vote day's,
        whatever year is assessed."""
        return self.vote_date.year

    def delegates_on_day(self) -> int:
        """All delegates of the term in office on the vote day (live count)."""
        from councils.models import Delegate

        return Delegate.objects.filter(term_id=self.term_id).in_office(self.vote_date).count()

    def delegate_total(self) -> int:
        """The base of every share: frozen when the tally closed, else counted now."""
        if self.delegates_in_office is not None:
            return self.delegates_in_office
        return self.delegates_on_day()

    def check_access(self, access, action: str, allowed: bool) -> bool:
        if not allowed:
            return False
        if action == "change":
            # A closed tally is read-only: its result was announced.
            return self.is_open
        if access.role not in CONFIDENCE_MANAGERS:
            return not self.is_open
        return True

    def clean(self):
        super().clean()
        errors = {}
        if self.session_id and self.term_id and self.session.term_id != self.term_id:
            errors["session"] = _("Kỳ họp không thuộc nhiệm kỳ đã chọn.")
        if (
            self.counting_board_head_id
            and self.term_id
            and self.counting_board_head.term_id != self.term_id
        ):
            errors["counting_board_head"] = _("Trưởng ban kiểm phiếu không thuộc nhiệm kỳ đã chọn.")
        if self.ballots_returned > self.ballots_issued:
            errors["ballots_returned"] = _(
                "Số phiếu thu vào (%(returned)s) không được lớn hơn số phiếu phát ra (%(issued)s)."
            ) % {"returned": self.ballots_returned, "issued": self.ballots_issued}
        if self.term_id and self.vote_date and self.is_open:
            total = self.delegates_on_day()
            if self.ballots_issued > total:
                errors["ballots_issued"] = _(
                    "Số phiếu phát ra (%(issued)s) không được lớn hơn tổng số đại biểu đương "
                    "nhiệm ngày %(day)s (%(total)s)."
                ) % {
                    "issued": self.ballots_issued,
                    "day": f"{self.vote_date:%d/%m/%Y}",
                    "total": total,
                }
            if self.delegates_present is not None and self.delegates_present > total:
                errors["delegates_present"] = _(
                    "Số đại biểu có mặt (%(present)s) không được lớn hơn tổng số đại biểu đương "
                    "nhiệm (%(total)s)."
                ) % {"present": self.delegates_present, "total": total}
        if (
            self.delegates_present is not None
            and "ballots_issued" not in errors
            and self.ballots_issued > self.delegates_present
        ):
            errors["ballots_issued"] = _(
                "Số phiếu phát ra (%(issued)s) không được lớn hơn số đại biểu có mặt (%(present)s)."
            ) % {"issued": self.ballots_issued, "present": self.delegates_present}
        if (
            self.vote_date
            and self.year
            and not (self.vote_date.year - 1 <= self.year <= self.vote_date.year)
        ):
            errors["year"] = _(
                "Năm được đánh giá phải là năm của ngày lấy phiếu hoặc năm trước đó."
            )
        if errors:
            raise ValidationError(errors)


def _count(label):
    return models.PositiveSmallIntegerField(label, default=0)


class ConfidenceCandidate(models.Model):
    """A person on the ballot of a vote: the exemption (with reason) or the tallies."""

    class Exemption(models.TextChoices):
        RETIREMENT = "retirement", _("Đã có thông báo nghỉ hưu, nghỉ chờ hưu")
        NEW = "new", _("Được bầu, phê chuẩn trong năm lấy phiếu")
        OTHER = "other", _("Lý do khác")

    vote = models.ForeignKey(
        ConfidenceVote,
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("cuộc lấy phiếu"),
    )
    holder = models.ForeignKey(
        PositionHolder,
        on_delete=models.PROTECT,
        related_name="candidacies",
        verbose_name=_("người được lấy phiếu"),
    )
    exempt = models.BooleanField(_("không lấy phiếu"), default=False)
    exemption_reason = models.CharField(
        _("lý do không lấy phiếu"), max_length=12, choices=Exemption.choices, blank=True
    )
    exemption_note = models.CharField(_("ghi chú về miễn lấy phiếu"), max_length=255, blank=True)
    high = _count(_("tín nhiệm cao"))
    confidence = _count(_("tín nhiệm"))
    low = _count(_("tín nhiệm thấp"))
    no_confidence = _count(_("không tín nhiệm"))
    invalid = _count(_("phiếu không hợp lệ"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người được lấy phiếu")
        verbose_name_plural = _("người được lấy phiếu")
        ordering = ["holder__position__order", "holder__full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "holder"],
                name="confidence_candidate_unique",
                violation_error_message=_("Người này đã có trong danh sách lấy phiếu."),
            )
        ]

    def __str__(self):
        return str(self.holder)

    @property
    def counted_fields(self) -> tuple[str, ...]:
        if self.vote.procedure == ConfidenceVote.Procedure.RATING:
            return ("high", "confidence", "low", "invalid")
        return ("confidence", "no_confidence", "invalid")

    @property
    def ballots_counted(self) -> int:
        return sum(getattr(self, f) for f in self.counted_fields)

    def clean(self):
        super().clean()
        errors = {}
        vote = self.vote
        unused = {"high", "low", "no_confidence", "confidence", "invalid"} - set(
            self.counted_fields
        )
        for name in unused:
            if getattr(self, name):
                errors[name] = _("Hình thức này không có lựa chọn “%(label)s”.") % {
                    "label": self._meta.get_field(name).verbose_name
                }
        if self.exempt:
            if not self.exemption_reason:
                errors["exemption_reason"] = _("Chọn lý do không lấy phiếu.")
            if self.ballots_counted:
                errors["exempt"] = _(
                    "%(name)s không lấy phiếu nên không có số phiếu; xóa số phiếu đã nhập."
                ) % {"name": self.holder.full_name}
        elif self.exemption_reason:
            errors["exemption_reason"] = _("Chỉ chọn lý do khi đánh dấu “không lấy phiếu”.")
        if not errors and self.ballots_counted > vote.ballots_returned:
            errors["invalid"] = _(
                "Tổng số phiếu của %(name)s (%(counted)s) vượt quá số phiếu thu vào (%(returned)s)."
            ) % {
                "name": self.holder.full_name,
                "counted": self.ballots_counted,
                "returned": vote.ballots_returned,
            }
        if errors:
            raise ValidationError(errors)

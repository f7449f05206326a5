"""The follow-up engine (đôn đốc): one tracked obligation for every app.

A :class:`FollowUp` is anything forwarded or recommended that must be answered
"to the end": a voter petition, a letter, a supervision recommendation, a
resolution to implement, a session preparation task, a duty of the plan.
Domain records link to it through ``source`` (a generic relation); the inbox,
reminders and escalation work on this one table.

Deadlines come from :class:`DeadlineRule` — dated legal rules, not constants:
a case uses the version in force on the day it began (LEGAL.md).
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.dated import DatedQuerySet
from hdnd_portal.core.models import CouncilScopedModel, SearchableModel, SearchQuerySet, history
from hdnd_portal.core.states import InvalidTransition, StateMachine  # noqa: F401 - re-exported


class DayKind(models.TextChoices):
    CALENDAR = "calendar", _("Ngày (theo lịch)")
    WORKING = "working", _("Ngày làm việc")


rule_code_validator = RegexValidator(
    r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*$",
    _(
        "Mã chỉ gồm chữ thường không dấu, số, dấu gạch, dấu gạch dưới và dấu chấm, "
        "ví dụ: complaint.accept"
    ),
)


class GlobalOrCouncilQuerySet(DatedQuerySet):
    """Rows for every council or one council's own; dated where the model has a period."""

    def visible_to(self, access):
        """Rows for every council (no council) and the user's council's own rows."""
        if access is None:
            return self.none()
        return self.filter(Q(council__isnull=True) | Q(council_id=access.council_id))

    def in_force_on(self, on: dt.date):
        """Rule versions in force on ``on`` (``valid_to`` is the first day out of force)."""
        return self.on(on)

    def version_in_force(self, code: str, on: dt.date, council=None):
        """The version of ``code`` in force on ``on``, the council's own before the global one
        (deadline and threshold rules alike); ``None`` if there is none."""
        council_id = getattr(council, "pk", council)
        scope = Q(council__isnull=True)
        if council_id is not None:
            scope |= Q(council_id=council_id)
        return (
            self.filter(scope, code=code)
            .on(on)
            .order_by(models.F("council_id").desc(nulls_last=True), "-valid_from")
            .first()
        )


def version_constraints(prefix: str) -> list:
    """The constraints every legal rule version has, named ``<prefix>_…`` as first migrated:
    one version of a code per start day (globally, and per council), and an end after the start."""
    return [
        models.UniqueConstraint(
            fields=["code", "valid_from"],
            condition=Q(council__isnull=True),
            name=f"{prefix}_version_unique",
            violation_error_message=_("Đã có phiên bản của quy tắc này từ ngày đó."),
        ),
        models.UniqueConstraint(
            fields=["code", "valid_from", "council"],
            condition=Q(council__isnull=False),
            name=f"{prefix}_version_unique_council",
            violation_error_message=_("Đã có phiên bản của quy tắc này từ ngày đó."),
        ),
        models.CheckConstraint(
            condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
            name=f"{prefix}_valid_to_after_from",
            violation_error_message=_("Ngày hết hiệu lực phải sau ngày có hiệu lực."),
        ),
    ]


class LegalRuleVersion(SearchableModel):
    """One version of a rule the law sets (a deadline, a share), in force between two dates.

    ``code`` names the rule across versions; a new version with a later ``valid_from`` is added
    when the law changes (the portal's page "Quy tắc thời hạn" or Django admin — no code change);
    a version of a council's own wins over the global one in force the same day; a case uses
    the version in force on its day and cites it. Subclasses add their values, their ``code``
    field (its help text names an example code) and ``Meta.constraints`` from
    :func:`version_constraints`.
    """

    name = models.CharField(_("tên"), max_length=255)
    legal_source = models.CharField(
        _("căn cứ pháp lý"), max_length=255, help_text=_("Ví dụ: Luật Khiếu nại 02/2011/QH13")
    )
    article = models.CharField(
        _("điều, khoản"), max_length=120, blank=True, help_text=_("Ví dụ: Điều 28")
    )
    valid_from = models.DateField(_("có hiệu lực từ"))
    valid_to = models.DateField(
        _("hết hiệu lực từ"), null=True, blank=True, help_text=_("Để trống nếu còn hiệu lực")
    )
    is_setting = models.BooleanField(
        _("là giá trị cài đặt"),
        default=False,
        help_text=_("Không tìm thấy căn cứ pháp lý chắc chắn: giá trị do HĐND tự đặt"),
    )
    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("HĐND"),
        help_text=_("Để trống: áp dụng cho mọi HĐND"),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    objects = GlobalOrCouncilQuerySet.as_manager()
    search_fields = ("code", "name", "legal_source", "article")
    # A version stops applying ON valid_to: the next version starts that same day.
    period_fields = ("valid_from", "valid_to")
    period_end_exclusive = True

    class Meta:
        abstract = True
        ordering = ["code", "-valid_from"]

    @property
    def citation(self) -> str:
        return f"{self.article}, {self.legal_source}" if self.article else self.legal_source

    @property
    def scope_label(self) -> str:
        return str(self.council) if self.council_id else str(_("Mọi HĐND"))

    @classmethod
    def in_force(cls, code: str, on: dt.date, council=None):
        """The version of ``code`` in force on ``on`` (the council's own first); raises
        DoesNotExist if none."""
        rule = cls.objects.version_in_force(code, on, council)
        if rule is None:
            raise cls.DoesNotExist(f"No {cls.__name__} {code!r} in force on {on}")
        return rule

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})

    def check_access(self, access, action: str, allowed: bool) -> bool:
        # A global rule serves every council: only a system administrator changes it.
        if action == "change" and self.council_id is None:
            return allowed and access.role == "admin"
        return allowed


class DeadlineRule(LegalRuleVersion):
    """One version of a legal deadline, in force between two dates.

    ``code`` names the rule across versions (e.g. ``complaint.accept``); a new
    version with a later ``valid_from`` is added when the law changes. A rule
    with a ``council`` is that council's own version (e.g. its voter-petition
    answer deadline) and wins over the global one; ``counts_back`` rules give a
    date *before* an event (notice of a session).
    """

    code = models.CharField(
        _("mã quy tắc"),
        max_length=60,
        validators=[rule_code_validator],
        help_text=_("Ví dụ: complaint.accept — giữ nguyên mã qua các phiên bản"),
    )
    days = models.PositiveIntegerField(_("số ngày"))
    day_kind = models.CharField(_("cách tính ngày"), max_length=10, choices=DayKind.choices)
    counts_back = models.BooleanField(
        _("tính lùi trước sự kiện"),
        default=False,
        help_text=_("Hạn là N ngày TRƯỚC ngày sự kiện (ví dụ: gửi giấy mời trước kỳ họp)"),
    )
    history = history()

    class Meta(LegalRuleVersion.Meta):
        verbose_name = _("quy tắc thời hạn")
        verbose_name_plural = _("quy tắc thời hạn")
        constraints = version_constraints("rule")

    def __str__(self):
        return f"{self.name} ({self.duration}; {self.citation})"

    def get_absolute_url(self) -> str:
        return reverse("followups-deadlinerule-detail", args=[self.pk])

    @property
    def duration(self) -> str:
        """ "30 ngày", "10 ngày làm việc", "20 ngày trước sự kiện"."""
        unit = "ngày làm việc" if self.day_kind == DayKind.WORKING else "ngày"
        return f"{self.days} {unit}" + (" trước sự kiện" if self.counts_back else "")

    def clean(self):
        super().clean()
        if self.pk:
            # A version already applied to cases keeps its numbers: those cases cite it.
            before = (
                DeadlineRule.objects.filter(pk=self.pk)
                .values("code", "days", "day_kind", "counts_back", "valid_from")
                .first()
            )
            changed = before and any(before[f] != getattr(self, f) for f in before)
            if changed and self.followup_set.exists():
                raise ValidationError(
                    _(
                        "Quy tắc này đã được áp dụng cho %(n)s việc nên không sửa được mã, số ngày, "
                        "cách tính hay ngày hiệu lực. Khi luật thay đổi, hãy thêm phiên bản mới "
                        "với ngày có hiệu lực mới."
                    )
                    % {"n": self.followup_set.count()}
                )


class ThresholdRule(LegalRuleVersion):
    """One version of a legal share — a quorum, a majority, a confidence threshold — in force
    between two dates (LEGAL.md §5, §7): "at least 2/3", "more than 1/2".

    Like :class:`DeadlineRule` it is data, not a constant: ``code`` names it across versions,
    a council may hold its own version, and a case uses the version in force on its day.
    ``met(count, total)`` compares in whole numbers (``count * denominator`` against
    ``numerator * total``), so 2/3 of 15 is exactly 10, never 9.999….
    """

    class Comparison(models.TextChoices):
        AT_LEAST = "at_least", _("Ít nhất (≥)")
        MORE_THAN = "more_than", _("Hơn (>)")

    code = models.CharField(
        _("mã quy tắc"),
        max_length=60,
        validators=[rule_code_validator],
        help_text=_("Ví dụ: session.quorum — giữ nguyên mã qua các phiên bản"),
    )
    comparison = models.CharField(
        _("so sánh"), max_length=10, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    numerator = models.PositiveSmallIntegerField(_("tử số"))
    denominator = models.PositiveSmallIntegerField(_("mẫu số"))
    base = models.CharField(
        _("tính trên"),
        max_length=120,
        default="tổng số đại biểu HĐND đương nhiệm",
        help_text=_("Ví dụ: tổng số đại biểu HĐND đương nhiệm"),
    )
    history = history()

    class Meta(LegalRuleVersion.Meta):
        verbose_name = _("quy tắc tỷ lệ")
        verbose_name_plural = _("quy tắc tỷ lệ")
        constraints = [
            *version_constraints("threshold"),
            models.CheckConstraint(
                condition=Q(denominator__gt=0) & Q(numerator__lte=models.F("denominator")),
                name="threshold_fraction_valid",
                violation_error_message=_("Tỷ lệ phải là phân số từ 0 đến 1, mẫu số lớn hơn 0."),
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.share_label} ({self.citation})"

    @property
    def share_label(self) -> str:
        """ "ít nhất 2/3 tổng số đại biểu HĐND đương nhiệm", "hơn 1/2 …"."""
        word = "ít nhất" if self.comparison == self.Comparison.AT_LEAST else "hơn"
        return f"{word} {self.numerator}/{self.denominator} {self.base}"

    def met(self, count: int, total: int) -> bool:
        """Whether ``count`` out of ``total`` reaches the share (exact integer arithmetic)."""
        if total <= 0:
            return False
        left, right = count * self.denominator, self.numerator * total
        return left >= right if self.comparison == self.Comparison.AT_LEAST else left > right

    def minimum(self, total: int) -> int:
        """The smallest count out of ``total`` that meets the share (0 when total is 0)."""
        if total <= 0:
            return 0
        need, rest = divmod(self.numerator * total, self.denominator)
        if self.comparison == self.Comparison.AT_LEAST:
            return need + (1 if rest else 0)
        return need + 1

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})
        if self.denominator == 0 or (
            self.numerator is not None
            and self.denominator is not None
            and self.numerator > self.denominator
        ):
            raise ValidationError(
                {"denominator": _("Tỷ lệ phải là phân số từ 0 đến 1, mẫu số lớn hơn 0.")}
            )


class DayOff(SearchableModel):
    """A day that changes the working calendar beyond weekends and public holidays.

    ``off``: an extra day off (Tết bridge day). ``work``: a make-up working day
    on a weekend. ``council`` empty = applies to every council. Due dates
    already computed are not moved when a day is added later (extend instead).
    """

    class Kind(models.TextChoices):
        OFF = "off", _("Ngày nghỉ bổ sung")
        WORK = "work", _("Ngày làm bù")

    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.OFF)
    name = models.CharField(
        _("lý do"),
        max_length=200,
        help_text=_("Ví dụ: Nghỉ bù Tết Nguyên đán theo Thông báo của Chính phủ"),
    )
    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("HĐND"),
        help_text=_("Để trống: áp dụng cho mọi HĐND"),
    )
    history = history()

    objects = GlobalOrCouncilQuerySet.as_manager()
    search_fields = ("name",)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(council__isnull=True),
                name="dayoff_unique_date",
                violation_error_message=_("Ngày này đã được khai báo."),
            ),
            models.UniqueConstraint(
                fields=["date", "council"],
                condition=Q(council__isnull=False),
                name="dayoff_unique_date_council",
                violation_error_message=_("Ngày này đã được khai báo."),
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} - {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("followups-dayoff-detail", args=[self.pk])

    @property
    def scope_label(self) -> str:
        return str(self.council) if self.council_id else str(_("Mọi HĐND"))

    def clean(self):
        if self.date and self.kind == self.Kind.WORK and self.date.weekday() < 5:
            raise ValidationError({"kind": _("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.")})

    def check_access(self, access, action: str, allowed: bool) -> bool:
        # A day declared for every council is changed only by a system administrator.
        if action == "change" and self.council_id is None:
            return allowed and access.role == "admin"
        return allowed


class FollowUpQuerySet(SearchQuerySet):
    OPEN_STATES = ("open", "extended")

    def open(self):
        return self.filter(state__in=self.OPEN_STATES)

    def open_first(self):
        """Open items first, soonest due first; then the others, by due date."""
        return self.annotate(
            _finished=models.Case(
                models.When(state__in=self.OPEN_STATES, then=models.Value(0)),
                default=models.Value(1),
                output_field=models.IntegerField(),
            )
        ).order_by("_finished", "due_date", "id")

    def overdue(self, today: dt.date | None = None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def due_within(self, days: int, today: dt.date | None = None):
        today = today or timezone.localdate()
        return self.open().filter(
            due_date__gte=today, due_date__lte=today + dt.timedelta(days=days)
        )

    def visible_to(self, access):
        """Council scope; an agency user sees only what is assigned to their agency."""
        qs = super().visible_to(access)
        if access is not None and access.role == "agency":
            qs = qs.filter(agency_id=access.agency_id)
        return qs


class FollowUp(StateMachine, CouncilScopedModel):
    """A tracked obligation: who must do what by when, and what came of it."""

    class State(models.TextChoices):
        OPEN = "open", _("Đang theo dõi")
        EXTENDED = "extended", _("Đã gia hạn")
        # The agency has answered; the Standing Committee accepts it or sends it back
        # ("đôn đốc đến cùng": an answer is not the end until it is accepted).
        ANSWERED = "answered", _("Đã trả lời, chờ Thường trực xem xét")
        DONE = "done", _("Đã hoàn thành")
        CLOSED = "closed", _("Đóng, không có kết quả")

    kind = models.CharField(
        _("loại việc"), max_length=40, help_text=_("Mã loại do từng phân hệ đăng ký")
    )
    title = models.CharField(_("nội dung cần thực hiện"), max_length=500)
    description = models.TextField(_("chi tiết"), blank=True)
    reference = models.CharField(
        _("văn bản, căn cứ"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Kế hoạch số 15-KH/ĐU, mục III.1"),
    )
    # The domain record this follows up (a petition, a recommendation, …), if any.
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("cơ quan chịu trách nhiệm"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_followups",
        verbose_name=_("người chịu trách nhiệm"),
    )
    committee = models.ForeignKey(
        "councils.Committee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("Thường trực/Ban theo dõi"),
    )
    delegate = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("đại biểu chuyển"),
    )

    started_on = models.DateField(
        _("ngày bắt đầu"), help_text=_("Ngày nhận / ngày giao: xác định quy tắc áp dụng")
    )
    rule = models.ForeignKey(
        DeadlineRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("quy tắc thời hạn"),
    )
    original_due_date = models.DateField(_("hạn ban đầu"))
    due_date = models.DateField(_("hạn hiện tại"), db_index=True)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.OPEN, db_index=True
    )
    # The current answer; every answer given (also before a reopening) is an Answer row.
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    answer = models.TextField(_("trả lời / kết quả"), blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    closed_reason = models.TextField(_("lý do đóng"), blank=True)
    escalated_at = models.DateTimeField(_("báo cáo Thường trực lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    history = history()

    objects = FollowUpQuerySet.as_manager()
    # Only its own fields: the agency's name is searched at query time, so renaming
    # an agency never leaves its follow-ups unsearchable by the new name.
    search_fields = ("title", "description", "reference", "answer")

    class Meta:
        verbose_name = _("việc cần đôn đốc")
        verbose_name_plural = _("việc cần đôn đốc")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["council", "state", "due_date"], name="followup_inbox_idx"),
            models.Index(fields=["source_type", "source_id"], name="followup_source_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False) | Q(assignee__isnull=False),
                name="followup_has_responsible",
            ),
        ]

    # Which states each action may start from (django-oscar style: one table, one check).
    TRANSITIONS = {
        "answer": (State.OPEN, State.EXTENDED),
        "accept": (State.ANSWERED,),
        "send_back": (State.ANSWERED,),
        "extend": (State.OPEN, State.EXTENDED),
        "close": (State.OPEN, State.EXTENDED),
        "reopen": (State.DONE, State.CLOSED),
        "remind": (State.OPEN, State.EXTENDED),
    }
    TRANSITION_ERRORS = {
        "answer": _(
            "Không thể trả lời: việc này đang ở trạng thái “%(state)s”. "
            "Cần mở lại trước khi trả lời tiếp."
        ),
        # An answer already waits for the Standing Committee: another one would bypass its review.
        "answer_waiting": _(
            "Không thể trả lời thêm: trả lời trước đang chờ Thường trực HĐND xem xét. "
            "Nếu cần bổ sung, đề nghị Thường trực trả lại việc này."
        ),
        "accept": _(
            "Không thể xác nhận hoàn thành: việc này đang ở trạng thái “%(state)s”, "
            "chưa có trả lời chờ xem xét."
        ),
        "send_back": _(
            "Không thể trả lại: việc này đang ở trạng thái “%(state)s”, "
            "chưa có trả lời chờ xem xét."
        ),
        "extend": _("Không thể gia hạn: việc này đang ở trạng thái “%(state)s”."),
        "close": _("Không thể đóng: việc này đang ở trạng thái “%(state)s”."),
        "reopen": _("Không thể mở lại: việc này vẫn đang được theo dõi."),
        "remind": _("Không thể nhắc: việc này đang ở trạng thái “%(state)s”."),
    }

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("followups-followup-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in FollowUpQuerySet.OPEN_STATES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())

    def days_overdue(self, today: dt.date | None = None) -> int:
        if not self.is_open:
            return 0
        return max(0, ((today or timezone.localdate()) - self.due_date).days)

    def days_left(self, today: dt.date | None = None) -> int:
        return (self.due_date - (today or timezone.localdate())).days

    @property
    def display_state(self) -> str:
        if self.is_overdue():
            return str(_("Quá hạn"))
        return self.get_state_display()

    @property
    def kind_label(self) -> str:
        from hdnd_portal.followups.kinds import kind_label

        return kind_label(self.kind)

    @property
    def responsible_label(self) -> str:
        return str(self.agency or self.assignee or "")

    @property
    def was_extended(self) -> bool:
        return self.due_date != self.original_due_date

    def transition_error(self, action: str) -> str:
        if action == "answer" and self.state == self.State.ANSWERED:
            action = "answer_waiting"
        return super().transition_error(action)

    def clean(self):
        if not self.agency_id and not self.assignee_id:
            raise ValidationError(_("Cần chọn cơ quan hoặc người chịu trách nhiệm."))
        if self.due_date and self.started_on and self.due_date < self.started_on:
            raise ValidationError({"due_date": _("Hạn xử lý không được trước ngày bắt đầu.")})

    def check_access(self, access, action: str, allowed: bool) -> bool:
        # An agency acts only on what is assigned to it (visible_to already hides the rest).
        if access.role == "agency":
            return allowed and self.agency_id == access.agency_id
        return allowed


class Answer(models.Model):
    """One answer or result reported for a follow-up (kept when the item is reopened)."""

    followup = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("nội dung trả lời"))
    agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan trả lời"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    # Entered by the Office (staff/admin) from the agency's written answer.
    on_behalf = models.BooleanField(_("nhập thay cơ quan"), default=False)
    created_at = models.DateTimeField(_("trả lời lúc"), default=timezone.now)

    class Review(models.TextChoices):
        PENDING = "", _("Chờ xem xét")
        ACCEPTED = "accepted", _("Đã chấp nhận")
        SENT_BACK = "sent_back", _("Trả lại, yêu cầu trả lời tiếp")

    # The Standing Committee's decision on this answer (kept when the item is sent back).
    review = models.CharField(
        _("kết quả xem xét"), max_length=10, choices=Review.choices, blank=True, default=""
    )
    review_note = models.TextField(_("ý kiến, lý do trả lại"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xem xét"),
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("trả lời")
        verbose_name_plural = _("trả lời")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:80]


class Extension(models.Model):
    """Gia hạn: the earlier due date and the reason are kept."""

    followup = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="extensions")
    previous_due_date = models.DateField(_("hạn trước đó"))
    new_due_date = models.DateField(_("hạn mới"))
    reason = models.TextField(_("lý do gia hạn"))
    document = models.CharField(_("văn bản gia hạn"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gia hạn")
        verbose_name_plural = _("gia hạn")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.previous_due_date:%d/%m/%Y} → {self.new_due_date:%d/%m/%Y}"


def attachment_path(instance, filename):
    return f"followups/{instance.followup.council_id}/{instance.followup_id}/{filename}"


class Attachment(models.Model):
    """A file attached to an answer or result."""

    followup = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="attachments")
    answer = models.ForeignKey(
        Answer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("trả lời"),
    )
    file = models.FileField(_("tệp"), upload_to=attachment_path, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


class ReminderLog(models.Model):
    """One reminder stage sent for one item: the unique key makes the job idempotent."""

    followup = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="reminders")
    stage = models.SmallIntegerField(
        _("mốc (ngày so với hạn)"), help_text=_("Âm: trước hạn; dương: sau hạn")
    )
    due_date = models.DateField(_("hạn tại thời điểm nhắc"))
    sent_at = models.DateTimeField(default=timezone.now)
    manual = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("lần nhắc")
        verbose_name_plural = _("lần nhắc")
        constraints = [
            # One automatic reminder per stage per due date (an extension restarts the stages).
            models.UniqueConstraint(
                fields=["followup", "stage", "due_date"],
                condition=Q(manual=False),
                name="reminder_stage_once",
            ),
        ]

    def __str__(self):
        return f"{self.followup_id}: {self.stage:+d} ({self.due_date:%d/%m/%Y})"

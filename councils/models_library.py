"""The HĐND's own rules of work and its emulation and rewards (issue 22, items 2 and 3).

- **Internal procedures library** (quy trình, quy chế nội bộ — the plan's "Xây dựng và ban hành
  quy trình xử lý các công việc nội bộ"): a :class:`Procedure` of one kind (sessions, work
  between sessions, supervision teams, questioning at the Standing Committee, examination,
  advising the Party, other), issued in :class:`ProcedureVersion` s, each with its issuing
  decision, its effective date and its file. A new version replaces the one in force the day
  before it takes effect; the old ones stay (history of versions), the one in force today is
  "đang áp dụng".
- **Emulation and rewards** (thi đua – khen thưởng, Luật Thi đua, khen thưởng 2022): the
  yearly :class:`EmulationCriterion` s, each registrant's :class:`EmulationRegistration`
  (a delegate, a delegate group, a Ban or the Standing Committee), its
  :class:`EmulationResult` (bình xét) and the :class:`Reward` s with their decision.

Imported at the end of ``councils/models.py``: the models belong to the councils app.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.dated import DatedModel, DatedQuerySet
from hdnd_portal.core.inputs import validate_sane_date
from hdnd_portal.core.models import CouncilScopedModel, history

YEAR_VALIDATORS = [
    MinValueValidator(1945, _("Năm phải từ 1945 trở đi.")),
    MaxValueValidator(2100, _("Năm không được sau 2100.")),
]


def _day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "nay"


# -- internal procedures library ------------------------------------------------------------
class Procedure(CouncilScopedModel):
    """Một quy trình, quy chế nội bộ của HĐND xã (its versions are :class:`ProcedureVersion`)."""

    class Kind(models.TextChoices):
        SESSION = "session", _("Tổ chức kỳ họp")
        BETWEEN_SESSIONS = "between_sessions", _("Xử lý công việc giữa hai kỳ họp")
        SUPERVISION_TEAM = "supervision_team", _("Tổ chức đoàn giám sát")
        QUESTIONING = "questioning", _("Chất vấn, giải trình tại phiên họp Thường trực HĐND")
        EXAMINATION = "examination", _("Tổ chức thẩm tra")
        PARTY_ADVICE = "party_advice", _("Tham mưu nội dung của cấp ủy")
        OTHER = "other", _("Quy trình, quy chế khác")

    class DocumentType(models.TextChoices):
        PROCEDURE = "procedure", _("Quy trình")
        REGULATION = "regulation", _("Quy chế")

    kind = models.CharField(_("lĩnh vực"), max_length=30, choices=Kind.choices)
    document_type = models.CharField(
        _("loại"), max_length=20, choices=DocumentType.choices, default=DocumentType.PROCEDURE
    )
    title = models.CharField(
        _("tên quy trình, quy chế"),
        max_length=300,
        help_text=_("Ví dụ: Quy trình tổ chức kỳ họp HĐND xã"),
    )
    scope = models.TextField(
        _("phạm vi, đối tượng áp dụng"),
        blank=True,
        help_text=_("Những cơ quan, người thực hiện và công việc quy trình điều chỉnh"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    search_fields = ("title", "scope", "note")

    class Meta:
        verbose_name = _("quy trình, quy chế nội bộ")
        verbose_name_plural = _("quy trình, quy chế nội bộ")
        ordering = ["kind", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "title"],
                name="procedure_unique_title",
                violation_error_message=_("Đã có quy trình, quy chế mang tên này."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("councils-procedure-detail", args=[self.pk])


def procedure_version_path(instance, filename):
    return f"councils/{instance.council_id}/procedures/{instance.procedure_id}/v{instance.number}-{filename}"


class ProcedureVersion(DatedModel, CouncilScopedModel):
    """One issued version of a procedure: its decision, its effective period and its file.

    ``start_date`` is the day it takes effect; ``end_date`` its last day in force (inclusive),
    set by the command the day a later version takes effect (``procedure_version_save``)."""

    procedure = models.ForeignKey(
        Procedure,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("quy trình, quy chế"),
    )
    number = models.PositiveSmallIntegerField(_("phiên bản"), default=1, editable=False)
    decision_number = models.CharField(
        _("số quyết định ban hành"), max_length=60, help_text=_("Ví dụ: 12/QĐ-HĐND")
    )
    decision_date = models.DateField(_("ngày ban hành"), validators=[validate_sane_date])
    issuer = models.CharField(
        _("cơ quan, người ký"),
        max_length=200,
        help_text=_("Ví dụ: Thường trực HĐND xã, Chủ tịch HĐND Nguyễn Văn A"),
    )
    start_date = models.DateField(_("ngày có hiệu lực"), validators=[validate_sane_date])
    end_date = models.DateField(
        _("ngày cuối cùng áp dụng"),
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text=_("Để trống khi còn hiệu lực; tự điền khi có phiên bản mới thay thế"),
    )
    file = models.FileField(
        _("tệp văn bản"), upload_to=procedure_version_path, max_length=255, blank=True
    )
    changes = models.TextField(
        _("nội dung sửa đổi, bổ sung"),
        blank=True,
        help_text=_("Những điểm mới so với phiên bản trước"),
    )
    objects = DatedQuerySet.as_manager()
    history = history()

    search_fields = ("decision_number", "issuer", "changes")
    period_error_message = _("Ngày cuối cùng áp dụng phải sau ngày có hiệu lực.")

    class Meta(DatedModel.Meta):
        verbose_name = _("phiên bản quy trình, quy chế")
        verbose_name_plural = _("phiên bản quy trình, quy chế")
        ordering = ["procedure", "-number"]
        constraints = [
            *DatedModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["procedure", "number"],
                name="procedureversion_unique_number",
                violation_error_message=_("Phiên bản này đã có."),
            ),
            models.UniqueConstraint(
                fields=["council", "decision_number", "decision_date"],
                name="procedureversion_unique_decision",
                violation_error_message=_(
                    "Quyết định có số và ngày ban hành này đã được ghi cho một phiên bản khác."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.procedure} — phiên bản {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("councils-procedureversion-detail", args=[self.pk])

    @property
    def is_current(self) -> bool:
        return self.in_force(timezone.localdate())

    @property
    def status_label(self) -> str:
        today = timezone.localdate()
        if self.start_date and self.start_date > today:
            return "Chưa có hiệu lực"
        return "Đang áp dụng" if self.in_force(today) else "Đã được thay thế"

    def replaced_version(self):
        """For a new version: the open-ended one it replaces (the command closes it)."""
        if self.pk is not None or not self.procedure_id:
            return None
        latest = (
            ProcedureVersion.objects.filter(procedure_id=self.procedure_id)
            .order_by("-start_date", "-number")
            .first()
        )
        return latest if latest is not None and latest.end_date is None else None

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        if self.decision_date and self.decision_date > today:
            errors["decision_date"] = _("Ngày ban hành không được ở tương lai.")
        if self.decision_date and self.start_date and self.start_date < self.decision_date:
            errors["start_date"] = _("Ngày có hiệu lực không được trước ngày ban hành.")
        if self.pk is None and self.procedure_id:
            # A new version takes the next number (the command does the same under a lock).
            latest = ProcedureVersion.objects.filter(procedure_id=self.procedure_id)
            self.number = (latest.aggregate(n=models.Max("number"))["n"] or 0) + 1
        if not self.file:
            errors["file"] = _("Hãy tải lên tệp văn bản (PDF hoặc Word).")
        if self.procedure_id and self.start_date and "start_date" not in errors:
            others = ProcedureVersion.objects.filter(procedure_id=self.procedure_id).exclude(
                pk=self.pk
            )
            if self.pk is None:
                later = others.filter(start_date__gte=self.start_date).order_by("start_date")
                later = later.first()
                if later is not None:
                    errors["start_date"] = _(
                        "Phiên bản mới phải có hiệu lực sau ngày %(day)s (ngày có hiệu lực "
                        "của phiên bản %(number)s)."
                    ) % {"day": _day(later.start_date), "number": later.number}
                replaced = self.replaced_version()
                if replaced is not None:
                    others = others.exclude(pk=replaced.pk)  # closed the day before
            clash = (
                others.overlapping(self.start_date, self.end_date).order_by("start_date").first()
            )
            if clash is not None and "start_date" not in errors:
                errors["start_date"] = _(
                    "Thời gian hiệu lực trùng với phiên bản %(number)s (từ %(start)s đến %(end)s)."
                ) % {
                    "number": clash.number,
                    "start": _day(clash.start_date),
                    "end": _day(clash.end_date),
                }
        if errors:
            raise ValidationError(errors)


# -- emulation and rewards -------------------------------------------------------------------
class Registrant(models.TextChoices):
    """Who takes part in emulation and is rewarded."""

    DELEGATE = "delegate", _("Đại biểu")
    DELEGATE_GROUP = "delegate_group", _("Tổ đại biểu")
    BAN = "ban", _("Ban của HĐND")
    STANDING = "standing", _("Thường trực HĐND")


class EmulationTitle(models.TextChoices):
    """Danh hiệu thi đua (Luật Thi đua, khen thưởng 2022): for a person or for a collective."""

    ADVANCED_WORKER = "advanced_worker", _("Lao động tiên tiến")
    GRASSROOTS_FIGHTER = "grassroots_fighter", _("Chiến sĩ thi đua cơ sở")
    PROVINCIAL_FIGHTER = "provincial_fighter", _("Chiến sĩ thi đua cấp tỉnh, thành phố")
    ADVANCED_COLLECTIVE = "advanced_collective", _("Tập thể lao động tiên tiến")
    EXCELLENT_COLLECTIVE = "excellent_collective", _("Tập thể lao động xuất sắc")
    EMULATION_FLAG = "emulation_flag", _("Cờ thi đua")


PERSONAL_TITLES = frozenset(
    {
        EmulationTitle.ADVANCED_WORKER,
        EmulationTitle.GRASSROOTS_FIGHTER,
        EmulationTitle.PROVINCIAL_FIGHTER,
    }
)


def _title_error(title: str, is_person: bool):
    """The refusal of a title given to the wrong kind of registrant, or None."""
    if not title:
        return None
    if is_person and title not in PERSONAL_TITLES:
        return _("Danh hiệu “%(title)s” dành cho tập thể, không dành cho đại biểu.") % {
            "title": EmulationTitle(title).label
        }
    if not is_person and title in PERSONAL_TITLES:
        return _("Danh hiệu “%(title)s” dành cho cá nhân, không dành cho tập thể.") % {
            "title": EmulationTitle(title).label
        }
    return None


class RegistrantModel(CouncilScopedModel):
    """A record about one registrant: a delegate, or a collective (a delegate group, a Ban, the
    Standing Committee: a ``Committee``). ``registrant_kind`` follows from the one chosen."""

    registrant_kind = models.CharField(
        _("đối tượng"), max_length=20, choices=Registrant.choices, editable=False
    )
    delegate = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đại biểu"),
    )
    committee = models.ForeignKey(
        "councils.Committee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tập thể (Tổ, Ban, Thường trực)"),
    )

    class Meta:
        abstract = True

    @property
    def registrant(self):
        return self.delegate if self.delegate_id else self.committee

    @property
    def is_person(self) -> bool:
        return bool(self.delegate_id)

    def registrant_errors(self) -> dict:
        if self.delegate_id and self.committee_id:
            return {
                "committee": _(
                    "Chọn một đại biểu hoặc một tập thể (Tổ đại biểu, Ban, Thường trực HĐND), "
                    "không chọn cả hai."
                )
            }
        if not self.delegate_id and not self.committee_id:
            return {
                "delegate": _("Hãy chọn đại biểu hoặc tập thể (Tổ đại biểu, Ban, Thường trực).")
            }
        self.registrant_kind = (
            Registrant.DELEGATE if self.delegate_id else Registrant(self.committee.kind)
        )
        return {}

    def save(self, *args, **kwargs):
        if self.delegate_id:
            self.registrant_kind = Registrant.DELEGATE
        elif self.committee_id:
            self.registrant_kind = Registrant(self.committee.kind)
        super().save(*args, **kwargs)

    def registrant_in_office_error(self, year: int):
        """The refusal of a registrant not in office (a delegate) or not active (a collective of
        another term) during ``year``, or None."""
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if self.delegate_id:
            d = self.delegate
            if d.start_date > last or (d.end_date is not None and d.end_date < first):
                return {
                    "delegate": _("%(name)s không phải đại biểu HĐND trong năm %(year)s.")
                    % {"name": d.full_name, "year": year}
                }
        elif self.committee_id:
            term = self.committee.term
            if term.start_date > last or (term.end_date is not None and term.end_date < first):
                return {
                    "committee": _(
                        "%(name)s không hoạt động trong năm %(year)s (nhiệm kỳ %(term)s)."
                    )
                    % {"name": self.committee.name, "year": year, "term": term.name}
                }
        return None


def _unique_per_registrant(prefix: str, fields: list[str], person: str, collective: str):
    return [
        models.UniqueConstraint(
            fields=[*fields, "delegate"],
            condition=Q(delegate__isnull=False),
            name=f"{prefix}_unique_delegate",
            violation_error_message=person,
        ),
        models.UniqueConstraint(
            fields=[*fields, "committee"],
            condition=Q(committee__isnull=False),
            name=f"{prefix}_unique_committee",
            violation_error_message=collective,
        ),
    ]


class EmulationCriterion(CouncilScopedModel):
    """Tiêu chí thi đua of one year (the Standing Committee's yearly emulation plan)."""

    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    number = models.PositiveSmallIntegerField(_("số thứ tự"), default=1)
    applies_to = models.CharField(
        _("áp dụng cho"),
        max_length=20,
        choices=Registrant.choices,
        blank=True,
        help_text=_("Để trống khi áp dụng cho mọi đối tượng"),
    )
    content = models.CharField(_("nội dung tiêu chí"), max_length=500)
    max_score = models.PositiveSmallIntegerField(
        _("điểm tối đa"), null=True, blank=True, validators=[MaxValueValidator(1000)]
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    search_fields = ("content", "note")

    class Meta:
        verbose_name = _("tiêu chí thi đua")
        verbose_name_plural = _("tiêu chí thi đua")
        ordering = ["-year", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "number"],
                name="emulationcriterion_unique_number",
                violation_error_message=_("Năm này đã có tiêu chí mang số thứ tự này."),
            )
        ]

    def __str__(self):
        return f"Tiêu chí {self.number} năm {self.year}: {self.content}"

    def get_absolute_url(self) -> str:
        return reverse("councils-emulationcriterion-detail", args=[self.pk])


class EmulationRegistration(RegistrantModel):
    """Đăng ký thi đua: one registrant, one year, the title and goals registered."""

    year = models.PositiveSmallIntegerField(_("năm thi đua"), validators=YEAR_VALIDATORS)
    registered_on = models.DateField(_("ngày đăng ký"), validators=[validate_sane_date])
    title = models.CharField(_("danh hiệu đăng ký"), max_length=30, choices=EmulationTitle.choices)
    goals = models.TextField(
        _("chỉ tiêu, mục tiêu đăng ký"),
        blank=True,
        help_text=_("Ví dụ: chủ trì 2 cuộc giám sát chuyên đề; dự đủ các kỳ họp"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    search_fields = ("goals", "note")

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["-year", "registrant_kind", "id"]
        constraints = _unique_per_registrant(
            "emulationregistration",
            ["council", "year"],
            _("Đại biểu này đã đăng ký thi đua trong năm này."),
            _("Tập thể này đã đăng ký thi đua trong năm này."),
        )

    def __str__(self):
        return f"{self.registrant} — đăng ký thi đua năm {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("councils-emulationregistration-detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = self.registrant_errors()
        if not errors:
            if self.year and 1945 <= self.year <= 2100:
                errors.update(self.registrant_in_office_error(self.year) or {})
            if (error := _title_error(self.title, self.is_person)) is not None:
                errors["title"] = error
        if self.registered_on:
            if self.registered_on > timezone.localdate():
                errors["registered_on"] = _("Ngày đăng ký không được ở tương lai.")
            elif self.year and self.registered_on.year not in (self.year - 1, self.year):
                errors["registered_on"] = _(
                    "Ngày đăng ký phải thuộc năm %(year)s hoặc cuối năm trước."
                ) % {"year": self.year}
        if errors:
            raise ValidationError(errors)


class EmulationResult(CouncilScopedModel):
    """Kết quả bình xét thi đua of one registration (one per registration)."""

    class Rating(models.TextChoices):
        EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
        GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
        DONE = "done", _("Hoàn thành nhiệm vụ")
        NOT_DONE = "not_done", _("Không hoàn thành nhiệm vụ")

    registration = models.ForeignKey(
        EmulationRegistration,
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("đăng ký thi đua"),
    )
    reviewed_on = models.DateField(_("ngày bình xét"), validators=[validate_sane_date])
    rating = models.CharField(_("xếp loại"), max_length=20, choices=Rating.choices)
    score = models.PositiveSmallIntegerField(
        _("điểm"), null=True, blank=True, validators=[MaxValueValidator(1000)]
    )
    title_proposed = models.CharField(
        _("danh hiệu được đề nghị công nhận"),
        max_length=30,
        choices=EmulationTitle.choices,
        blank=True,
    )
    reviewed_by = models.CharField(
        _("hội nghị, hội đồng bình xét"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Hội nghị tổng kết công tác năm của HĐND xã"),
    )
    note = models.TextField(_("nhận xét"), blank=True)
    history = history()

    search_fields = ("reviewed_by", "note")

    class Meta:
        verbose_name = _("kết quả bình xét thi đua")
        verbose_name_plural = _("kết quả bình xét thi đua")
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                name="emulationresult_one_per_registration",
                violation_error_message=_("Đăng ký thi đua này đã có kết quả bình xét."),
            )
        ]

    def __str__(self):
        return f"{self.registration}: {self.get_rating_display()}"

    def get_absolute_url(self) -> str:
        return reverse("councils-emulationresult-detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        registration = self.registration if self.registration_id else None
        if self.reviewed_on:
            if self.reviewed_on > timezone.localdate():
                errors["reviewed_on"] = _("Ngày bình xét không được ở tương lai.")
            elif registration is not None and self.reviewed_on.year < registration.year:
                errors["reviewed_on"] = _(
                    "Ngày bình xét không được trước năm thi đua %(year)s."
                ) % {"year": registration.year}
        if self.title_proposed and self.rating == self.Rating.NOT_DONE:
            errors["title_proposed"] = _(
                "Không hoàn thành nhiệm vụ thì không đề nghị danh hiệu thi đua."
            )
        elif registration is not None:
            error = _title_error(self.title_proposed, registration.is_person)
            if error is not None:
                errors["title_proposed"] = error
        if errors:
            raise ValidationError(errors)


class Reward(RegistrantModel):
    """Khen thưởng: who was rewarded, the form and level, and the decision."""

    class Form(models.TextChoices):
        CERTIFICATE = "certificate", _("Giấy khen")
        MERIT = "merit", _("Bằng khen")
        TITLE = "title", _("Danh hiệu thi đua")
        MEDAL = "medal", _("Kỷ niệm chương")
        ORDER = "order", _("Huân chương")
        OTHER = "other", _("Hình thức khác")

    class Level(models.TextChoices):
        COMMUNE = "commune", _("Cấp xã")
        CITY = "city", _("Cấp tỉnh, thành phố")
        NATIONAL = "national", _("Cấp Trung ương")

    year = models.PositiveSmallIntegerField(_("năm thành tích"), validators=YEAR_VALIDATORS)
    form = models.CharField(_("hình thức khen thưởng"), max_length=20, choices=Form.choices)
    level = models.CharField(_("cấp khen thưởng"), max_length=20, choices=Level.choices)
    title = models.CharField(
        _("danh hiệu được tặng"),
        max_length=30,
        choices=EmulationTitle.choices,
        blank=True,
        help_text=_("Khi hình thức là danh hiệu thi đua"),
    )
    achievement = models.TextField(_("thành tích"), blank=True)
    decision_number = models.CharField(
        _("số quyết định"), max_length=60, help_text=_("Ví dụ: 25/QĐ-UBND")
    )
    decision_date = models.DateField(_("ngày quyết định"), validators=[validate_sane_date])
    issuer = models.CharField(
        _("cơ quan, người quyết định"),
        max_length=200,
        help_text=_("Ví dụ: Chủ tịch UBND xã"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    search_fields = ("decision_number", "issuer", "achievement", "note")

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["-decision_date", "-id"]
        constraints = _unique_per_registrant(
            "reward",
            ["council", "decision_number", "decision_date"],
            _("Quyết định này đã ghi khen thưởng cho đại biểu này."),
            _("Quyết định này đã ghi khen thưởng cho tập thể này."),
        )

    def __str__(self):
        return f"{self.get_form_display()} — {self.registrant} (QĐ {self.decision_number})"

    def get_absolute_url(self) -> str:
        return reverse("councils-reward-detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = self.registrant_errors()
        if self.decision_date:
            if self.decision_date > timezone.localdate():
                errors["decision_date"] = _("Ngày quyết định khen thưởng không được ở tương lai.")
            elif self.year and self.decision_date.year < self.year:
                errors["decision_date"] = _(
                    "Quyết định khen thưởng không được trước năm thành tích %(year)s."
                ) % {"year": self.year}
        if self.form == self.Form.TITLE and not self.title:
            errors["title"] = _("Hãy chọn danh hiệu thi đua được tặng.")
        elif self.title and self.form != self.Form.TITLE:
            errors["title"] = _("Chỉ ghi danh hiệu khi hình thức là danh hiệu thi đua.")
        elif not errors.get("delegate") and not errors.get("committee"):
            error = _title_error(self.title, self.is_person)
            if error is not None:
                errors["title"] = error
        if errors:
            raise ValidationError(errors)

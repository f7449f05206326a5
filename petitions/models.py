"""Citizen reception and letters (issue 11; LEGAL.md §1-4, §10; DOCUMENTS.md §5).

- :class:`PetitionSetting`: the council's dated settings (reception frequency, retention,
  denunciation extension limits of Luật Tố cáo Art. 30);
- :class:`ReceptionSchedule`: lịch tiếp công dân;
- :class:`Reception`: one line of the reception log (sổ tiếp công dân, Form 03/TCD);
- :class:`Letter`: đơn thư, forwarded to a competent agency or answered with guidance;
- :class:`IdentityAccess`: every time a protected identity was shown (who, when, which page);
- :class:`PetitionReport`: a period, printed as the log and the periodic report.

A denunciation's (or mixed letter's) sender identity is shown only to the users handling it
(``handlers``) and administrators; ``search_text`` never holds it. The protection is stored
(``identity_protected``): set when the record is classified so, kept by every ordinary save.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.access import ADMIN
from hdnd_portal.core.dated import DatedModel, DatedQuerySet
from hdnd_portal.core.models import CouncilScopedModel, history
from hdnd_portal.core.states import StateMachine
from hdnd_portal.core.text import fold
from hdnd_portal.core.validators import validate_identity_number, validate_phone_number
from petitions.crypto import EncryptedTextField, blind_index

MASKED_DENOUNCER = "Người tố cáo (được bảo mật)"
MASKED_TEXT = "(được bảo mật)"
ANONYMISED = "(đã ẩn danh)"


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    PETITION = "petition", _("Kiến nghị")
    REFLECTION = "reflection", _("Phản ánh")
    MIXED = "mixed", _("Hỗn hợp (nhiều nội dung)")


# A mixed letter may hold a denunciation: its sender is protected the same way.
PROTECTED_KINDS = frozenset({Kind.DENUNCIATION, Kind.MIXED})
# Written only by the model (a protected kind sets the mark) and the lift commands.
PROTECTION_FIELDS = ("identity_protected", "protection_lift_reason")


class PetitionSetting(DatedModel, CouncilScopedModel):
    """The council's settings for reception and letters, as dated data.

    Values marked M in LEGAL.md are settings with the value given there; the denunciation
    extension limits are the law's (Luật Tố cáo 25/2018/QH14, Điều 30: complex cases one
    extension, especially complex two, each at most 30 days).
    """

    delegate_receptions_per_year = models.PositiveSmallIntegerField(
        _("số buổi tiếp công dân mỗi đại biểu trong năm"),
        default=4,
        help_text=_("Theo lịch Chủ tịch HĐND phân công (Luật Tiếp công dân, Điều 22)."),
    )
    chair_receptions_per_month = models.PositiveSmallIntegerField(
        _("số ngày tiếp công dân của Chủ tịch HĐND mỗi tháng"),
        default=1,
        help_text=_("Nghị quyết 759/2014/UBTVQH13 (mức M, giá trị cài đặt)."),
    )
    retention_years_reception = models.PositiveSmallIntegerField(
        _("thời hạn lưu thông tin cá nhân ở sổ tiếp công dân (năm)"),
        default=5,
        validators=[MinValueValidator(1, _("Thời hạn lưu phải từ 1 năm trở lên."))],
    )
    retention_years_letter = models.PositiveSmallIntegerField(
        _("thời hạn lưu thông tin cá nhân ở đơn thư (năm)"),
        default=5,
        validators=[MinValueValidator(1, _("Thời hạn lưu phải từ 1 năm trở lên."))],
    )
    denunciation_extension_days = models.PositiveSmallIntegerField(
        _("số ngày tối đa mỗi lần gia hạn giải quyết tố cáo"),
        default=30,
        validators=[MaxValueValidator(30, _("Luật Tố cáo cho gia hạn mỗi lần tối đa 30 ngày."))],
    )
    denunciation_extensions_complex = models.PositiveSmallIntegerField(
        _("số lần gia hạn tối đa (vụ việc phức tạp)"), default=1
    )
    denunciation_extensions_very_complex = models.PositiveSmallIntegerField(
        _("số lần gia hạn tối đa (vụ việc đặc biệt phức tạp)"), default=2
    )
    note = models.TextField(_("ghi chú, căn cứ"), blank=True)
    history = history()

    objects = DatedQuerySet.as_manager()
    search_fields = ("note",)

    class Meta(DatedModel.Meta):
        verbose_name = _("cài đặt tiếp công dân, đơn thư")
        verbose_name_plural = _("cài đặt tiếp công dân, đơn thư")

    def __str__(self):
        return f"Cài đặt tiếp công dân từ {self.start_date:%d/%m/%Y}"

    @classmethod
    def for_council(cls, council_id: int, on: dt.date | None = None) -> "PetitionSetting":
        """The version in force on ``on``, or the defaults (unsaved) when the council has none."""
        on = on or timezone.localdate()
        found = (
            cls.objects.filter(council_id=council_id).on(on).order_by("-start_date", "-id").first()
        )
        return found or cls(council_id=council_id, start_date=dt.date(2014, 7, 1))

    def max_extensions(self, complexity: str) -> int:
        if complexity == Letter.Complexity.VERY_COMPLEX:
            return self.denunciation_extensions_very_complex
        if complexity == Letter.Complexity.COMPLEX:
            return self.denunciation_extensions_complex
        return 0


class ReceptionSchedule(CouncilScopedModel):
    """A planned reception day (lịch tiếp công dân) of the Chair, the Standing Committee or delegates."""

    class Host(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch HĐND")
        STANDING = "standing", _("Thường trực HĐND")
        DELEGATE = "delegate", _("Đại biểu HĐND")

    date = models.DateField(_("ngày tiếp"))
    place = models.CharField(_("địa điểm"), max_length=200)
    host = models.CharField(_("người tiếp"), max_length=20, choices=Host.choices)
    delegates = models.ManyToManyField(
        "councils.Delegate",
        blank=True,
        related_name="reception_schedules",
        verbose_name=_("đại biểu"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    search_fields = ("place", "note")

    class Meta:
        verbose_name = _("lịch tiếp công dân")
        verbose_name_plural = _("lịch tiếp công dân")
        ordering = ["-date", "id"]

    def __str__(self):
        return f"Lịch tiếp ngày {self.date:%d/%m/%Y} — {self.get_host_display()}"

    def get_absolute_url(self):
        return reverse("petitions-receptionschedule-detail", args=[self.pk])


class ProtectedIdentity(models.Model):
    """What receptions and letters share: a citizen's identity, protected when it must be."""

    kind = models.CharField(_("phân loại"), max_length=20, choices=Kind.choices)
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("người được giao xử lý"),
        help_text=_("Chỉ những người này (và quản trị) được xem danh tính người tố cáo."),
    )
    anonymised_at = models.DateTimeField(_("ẩn danh lúc"), null=True, blank=True, editable=False)
    # Set once the record holds a protected kind and kept whatever its kind becomes: masking
    # never depends on a field a non-handler can edit. Only a handler lifts it, with a reason
    # (petitions.services.letter_protection_lift / reception_protection_lift). Editable only so
    # that the history page shows their changes: no form or serializer writes them
    # (PROTECTION_FIELDS), and the save commands drop them from their values.
    identity_protected = models.BooleanField(_("bảo mật danh tính người tố cáo"), default=False)
    protection_lift_reason = models.TextField(_("lý do bỏ bảo mật danh tính"), blank=True)

    # (the name, the other identifying fields…, the identity number): what
    # petitions.selectors.protected_view shows or masks.
    identity_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Luật Tố cáo Art. 8.3, 47: a record classified as a denunciation is protected from then
        # on; an ordinary save (a new kind included) never clears the mark.
        if self.kind in PROTECTED_KINDS and not self.identity_protected:
            self.identity_protected = True
            self.protection_lift_reason = ""
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "identity_protected",
                    "protection_lift_reason",
                }
        super().save(*args, **kwargs)

    @property
    def is_protected(self) -> bool:
        """The stored mark (the kind too, for a record not saved yet)."""
        return self.identity_protected or self.kind in PROTECTED_KINDS

    def manages_identity(self, access) -> bool:
        """Whether ``access`` may change what protects the identity (the kind, the mark
        "nội dung làm lộ danh tính", lifting the protection): the handlers and administrators,
        those who see it."""
        return access is not None and (access.role == ADMIN or self.handled_by(access))

    def handler_ids(self) -> set[int]:
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "handlers" in cache:
            return {u.pk for u in cache["handlers"]}
        return set(self.handlers.values_list("pk", flat=True))

    def handled_by(self, access) -> bool:
        return access is not None and access.user_id in self.handler_ids()

    def identity_visible_to(self, access) -> bool:
        """Whether ``access`` may see who wrote it (Luật Tố cáo Art. 8.3, 47.2, 56)."""
        if access is None:
            return False
        if not self.is_protected:
            return True
        return self.manages_identity(access)

    def id_number_visible_to(self, access) -> bool:
        """The full identity number: the handlers, the Office and administrators only."""
        if access is None:
            return False
        if self.is_protected:
            return self.identity_visible_to(access)
        return access.role in {"admin", "staff"} or self.handled_by(access)


class Reception(ProtectedIdentity, CouncilScopedModel):
    """One entry of the reception log (Form 03/TCD, Nghị định 154/2026; LEGAL.md §4)."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Nhận đơn, thụ lý để xử lý")
        GUIDANCE = "guidance", _("Trả lại đơn và hướng dẫn")
        FORWARDED = "forwarded", _("Chuyển đơn đến cơ quan có thẩm quyền")

    received_on = models.DateField(_("ngày tiếp"))
    place = models.CharField(_("địa điểm"), max_length=200)
    schedule = models.ForeignKey(
        ReceptionSchedule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="receptions",
        verbose_name=_("theo lịch tiếp"),
    )
    receivers = models.ManyToManyField(
        "councils.Delegate", blank=True, related_name="receptions", verbose_name=_("đại biểu tiếp")
    )
    by_standing = models.BooleanField(_("Thường trực HĐND tiếp"), default=False)
    citizen_name = models.CharField(_("họ tên công dân"), max_length=200)
    citizen_id_number = EncryptedTextField(
        _("số CCCD/hộ chiếu"),
        blank=True,
        hash_field="citizen_id_hash",
        validators=[validate_identity_number],
    )
    citizen_id_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    citizen_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    group_size = models.PositiveSmallIntegerField(
        _("số người"),
        default=1,
        validators=[MinValueValidator(1, _("Số người phải từ 1 trở lên."))],
        help_text=_("Đoàn đông người: ghi một lượt với số người và người đại diện."),
    )
    representatives = models.CharField(_("người đại diện"), max_length=255, blank=True)
    content = models.TextField(_("nội dung vụ việc"))
    documents = models.TextField(_("giấy tờ, tài liệu công dân cung cấp"), blank=True)
    prior_body = models.CharField(_("cơ quan đã giải quyết"), max_length=255, blank=True)
    within_authority = models.BooleanField(_("thuộc thẩm quyền"), default=False)
    outcome = models.CharField(_("hướng xử lý"), max_length=20, choices=Outcome.choices)
    guidance_document = models.CharField(_("văn bản hướng dẫn (số)"), max_length=100, blank=True)
    forward_document = models.CharField(_("văn bản chuyển đơn (số)"), max_length=100, blank=True)
    result = models.TextField(_("theo dõi kết quả giải quyết"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi sổ"),
    )
    history = history()

    search_fields = ("place", "content", "citizen_name", "citizen_address", "representatives")
    identity_fields = ("citizen_name", "citizen_address", "representatives", "citizen_id_number")

    class Meta:
        verbose_name = _("lượt tiếp công dân")
        verbose_name_plural = _("lượt tiếp công dân")
        ordering = ["-received_on", "-id"]
        # The KPI dashboard counts a council's receptions in a period.
        indexes = [
            models.Index(fields=["council", "received_on"], name="reception_council_day_idx")
        ]

    def __str__(self):
        return f"Lượt tiếp ngày {self.received_on:%d/%m/%Y} ({self.get_kind_display().lower()})"

    def save(self, *args, **kwargs):
        self.citizen_id_hash = blind_index(self.citizen_id_number)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("petitions-reception-detail", args=[self.pk])

    def build_search_text(self) -> str:
        # A denunciation's citizen is never searchable (hdnd_portal/core/search.py).
        fields = ("place", "content") if self.is_protected else self.search_fields
        return " ".join(p for p in (fold(getattr(self, f, "")) for f in fields) if p)

    def clean(self):
        errors = {}
        if self.received_on and self.received_on > timezone.localdate():
            errors["received_on"] = _("Ngày tiếp không được ở tương lai.")
        if self.group_size and self.group_size > 1 and not self.representatives.strip():
            errors["representatives"] = _("Đoàn đông người: cần ghi người đại diện.")
        if errors:
            raise ValidationError(errors)

    # What a reader is shown of the citizen: petitions.selectors.protected_view.

    @property
    def receivers_label(self) -> str:
        names = [d.full_name for d in self.receivers.all()]
        if self.by_standing:
            names.insert(0, "Thường trực HĐND")
        return ", ".join(names)

    def check_access(self, access, action, allowed):
        # A delegate edits only the receptions they logged.
        if action == "change" and access.role == "delegate":
            return self.created_by_id == access.user_id
        return allowed


class Letter(StateMachine, ProtectedIdentity, CouncilScopedModel):
    """Đơn thư sent to the HĐND or a delegate (LEGAL.md §1-3)."""

    class Source(models.TextChoices):
        RECEPTION = "reception", _("Qua tiếp công dân")
        POST = "post", _("Qua bưu điện")
        DELEGATE = "delegate", _("Gửi đại biểu HĐND")

    class State(models.TextChoices):
        RECEIVED = "received", _("Đã nhận, chờ xử lý")
        FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
        GUIDED = "guided", _("Đã hướng dẫn công dân")
        RESOLVED = "resolved", _("Đã có kết quả giải quyết")
        STORED = "stored", _("Lưu đơn, không xử lý")

    # action -> (states it may start from, state it leads to); the commands in services.py.
    TRANSITIONS = {
        "forward": ((State.RECEIVED,), State.FORWARDED),
        "guide": ((State.RECEIVED,), State.GUIDED),
        "record_result": ((State.FORWARDED,), State.RESOLVED),
    }
    TRANSITION_ERRORS = {
        "forward": _("Đơn đang ở tình trạng “%(state)s”, không chuyển lại."),
        "guide": _("Đơn đang ở tình trạng “%(state)s”."),
        "record_result": _("Chỉ ghi kết quả cho đơn đã chuyển."),
    }

    class Complexity(models.TextChoices):
        NORMAL = "normal", _("Thông thường")
        COMPLEX = "complex", _("Phức tạp")
        VERY_COMPLEX = "very_complex", _("Đặc biệt phức tạp")

    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    number = models.PositiveIntegerField(_("số vào sổ"), editable=False)
    source = models.CharField(_("nguồn đơn"), max_length=20, choices=Source.choices)
    reception = models.ForeignKey(
        Reception,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("lượt tiếp công dân"),
    )
    delegate = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("đại biểu nhận đơn"),
    )
    received_on = models.DateField(_("ngày nhận đơn"))
    letter_date = models.DateField(_("đơn đề ngày"), null=True, blank=True)
    sender_name = models.CharField(_("người gửi đơn"), max_length=200, blank=True)
    sender_id_number = EncryptedTextField(
        _("số CCCD/hộ chiếu"),
        blank=True,
        hash_field="sender_id_hash",
        validators=[validate_identity_number],
    )
    sender_id_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    sender_address = models.CharField(_("địa chỉ người gửi"), max_length=255, blank=True)
    sender_phone = models.CharField(
        _("điện thoại người gửi"),
        max_length=30,
        blank=True,
        validators=[validate_phone_number],
    )
    group_size = models.PositiveSmallIntegerField(
        _("số người cùng nội dung"),
        default=1,
        validators=[MinValueValidator(1, _("Số người phải từ 1 trở lên."))],
    )
    anonymous = models.BooleanField(_("đơn nặc danh, mạo danh"), default=False)
    subject = models.CharField(_("tóm tắt nội dung"), max_length=300)
    content = models.TextField(_("nội dung đơn"), blank=True)
    content_reveals_identity = models.BooleanField(
        _("nội dung có thông tin làm lộ danh tính người tố cáo"),
        default=False,
        help_text=_("Nếu chọn, nội dung đơn cũng được bảo mật như danh tính."),
    )
    complaint_round = models.PositiveSmallIntegerField(
        _("khiếu nại lần"),
        choices=[(1, _("Lần đầu")), (2, _("Lần hai"))],
        default=1,
        help_text=_("Khiếu nại lần hai: thời hạn thụ lý theo Điều 36 Luật Khiếu nại."),
    )
    complexity = models.CharField(
        _("mức độ phức tạp"), max_length=20, choices=Complexity.choices, default=Complexity.NORMAL
    )
    eligible = models.BooleanField(_("đủ điều kiện xử lý"), default=True)
    ineligible_reason = models.TextField(_("lý do không đủ điều kiện"), blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("trùng với đơn"),
    )
    state = models.CharField(
        _("tình trạng"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("cơ quan có thẩm quyền"),
    )
    forwarded_on = models.DateField(_("ngày chuyển đơn"), null=True, blank=True)
    forward_document = models.CharField(_("số văn bản chuyển đơn"), max_length=100, blank=True)
    # A number typed by hand before the slip took the register's (kept, never printed).
    forward_document_old = models.CharField(
        _("số văn bản chuyển đơn nhập tay (số cũ)"), max_length=100, blank=True, editable=False
    )
    # The competent body's clocks (LEGAL.md §11): its acceptance deadline runs from the day it
    # received the letter (the forwarding day until its receipt is recorded); a resolution
    # deadline from its acceptance (thụ lý). Written by the commands in services.py only.
    body_received_on = models.DateField(
        _("ngày cơ quan có thẩm quyền nhận đơn"), null=True, blank=True, editable=False
    )
    accepted_on = models.DateField(_("ngày thụ lý"), null=True, blank=True, editable=False)
    acceptance_document = models.CharField(
        _("số quyết định, thông báo thụ lý"), max_length=100, blank=True, editable=False
    )
    decided_on = models.DateField(
        _("ngày quyết định giải quyết"), null=True, blank=True, editable=False
    )
    decision_document = models.CharField(
        _("số quyết định giải quyết"), max_length=100, blank=True, editable=False
    )
    guidance = models.TextField(_("nội dung hướng dẫn"), blank=True)
    result = models.TextField(_("kết quả giải quyết"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người vào sổ"),
    )
    history = history()

    search_fields = ("subject", "content", "sender_name", "sender_address")
    identity_fields = ("sender_name", "sender_address", "sender_phone", "sender_id_number")

    class Meta:
        verbose_name = _("đơn thư")
        verbose_name_plural = _("đơn thư")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "number"],
                name="letter_unique_number",
                violation_error_message=_("Số vào sổ này đã có trong năm."),
            )
        ]
        # The KPI dashboard counts a council's letters received in a period.
        indexes = [models.Index(fields=["council", "received_on"], name="letter_council_day_idx")]

    def __str__(self):
        return f"Đơn số {self.number}/{self.year} ({self.get_kind_display().lower()})"

    def save(self, *args, **kwargs):
        self.sender_id_hash = blind_index(self.sender_id_number)
        if self.anonymous and self.kind == Kind.DENUNCIATION:
            # Luật Tố cáo Art. 25: not handled under the Law; the record is kept.
            self.eligible = False
            if not self.ineligible_reason:
                self.ineligible_reason = ANONYMOUS_REASON
            if self.state == self.State.RECEIVED:
                self.state = self.State.STORED
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("petitions-letter-detail", args=[self.pk])

    def build_search_text(self) -> str:
        if self.is_protected:
            fields = ["subject"] + ([] if self.content_reveals_identity else ["content"])
        else:
            fields = list(self.search_fields)
        text = " ".join(p for p in (fold(getattr(self, f, "")) for f in fields) if p)
        return f"{self.number}/{self.year} {text}" if self.number else text

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.received_on and self.received_on > today:
            errors["received_on"] = _(
                "Ngày nhận đơn không được ở tương lai (hôm nay là %(today)s)."
            ) % {"today": f"{today:%d/%m/%Y}"}
        if self.letter_date and self.received_on and self.letter_date > self.received_on:
            errors["letter_date"] = _("Ngày ghi trên đơn không được sau ngày nhận đơn.")
        if not self.anonymous and not self.sender_name.strip():
            errors["sender_name"] = _("Cần ghi người gửi đơn, hoặc đánh dấu đơn nặc danh.")
        if not self.eligible and not self.ineligible_reason.strip() and not self.anonymous:
            errors["ineligible_reason"] = _("Cần nêu lý do đơn không đủ điều kiện xử lý.")
        if self.source == self.Source.DELEGATE and not self.delegate_id:
            errors["delegate"] = _("Cần chọn đại biểu đã nhận đơn.")
        if self.agency_id and self.council_id and self.agency.council_id != self.council_id:
            errors["agency"] = OTHER_COUNCIL_AGENCY
        if self.complaint_round == 2 and self.kind != Kind.COMPLAINT:
            errors["complaint_round"] = _("Chỉ đơn khiếu nại mới có khiếu nại lần hai.")
        if self.complexity != self.Complexity.NORMAL and self.kind != Kind.DENUNCIATION:
            errors["complexity"] = _(
                "Mức độ phức tạp chỉ dùng cho đơn tố cáo (gia hạn giải quyết)."
            )
        if errors:
            raise ValidationError(errors)

    # What a reader is shown of the sender: petitions.selectors.protected_view.
    @property
    def code(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of_id is not None

    def check_access(self, access, action, allowed):
        if action == "assign":
            # Whoever handles the letter may hand it on; the Chair and admins may assign.
            return allowed or self.handled_by(access)
        return allowed


ANONYMOUS_REASON = (
    "Đơn tố cáo nặc danh, mạo danh hoặc không rõ người tố cáo: không thụ lý giải quyết theo "
    "Luật Tố cáo (Điều 25 Luật Tố cáo 25/2018/QH14); lưu đơn, nếu nội dung cụ thể có thể "
    "chuyển cơ quan thanh tra, kiểm tra tham khảo."
)
OTHER_COUNCIL_AGENCY = _(
    "Cơ quan được chọn thuộc HĐND khác: chỉ chuyển đơn đến cơ quan có thẩm quyền của HĐND này."
)


class IdentityAccess(CouncilScopedModel):
    """One showing of a protected identity (a page, an edit form, the API, a print), a citizen's
    data export, a new letter matched against a protected one, or a protection lifted: never
    changed."""

    class Purpose(models.TextChoices):
        PAGE = "page", _("Xem trang chi tiết")
        FORM = "form", _("Mở biểu mẫu sửa")
        PRINT = "print", _("In văn bản")
        API = "api", _("Truy cập qua API")
        EXPORT = "export", _("Xuất dữ liệu cá nhân")
        DUPLICATE = "duplicate", _("Đối chiếu đơn trùng")
        LIFT = "lift", _("Bỏ bảo mật danh tính")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("người truy cập"),
    )
    accessed_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    letter = models.ForeignKey(
        Letter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="identity_accesses",
        verbose_name=_("đơn thư"),
    )
    reception = models.ForeignKey(
        Reception,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="identity_accesses",
        verbose_name=_("lượt tiếp công dân"),
    )
    purpose = models.CharField(_("mục đích"), max_length=10, choices=Purpose.choices)
    page = models.CharField(_("trang"), max_length=300)
    detail = models.CharField(_("chi tiết"), max_length=300, blank=True)
    history = history()

    search_fields = ("page", "detail")

    class Meta:
        verbose_name = _("lượt truy cập danh tính")
        verbose_name_plural = _("nhật ký truy cập danh tính")
        ordering = ["-accessed_at", "-id"]

    def __str__(self):
        return f"Truy cập lúc {timezone.localtime(self.accessed_at):%d/%m/%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("petitions-identityaccess-detail", args=[self.pk])


class PetitionReport(CouncilScopedModel):
    """A period of reception and letters: printed as the log and the periodic report."""

    title = models.CharField(_("tên kỳ báo cáo"), max_length=200)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    search_fields = ("title", "note")

    class Meta:
        verbose_name = _("kỳ báo cáo tiếp công dân, đơn thư")
        verbose_name_plural = _("kỳ báo cáo tiếp công dân, đơn thư")
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="petitionreport_end_after_start",
                violation_error_message=_("Đến ngày phải sau từ ngày."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("petitions-petitionreport-detail", args=[self.pk])

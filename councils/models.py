"""The council's organisation: terms, constituencies, delegates, committees, agencies.

Memberships and mandates are dated periods, never an ``active`` flag, so past
sessions show who was in office then.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hdnd_portal.core.access import ROLE_CHOICES
from hdnd_portal.core.collation import VI_COLLATION, given_name_first
from hdnd_portal.core.dated import DatedModel, DatedQuerySet, in_force_q
from hdnd_portal.core.inputs import validate_sane_date
from hdnd_portal.core.models import CouncilScopedModel, history


def normalize_phone(value: str) -> str:
    """A phone number as stored: spaces and dots dropped, 9-12 digits, optional "+"."""
    phone = (value or "").replace(" ", "").replace(".", "")
    if phone and not (phone.lstrip("+").isdigit() and 9 <= len(phone.lstrip("+")) <= 12):
        raise ValidationError(_("Số điện thoại không hợp lệ (9-12 chữ số)."), code="phone")
    return phone


class Council(models.Model):
    """Hội đồng nhân dân xã: one commune's council."""

    name = models.CharField(
        _("tên"), max_length=200, unique=True, help_text=_("Ví dụ: Hội đồng nhân dân xã Phúc Lộc")
    )
    slug = models.SlugField(_("mã"), max_length=80, unique=True)
    commune = models.CharField(
        _("tên xã/phường"),
        max_length=120,
        help_text=_("Tên địa danh dùng trong văn bản, ví dụ: Phúc Lộc"),
    )
    commune_kind = models.CharField(
        _("cấp"),
        max_length=20,
        default="xã",
        choices=[("xã", "xã"), ("phường", "phường"), ("đặc khu", "đặc khu")],
    )
    province = models.CharField(_("tỉnh/thành phố"), max_length=120, default="Hà Nội")
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("HĐND")
        verbose_name_plural = _("HĐND")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def issuer_line(self) -> str:
        """Second header line of official documents: "XÃ PHÚC LỘC"."""
        return f"{self.commune_kind} {self.commune}".upper()

    @property
    def short_name(self) -> str:
        return f"HĐND {self.commune_kind} {self.commune}"

    def current_term(self, on: dt.date | None = None) -> "Term | None":
        """The term in force today (or on ``on``); None between an early end and the next."""
        # Scoped models have no reverse accessor (CouncilScopedModel.council: related_name="+").
        return Term.objects.filter(council=self).current(on).order_by("-start_date").first()


class User(AbstractUser):
    """A portal user; their roles are per council (:class:`CouncilRole`)."""

    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self):
        return self.get_full_name() or self.username

    def set_password(self, raw_password):
        # Every way of changing a password comes through here: old API tokens and calendar
        # addresses die with it.
        from hdnd_portal.core.authentication import revoke_credentials

        super().set_password(raw_password)
        revoke_credentials(self)


TERM_NUMBER_MAX = 30


class Term(DatedModel, CouncilScopedModel):
    """Nhiệm kỳ: 2021-2026 (rút ngắn), 2026-2031."""

    name = models.CharField(_("nhiệm kỳ"), max_length=40, help_text=_("Ví dụ: 2026-2031"))
    # A commune council counts its terms from its founding: two digits at most
    # (Khóa I … Khóa XXX); a bigger number is a typing error.
    number = models.PositiveSmallIntegerField(
        _("khóa"),
        help_text=_("Khóa thứ mấy (số, từ 1 đến 30)"),
        validators=[
            MinValueValidator(1, _("Khóa phải từ 1 trở lên.")),
            MaxValueValidator(TERM_NUMBER_MAX, _("Khóa không được lớn hơn 30.")),
        ],
    )
    election_date = models.DateField(_("ngày bầu cử"), null=True, blank=True)
    # Set by the opening of the term's "Kỳ họp thứ nhất" (meetings.services.session_open): the
    # delegates' mandates begin that day (see Delegate's docstring), not on election day.
    first_session_on = models.DateField(
        _("ngày khai mạc kỳ họp thứ nhất"), null=True, blank=True, editable=False
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    objects = DatedQuerySet.as_manager()
    search_fields = ("name", "note")

    class Meta(DatedModel.Meta):
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["-start_date"]
        constraints = [
            *DatedModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["council", "name"],
                name="term_unique_name",
                violation_error_message=_("Tên nhiệm kỳ này đã có trong HĐND."),
            ),
            models.UniqueConstraint(
                fields=["council", "number"],
                name="term_unique_number",
                violation_error_message=_("Khóa này đã có trong HĐND."),
            ),
        ]

    def __str__(self):
        return f"Khóa {self.roman_number}, nhiệm kỳ {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("councils-term-detail", args=[self.pk])

    @property
    def number_label(self) -> str:
        """ "Khóa II": how a term's number is written, never "2"."""
        return f"Khóa {self.roman_number}"

    @property
    def roman_number(self) -> str:
        numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        n, out = self.number, ""
        for value, letters in numerals:
            while n >= value:
                out += letters
                n -= value
        return out


class Constituency(CouncilScopedModel):
    """Đơn vị bầu cử."""

    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="constituencies", verbose_name=_("nhiệm kỳ")
    )
    number = models.PositiveSmallIntegerField(_("số"))
    name = models.CharField(_("tên"), max_length=120, db_collation=VI_COLLATION)
    area = models.TextField(_("địa bàn"), blank=True, help_text=_("Các thôn, tổ dân phố"))
    seats = models.PositiveSmallIntegerField(_("số đại biểu được bầu"), default=1)
    history = history()
    search_fields = ("name", "area")

    class Meta:
        verbose_name = _("đơn vị bầu cử")
        verbose_name_plural = _("đơn vị bầu cử")
        ordering = ["term", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "number"],
                name="constituency_unique_number",
                violation_error_message=_("Số đơn vị bầu cử này đã có trong nhiệm kỳ."),
            )
        ]

    def __str__(self):
        return f"Đơn vị số {self.number} - {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("councils-constituency-detail", args=[self.pk])


class Committee(CouncilScopedModel):
    """Thường trực HĐND, a Ban, or a Tổ đại biểu (delegate group)."""

    class Kind(models.TextChoices):
        STANDING = "standing", _("Thường trực HĐND")
        BAN = "ban", _("Ban của HĐND")
        DELEGATE_GROUP = "delegate_group", _("Tổ đại biểu")

    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="committees", verbose_name=_("nhiệm kỳ")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=160, db_collation=VI_COLLATION)
    code = models.CharField(
        _("ký hiệu"),
        max_length=20,
        blank=True,
        help_text=_("Dùng trong số văn bản, ví dụ KTNS, VHXH"),
    )
    area = models.CharField(_("địa bàn"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = history()
    search_fields = ("name", "code", "area")

    class Meta:
        verbose_name = _("Thường trực, Ban, Tổ đại biểu")
        verbose_name_plural = _("Thường trực, Ban, Tổ đại biểu")
        ordering = ["term", "kind", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "name"],
                name="committee_unique_name",
                violation_error_message=_("Tên Thường trực/Ban/Tổ này đã có trong nhiệm kỳ."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("councils-committee-detail", args=[self.pk])


def _sane(value) -> bool:
    try:
        validate_sane_date(value)
    except ValidationError:
        return False
    return True


def _moment(at: dt.date | dt.datetime | None) -> tuple[dt.date, dt.datetime | None]:
    """(the day, the instant or None) of a date, a datetime, or now."""
    if at is None:
        at = timezone.now()
    if isinstance(at, dt.datetime):
        return timezone.localdate(at), at
    return at, None


def in_office_q(at: dt.date | dt.datetime | None = None) -> Q:
    """The one definition of "a delegate in office" at ``at`` (a day, or an instant: now by
    default), as a condition on ``Delegate`` rows. See :class:`Delegate` for the rule."""
    day, instant = _moment(at)
    q = in_force_q(Delegate, day)
    q &= Q(term__first_session_on__isnull=True) | Q(term__first_session_on__lte=day)
    if instant is not None:
        q &= Q(ended_at__isnull=True) | Q(ended_at__gt=instant)
    return q


class DelegateQuerySet(DatedQuerySet):
    def in_office(self, at: dt.date | dt.datetime | None = None):
        """Delegates in office at ``at`` (a day, or an instant; now by default)."""
        return self.filter(in_office_q(at))


class Delegate(DatedModel, CouncilScopedModel):
    """Đại biểu HĐND, for one term.

    **In office** (the one rule every count uses: attendance, quorum, votes, the targets, the
    confidence votes): a delegate's mandate runs

    - from the opening of their term's first session (Kỳ họp thứ nhất, ``Term.first_session_on``,
      set when that session opens — LEGAL.md §5, Luật Tổ chức chính quyền địa phương), or from
      their own ``start_date`` when it is later (a delegate elected in a by-election); while the
      first session has not opened, from their own ``start_date`` (election day);
    - to ``end_date``, the last day in office, inclusive. A mandate that ends at a sitting (a
      resignation or a dismissal accepted by the council) also has ``ended_at``, the moment it
      was accepted, on that day: questions asked at an instant (a vote closed at 10:40) no
      longer count the delegate from that moment; questions asked of the whole day (the
      attendance sheet of an opening day) still do.
    """

    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

    class Employment(models.TextChoices):
        FULL_TIME = "full_time", _("Chuyên trách")
        PART_TIME = "part_time", _("Kiêm nhiệm")

    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="delegates", verbose_name=_("nhiệm kỳ")
    )
    full_name = models.CharField(_("họ và tên"), max_length=120, db_collation=VI_COLLATION)
    # "Đức Nguyễn Văn" for "Nguyễn Văn Đức": lists and rosters of people sort by
    # given name, then family and middle names (set by save()).
    sort_name = models.CharField(
        _("tên để sắp xếp"),
        max_length=120,
        db_collation=VI_COLLATION,
        db_index=True,
        editable=False,
        default="",
    )
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    constituency = models.ForeignKey(
        Constituency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegates",
        verbose_name=_("đơn vị bầu cử"),
    )
    delegate_group = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_delegates",
        limit_choices_to={"kind": Committee.Kind.DELEGATE_GROUP},
        verbose_name=_("tổ đại biểu"),
    )
    employment = models.CharField(
        _("hình thức hoạt động"),
        max_length=20,
        choices=Employment.choices,
        default=Employment.PART_TIME,
    )
    is_first_term = models.BooleanField(_("lần đầu làm đại biểu"), default=False)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    workplace = models.CharField(_("nơi công tác"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("nơi ở"), max_length=255, blank=True)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày thôi làm đại biểu"), null=True, blank=True)
    end_reason = models.CharField(_("lý do thôi"), max_length=255, blank=True)
    ended_at = models.DateTimeField(
        _("thời điểm thôi làm đại biểu"),
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text=_(
            "Khi HĐND chấp thuận cho thôi làm đại biểu tại phiên họp: ngày và giờ chấp thuận, "
            "ví dụ 10/12/2026 10:30. Các biểu quyết kết thúc từ thời điểm này không tính đại "
            "biểu này."
        ),
    )
    user = models.ForeignKey(
        "councils.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegates",
        verbose_name=_("tài khoản"),
    )
    history = history(excluded_fields=["sort_name"])

    objects = DelegateQuerySet.as_manager()
    search_fields = ("full_name", "position", "workplace", "phone", "email", "address")
    period_error_message = _("Ngày thôi làm đại biểu phải sau ngày bắt đầu.")

    class Meta(DatedModel.Meta):
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        ordering = ["sort_name", "id"]
        constraints = [
            *DatedModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["term", "full_name", "birth_date"],
                name="delegate_unique_person_per_term",
                violation_error_message=_(
                    "Đại biểu này (cùng họ tên, ngày sinh) đã có trong nhiệm kỳ."
                ),
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("councils-delegate-detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.sort_name = given_name_first(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = set(update_fields) | {"sort_name"}
        super().save(*args, **kwargs)

    def in_office(self, at: dt.date | dt.datetime | None = None) -> bool:
        """In office at ``at`` (a day, or an instant; now by default): the rule of the class
        docstring, as :func:`in_office_q` says it to the database."""
        day, instant = _moment(at)
        if not self.in_force(day):
            return False
        first = self.term.first_session_on
        if first is not None and first > day:
            return False
        return instant is None or self.ended_at is None or self.ended_at > instant

    def clean(self):
        errors = {}
        if self.term_id:
            if self.constituency_id and self.constituency.term_id != self.term_id:
                errors["constituency"] = _("Đơn vị bầu cử không thuộc nhiệm kỳ đã chọn.")
            if self.delegate_group_id and self.delegate_group.term_id != self.term_id:
                errors["delegate_group"] = _("Tổ đại biểu không thuộc nhiệm kỳ đã chọn.")
        if self.birth_date and self.birth_date > timezone.localdate():
            errors["birth_date"] = _("Ngày sinh không được ở tương lai.")
        if self.ended_at is not None and _sane(self.ended_at):
            # The moment a mandate ended falls on its last day: typed alone, it gives that day.
            day = timezone.localdate(self.ended_at)
            if self.end_date is None:
                self.end_date = day
            elif self.end_date != day:
                errors["ended_at"] = _(
                    "Thời điểm thôi làm đại biểu phải thuộc ngày thôi làm đại biểu (%(day)s)."
                ) % {"day": f"{self.end_date:%d/%m/%Y}"}
        if errors:
            raise ValidationError(errors)

    def check_access(self, access, action, allowed):
        # A delegate edits their own profile (contact details), nobody else's.
        if action == "change" and access.role == "delegate":
            return access.delegate_id == self.pk
        return allowed


class MandateEnd(CouncilScopedModel):
    """Thôi làm đại biểu before the term ends: the decision (or the fact) that ends a
    delegate's mandate, recorded through :func:`councils.services.mandate_end_save`, which sets
    the delegate's ``end_date``, ``end_reason`` and ``ended_at`` and ends their positions.

    The words and bodies (Luật Tổ chức chính quyền địa phương 72/2025/QH15; README "Thôi làm
    đại biểu"): **bãi nhiệm** by the council (at a session, at least two thirds of all its
    delegates voting for) or by the voters of the constituency; **cho thôi làm nhiệm vụ đại
    biểu** (a delegate's request accepted by the council, or between sessions by its
    Standing Committee); **mất quyền đại biểu** (a court's judgment in force); death.
    *Miễn nhiệm* applies to the posts the council elects (Chủ tịch, Trưởng Ban), not to the
    mandate: it ends a :class:`Membership`, not this.

    **The day:** a decision taken by vote at a sitting has its moment (``decided_at``): the
    delegate is out of office from that moment (votes closed later that day no longer count
    them; the attendance of that day still does). Otherwise the decision takes effect on
    ``effective_on``: the delegate's last day in office is the day before.
    """

    class Kind(models.TextChoices):
        DISMISSED = "dismissed", _("Bãi nhiệm (Hội đồng nhân dân bãi nhiệm)")
        RECALLED = "recalled", _("Bãi nhiệm (cử tri bãi nhiệm)")
        RESIGNED = "resigned", _("Cho thôi làm nhiệm vụ đại biểu")
        LOST = "lost", _("Mất quyền đại biểu (bản án, quyết định của Tòa án có hiệu lực)")
        DIED = "died", _("Từ trần")
        OTHER = "other", _("Lý do khác")

    class Body(models.TextChoices):
        COUNCIL = "council", _("HĐND xã (biểu quyết tại kỳ họp)")
        STANDING = "standing", _("Thường trực HĐND xã")
        VOTERS = "voters", _("Cử tri đơn vị bầu cử (bỏ phiếu bãi nhiệm)")
        CITY_STANDING = "city_standing", _("Thường trực HĐND thành phố")
        COURT = "court", _("Tòa án")
        NONE = "none", _("Không có quyết định (ghi nhận sự kiện)")

    # Which bodies may decide each kind (the form refuses another).
    BODIES = {
        Kind.DISMISSED: {Body.COUNCIL},
        Kind.RECALLED: {Body.VOTERS},
        Kind.RESIGNED: {Body.COUNCIL, Body.STANDING},
        Kind.LOST: {Body.COURT, Body.STANDING, Body.CITY_STANDING},
        Kind.DIED: {Body.NONE, Body.STANDING},
        Kind.OTHER: {Body.COUNCIL, Body.STANDING, Body.CITY_STANDING, Body.NONE},
    }

    delegate = models.OneToOneField(
        Delegate,
        on_delete=models.PROTECT,
        related_name="mandate_end",
        verbose_name=_("đại biểu"),
    )
    kind = models.CharField(_("trường hợp"), max_length=20, choices=Kind.choices)
    decided_by = models.CharField(_("cơ quan quyết định"), max_length=20, choices=Body.choices)
    decision_number = models.CharField(
        _("số quyết định, nghị quyết"),
        max_length=60,
        blank=True,
        help_text=_("Ví dụ: 15/NQ-HĐND; để trống nếu là sự kiện (từ trần)"),
    )
    decision_date = models.DateField(
        _("ngày quyết định"), null=True, blank=True, validators=[validate_sane_date]
    )
    decided_at = models.DateTimeField(
        _("thời điểm biểu quyết tại phiên họp"),
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text=_("Khi HĐND biểu quyết tại phiên họp: ngày và giờ, ví dụ 10/12/2026 10:30"),
    )
    votes_for = models.PositiveSmallIntegerField(_("số đại biểu tán thành"), null=True, blank=True)
    effective_on = models.DateField(
        _("ngày có hiệu lực"),
        validators=[validate_sane_date],
        help_text=_("Từ ngày này người đó không còn là đại biểu"),
    )
    reason = models.TextField(_("lý do"))
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    search_fields = ("decision_number", "reason", "note")

    class Meta:
        verbose_name = _("thôi làm đại biểu")
        verbose_name_plural = _("bãi nhiệm, cho thôi làm đại biểu")
        ordering = ["-effective_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.delegate}"

    def get_absolute_url(self) -> str:
        return reverse("councils-mandateend-detail", args=[self.pk])

    @property
    def last_day(self) -> dt.date | None:
        """The delegate's last day in office: the sitting's day, else the day before."""
        if self.decided_at is not None:
            return timezone.localdate(self.decided_at)
        if self.effective_on is None:
            return None
        return self.effective_on - dt.timedelta(days=1)

    def clean(self):
        super().clean()
        errors = {}
        if self.kind and self.decided_by and self.decided_by not in self.BODIES[self.kind]:
            errors["decided_by"] = _("%(body)s không quyết định trường hợp “%(kind)s”.") % {
                "body": self.get_decided_by_display(),
                "kind": self.get_kind_display(),
            }
        needs_decision = self.decided_by and self.decided_by != self.Body.NONE
        if needs_decision and not self.decision_number:
            errors["decision_number"] = _("Nhập số quyết định, nghị quyết.")
        if needs_decision and not self.decision_date:
            errors["decision_date"] = _("Nhập ngày quyết định.")
        if self.decided_by == self.Body.COUNCIL:
            if self.decided_at is None:
                errors["decided_at"] = _("HĐND quyết định tại kỳ họp: nhập ngày và giờ biểu quyết.")
            if self.votes_for is None:
                errors["votes_for"] = _("Nhập số đại biểu biểu quyết tán thành.")
        if self.decided_at is not None and _sane(self.decided_at) and self.effective_on:
            if timezone.localdate(self.decided_at) != self.effective_on:
                errors["decided_at"] = _(
                    "Thời điểm biểu quyết phải thuộc ngày có hiệu lực (%(day)s)."
                ) % {"day": f"{self.effective_on:%d/%m/%Y}"}
        if (
            self.decision_date
            and self.effective_on
            and self.decision_date > self.effective_on
            and self.kind != self.Kind.DIED
        ):
            errors["effective_on"] = _("Ngày có hiệu lực không được trước ngày quyết định.")
        if self.effective_on and self.effective_on > timezone.localdate() + dt.timedelta(days=366):
            errors["effective_on"] = _("Ngày có hiệu lực quá xa trong tương lai.")
        delegate = self.delegate if self.delegate_id else None
        if delegate is not None and self.effective_on:
            if self.council_id and delegate.council_id != self.council_id:
                errors["delegate"] = _("Đại biểu được chọn thuộc HĐND khác.")
            elif self.last_day is not None and self.last_day < delegate.start_date:
                errors["effective_on"] = _(
                    "Ngày có hiệu lực phải sau ngày bắt đầu làm đại biểu (%(day)s)."
                ) % {"day": f"{delegate.start_date:%d/%m/%Y}"}
            elif (
                delegate.term.end_date and self.last_day and self.last_day > delegate.term.end_date
            ):
                errors["effective_on"] = _("Ngày có hiệu lực sau khi nhiệm kỳ đã kết thúc.")
        if (
            not errors
            and self.kind == self.Kind.DISMISSED
            and delegate is not None
            and self.votes_for is not None
            and self.decided_at is not None
        ):
            total = (
                Delegate.objects.filter(term_id=delegate.term_id)
                .in_office(self.decided_at - dt.timedelta(seconds=1))
                .count()
            )
            if self.votes_for > total:
                errors["votes_for"] = _(
                    "Số đại biểu tán thành (%(votes)s) lớn hơn tổng số đại biểu (%(total)s)."
                ) % {"votes": self.votes_for, "total": total}
            elif 3 * self.votes_for < 2 * total:
                errors["votes_for"] = _(
                    "Bãi nhiệm cần ít nhất hai phần ba tổng số đại biểu (%(need)s/%(total)s) "
                    "biểu quyết tán thành."
                ) % {"need": -(-2 * total // 3), "total": total}
        if errors:
            raise ValidationError(errors)


class Membership(DatedModel, CouncilScopedModel):
    """A delegate's dated position in a committee (Chủ tịch, Trưởng ban, …)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch")
        VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
        HEAD = "head", _("Trưởng Ban / Tổ trưởng")
        DEPUTY = "deputy", _("Phó Trưởng Ban / Tổ phó")
        MEMBER = "member", _("Thành viên")

    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("Thường trực/Ban/Tổ"),
    )
    delegate = models.ForeignKey(
        Delegate, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("đại biểu")
    )
    role = models.CharField(_("chức vụ"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    history = history()

    objects = DatedQuerySet.as_manager()
    # Only its own fields: the delegate's and committee's names are searched at
    # query time, so a rename never leaves memberships stale.
    search_fields = ()

    class Meta(DatedModel.Meta):
        verbose_name = _("chức vụ, thành viên")
        verbose_name_plural = _("chức vụ, thành viên")
        ordering = ["committee", "role", "start_date"]

    def __str__(self):
        return f"{self.delegate} - {self.get_role_display()} {self.committee}"

    def get_absolute_url(self) -> str:
        return reverse("councils-membership-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.committee_id and self.delegate_id:
            if self.committee.term_id != self.delegate.term_id:
                errors["delegate"] = _("Đại biểu và Ban/Tổ phải cùng một nhiệm kỳ.")
            overlapping = (
                Membership.objects.filter(
                    committee_id=self.committee_id,
                    delegate_id=self.delegate_id,
                )
                .exclude(pk=self.pk)
                .overlapping(self.start_date, self.end_date)
            )
            if overlapping.exists():
                errors["delegate"] = _(
                    "Đại biểu đã có chức vụ trong Ban/Tổ này trong khoảng thời gian đó."
                )
        if errors:
            raise ValidationError(errors)


class Agency(CouncilScopedModel):
    """An answering body things are forwarded to (UBND, công an, MTTQ, …)."""

    class Kind(models.TextChoices):
        UBND = "ubnd", _("UBND xã")
        UBND_UNIT = "ubnd_unit", _("Đơn vị thuộc UBND")
        POLICE = "police", _("Công an")
        MTTQ = "mttq", _("Ủy ban MTTQ và đoàn thể")
        PARTY = "party", _("Cơ quan Đảng")
        COURT = "court", _("Tòa án, Viện kiểm sát")
        UPPER = "upper", _("Cơ quan cấp trên")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên cơ quan"), max_length=200, db_collation=VI_COLLATION)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("trực thuộc"),
    )
    head_name = models.CharField(_("người đứng đầu"), max_length=120, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    # Only a body competent to decide receives a forwarded complaint (LEGAL.md §11: the commune
    # UBND's chair settles complaints against the commune's decisions, a UBND unit does not).
    decides_complaints = models.BooleanField(
        _("có thẩm quyền giải quyết khiếu nại"),
        default=False,
        help_text=_(
            "Chỉ chuyển đơn khiếu nại đến cơ quan có người đứng đầu có thẩm quyền giải quyết "
            "(ví dụ: UBND xã; các phòng, đơn vị thuộc UBND thì không)."
        ),
    )
    history = history()
    search_fields = ("name", "short_name", "head_name")

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"],
                name="agency_unique_name",
                violation_error_message=_("Tên cơ quan, đơn vị này đã có trong HĐND."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("councils-agency-detail", args=[self.pk])

    def clean(self):
        if self.parent_id and self.pk:
            node, seen = self.parent, set()
            while node is not None and node.pk not in seen:
                if node.pk == self.pk:
                    raise ValidationError(
                        {
                            "parent": _(
                                "Cơ quan không thể trực thuộc chính nó hoặc đơn vị cấp dưới của nó."
                            )
                        }
                    )
                seen.add(node.pk)
                node = node.parent


class PartyCell(DatedModel, CouncilScopedModel):
    """Chi bộ trực thuộc Đảng ủy (target 1.1 counts dissemination to each)."""

    name = models.CharField(_("tên chi bộ"), max_length=200, db_collation=VI_COLLATION)
    secretary = models.CharField(_("bí thư"), max_length=120, blank=True)
    # The cell's members today; a change with its day is a PartyCellMembers row (which keeps
    # this figure up to date), so a past day's count is that day's.
    member_count = models.PositiveIntegerField(_("số đảng viên hiện nay"), default=0)
    # An old cell's founding date may be unknown: an empty start is "since always".
    start_date = models.DateField(_("ngày thành lập"), null=True, blank=True)
    end_date = models.DateField(_("ngày giải thể/sáp nhập"), null=True, blank=True)
    history = history()

    objects = DatedQuerySet.as_manager()
    search_fields = ("name", "secretary")
    period_error_message = _("Ngày giải thể/sáp nhập phải sau ngày thành lập.")

    class Meta(DatedModel.Meta):
        verbose_name = _("chi bộ")
        verbose_name_plural = _("chi bộ")
        ordering = ["name"]
        constraints = [
            *DatedModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["council", "name"],
                name="partycell_unique_name",
                violation_error_message=_("Tên chi bộ này đã có trong HĐND."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("councils-partycell-detail", args=[self.pk])

    def members_on(self, day: dt.date) -> int:
        """The cell's party members on ``day``: the last count dated on or before it, else
        the cell's own figure."""
        row = self.member_counts.filter(since__lte=day).order_by("-since").first()
        return row.member_count if row is not None else self.member_count


def members_on_subquery(day: dt.date, cell_ref: str = "pk"):
    """``PartyCell.members_on(day)`` for every row of a query (one subquery, no loop)."""
    dated = PartyCellMembers.objects.filter(party_cell=OuterRef(cell_ref), since__lte=day).order_by(
        "-since"
    )
    return Coalesce(Subquery(dated.values("member_count")[:1]), "member_count")


def check_party_cell(record, day_field: str, out_of_force: str) -> None:
    """A record of a party cell (its members, a dissemination): the cell is the council's and
    was active on the record's day (``day_field``)."""
    cell = record.party_cell if record.party_cell_id else None
    if cell is None:
        return
    if record.council_id and cell.council_id != record.council_id:
        raise ValidationError({"party_cell": _("Chi bộ được chọn thuộc HĐND khác.")})
    day = getattr(record, day_field)
    if day and not cell.in_force(day):
        raise ValidationError({day_field: out_of_force})


class PartyCellMembers(CouncilScopedModel):
    """Số đảng viên của chi bộ từ một ngày (target 1.1 counts party members): a cell's members
    change as members are admitted, move or leave; the count on a day is the last one dated
    on or before it."""

    party_cell = models.ForeignKey(
        PartyCell,
        on_delete=models.PROTECT,
        related_name="member_counts",
        verbose_name=_("chi bộ"),
    )
    since = models.DateField(_("từ ngày"), validators=[validate_sane_date])
    member_count = models.PositiveIntegerField(_("số đảng viên"))
    note = models.CharField(
        _("ghi chú"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: kết nạp 02 đảng viên, chuyển đi 01 đảng viên"),
    )
    history = history()

    search_fields = ("note",)

    class Meta:
        verbose_name = _("số đảng viên của chi bộ")
        verbose_name_plural = _("số đảng viên của chi bộ theo thời gian")
        ordering = ["party_cell__name", "-since", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["party_cell", "since"],
                name="partycellmembers_unique_day",
                violation_error_message=_("Số đảng viên của chi bộ từ ngày này đã được ghi."),
            )
        ]

    def __str__(self):
        return f"{self.party_cell}: {self.member_count} đảng viên từ {self.since:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("councils-partycellmembers-detail", args=[self.pk])

    def clean(self):
        super().clean()
        check_party_cell(self, "since", _("Ngày này nằm ngoài thời gian hoạt động của chi bộ."))
        if self.since and self.since > timezone.localdate():
            raise ValidationError({"since": _("Ngày không được ở tương lai.")})


class CouncilRole(models.Model):
    """A user's role in one council; an agency/delegate/committee user is tied to it."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="council_roles", verbose_name=_("người dùng")
    )
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="user_roles", verbose_name=_("HĐND")
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=ROLE_CHOICES)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("cơ quan")
    )
    delegate = models.ForeignKey(
        Delegate, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("đại biểu")
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("Ban")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vai trò người dùng")
        verbose_name_plural = _("vai trò người dùng")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "council"],
                name="one_role_per_council",
                violation_error_message=_("Người dùng này đã có vai trò trong HĐND này."),
            ),
            models.CheckConstraint(
                condition=~Q(role="agency") | Q(agency__isnull=False),
                name="agency_role_needs_agency",
                violation_error_message=_("Người dùng của cơ quan phải gắn với một cơ quan."),
            ),
        ]

    def __str__(self):
        return f"{self.user} - {self.get_role_display()} - {self.council}"

    def clean(self):
        if self.role == "agency" and not self.agency_id:
            raise ValidationError({"agency": _("Người dùng của cơ quan phải gắn với một cơ quan.")})
        if self.role == "delegate" and not self.delegate_id:
            raise ValidationError({"delegate": _("Tài khoản đại biểu phải gắn với một đại biểu.")})


class Training(DatedModel, CouncilScopedModel):
    """Tập huấn, bồi dưỡng đại biểu (target 1.3: every delegate trained every year; duty 2.2.1:
    the skills the plan names — questioning, examination, voter contact, citizen reception,
    letters — "nhất là số đại biểu mới tham gia lần đầu")."""

    class Topic(models.TextChoices):
        QUESTIONING = "questioning", _("Kỹ năng chất vấn")
        EXAMINATION = "examination", _("Kỹ năng thẩm tra")
        SUPERVISION = "supervision", _("Giám sát, khảo sát")
        VOTER_CONTACT = "voter_contact", _("Tiếp xúc cử tri")
        RECEPTION = "reception", _("Tiếp công dân")
        LETTERS = "letters", _("Xử lý đơn thư, kiến nghị")
        LAW_MAKING = "law_making", _("Xây dựng nghị quyết, văn bản")
        OTHER = "other", _("Kiến thức, kỹ năng khác")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("Tập trung")
        ONLINE = "online", _("Trực tuyến")
        SELF_STUDY = "self_study", _("Tự nghiên cứu")
        WORKSHOP = "workshop", _("Hội thảo, trao đổi kinh nghiệm")

    course = models.CharField(_("tên lớp tập huấn, bồi dưỡng"), max_length=255)
    organiser = models.CharField(
        _("đơn vị tổ chức"),
        max_length=200,
        help_text=_("Ví dụ: Thường trực HĐND thành phố, Trường Chính trị Lê Hồng Phong"),
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    # The topics taught, as their codes joined by commas ("questioning,reception"): one column
    # any database filters (``topics__contains``); the form and the API read and write a list.
    topics = models.CharField(_("nội dung, kỹ năng"), max_length=200, blank=True, default="")
    hours = models.DecimalField(
        _("số giờ"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0.5"), _("Số giờ phải từ 0,5 trở lên.")),
            MaxValueValidator(Decimal("500"), _("Số giờ không được lớn hơn 500.")),
        ],
    )
    mode = models.CharField(
        _("hình thức"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON
    )
    delegates = models.ManyToManyField(
        Delegate,
        blank=True,
        through="TrainingParticipant",
        related_name="trainings",
        verbose_name=_("đại biểu được tập huấn"),
    )
    certificate = models.CharField(
        _("giấy chứng nhận"),
        max_length=255,
        blank=True,
        help_text=_("Số giấy chứng nhận hoặc hình thức xác nhận hoàn thành"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    objects = DatedQuerySet.as_manager()
    search_fields = ("course", "organiser", "place", "certificate", "note")

    class Meta(DatedModel.Meta):
        verbose_name = _("lớp tập huấn, bồi dưỡng")
        verbose_name_plural = _("lớp tập huấn, bồi dưỡng")
        ordering = ["-start_date", "id"]

    def __str__(self):
        return f"{self.course} ({self.start_date:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("councils-training-detail", args=[self.pk])

    @property
    def topic_list(self) -> list[str]:
        return [code for code in (self.topics or "").split(",") if code]

    @property
    def topics_display(self) -> str:
        labels = dict(self.Topic.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.topic_list)

    def clean(self):
        super().clean()
        unknown = [c for c in self.topic_list if c not in self.Topic.values]
        if unknown:
            raise ValidationError({"topics": _("Nội dung tập huấn không hợp lệ.")})

    @property
    def trainee_names(self) -> str:
        names = [d.full_name for d in self.delegates.order_by("sort_name", "id")]
        return f"{len(names)} đại biểu: " + ", ".join(names) if names else "Chưa chọn đại biểu"


class TrainingParticipant(models.Model):
    """One delegate trained in one course: a row of its own, so adding or removing a
    trainee is kept in history like any other change."""

    training = models.ForeignKey(
        Training,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("lớp tập huấn, bồi dưỡng"),
    )
    delegate = models.ForeignKey(
        Delegate,
        on_delete=models.PROTECT,
        related_name="training_participations",
        verbose_name=_("đại biểu"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đại biểu dự tập huấn")
        verbose_name_plural = _("đại biểu dự tập huấn")
        constraints = [
            models.UniqueConstraint(
                fields=["training", "delegate"],
                name="training_participant_unique",
                violation_error_message=_("Đại biểu này đã có trong lớp tập huấn."),
            )
        ]

    def __str__(self):
        return f"{self.delegate} - {self.training}"


class InformationBrief(CouncilScopedModel):
    """Bản tin, thông tin định kỳ gửi đại biểu (the plan, 2.2.1: "Thường xuyên cung cấp thông
    tin tình hình kinh tế - xã hội và các chương trình, nhiệm vụ trọng tâm của địa phương cho
    đại biểu"). Sent to the delegates in office on the day it is sent; each acknowledges it
    (:class:`BriefAcknowledgement`) and the Office sees who has not."""

    title = models.CharField(_("tiêu đề"), max_length=255)
    period = models.CharField(
        _("kỳ thông tin"), max_length=60, help_text=_("Ví dụ: Tháng 11/2026, Quý IV/2026")
    )
    sent_on = models.DateField(_("ngày gửi"), validators=[validate_sane_date])
    content = models.TextField(_("nội dung"), blank=True)
    file = models.FileField(
        _("tệp đính kèm"), upload_to="briefs/%Y/%m/", max_length=255, blank=True
    )
    sender = models.CharField(
        _("đơn vị gửi"), max_length=200, help_text=_("Ví dụ: Văn phòng HĐND và UBND xã")
    )
    history = history()

    search_fields = ("title", "period", "content", "sender")

    class Meta:
        verbose_name = _("bản tin gửi đại biểu")
        verbose_name_plural = _("bản tin, thông tin gửi đại biểu")
        ordering = ["-sent_on", "-id"]

    def __str__(self):
        return f"{self.title} ({self.period})"

    def get_absolute_url(self) -> str:
        return reverse("councils-informationbrief-detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if not (self.content or "").strip() and not self.file:
            errors["content"] = _("Nhập nội dung hoặc đính kèm tệp bản tin.")
        if self.sent_on and self.sent_on > timezone.localdate():
            errors["sent_on"] = _("Ngày gửi không được ở tương lai.")
        if errors:
            raise ValidationError(errors)

    def recipients(self):
        """The delegates it was sent to: those in office on the day it was sent."""
        return Delegate.objects.filter(council_id=self.council_id).in_office(self.sent_on)


class BriefAcknowledgement(models.Model):
    """A delegate's "đã nhận, đã đọc" of one brief, with its moment (the first one is kept)."""

    brief = models.ForeignKey(
        InformationBrief,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name=_("bản tin"),
    )
    delegate = models.ForeignKey(
        Delegate,
        on_delete=models.PROTECT,
        related_name="brief_acknowledgements",
        verbose_name=_("đại biểu"),
    )
    acknowledged_at = models.DateTimeField(_("thời điểm xác nhận đã đọc"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xác nhận đã đọc bản tin")
        verbose_name_plural = _("xác nhận đã đọc bản tin")
        constraints = [
            models.UniqueConstraint(
                fields=["brief", "delegate"],
                name="brief_acknowledgement_unique",
                violation_error_message=_("Đại biểu đã xác nhận bản tin này."),
            )
        ]

    def __str__(self):
        return f"{self.delegate} - {self.brief}"


SCHEME_DOCUMENT = "Đề án số 15-ĐA/TU của Thành ủy Hà Nội về nâng cao hiệu quả hoạt động của HĐND"


class Dissemination(CouncilScopedModel):
    """Quán triệt Đề án đến một chi bộ (target 1.1: 100% of party cells)."""

    party_cell = models.ForeignKey(
        PartyCell,
        on_delete=models.PROTECT,
        related_name="disseminations",
        verbose_name=_("chi bộ"),
    )
    held_on = models.DateField(_("ngày quán triệt"))
    document = models.CharField(
        _("văn bản được quán triệt"), max_length=255, default=SCHEME_DOCUMENT
    )
    presenter = models.CharField(_("người quán triệt"), max_length=120, blank=True)
    attendance = models.PositiveIntegerField(_("số đảng viên dự"), default=0)
    # How many members the cell had that day: "20 of 27" (filled from the cell's dated count
    # when left empty).
    cell_members = models.PositiveIntegerField(
        _("số đảng viên của chi bộ"),
        null=True,
        blank=True,
        help_text=_("Để trống: lấy số đảng viên của chi bộ vào ngày quán triệt"),
    )
    supplementary = models.BooleanField(
        _("quán triệt bổ sung"),
        default=False,
        help_text=_(
            "Buổi quán triệt cho đảng viên vắng mặt lần trước, mới kết nạp hoặc mới chuyển "
            "đến: số dự được cộng thêm vào số đảng viên đã được quán triệt"
        ),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    search_fields = ("document", "presenter", "note")

    class Meta:
        verbose_name = _("buổi quán triệt Đề án")
        verbose_name_plural = _("buổi quán triệt Đề án")
        ordering = ["-held_on", "id"]

    def __str__(self):
        return f"{self.party_cell} - {self.held_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("councils-dissemination-detail", args=[self.pk])

    def clean(self):
        super().clean()
        check_party_cell(
            self, "held_on", _("Ngày quán triệt nằm ngoài thời gian hoạt động của chi bộ.")
        )
        if not self.party_cell_id:
            return
        if self.cell_members is None and self.held_on:
            self.cell_members = self.party_cell.members_on(self.held_on)
        if self.cell_members and self.attendance > self.cell_members:
            raise ValidationError(
                {
                    "attendance": _(
                        "Số đảng viên dự (%(attendance)s) lớn hơn số đảng viên của chi bộ "
                        "(%(members)s)."
                    )
                    % {"attendance": self.attendance, "members": self.cell_members}
                }
            )

    @property
    def attendance_label(self) -> str:
        """ "20/27 đảng viên"."""
        if self.cell_members:
            return f"{self.attendance}/{self.cell_members} đảng viên"
        return f"{self.attendance} đảng viên"


class PartyDocument(CouncilScopedModel):
    """Văn bản lãnh đạo, chỉ đạo của Đảng ủy về hoạt động của HĐND (target 1.1, first half:
    "Đảng ủy ban hành văn bản lãnh đạo, chỉ đạo hoạt động của HĐND, xây dựng kế hoạch triển
    khai …"), recorded by the Office or the Party leadership with its number and date."""

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Nghị quyết")
        DIRECTIVE = "directive", _("Chỉ thị")
        CONCLUSION = "conclusion", _("Kết luận")
        PLAN = "plan", _("Kế hoạch")
        DECISION = "decision", _("Quyết định")
        NOTICE = "notice", _("Thông báo")
        LETTER = "letter", _("Công văn")
        OTHER = "other", _("Văn bản khác")

    kind = models.CharField(_("loại văn bản"), max_length=20, choices=Kind.choices)
    number = models.CharField(
        _("số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 05-KH/ĐU, 12-NQ/ĐU")
    )
    issued_on = models.DateField(_("ngày ban hành"), validators=[validate_sane_date])
    title = models.CharField(_("trích yếu"), max_length=500)
    content = models.TextField(
        _("nội dung lãnh đạo, chỉ đạo đối với HĐND"),
        blank=True,
        help_text=_("Những yêu cầu, nhiệm vụ văn bản giao cho HĐND, Thường trực, các Ban"),
    )
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    search_fields = ("number", "title", "content", "signer", "note")

    class Meta:
        verbose_name = _("văn bản lãnh đạo của Đảng ủy")
        verbose_name_plural = _("văn bản lãnh đạo của Đảng ủy về HĐND")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "number", "issued_on"],
                name="partydocument_unique_number",
                violation_error_message=_("Văn bản có số và ngày ban hành này đã được ghi."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} số {self.number} ngày {self.issued_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("councils-partydocument-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.issued_on and self.issued_on > timezone.localdate():
            raise ValidationError({"issued_on": _("Ngày ban hành không được ở tương lai.")})


# The internal procedures library and emulation and rewards (issue 22, items 2 and 3).
from councils.models_library import (  # noqa: E402, F401
    EmulationCriterion,
    EmulationRegistration,
    EmulationResult,
    Procedure,
    ProcedureVersion,
    Reward,
)

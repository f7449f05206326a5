"""Supervision programmes, activities, their conclusions and recommendations (LEGAL.md §6).

A body (the HĐND, its Standing Committee, a Ban, a delegate group — or, recorded for the
overlap check, the Party inspection committee and the Fatherland Front) adopts a yearly
programme of items; an activity carries an item out: decided (a numbered decision from the
register), visited, reported or concluded, its recommendations chased by the follow-up engine
until accepted as done, unfinished ones carried over to a re-supervision.
"""

import datetime as dt
import re
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.models import CouncilScopedModel, SearchQuerySet, history
from hdnd_portal.core.states import StateMachine
from hdnd_portal.core.text import fold

__all__ = [
    "LAW_87_2015",
    "LAW_121_2025",
    "LAW_121_FROM",
    "Body",
    "BODY_COMMITTEE_KIND",
    "COUNCIL_BODIES",
    "ActivityKind",
    "Programme",
    "ProgrammeItem",
    "Activity",
    "TeamMember",
    "ScheduleEntry",
    "Question",
    "Conclusion",
    "Recommendation",
    "law_for",
    "topics_similar",
]

LAW_87_2015 = "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13"
LAW_121_2025 = "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 121/2025/QH15"
# Law 121/2025 applies to activities decided from this day; Law 87/2015 before it.
LAW_121_FROM = dt.date(2026, 3, 1)


def law_for(decided_on: dt.date | None) -> str:
    """The supervision law that applies to an activity decided on ``decided_on``."""
    if decided_on is None:
        return ""
    return LAW_121_2025 if decided_on >= LAW_121_FROM else LAW_87_2015


class Body(models.TextChoices):
    """Who holds a supervision (or, for Party and MTTQ, whose plan is recorded)."""

    HDND = "hdnd", _("HĐND xã")
    STANDING = "standing", _("Thường trực HĐND")
    BAN = "ban", _("Ban của HĐND")
    GROUP = "group", _("Tổ đại biểu")
    PARTY = "party", _("Ủy ban Kiểm tra Đảng ủy")
    MTTQ = "mttq", _("Ủy ban MTTQ Việt Nam xã")


# The bodies that are a Committee row (Thường trực, a Ban, a delegate group) and its kind.
BODY_COMMITTEE_KIND = {Body.STANDING: "standing", Body.BAN: "ban", Body.GROUP: "delegate_group"}
COUNCIL_BODIES = (Body.HDND, Body.STANDING, Body.BAN, Body.GROUP)


class ActivityKind(models.TextChoices):
    THEMATIC = "thematic", _("Giám sát chuyên đề")
    SURVEY = "survey", _("Khảo sát")
    QUESTIONING = "questioning", _("Chất vấn")
    EXPLANATION = "explanation", _("Giải trình")
    RESUPERVISION = "resupervision", _("Tái giám sát")


_WORD = re.compile(r"[a-z0-9]+")
# Words that say nothing about a topic ("việc thực hiện công tác ...").
_STOP = frozenset(
    "va cua cac viec thuc hien cong tac tinh hinh tai tren dia ban xa ve trong nam nhung "
    "giam sat khao sat doi voi cho ket qua".split()
)
SIMILARITY = 0.6


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if w not in _STOP and len(w) > 1}


def topics_similar(a: str, b: str) -> bool:
    """Two topics read alike once folded: most of the shorter one's words are in the other,
    or the folded texts are close (difflib ratio)."""
    wa, wb = _words(a), _words(b)
    if wa and wb:
        shared = len(wa & wb) / min(len(wa), len(wb))
        if shared >= SIMILARITY:
            return True
    return SequenceMatcher(None, fold(a), fold(b)).ratio() >= 0.8


class HeldByBodyMixin(models.Model):
    """The body holding the record: a kind, and for Thường trực/Ban/Tổ its Committee row."""

    body = models.CharField(_("chủ thể"), max_length=20, choices=Body.choices)
    committee = models.ForeignKey(
        "councils.Committee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Thường trực, Ban, Tổ đại biểu"),
        help_text=_("Bắt buộc với Ban và Tổ đại biểu"),
    )

    class Meta:
        abstract = True

    def clean_body(self) -> dict:
        errors = {}
        kind = BODY_COMMITTEE_KIND.get(self.body)
        if self.body in (Body.BAN, Body.GROUP) and not self.committee_id:
            errors["committee"] = _("Hãy chọn Ban hoặc Tổ đại biểu tổ chức giám sát.")
        elif self.committee_id:
            if kind is None:
                errors["committee"] = _(
                    "HĐND, Ủy ban Kiểm tra và MTTQ không gắn với Thường trực, Ban hay Tổ: "
                    "bỏ trống ô này."
                )
            elif self.committee.kind != kind:
                errors["committee"] = _("Thường trực/Ban/Tổ được chọn không khớp với chủ thể.")
        return errors

    @property
    def body_label(self) -> str:
        if self.committee_id and self.body in BODY_COMMITTEE_KIND:
            return str(self.committee)
        return str(self.get_body_display())


class Programme(HeldByBodyMixin, CouncilScopedModel):
    """Chương trình giám sát năm of one body."""

    year = models.PositiveSmallIntegerField(
        _("năm"),
        validators=[
            MinValueValidator(2000, _("Năm phải từ 2000 trở đi.")),
            MaxValueValidator(2100, _("Năm không được sau 2100.")),
        ],
    )
    title = models.CharField(_("tên chương trình"), max_length=255)
    adopted_on = models.DateField(_("ngày thông qua"), null=True, blank=True)
    reference = models.CharField(
        _("văn bản"), max_length=120, blank=True, help_text=_("Ví dụ: Nghị quyết số 15/NQ-HĐND")
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()
    search_fields = ("title", "reference", "note")

    class Meta:
        verbose_name = _("chương trình giám sát")
        verbose_name_plural = _("chương trình giám sát")
        ordering = ["-year", "body", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "body"],
                condition=Q(committee__isnull=True),
                name="supervision_programme_unique_body_year",
                violation_error_message=_("Chủ thể này đã có chương trình giám sát của năm đó."),
            ),
            models.UniqueConstraint(
                fields=["council", "year", "committee"],
                condition=Q(committee__isnull=False),
                name="supervision_programme_unique_committee_year",
                violation_error_message=_(
                    "Thường trực/Ban/Tổ này đã có chương trình giám sát của năm đó."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("supervision-programme-detail", args=[self.pk])

    def clean(self):
        errors = self.clean_body()
        if errors:
            raise ValidationError(errors)

    def check_access(self, access, action, allowed):
        from supervision.policies import may_edit_body

        if action == "change":
            return allowed and may_edit_body(access, self)
        return allowed


class ProgrammeItemQuerySet(SearchQuerySet):
    pass


class ProgrammeItem(CouncilScopedModel):
    """One line of a programme: what is supervised, of whom, in which month."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("chương trình giám sát"),
    )
    topic = models.CharField(_("nội dung giám sát"), max_length=300)
    kind = models.CharField(
        _("hình thức"), max_length=20, choices=ActivityKind.choices, default=ActivityKind.THEMATIC
    )
    agencies = models.ManyToManyField(
        "councils.Agency",
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan chịu sự giám sát"),
    )
    other_bodies = models.CharField(
        _("đối tượng khác"),
        max_length=255,
        blank=True,
        help_text=_("Đơn vị không có trong danh mục cơ quan, ví dụ: Hợp tác xã nông nghiệp"),
    )
    planned_month = models.PositiveSmallIntegerField(
        _("tháng dự kiến"),
        validators=[
            MinValueValidator(1, _("Tháng phải từ 1 đến 12.")),
            MaxValueValidator(12, _("Tháng phải từ 1 đến 12.")),
        ],
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    objects = ProgrammeItemQuerySet.as_manager()
    search_fields = ("topic", "other_bodies", "note")

    class Meta:
        verbose_name = _("nội dung chương trình giám sát")
        verbose_name_plural = _("nội dung chương trình giám sát")
        ordering = ["programme", "planned_month", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(topic=""),
                name="supervision_item_topic_required",
                violation_error_message=_("Hãy nhập nội dung giám sát."),
            )
        ]

    def __str__(self):
        return f"{self.topic} (tháng {self.planned_month}/{self.programme.year})"

    def get_absolute_url(self) -> str:
        return reverse("supervision-programmeitem-detail", args=[self.pk])

    @property
    def quarter(self) -> int:
        return (self.planned_month - 1) // 3 + 1

    def check_access(self, access, action, allowed):
        if action == "change":
            return self.programme.check_access(access, action, allowed)
        return allowed


class ActivityQuerySet(SearchQuerySet):
    def held_between(self, start: dt.date | None, end: dt.date | None):
        """Activities that took place (not merely planned) from ``start`` to before ``end``."""
        qs = self.exclude(state=Activity.State.PLANNED)
        if start:
            qs = qs.filter(start_date__gte=start)
        if end:
            qs = qs.filter(start_date__lt=end)
        return qs


class Activity(StateMachine, HeldByBodyMixin, CouncilScopedModel):
    """Một cuộc giám sát, khảo sát, chất vấn, giải trình hoặc tái giám sát."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        UNDER_WAY = "under_way", _("Đang tiến hành")
        REPORTED = "reported", _("Đã báo cáo, kết luận")
        FOLLOWING_UP = "following_up", _("Đang theo dõi kiến nghị")
        CLOSED = "closed", _("Đã kết thúc")

    # action -> (states it may start from, state it leads to)
    TRANSITIONS = {
        "start": ((State.PLANNED,), State.UNDER_WAY),
        "report": ((State.PLANNED, State.UNDER_WAY), State.REPORTED),
        "follow": ((State.REPORTED,), State.FOLLOWING_UP),
        "close": ((State.REPORTED, State.FOLLOWING_UP), State.CLOSED),
        "reopen": ((State.CLOSED,), State.FOLLOWING_UP),
    }
    TRANSITION_LABELS = {
        "start": _("Bắt đầu tiến hành"),
        "report": _("Đã báo cáo, kết luận"),
        "follow": _("Chuyển sang theo dõi kiến nghị"),
        "close": _("Kết thúc cuộc giám sát"),
        "reopen": _("Mở lại"),
    }

    kind = models.CharField(_("hình thức"), max_length=20, choices=ActivityKind.choices)
    topic = models.CharField(_("nội dung"), max_length=300)
    programme_item = models.ForeignKey(
        ProgrammeItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("thực hiện nội dung chương trình"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resupervisions",
        verbose_name=_("cuộc giám sát trước (tái giám sát)"),
    )
    standing_meeting = models.ForeignKey(
        "meetings.StandingMeeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phiên họp Thường trực"),
        help_text=_("Chất vấn, giải trình tại phiên họp Thường trực HĐND"),
    )
    decision = models.OneToOneField(
        "documents.DocumentRegister",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("quyết định thành lập đoàn"),
    )
    decision_date = models.DateField(
        _("ngày quyết định"),
        null=True,
        blank=True,
        help_text=_("Xác định luật áp dụng: trước 01/3/2026 Luật 87/2015, từ đó Luật 121/2025"),
    )
    agencies = models.ManyToManyField(
        "councils.Agency",
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan chịu sự giám sát"),
    )
    other_bodies = models.CharField(_("đối tượng khác"), max_length=255, blank=True)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    experts = models.TextField(
        _("chuyên gia, khách mời"),
        blank=True,
        help_text=_("Mỗi dòng một người: họ tên - chức vụ, nơi công tác"),
    )
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    scope = models.TextField(_("nội dung, phạm vi"), blank=True)
    state = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=State.choices,
        default=State.PLANNED,
        editable=False,
        db_index=True,
    )
    history = history()

    objects = ActivityQuerySet.as_manager()
    search_fields = ("topic", "other_bodies", "scope")

    class Meta:
        verbose_name = _("hoạt động giám sát")
        verbose_name_plural = _("hoạt động giám sát")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["council", "body", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(topic=""),
                name="supervision_activity_topic_required",
                violation_error_message=_("Hãy nhập nội dung giám sát."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="supervision_activity_end_after_start",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("supervision-activity-detail", args=[self.pk])

    @property
    def law(self) -> str:
        return law_for(self.decision_date)

    @property
    def experts_list(self) -> list[str]:
        return [line.strip() for line in self.experts.splitlines() if line.strip()]

    def transition_error(self, action: str) -> str:
        label = self.TRANSITION_LABELS.get(action, action)
        return f"Không thể “{label}” khi hoạt động đang ở trạng thái “{self.get_state_display()}”."

    def clean(self):
        errors = self.clean_body()
        if self.body in (Body.PARTY, Body.MTTQ):
            errors["body"] = _(
                "Ủy ban Kiểm tra và MTTQ chỉ ghi vào chương trình để tránh trùng lặp, "
                "không lập hoạt động giám sát của HĐND."
            )
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
        if self.kind == ActivityKind.RESUPERVISION and not self.parent_id:
            errors["parent"] = _("Tái giám sát phải gắn với cuộc giám sát trước.")
        if errors:
            raise ValidationError(errors)

    def check_access(self, access, action, allowed):
        from supervision.policies import may_edit_body

        if action == "change":
            return allowed and may_edit_body(access, self)
        return allowed


class TeamMember(models.Model):
    """A delegate in a supervision team, with their role in it."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Trưởng đoàn")
        DEPUTY = "deputy", _("Phó Trưởng đoàn")
        MEMBER = "member", _("Thành viên")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="team", verbose_name=_("hoạt động")
    )
    delegate = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        related_name="supervision_teams",
        verbose_name=_("đại biểu"),
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    history = history()

    class Meta:
        verbose_name = _("thành viên đoàn giám sát")
        verbose_name_plural = _("thành viên đoàn giám sát")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "delegate"],
                name="supervision_team_unique_delegate",
                violation_error_message=_("Đại biểu này đã có trong đoàn."),
            )
        ]

    def __str__(self):
        return f"{self.delegate} - {self.get_role_display()}"


class ScheduleEntry(models.Model):
    """A line of the schedule: a day's work with a supervised body (lịch trình)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="schedule", verbose_name=_("hoạt động")
    )
    date = models.DateField(_("ngày làm việc"))
    agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị làm việc"),
    )
    content = models.CharField(_("nội dung"), max_length=255, blank=True)
    held = models.BooleanField(_("đã làm việc"), default=False)
    history = history()

    class Meta:
        verbose_name = _("lịch làm việc")
        verbose_name_plural = _("lịch làm việc")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.agency or ''}".strip()


class Question(CouncilScopedModel):
    """A question put at a questioning or explanation session, its answer and commitment."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("phiên chất vấn, giải trình"),
    )
    asked_by = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đại biểu chất vấn"),
    )
    question = models.TextField(_("nội dung chất vấn"))
    agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan trả lời"),
    )
    answerer = models.CharField(
        _("người trả lời"), max_length=160, blank=True, help_text=_("Họ tên, chức vụ")
    )
    answer = models.TextField(
        _("nội dung trả lời tại phiên họp"),
        blank=True,
        help_text=_("Để trống nếu chưa trả lời: cơ quan trả lời bằng văn bản trong 20 ngày"),
    )
    commitment = models.TextField(_("nội dung hứa, cam kết"), blank=True)
    commitment_due = models.DateField(_("thời hạn thực hiện cam kết"), null=True, blank=True)
    history = history()
    search_fields = ("question", "answerer", "answer", "commitment")

    class Meta:
        verbose_name = _("nội dung chất vấn, giải trình")
        verbose_name_plural = _("nội dung chất vấn, giải trình")
        ordering = ["activity", "id"]

    def __str__(self):
        return self.question[:80]

    def get_absolute_url(self) -> str:
        return reverse("supervision-question-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if not (self.question or "").strip():
            errors["question"] = _("Hãy nhập nội dung chất vấn.")
        if (self.commitment or "").strip() and not self.commitment_due:
            errors["commitment_due"] = _("Cam kết cần có thời hạn thực hiện.")
        if self.activity_id and self.activity.kind not in (
            ActivityKind.QUESTIONING,
            ActivityKind.EXPLANATION,
        ):
            errors["activity"] = _("Chỉ ghi nội dung chất vấn cho phiên chất vấn hoặc giải trình.")
        if errors:
            raise ValidationError(errors)

    def check_access(self, access, action, allowed):
        if action == "change":
            return self.activity.check_access(access, action, allowed)
        return allowed


class Conclusion(CouncilScopedModel):
    """Báo cáo kết quả giám sát or thông báo kết luận of an activity."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Báo cáo kết quả giám sát")
        NOTICE = "notice", _("Thông báo kết luận")

    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        related_name="conclusions",
        verbose_name=_("hoạt động giám sát"),
    )
    kind = models.CharField(_("loại văn bản"), max_length=10, choices=Kind.choices)
    concluded_on = models.DateField(_("ngày kết luận"))
    overview = models.TextField(_("khái quát"), blank=True)
    results = models.TextField(_("kết quả đạt được"))
    shortcomings = models.TextField(_("tồn tại, hạn chế"), blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    violations = models.TextField(
        _("vi phạm nghiêm trọng phát hiện"),
        blank=True,
        help_text=_("Để trống nếu không có"),
    )
    referred_to = models.CharField(
        _("chuyển cơ quan có thẩm quyền"),
        max_length=255,
        blank=True,
        help_text=_("Cơ quan được chuyển xem xét, xử lý vi phạm"),
    )
    referred_on = models.DateField(_("ngày chuyển"), null=True, blank=True)
    reported_to_party_on = models.DateField(
        _("ngày báo cáo Đảng ủy"), null=True, blank=True, help_text=_("Báo cáo cấp ủy về vi phạm")
    )
    history = history()
    search_fields = ("results", "shortcomings", "violations", "referred_to")

    class Meta:
        verbose_name = _("báo cáo, kết luận giám sát")
        verbose_name_plural = _("báo cáo, kết luận giám sát")
        ordering = ["-concluded_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} ngày {self.concluded_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("supervision-conclusion-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if not (self.results or "").strip():
            errors["results"] = _("Hãy nhập kết quả giám sát.")
        if (self.referred_to or "").strip() and not (self.violations or "").strip():
            errors["violations"] = _("Hãy ghi vi phạm được chuyển cơ quan có thẩm quyền.")
        if (self.violations or "").strip() and not (self.referred_to or "").strip():
            errors["referred_to"] = _(
                "Vi phạm nghiêm trọng phải được chuyển cơ quan có thẩm quyền: hãy ghi cơ quan."
            )
        if errors:
            raise ValidationError(errors)

    def check_access(self, access, action, allowed):
        if action == "change":
            return self.activity.check_access(access, action, allowed)
        return allowed


class RecommendationQuerySet(SearchQuerySet):
    def visible_to(self, access):
        """Council scope; an agency user sees only the recommendations addressed to it."""
        qs = super().visible_to(access)
        if access is not None and access.role == "agency":
            qs = qs.filter(agency_id=access.agency_id)
        return qs

    def unfinished(self):
        """Not carried over, and its follow-up not done or closed."""
        return self.filter(carried_over=False).exclude(followup__state__in=["done", "closed"])


class Recommendation(CouncilScopedModel):
    """Kiến nghị: who must do what by when; its state is its follow-up's."""

    CARRIED_OVER = "carried_over"
    CARRIED_OVER_LABEL = _("Chuyển tái giám sát")

    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("hoạt động giám sát"),
    )
    conclusion = models.ForeignKey(
        Conclusion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("báo cáo, kết luận"),
    )
    agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan chịu trách nhiệm"),
        error_messages={
            "null": _("Hãy chọn cơ quan chịu trách nhiệm thực hiện kiến nghị."),
            "blank": _("Hãy chọn cơ quan chịu trách nhiệm thực hiện kiến nghị."),
        },
    )
    content = models.TextField(
        _("nội dung kiến nghị"),
        error_messages={"blank": _("Hãy nhập nội dung kiến nghị (việc cần thực hiện).")},
    )
    due_date = models.DateField(
        _("thời hạn thực hiện"),
        error_messages={
            "null": _("Hãy nhập thời hạn thực hiện kiến nghị."),
            "blank": _("Hãy nhập thời hạn thực hiện kiến nghị."),
        },
    )
    followup = models.OneToOneField(
        "followups.FollowUp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("việc cần đôn đốc"),
    )
    carried_over = models.BooleanField(_("đã chuyển tái giám sát"), default=False, editable=False)
    carried_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="carried_to",
        verbose_name=_("chuyển từ kiến nghị"),
    )
    history = history()

    objects = RecommendationQuerySet.as_manager()
    search_fields = ("content",)

    class Meta:
        verbose_name = _("kiến nghị sau giám sát")
        verbose_name_plural = _("kiến nghị sau giám sát")
        ordering = ["due_date", "id"]

    def __str__(self):
        return self.content[:80]

    def get_absolute_url(self) -> str:
        return reverse("supervision-recommendation-detail", args=[self.pk])

    @property
    def state(self) -> str:
        if self.carried_over:
            return self.CARRIED_OVER
        return self.followup.state if self.followup_id else "open"

    @property
    def state_label(self) -> str:
        if self.carried_over:
            return str(self.CARRIED_OVER_LABEL)
        if self.followup_id:
            return str(self.followup.get_state_display())
        return "Đang theo dõi"

    @property
    def is_unfinished(self) -> bool:
        return self.state not in ("done", "closed", self.CARRIED_OVER)

    def clean(self):
        errors = {}
        if not (self.content or "").strip():
            errors["content"] = _("Hãy nhập nội dung kiến nghị (việc cần thực hiện).")
        if (
            self.conclusion_id
            and self.activity_id
            and self.conclusion.activity_id != self.activity_id
        ):
            errors["conclusion"] = _("Báo cáo, kết luận không thuộc hoạt động giám sát này.")
        if errors:
            raise ValidationError(errors)

    def check_access(self, access, action, allowed):
        if action == "change":
            return self.activity.check_access(access, action, allowed)
        return allowed

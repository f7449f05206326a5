"""Preparation of sessions and the Standing Committee's own work.

``JointMeeting``: họp liên tịch of the Standing Committee, UBND and Ủy ban MTTQ before a
session, with its minutes and the points agreed (``JointMeetingDecision``, one row each).
``PreparationTask``: a task under the "5 rõ" rule (rõ người, rõ việc, rõ trách nhiệm, rõ quy
trình, rõ kết quả, and a due date), each tracked as a follow-up item (kind ``session_task``).
``QuarterlyReport``: the Standing Committee's quarterly activity report to the Party standing
board (plan section 2.1.2), printed as "…/BC-HĐND" (DOCUMENTS.md §8).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hdnd_portal.core.models import CouncilScopedModel, history

__all__ = [
    "JointMeeting",
    "JointMeetingDecision",
    "PreparationTask",
    "QuarterlyReport",
    "StandingMeetingAttendee",
]


class JointMeeting(CouncilScopedModel):
    """Họp liên tịch: Thường trực HĐND, UBND and Ủy ban MTTQ agree on a session's preparation."""

    session = models.ForeignKey(
        "meetings.Session",
        on_delete=models.PROTECT,
        related_name="joint_meetings",
        verbose_name=_("kỳ họp"),
    )
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        "councils.Agency",
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan tham dự"),
        help_text=_("Ví dụ: UBND xã, Ủy ban MTTQ Việt Nam xã"),
    )
    attendees = models.TextField(
        _("thành phần tham dự"),
        blank=True,
        help_text=_("Người dự họp, chức vụ (mỗi người một dòng)"),
    )
    content = models.TextField(_("nội dung họp"))
    minutes = models.TextField(_("biên bản"), blank=True)
    # The coordination regulation in force on the meeting's date, set by the command
    # (meetings/coordination/services.py), never chosen by hand: empty when none was in force.
    regulation = models.ForeignKey(
        "meetings.CoordinationRegulation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="joint_meetings",
        verbose_name=_("theo quy chế phối hợp"),
    )
    history = history()

    search_fields = ("place", "attendees", "content", "minutes")

    class Meta:
        verbose_name = _("cuộc họp liên tịch")
        verbose_name_plural = _("cuộc họp liên tịch")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["council", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(content=""),
                name="joint_meeting_content_required",
                violation_error_message=_("Hãy nhập nội dung họp liên tịch."),
            )
        ]

    def __str__(self):
        return f"Họp liên tịch ngày {self.held_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings-jointmeeting-detail", args=[self.pk])

    def clean(self):
        session = getattr(self, "session", None) if self.session_id else None
        if session is not None and self.held_on and self.held_on > session.start_date:
            raise ValidationError(
                {"held_on": _("Họp liên tịch chuẩn bị kỳ họp phải diễn ra trước ngày khai mạc.")}
            )


class JointMeetingDecision(models.Model):
    """One point agreed at a joint meeting (a text row, in order)."""

    joint_meeting = models.ForeignKey(
        JointMeeting,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("cuộc họp liên tịch"),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung thống nhất"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung thống nhất")
        verbose_name_plural = _("nội dung thống nhất")
        ordering = ["order", "id"]

    def __str__(self):
        return self.text[:80]


class PreparationTask(CouncilScopedModel):
    """A preparation task under the "5 rõ" rule, followed up as a ``session_task`` item."""

    session = models.ForeignKey(
        "meetings.Session",
        on_delete=models.PROTECT,
        related_name="preparation_tasks",
        verbose_name=_("kỳ họp"),
    )
    # Rõ việc
    title = models.CharField(_("rõ việc: nội dung công việc"), max_length=300)
    # Rõ người: a user, a delegate or an agency (at least one).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rõ người: người thực hiện"),
    )
    delegate = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rõ người: đại biểu thực hiện"),
    )
    agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rõ người: cơ quan thực hiện"),
    )
    responsibility = models.TextField(
        _("rõ trách nhiệm"), help_text=_("Ai chủ trì, ai phối hợp, ai chịu trách nhiệm chính")
    )
    procedure = models.TextField(
        _("rõ quy trình"), help_text=_("Các bước thực hiện, nơi trình, nơi thẩm định")
    )
    expected_result = models.TextField(
        _("rõ kết quả"), help_text=_("Sản phẩm cần có: tờ trình, báo cáo, dự thảo nghị quyết…")
    )
    due_date = models.DateField(_("rõ thời hạn: hạn hoàn thành"))
    followup = models.OneToOneField(
        "followups.FollowUp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("việc cần đôn đốc"),
    )
    history = history()

    search_fields = ("title", "responsibility", "procedure", "expected_result")

    class Meta:
        verbose_name = _("nhiệm vụ chuẩn bị kỳ họp")
        verbose_name_plural = _("nhiệm vụ chuẩn bị kỳ họp")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["council", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(assignee__isnull=False)
                | Q(delegate__isnull=False)
                | Q(agency__isnull=False),
                name="preparation_task_has_person",
                violation_error_message=_(
                    "Rõ người: hãy chọn người, đại biểu hoặc cơ quan thực hiện."
                ),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings-preparationtask-detail", args=[self.pk])

    @property
    def person_label(self) -> str:
        """Rõ người, in words: "Nguyễn Văn A (đại biểu); UBND xã"."""
        parts = [str(p) for p in (self.assignee, self.delegate, self.agency) if p is not None]
        return "; ".join(parts)

    @property
    def state_label(self) -> str:
        return self.followup.display_state if self.followup_id else "Chưa theo dõi"

    def clean(self):
        errors = {}
        if not (self.assignee_id or self.delegate_id or self.agency_id):
            errors["__all__"] = _("Rõ người: hãy chọn người, đại biểu hoặc cơ quan thực hiện.")
        # A new task is due from today on; later the date moves only by an extension.
        if self._state.adding and self.due_date and self.due_date < timezone.localdate():
            errors["due_date"] = _("Hạn hoàn thành không được trước hôm nay.")
        if errors:
            raise ValidationError(errors)


class QuarterlyReport(CouncilScopedModel):
    """The Standing Committee's quarterly activity report (to the Party standing board)."""

    year = models.PositiveSmallIntegerField(
        _("năm"),
        validators=[
            MinValueValidator(1945, _("Năm phải từ 1945 trở đi.")),
            MaxValueValidator(2100, _("Năm không được sau 2100.")),
        ],
    )
    quarter = models.PositiveSmallIntegerField(
        _("quý"), choices=[(1, _("Quý I")), (2, _("Quý II")), (3, _("Quý III")), (4, _("Quý IV"))]
    )
    meeting = models.ForeignKey(
        "meetings.StandingMeeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quarterly_reports",
        verbose_name=_("báo cáo tại phiên họp"),
        help_text=_("Phiên báo cáo quý với Thường trực Đảng ủy"),
    )
    other_results = models.TextField(_("hoạt động khác"), blank=True)
    strengths = models.TextField(_("ưu điểm"), blank=True)
    shortcomings = models.TextField(_("hạn chế"), blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    next_quarter = models.TextField(_("phương hướng quý tới"), blank=True)
    recommendations = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    history = history()

    search_fields = ("other_results", "strengths", "shortcomings", "next_quarter")

    class Meta:
        verbose_name = _("báo cáo hoạt động quý")
        verbose_name_plural = _("báo cáo hoạt động quý")
        ordering = ["-year", "-quarter", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "quarter"],
                name="quarterly_report_unique_quarter",
                violation_error_message=_("Quý này đã có báo cáo."),
            )
        ]

    def __str__(self):
        return f"Báo cáo hoạt động quý {self.quarter_roman} năm {self.year}"

    @property
    def quarter_roman(self) -> str:
        return {1: "I", 2: "II", 3: "III", 4: "IV"}.get(self.quarter, str(self.quarter))

    def get_absolute_url(self) -> str:
        return reverse("meetings-quarterlyreport-detail", args=[self.pk])

    def clean(self):
        meeting = self.meeting if self.meeting_id else None
        if meeting is not None and meeting.kind != meeting.Kind.PARTY_REPORT:
            raise ValidationError(
                {"meeting": _("Hãy chọn phiên báo cáo quý với Thường trực Đảng ủy.")}
            )


class StandingMeetingAttendee(models.Model):
    """A delegate who attended a Standing Committee meeting (optional record)."""

    meeting = models.ForeignKey(
        "meetings.StandingMeeting",
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("phiên họp Thường trực"),
    )
    delegate = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đại biểu dự họp"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người dự phiên họp Thường trực")
        verbose_name_plural = _("người dự phiên họp Thường trực")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "delegate"],
                name="standing_meeting_attendee_once",
                violation_error_message=_("Đại biểu này đã có trong danh sách dự họp."),
            )
        ]

    def __str__(self):
        return str(self.delegate)

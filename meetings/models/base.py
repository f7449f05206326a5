"""Kỳ họp HĐND and the Standing Committee's meetings.

``Session`` and ``StandingMeeting`` are the records other apps point at: a voter meeting belongs
to a session (voters), the Standing Committee's count of supervisions runs between two regular
sessions (supervision), a questioning session is held at a Standing Committee meeting.
"""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.dated import DatedModel, DatedQuerySet
from hdnd_portal.core.models import CouncilScopedModel, SearchQuerySet, TimeOfDayField, history
from hdnd_portal.core.states import StateMachine

# "Kỳ họp thứ năm": how a session's number is spoken and printed.
__all__ = [
    "SESSION_NUMBER_MAX",
    "Session",
    "SessionQuerySet",
    "StandingMeeting",
    "StandingMeetingQuerySet",
    "CongressGoal",
    "ordinal_words",
    "regular_session_window",
]

_ORDINALS = {
    1: "nhất",
    2: "hai",
    3: "ba",
    4: "tư",
    5: "năm",
    6: "sáu",
    7: "bảy",
    8: "tám",
    9: "chín",
    10: "mười",
}
_UNITS = ["", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SESSION_NUMBER_MAX = 99


def ordinal_words(n: int) -> str:
    """1 → "nhất", 4 → "tư", 14 → "mười bốn", 21 → "hai mươi mốt", 25 → "hai mươi lăm"."""
    if n in _ORDINALS:
        return _ORDINALS[n]
    tens, units = divmod(n, 10)
    head = "mười" if tens == 1 else f"{_UNITS[tens]} mươi"
    if units == 0:
        return head
    if units == 1 and tens > 1:
        tail = "mốt"
    elif units == 5:
        tail = "lăm"
    elif units == 4 and tens > 1:
        tail = "tư"
    else:
        tail = _UNITS[units]
    return f"{head} {tail}"


class SessionQuerySet(DatedQuerySet):
    def regular(self):
        return self.filter(kind=Session.Kind.REGULAR)

    def held(self):
        """Sessions that have opened (in session, adjourned or closed)."""
        return self.filter(state__in=Session.HELD_STATES)


class Session(StateMachine, DatedModel, CouncilScopedModel):
    """Kỳ họp: regular (thường lệ), thematic (chuyên đề) or extra (bất thường)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Thường lệ")
        THEMATIC = "thematic", _("Chuyên đề")
        EXTRA = "extra", _("Bất thường")

    class State(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        PREPARING = "preparing", _("Đang chuẩn bị")
        IN_SESSION = "in_session", _("Đang họp")
        # The quorum was lost and the chair recorded the adjournment (tạm dừng): no vote is
        # taken until the session resumes with the quorum.
        ADJOURNED = "adjourned", _("Tạm dừng")
        CLOSED = "closed", _("Đã bế mạc")

    HELD_STATES = (State.IN_SESSION, State.ADJOURNED, State.CLOSED)

    # action -> (states it may start from, state it leads to); the commands in services.py,
    # which also check the calendar (not before the opening day) and the quorum.
    TRANSITIONS = {
        "prepare": ((State.PLANNED,), State.PREPARING),
        "open": ((State.PLANNED, State.PREPARING), State.IN_SESSION),
        "adjourn": ((State.IN_SESSION,), State.ADJOURNED),
        "resume": ((State.ADJOURNED,), State.IN_SESSION),
        "close": ((State.IN_SESSION, State.ADJOURNED), State.CLOSED),
    }
    TRANSITION_ERRORS = {
        "prepare": _("Chỉ chuyển sang chuẩn bị một kỳ họp đang ở trạng thái dự kiến."),
        "open": _("Kỳ họp này đã khai mạc hoặc đã bế mạc."),
        "adjourn": _("Chỉ tạm dừng kỳ họp đang họp."),
        "resume": _("Chỉ họp lại kỳ họp đang tạm dừng."),
        "close": _("Chỉ bế mạc kỳ họp đang họp hoặc đang tạm dừng."),
    }

    term = models.ForeignKey(
        "councils.Term",
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("nhiệm kỳ"),
    )
    number = models.PositiveSmallIntegerField(
        _("kỳ họp thứ"),
        validators=[
            MinValueValidator(1, _("Số kỳ họp phải từ 1 trở lên.")),
            MaxValueValidator(SESSION_NUMBER_MAX, _("Số kỳ họp không được lớn hơn 99.")),
        ],
    )
    kind = models.CharField(
        _("loại kỳ họp"), max_length=20, choices=Kind.choices, default=Kind.REGULAR
    )
    title = models.CharField(
        _("nội dung chính"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Kỳ họp thường lệ cuối năm 2026"),
    )
    start_date = models.DateField(_("ngày khai mạc"))
    start_time = TimeOfDayField(
        _("giờ khai mạc"),
        null=True,
        blank=True,
        help_text=_("Giờ:phút, ví dụ 07:30. Lịch trên điện thoại hiện giờ này."),
    )
    end_date = models.DateField(_("ngày bế mạc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=State.choices, default=State.PLANNED
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = history()

    objects = SessionQuerySet.as_manager()
    search_fields = ("title", "place", "note")

    class Meta(DatedModel.Meta):
        verbose_name = _("kỳ họp")
        verbose_name_plural = _("kỳ họp")
        ordering = ["-start_date", "-number"]
        constraints = [
            *DatedModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["term", "number"],
                name="session_unique_number_in_term",
                violation_error_message=_("Số kỳ họp này đã có trong nhiệm kỳ."),
            ),
        ]
        indexes = [models.Index(fields=["council", "kind", "start_date"])]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """ "Kỳ họp thứ năm" (with "chuyên đề" / "bất thường" for the other kinds)."""
        label = f"Kỳ họp thứ {ordinal_words(self.number)}" if self.number else "Kỳ họp"
        if self.kind == self.Kind.THEMATIC:
            label += " (chuyên đề)"
        elif self.kind == self.Kind.EXTRA:
            label += " (bất thường)"
        return label

    def get_absolute_url(self) -> str:
        return reverse("meetings-session-detail", args=[self.pk])


def regular_session_window(council, on: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The stretch between two regular sessions that holds ``on``: (after the last regular
    session that opened on or before ``on``, the next one's opening) — either end ``None``
    when there is no such session. The Standing Committee's supervision count (target 1.4)
    and its meetings are counted over this window, from the real session dates."""
    sessions = Session.objects.filter(council=council, kind=Session.Kind.REGULAR)
    last = sessions.filter(start_date__lte=on).order_by("-start_date").first()
    nxt = sessions.filter(start_date__gt=on).order_by("start_date").first()
    start = (last.end_date or last.start_date) if last else None
    return start, (nxt.start_date if nxt else None)


class StandingMeetingQuerySet(SearchQuerySet):
    def between(self, start: dt.date | None, end: dt.date | None):
        qs = self
        if start:
            qs = qs.filter(held_on__gte=start)
        if end:
            qs = qs.filter(held_on__lt=end)
        return qs


class StandingMeeting(CouncilScopedModel):
    """Phiên họp Thường trực HĐND: regular, the six-monthly thematic briefing with the Bans
    (giao ban chuyên đề, target 1.7), or the quarterly report to the Party standing board."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Phiên họp thường kỳ")
        BRIEFING = "briefing", _("Giao ban chuyên đề với các Ban")
        PARTY_REPORT = "party_report", _("Báo cáo quý với Thường trực Đảng ủy")
        OTHER = "other", _("Phiên họp khác")

    term = models.ForeignKey(
        "councils.Term",
        on_delete=models.PROTECT,
        related_name="standing_meetings",
        verbose_name=_("nhiệm kỳ"),
    )
    kind = models.CharField(
        _("loại phiên họp"), max_length=20, choices=Kind.choices, default=Kind.REGULAR
    )
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    topic = models.CharField(_("nội dung"), max_length=255)
    chair = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chủ trì"),
    )
    minutes = models.TextField(_("biên bản, kết luận"), blank=True)
    history = history()

    objects = StandingMeetingQuerySet.as_manager()
    search_fields = ("topic", "place", "minutes")

    class Meta:
        verbose_name = _("phiên họp Thường trực")
        verbose_name_plural = _("phiên họp Thường trực")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["council", "kind", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(topic=""),
                name="standing_meeting_topic_required",
                violation_error_message=_("Hãy nhập nội dung phiên họp."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ngày {self.held_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings-standingmeeting-detail", args=[self.pk])


class CongressGoal(CouncilScopedModel):
    """A goal (mục tiêu) or target (chỉ tiêu) of the commune's Party Congress resolution
    (2025-2030). Resolutions link to the goals they make concrete (target 1.2)."""

    class Kind(models.TextChoices):
        GOAL = "goal", _("Mục tiêu")
        TARGET = "target", _("Chỉ tiêu")

    congress = models.CharField(
        _("nghị quyết Đại hội"),
        max_length=200,
        default="Nghị quyết Đại hội Đảng bộ xã nhiệm kỳ 2025-2030",
    )
    code = models.CharField(_("số hiệu"), max_length=20, help_text=_("Ví dụ: 1, 2.3"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.TARGET)
    field = models.CharField(_("lĩnh vực"), max_length=120, blank=True)
    text = models.TextField(_("nội dung"))
    target_value = models.CharField(
        _("giá trị chỉ tiêu"), max_length=120, blank=True, help_text=_("Ví dụ: ≥ 95%")
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    history = history()

    search_fields = ("code", "field", "text")

    class Meta:
        verbose_name = _("mục tiêu, chỉ tiêu Đại hội")
        verbose_name_plural = _("mục tiêu, chỉ tiêu Đại hội")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "congress", "code"],
                name="congress_goal_unique_code",
                violation_error_message=_("Số hiệu này đã có trong nghị quyết Đại hội."),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="congress_goal_text_required",
                violation_error_message=_("Hãy nhập nội dung mục tiêu, chỉ tiêu."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.code}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("meetings-congressgoal-detail", args=[self.pk])

"""Group discussion at a session (thảo luận tổ) and the Fatherland Front's social criticism
(phản biện xã hội) of draft resolutions.

A session's delegates discuss the drafts in groups (tổ thảo luận): each group has its members
(delegates in office on the day it meets), a chair (tổ trưởng) and a secretary (thư ký) among
them; the opinions raised are recorded one by one with how each was taken up — into a
resolution, explained at the sitting, sent to the UBND for an answer, or not taken.

The Front's criticism (văn bản phản biện xã hội của Ủy ban MTTQ xã) is recorded against a draft
resolution; a draft marked "Cần phản biện xã hội" cannot have its vote closed until it is
recorded (``meetings.discussion.selectors.criticism_check``, called by ``vote_close``).
The members' rules (in office, one group per session, chair and secretary among the members)
need the many-to-many values, so the command checks them
(``meetings.discussion.services.discussiongroup_save``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.models import CouncilScopedModel, history

__all__ = ["DiscussionGroup", "DiscussionOpinion", "SocialCriticism"]


def _same_council(obj, **related) -> None:
    for name, other in related.items():
        if other is not None and obj.council_id and other.council_id != obj.council_id:
            raise ValidationError({name: _("Bản ghi được chọn không thuộc HĐND này.")})


class DiscussionGroup(CouncilScopedModel):
    """Tổ thảo luận of one session: name, day, place, members, chair and secretary."""

    session = models.ForeignKey(
        "meetings.Session",
        on_delete=models.PROTECT,
        related_name="discussion_groups",
        verbose_name=_("kỳ họp"),
    )
    name = models.CharField(_("tên tổ"), max_length=120, help_text=_("Ví dụ: Tổ thảo luận số 1"))
    held_on = models.DateField(_("ngày thảo luận"))
    time_label = models.CharField(
        _("thời gian"), max_length=60, blank=True, help_text=_("Ví dụ: 14h00 - 16h30")
    )
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    members = models.ManyToManyField(
        "councils.Delegate",
        related_name="discussion_groups",
        verbose_name=_("thành viên"),
        help_text=_("Đại biểu đương nhiệm vào ngày thảo luận; mỗi đại biểu một tổ trong kỳ họp."),
    )
    chair = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tổ trưởng (điều hành)"),
    )
    secretary = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thư ký"),
    )
    topics = models.TextField(
        _("nội dung thảo luận"),
        blank=True,
        help_text=_("Các dự thảo, báo cáo đưa ra thảo luận tại tổ."),
    )
    summary = models.TextField(_("tổng hợp ý kiến của tổ"), blank=True)
    history = history()

    search_fields = ("name", "place", "topics", "summary")

    class Meta:
        verbose_name = _("tổ thảo luận")
        verbose_name_plural = _("thảo luận tổ")
        ordering = ["session", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "name"],
                name="discussion_group_unique_name",
                violation_error_message=_("Kỳ họp này đã có tổ thảo luận cùng tên."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="discussion_group_name_required",
                violation_error_message=_("Hãy nhập tên tổ."),
            ),
        ]

    def __str__(self):
        return f"{self.name} — {self.session}" if self.session_id else self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings-discussiongroup-detail", args=[self.pk])

    def clean(self):
        _same_council(
            self,
            session=self.session if self.session_id else None,
            chair=self.chair if self.chair_id else None,
            secretary=self.secretary if self.secretary_id else None,
        )
        if self.chair_id and self.chair_id == self.secretary_id:
            raise ValidationError({"secretary": _("Thư ký phải là người khác tổ trưởng.")})
        if self.session_id and self.held_on:
            session = self.session
            end = session.end_date or session.start_date
            if self.held_on < session.start_date or self.held_on > end:
                days = (
                    f"{session.start_date:%d/%m/%Y}"
                    if end == session.start_date
                    else f"từ {session.start_date:%d/%m/%Y} đến {end:%d/%m/%Y}"
                )
                raise ValidationError(
                    {"held_on": f"Ngày thảo luận tổ phải trong thời gian kỳ họp ({days})."}
                )


class DiscussionOpinion(CouncilScopedModel):
    """One opinion raised in a group: who spoke, on which agenda item or draft, what, and how
    it was taken up (with the answer)."""

    class Uptake(models.TextChoices):
        PENDING = "pending", _("Chưa xử lý")
        RESOLUTION = "resolution", _("Tiếp thu vào nghị quyết")
        EXPLAINED = "explained", _("Giải trình tại phiên họp")
        FORWARDED = "forwarded", _("Chuyển UBND trả lời")
        NOT_TAKEN = "not_taken", _("Không tiếp thu")

    group = models.ForeignKey(
        DiscussionGroup,
        on_delete=models.PROTECT,
        related_name="opinions",
        verbose_name=_("tổ thảo luận"),
    )
    speaker = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discussion_opinions",
        verbose_name=_("đại biểu phát biểu"),
    )
    speaker_text = models.CharField(
        _("người phát biểu khác"),
        max_length=200,
        blank=True,
        help_text=_("Khách mời không phải đại biểu, ví dụ: đại diện UBND xã."),
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discussion_opinions",
        verbose_name=_("nội dung chương trình"),
    )
    draft = models.ForeignKey(
        "meetings.SessionDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discussion_opinions",
        verbose_name=_("dự thảo được góp ý"),
    )
    content = models.TextField(_("nội dung ý kiến"))
    uptake = models.CharField(
        _("xử lý ý kiến"), max_length=20, choices=Uptake.choices, default=Uptake.PENDING
    )
    resolution = models.ForeignKey(
        "meetings.Resolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discussion_opinions",
        verbose_name=_("tiếp thu vào nghị quyết"),
    )
    agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan trả lời"),
    )
    answer = models.TextField(
        _("nội dung tiếp thu, giải trình, trả lời"),
        blank=True,
        help_text=_("Bắt buộc khi giải trình hoặc không tiếp thu (nêu lý do)."),
    )
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    history = history()

    search_fields = ("speaker_text", "content", "answer")

    class Meta:
        verbose_name = _("ý kiến thảo luận tổ")
        verbose_name_plural = _("ý kiến thảo luận tổ")
        ordering = ["group", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(content=""),
                name="discussion_opinion_content_required",
                violation_error_message=_("Hãy nhập nội dung ý kiến."),
            )
        ]

    def __str__(self):
        return f"Ý kiến của {self.speaker_label}: {self.content[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("meetings-discussionopinion-detail", args=[self.pk])

    @property
    def speaker_label(self) -> str:
        if self.speaker_id:
            return self.speaker.full_name
        return self.speaker_text

    @property
    def uptake_label(self) -> str:
        label = self.get_uptake_display()
        if self.uptake == self.Uptake.RESOLUTION and self.resolution_id:
            return f"{label}: {self.resolution}"
        if self.uptake == self.Uptake.FORWARDED and self.agency_id:
            return f"{label}: {self.agency}"
        return label

    def clean(self):
        errors: dict[str, str] = {}
        _same_council(
            self,
            group=self.group if self.group_id else None,
            speaker=self.speaker if self.speaker_id else None,
            agency=self.agency if self.agency_id else None,
        )
        if not self.speaker_id and not self.speaker_text.strip():
            errors["speaker"] = _("Hãy chọn đại biểu phát biểu hoặc ghi tên người phát biểu khác.")
        if self.group_id:
            session_id = self.group.session_id
            if self.speaker_id and not self.group.members.filter(pk=self.speaker_id).exists():
                errors["speaker"] = (
                    f"Đại biểu {self.speaker.full_name} không phải thành viên của "
                    f"{self.group.name}."
                )
            if self.agenda_item_id and self.agenda_item.session_id != session_id:
                errors["agenda_item"] = _(
                    "Nội dung chương trình không thuộc kỳ họp của tổ thảo luận."
                )
            if self.draft_id and self.draft.session_id != session_id:
                errors["draft"] = _("Dự thảo không thuộc kỳ họp của tổ thảo luận.")
            if self.resolution_id and self.resolution.session_id != session_id:
                errors["resolution"] = _("Nghị quyết không thuộc kỳ họp của tổ thảo luận.")
        if self.draft_id and self.draft.kind != "draft_resolution" and "draft" not in errors:
            errors["draft"] = _("Tài liệu được chọn không phải dự thảo nghị quyết.")
        uptake = self.Uptake
        if self.uptake == uptake.RESOLUTION and not self.resolution_id:
            errors["resolution"] = _("Hãy chọn nghị quyết đã tiếp thu ý kiến.")
        if self.uptake == uptake.FORWARDED and not self.agency_id:
            errors["agency"] = _("Hãy chọn cơ quan được chuyển ý kiến để trả lời.")
        if self.uptake == uptake.EXPLAINED and not self.answer.strip():
            errors["answer"] = _("Hãy nhập nội dung giải trình tại phiên họp.")
        if self.uptake == uptake.NOT_TAKEN and not self.answer.strip():
            errors["answer"] = _("Hãy nêu lý do không tiếp thu ý kiến.")
        if self.answered_on and self.group_id and self.answered_on < self.group.held_on:
            errors["answered_on"] = _("Ngày trả lời không được trước ngày thảo luận tổ.")
        if errors:
            raise ValidationError(errors)


class SocialCriticism(CouncilScopedModel):
    """Văn bản phản biện xã hội of the Fatherland Front on a draft resolution, its reception
    and how the drafting body took it up (tiếp thu, giải trình)."""

    class Uptake(models.TextChoices):
        PENDING = "pending", _("Chờ cơ quan soạn thảo tiếp thu, giải trình")
        FULL = "full", _("Tiếp thu toàn bộ")
        PARTIAL = "partial", _("Tiếp thu một phần, giải trình phần còn lại")
        EXPLAINED = "explained", _("Giải trình, không tiếp thu")

    draft = models.ForeignKey(
        "meetings.SessionDocument",
        on_delete=models.PROTECT,
        related_name="criticisms",
        verbose_name=_("dự thảo nghị quyết được phản biện"),
    )
    front = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan phản biện"),
        help_text=_("Ủy ban MTTQ Việt Nam xã (hoặc tổ chức chính trị - xã hội được giao)."),
    )
    reference = models.CharField(_("số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 15/BC-MTTQ"))
    dated_on = models.DateField(_("ngày văn bản phản biện"))
    received_on = models.DateField(_("ngày nhận"))
    opinions = models.TextField(_("nội dung phản biện"))
    file = models.ForeignKey(
        "meetings.SessionDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tệp văn bản (tài liệu kỳ họp)"),
        help_text=_("Tài liệu kỳ họp loại “Văn bản phản biện xã hội của MTTQ”, nếu đã tải lên."),
    )
    uptake = models.CharField(
        _("kết quả tiếp thu"), max_length=20, choices=Uptake.choices, default=Uptake.PENDING
    )
    explanation = models.TextField(
        _("báo cáo tiếp thu, giải trình của cơ quan soạn thảo"), blank=True
    )
    explanation_reference = models.CharField(
        _("số văn bản tiếp thu, giải trình"), max_length=60, blank=True
    )
    explained_on = models.DateField(_("ngày tiếp thu, giải trình"), null=True, blank=True)
    history = history()

    search_fields = ("reference", "opinions", "explanation", "explanation_reference")

    class Meta:
        verbose_name = _("phản biện xã hội")
        verbose_name_plural = _("phản biện xã hội")
        ordering = ["-dated_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "reference"],
                name="social_criticism_unique_reference",
                violation_error_message=_("Dự thảo này đã có văn bản phản biện cùng số, ký hiệu."),
            ),
            models.CheckConstraint(
                condition=~Q(opinions=""),
                name="social_criticism_opinions_required",
                violation_error_message=_("Hãy nhập nội dung phản biện."),
            ),
        ]

    def __str__(self):
        return f"Phản biện xã hội số {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("meetings-socialcriticism-detail", args=[self.pk])

    @property
    def is_explained(self) -> bool:
        return self.uptake != self.Uptake.PENDING

    @property
    def state_label(self) -> str:
        if not self.is_explained:
            return "Đã nhận, chờ tiếp thu, giải trình"
        return self.get_uptake_display()

    def clean(self):
        errors: dict[str, str] = {}
        _same_council(
            self,
            draft=self.draft if self.draft_id else None,
            front=self.front if self.front_id else None,
        )
        if self.draft_id:
            if self.draft.kind != "draft_resolution":
                errors["draft"] = _("Chỉ phản biện xã hội tài liệu loại dự thảo nghị quyết.")
            elif self.dated_on:
                closed = (
                    self.draft.resolutions.filter(voted_on__isnull=False)
                    .order_by("voted_on")
                    .values_list("voted_on", flat=True)
                    .first()
                )
                if closed and self.dated_on > closed:
                    errors["dated_on"] = (
                        "Văn bản phản biện phải có trước khi biểu quyết: nghị quyết từ dự thảo "
                        f"này đã kết thúc biểu quyết ngày {closed:%d/%m/%Y}."
                    )
        if self.file_id:
            if self.file.kind != "social_criticism":
                errors["file"] = _(
                    "Tệp văn bản phải là tài liệu kỳ họp loại văn bản phản biện xã hội của MTTQ."
                )
            elif self.draft_id and self.file.session_id != self.draft.session_id:
                errors["file"] = _("Tệp văn bản không thuộc kỳ họp của dự thảo.")
        if self.dated_on and self.received_on and self.received_on < self.dated_on:
            errors["received_on"] = _("Ngày nhận không được trước ngày văn bản phản biện.")
        if self.uptake != self.Uptake.PENDING and not self.explanation.strip():
            errors["explanation"] = _(
                "Hãy nhập nội dung tiếp thu, giải trình của cơ quan soạn thảo."
            )
        if self.explained_on and self.received_on and self.explained_on < self.received_on:
            errors["explained_on"] = _("Ngày tiếp thu, giải trình không được trước ngày nhận.")
        if errors:
            raise ValidationError(errors)

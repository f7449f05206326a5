"""Voter contact (tiếp xúc cử tri) and voters' petitions (ý kiến, kiến nghị cử tri).

A :class:`VoterMeeting` is held by a delegate group (or, for a thematic one, the Standing
Committee, target 1.6) before or after a session; voters raise :class:`VoterPetition` s
there. Staff merge the same petition raised at several meetings into one
:class:`SynthesizedPetition`, which keeps every raw petition (hence every meeting and voter
count behind it), is forwarded to the answering body through the follow-up engine and
carries the answer, its state and whether voters accepted it. Nothing a report counted is
deleted: records change state.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.access import AGENCY, DELEGATE
from hdnd_portal.core.collation import VI_COLLATION
from hdnd_portal.core.models import CouncilScopedModel, SearchQuerySet, TimeOfDayField, history
from hdnd_portal.core.states import StateMachine
from hdnd_portal.core.text import fold

__all__ = ["PetitionField", "SynthesizedPetition", "VoterMeeting", "VoterPetition"]


class PetitionField(CouncilScopedModel):
    """Lĩnh vực: land, environment, infrastructure, social policy… (a list staff edit)."""

    name = models.CharField(_("tên lĩnh vực"), max_length=120, db_collation=VI_COLLATION)
    report_group = models.CharField(
        _("nhóm trong báo cáo"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ: Kinh tế - Ngân sách; Văn hóa - Xã hội (để trống: theo tên lĩnh vực)."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)
    history = history()
    search_fields = ("name", "report_group")

    class Meta:
        verbose_name = _("lĩnh vực kiến nghị")
        verbose_name_plural = _("lĩnh vực kiến nghị")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"],
                name="voters_field_unique_name",
                violation_error_message=_("Lĩnh vực này đã có."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("voters-petitionfield-detail", args=[self.pk])


class VoterMeetingQuerySet(SearchQuerySet):
    pass


class VoterMeeting(CouncilScopedModel):
    """Một cuộc tiếp xúc cử tri."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Trước kỳ họp")
        AFTER = "after", _("Sau kỳ họp")
        THEMATIC = "thematic", _("Chuyên đề")
        YEARLY = "yearly", _("Đại biểu báo cáo hằng năm với cử tri")

    class Organiser(models.TextChoices):
        # The Front's standing board chairs the voter meetings and the HĐND's Standing
        # Committee coordinates (Law on the Organisation of Local Government, art. 95; the
        # joint resolution on voter contact); a thematic meeting may be the Standing Committee's.
        FRONT = "front", _("Ủy ban MTTQ xã chủ trì, phối hợp với Thường trực HĐND")
        STANDING = "standing", _("Thường trực HĐND chủ trì, Ủy ban MTTQ xã phối hợp")

    kind = models.CharField(_("hình thức"), max_length=20, choices=Kind.choices)
    session = models.ForeignKey(
        "meetings.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voter_meetings",
        verbose_name=_("kỳ họp"),
        help_text=_("Bắt buộc với tiếp xúc trước và sau kỳ họp."),
    )
    holder = models.ForeignKey(
        "councils.Committee",
        on_delete=models.PROTECT,
        related_name="voter_meetings",
        verbose_name=_("tổ chức tiếp xúc"),
        help_text=_("Tổ đại biểu; với tiếp xúc chuyên đề: Thường trực HĐND."),
    )
    delegates = models.ManyToManyField(
        "councils.Delegate",
        blank=True,
        related_name="voter_meetings",
        verbose_name=_("đại biểu tham dự"),
    )
    place = models.CharField(_("địa điểm (thôn, tổ dân phố)"), max_length=200)
    held_on = models.DateField(_("ngày tiếp xúc"))
    start_time = TimeOfDayField(_("giờ bắt đầu"), null=True, blank=True)
    voter_count = models.PositiveIntegerField(
        _("số cử tri tham dự"),
        default=0,
        validators=[MinValueValidator(0, _("Số cử tri không được âm."))],
    )
    speaker_count = models.PositiveIntegerField(_("số lượt cử tri phát biểu"), default=0)
    minutes = models.TextField(_("biên bản, ghi chú"), blank=True)
    organiser = models.CharField(
        _("chủ trì tổ chức"),
        max_length=20,
        choices=Organiser.choices,
        blank=True,
        help_text=_("Ủy ban MTTQ xã chủ trì, phối hợp với Thường trực HĐND tổ chức tiếp xúc."),
    )
    front_chair = models.CharField(
        _("đại diện Ủy ban MTTQ chủ trì hội nghị"),
        max_length=200,
        blank=True,
        help_text=_("Họ tên, chức vụ người đại diện Ủy ban MTTQ điều hành hội nghị."),
    )
    notice_reference = models.CharField(
        _("giấy mời, thông báo"),
        max_length=200,
        blank=True,
        help_text=_("Số, ngày giấy mời hoặc thông báo của Ủy ban MTTQ về cuộc tiếp xúc."),
    )
    # Generated in the browser; a form sent twice (offline resend) creates one meeting.
    client_uuid = models.UUIDField(_("mã biểu mẫu"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi"),
        editable=False,
    )
    history = history()
    objects = VoterMeetingQuerySet.as_manager()
    search_fields = ("place", "minutes", "front_chair", "notice_reference")

    class Meta:
        verbose_name = _("cuộc tiếp xúc cử tri")
        verbose_name_plural = _("cuộc tiếp xúc cử tri")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client_uuid"],
                name="voters_meeting_unique_client_uuid",
                violation_error_message=_("Biểu mẫu này đã được gửi."),
            )
        ]
        # The list's filter and order (and the year counts of target 1.6, a range on held_on).
        indexes = [
            models.Index(fields=["council", "-held_on", "-id"], name="voters_meeting_list_idx")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.place} ({self.held_on:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            # The petitions' copy of the day (their list's sort key) follows a corrected date.
            self.petitions.exclude(meeting_held_on=self.held_on).update(
                meeting_held_on=self.held_on
            )

    def get_absolute_url(self):
        return reverse("voters-votermeeting-detail", args=[self.pk])

    def clean(self):
        from councils.models import Committee

        errors = {}
        if self.kind in (self.Kind.BEFORE, self.Kind.AFTER) and not self.session_id:
            errors["session"] = _("Tiếp xúc trước hoặc sau kỳ họp cần chọn kỳ họp.")
        holder = self.holder if self.holder_id else None
        if holder is not None:
            if self.council_id and holder.term.council_id != self.council_id:
                errors["holder"] = _("Tổ chức tiếp xúc thuộc HĐND khác.")
            elif self.kind == self.Kind.THEMATIC and holder.kind != Committee.Kind.STANDING:
                errors["holder"] = _("Tiếp xúc chuyên đề do Thường trực HĐND tổ chức.")
            elif self.kind != self.Kind.THEMATIC and holder.kind == Committee.Kind.BAN:
                errors["holder"] = _("Chọn tổ đại biểu tổ chức tiếp xúc.")
        if self.session_id and self.council_id and self.session.council_id != self.council_id:
            errors["session"] = _("Kỳ họp thuộc HĐND khác.")
        if self.organiser == self.Organiser.FRONT and not (self.front_chair or "").strip():
            errors["front_chair"] = _(
                "Cuộc tiếp xúc do Ủy ban MTTQ xã chủ trì: ghi người đại diện Ủy ban MTTQ "
                "chủ trì hội nghị."
            )
        if errors:
            raise ValidationError(errors)

    def check_access(self, access, action, allowed):
        # A delegate edits only the meetings they recorded.
        if access.role == DELEGATE and action == "change":
            return allowed and self.created_by_id == access.user_id
        return allowed


class VoterPetition(CouncilScopedModel):
    """Một ý kiến, kiến nghị cử tri nêu tại một cuộc tiếp xúc."""

    meeting = models.ForeignKey(
        VoterMeeting,
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name=_("cuộc tiếp xúc"),
    )
    content = models.TextField(_("nội dung ý kiến, kiến nghị"))
    field = models.ForeignKey(
        PetitionField, on_delete=models.PROTECT, related_name="+", verbose_name=_("lĩnh vực")
    )
    place = models.CharField(_("địa bàn liên quan"), max_length=200, blank=True)
    raised_by = models.CharField(
        _("cử tri nêu ý kiến"),
        max_length=200,
        blank=True,
        help_text=_("Không bắt buộc: cử tri có thể không nêu tên. Không bao giờ công khai."),
    )
    voter_count = models.PositiveIntegerField(_("số cử tri cùng kiến nghị"), default=1)
    answered_on_spot = models.BooleanField(_("đã trả lời tại hội nghị"), default=False)
    synthesized = models.ForeignKey(
        "voters.SynthesizedPetition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("kiến nghị tổng hợp"),
    )
    # The meeting's day, copied (save() here and VoterMeeting.save()): the list is ordered by it,
    # and one index on (council, day, id) serves its pages without joining every meeting.
    meeting_held_on = models.DateField(_("ngày tiếp xúc"), editable=False)
    client_uuid = models.UUIDField(_("mã biểu mẫu"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi"),
        editable=False,
    )
    history = history(excluded_fields=["meeting_held_on"])
    # Never the voter's name: the search box and its folded copy hold only the petition.
    search_fields = ("content", "place")

    class Meta:
        verbose_name = _("ý kiến, kiến nghị cử tri")
        verbose_name_plural = _("ý kiến, kiến nghị cử tri")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client_uuid"],
                name="voters_petition_unique_client_uuid",
                violation_error_message=_("Biểu mẫu này đã được gửi."),
            )
        ]
        indexes = [
            # The list (selectors.petition_list): newest meeting first, then newest petition.
            models.Index(
                fields=["council", "-meeting_held_on", "-id"], name="voters_petition_list_idx"
            ),
            # The merge page's candidates: the petitions not merged yet, in the same order.
            models.Index(
                fields=["council", "-meeting_held_on", "-id"],
                name="voters_petition_unmerged_idx",
                condition=models.Q(synthesized__isnull=True),
            ),
        ]

    def __str__(self):
        text = " ".join(self.content.split())
        return text if len(text) <= 80 else text[:79] + "…"

    def get_absolute_url(self):
        return reverse("voters-voterpetition-detail", args=[self.pk])

    def save(self, *args, **kwargs):
        if self.meeting_id is not None:
            self.meeting_held_on = self.meeting.held_on
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "meeting_held_on"}
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.meeting_id and self.council_id and self.meeting.council_id != self.council_id:
            errors["meeting"] = _("Cuộc tiếp xúc thuộc HĐND khác.")
        if self.field_id and self.council_id and self.field.council_id != self.council_id:
            errors["field"] = _("Lĩnh vực thuộc HĐND khác.")
        if errors:
            raise ValidationError(errors)

    def check_access(self, access, action, allowed):
        if access.role == DELEGATE and action == "change":
            return allowed and self.created_by_id == access.user_id and not self.synthesized_id
        return allowed


class SynthesizedPetitionQuerySet(SearchQuerySet):
    def visible_to(self, access):
        qs = super().visible_to(access)
        if access is not None and access.role == AGENCY:
            # An answering body sees only what was forwarded to it.
            return qs.filter(agency_id=access.agency_id)
        return qs

    def with_counts(self):
        """Each row's voters, raw petitions and meetings, as correlated subqueries: computed
        for the rows read (a page, one record) only, never grouped over the council's
        petitions; the paginator's ``COUNT`` leaves them out."""
        petitions = (
            VoterPetition.objects.filter(synthesized=models.OuterRef("pk"))
            .order_by()
            .values("synthesized")
        )

        def per_row(aggregate, zero):
            value = models.Subquery(petitions.annotate(v=aggregate).values("v")[:1])
            return value if zero is None else Coalesce(value, zero)

        return self.annotate(
            total_voters=per_row(models.Sum("voter_count"), None),
            raw_count=per_row(models.Count("id"), 0),
            meeting_count=per_row(models.Count("meeting", distinct=True), 0),
        )


class SynthesizedPetition(StateMachine, CouncilScopedModel):
    """Kiến nghị tổng hợp: one issue, every meeting that raised it, its answer."""

    class State(models.TextChoices):
        NEW = "new", _("Chưa chuyển")
        FORWARDED = "forwarded", _("Đã chuyển, chờ trả lời")
        ANSWERED = "answered", _("Đã trả lời")
        IN_PROGRESS = "in_progress", _("Đang giải quyết")
        RESOLVED = "resolved", _("Đã giải quyết")
        NOT_ACCEPTED = "not_accepted", _("Không tiếp thu (có lý do)")

    class Competence(models.TextChoices):
        COMMUNE = "commune", _("Thuộc thẩm quyền cấp xã")
        CITY = "city", _("Vượt thẩm quyền cấp xã: chuyển cấp thành phố")

    class VoterAcceptance(models.TextChoices):
        UNKNOWN = "unknown", _("Chưa có ý kiến")
        ACCEPTED = "accepted", _("Cử tri đồng tình")
        NOT_ACCEPTED = "not_accepted", _("Cử tri chưa đồng tình")

    ANSWERED_STATES = (State.ANSWERED, State.IN_PROGRESS, State.RESOLVED, State.NOT_ACCEPTED)
    # action -> (states it may start from, state it leads to); "answer" takes the state the
    # answer reports (one of ANSWERED_STATES), given by the command.
    TRANSITIONS = {
        "assign": ((State.NEW,), State.FORWARDED),
        "answer": (
            State.FORWARDED,
            State.ANSWERED,
            State.IN_PROGRESS,
            State.RESOLVED,
            State.NOT_ACCEPTED,
        ),
        "mirror_answer": ((State.FORWARDED,), State.ANSWERED),
    }
    TRANSITION_ERRORS = {
        "assign": _("Kiến nghị này đã được chuyển cơ quan trả lời."),
        "answer": _("Kiến nghị chưa được chuyển cơ quan trả lời."),
    }

    content = models.TextField(_("nội dung kiến nghị tổng hợp"))
    field = models.ForeignKey(
        PetitionField, on_delete=models.PROTECT, related_name="+", verbose_name=_("lĩnh vực")
    )
    place = models.CharField(_("địa bàn liên quan"), max_length=200, blank=True)
    session = models.ForeignKey(
        "meetings.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="synthesized_petitions",
        verbose_name=_("tổng hợp trước kỳ họp"),
    )
    competence = models.CharField(
        _("thẩm quyền giải quyết"),
        max_length=20,
        choices=Competence.choices,
        default=Competence.COMMUNE,
        db_index=True,
        help_text=_(
            "Kiến nghị cấp xã không giải quyết được thì chuyển lên HĐND, UBND thành phố hoặc "
            "sở, ngành của thành phố và theo dõi trả lời."
        ),
    )
    agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voter_petitions",
        verbose_name=_("cơ quan trả lời"),
    )
    forward_reference = models.CharField(
        _("văn bản chuyển"),
        max_length=200,
        blank=True,
        help_text=_("Số, ngày văn bản chuyển kiến nghị (nhất là khi chuyển lên cấp thành phố)."),
    )
    followup = models.ForeignKey(
        "followups.FollowUp",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("việc đôn đốc"),
        editable=False,
    )
    forwarded_on = models.DateField(_("ngày chuyển"), null=True, blank=True, editable=False)
    state = models.CharField(
        _("tình trạng"), max_length=20, choices=State.choices, default=State.NEW, db_index=True
    )
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    reason = models.TextField(
        _("lý do không tiếp thu, ghi chú kết quả"),
        blank=True,
    )
    voter_acceptance = models.CharField(
        _("ý kiến cử tri về trả lời"),
        max_length=20,
        choices=VoterAcceptance.choices,
        default=VoterAcceptance.UNKNOWN,
    )
    repeat_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repeats",
        verbose_name=_("lặp lại kiến nghị"),
        help_text=_("Kiến nghị đã nêu ở kỳ họp hoặc nhiệm kỳ trước."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tổng hợp"),
        editable=False,
    )
    history = history()
    objects = SynthesizedPetitionQuerySet.as_manager()
    search_fields = ("content", "place", "answer")

    class Meta:
        verbose_name = _("kiến nghị tổng hợp")
        verbose_name_plural = _("kiến nghị tổng hợp")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="not_accepted") | ~models.Q(reason=""),
                name="voters_not_accepted_has_reason",
                violation_error_message=_("Không tiếp thu kiến nghị phải nêu lý do."),
            )
        ]
        indexes = [
            # The KPI dashboard counts a council's petitions synthesised in a period.
            models.Index(fields=["council", "created_at"], name="synth_council_created_idx"),
            # The list (newest first) and its repeats (selectors.synth_list, repeat_list).
            models.Index(fields=["council", "-id"], name="synth_council_list_idx"),
            models.Index(
                fields=["council", "-id"],
                name="synth_council_repeats_idx",
                condition=models.Q(repeat_of__isnull=False),
            ),
            # The public page: what was forwarded, latest forwarding first.
            models.Index(
                fields=["council", "-forwarded_on", "-id"],
                name="synth_council_public_idx",
                condition=~models.Q(state="new"),
            ),
        ]

    def __str__(self):
        text = " ".join(self.content.split())
        return text if len(text) <= 80 else text[:79] + "…"

    def get_absolute_url(self):
        return reverse("voters-synthesizedpetition-detail", args=[self.pk])

    @property
    def is_repeat(self) -> bool:
        return self.repeat_of_id is not None

    @property
    def is_answered(self) -> bool:
        return self.state in self.ANSWERED_STATES

    def clean(self):
        errors = {}
        if self.state == self.State.NOT_ACCEPTED and not (self.reason or "").strip():
            errors["reason"] = _("Không tiếp thu kiến nghị phải nêu lý do.")
        if self.repeat_of_id:
            if self.pk and self.repeat_of_id == self.pk:
                errors["repeat_of"] = _("Kiến nghị không thể lặp lại chính nó.")
            elif self.council_id and self.repeat_of.council_id != self.council_id:
                errors["repeat_of"] = _("Kiến nghị được chọn thuộc HĐND khác.")
        for name in ("field", "agency", "session"):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and self.council_id and related.council_id != self.council_id:
                errors[name] = _("Bản ghi được chọn thuộc HĐND khác.")
        errors.update(self._competence_errors())
        if errors:
            raise ValidationError(errors)

    def _competence_errors(self) -> dict:
        """A petition the commune cannot settle goes up to the city and is followed there:
        it is never closed as "vượt thẩm quyền"."""
        from councils.models import Agency

        errors = {}
        upper = self.agency_id is not None and self.agency.kind == Agency.Kind.UPPER
        if self.competence == self.Competence.CITY and self.agency_id and not upper:
            errors["agency"] = _(
                "Kiến nghị vượt thẩm quyền cấp xã: chuyển đến cơ quan cấp trên (HĐND, UBND "
                "thành phố hoặc sở, ngành thành phố)."
            )
        elif self.competence == self.Competence.COMMUNE and upper:
            errors["competence"] = _(
                "Kiến nghị chuyển cơ quan cấp trên là kiến nghị vượt thẩm quyền cấp xã."
            )
        if self.state == self.State.NOT_ACCEPTED and OUT_OF_COMPETENCE in fold(self.reason):
            errors["reason"] = _(
                "Không trả lời “vượt thẩm quyền”: kiến nghị cấp xã không giải quyết được thì "
                "chuyển lên cơ quan cấp thành phố và theo dõi trả lời."
            )
        return errors


# The old answer to a petition the commune could not settle, folded (without diacritics).
OUT_OF_COMPETENCE = "vuot tham quyen"


def new_client_uuid() -> str:
    return str(uuid.uuid4())

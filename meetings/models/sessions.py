"""What happens at and around a session: attendance, agenda, documents, examinations,
questions and commitments, resolutions with their per-delegate votes and publications.

Every count a report uses is computed (quorum, tally, passed), never typed: the services in
``meetings/services.py`` freeze what a closed vote counted in :class:`Resolution` itself.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hdnd_portal.core.access import COMMITTEE, DELEGATE
from hdnd_portal.core.models import CouncilScopedModel, SearchQuerySet, history

__all__ = [
    "Attendance",
    "AgendaItem",
    "SessionDocument",
    "DocumentVersion",
    "Examination",
    "Question",
    "Commitment",
    "Resolution",
    "Vote",
    "Publication",
]


def _same_council(obj, **related) -> None:
    for name, other in related.items():
        if other is not None and obj.council_id and other.council_id != obj.council_id:
            raise ValidationError({name: _("Bản ghi được chọn không thuộc HĐND này.")})


class Attendance(CouncilScopedModel):
    """One delegate's presence at one session (unique per session and delegate)."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Có mặt")
        LATE = "late", _("Đến muộn")
        ABSENT_LEAVE = "absent_leave", _("Vắng có phép")
        ABSENT = "absent", _("Vắng không phép")

    PRESENT_STATUSES = (Status.PRESENT, Status.LATE)

    session = models.ForeignKey(
        "meetings.Session",
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("kỳ họp"),
    )
    delegate = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        related_name="session_attendances",
        verbose_name=_("đại biểu"),
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=Status.choices, default=Status.PRESENT
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    history = history()

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        ordering = ["session", "delegate__sort_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "delegate"],
                name="attendance_unique_delegate",
                violation_error_message=_("Đại biểu này đã được điểm danh ở kỳ họp này."),
            )
        ]

    def __str__(self):
        return f"{self.delegate} — {self.get_status_display()}"

    @property
    def is_present(self) -> bool:
        return self.status in self.PRESENT_STATUSES


class AgendaItem(CouncilScopedModel):
    """One item of a session's programme, ordered by its number."""

    session = models.ForeignKey(
        "meetings.Session",
        on_delete=models.PROTECT,
        related_name="agenda_items",
        verbose_name=_("kỳ họp"),
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"), default=1)
    title = models.CharField(_("nội dung"), max_length=255)
    presenter = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đại biểu trình bày"),
    )
    presenter_text = models.CharField(
        _("cơ quan/người trình bày khác"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Ủy ban nhân dân xã"),
    )
    time_label = models.CharField(
        _("thời gian"), max_length=60, blank=True, help_text=_("Ví dụ: 8h00 - 8h15")
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    history = history()

    search_fields = ("title", "presenter_text")

    class Meta:
        verbose_name = _("nội dung chương trình")
        verbose_name_plural = _("chương trình kỳ họp")
        ordering = ["session", "number", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""),
                name="agenda_item_title_required",
                violation_error_message=_("Hãy nhập nội dung."),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("meetings-agendaitem-detail", args=[self.pk])

    @property
    def presenter_label(self) -> str:
        if self.presenter_id:
            return self.presenter.full_name
        return self.presenter_text

    def clean(self):
        _same_council(self, presenter=self.presenter if self.presenter_id else None)
        if self.presenter_id and self.session_id and self.presenter.term_id != self.session.term_id:
            raise ValidationError({"presenter": _("Đại biểu không thuộc nhiệm kỳ của kỳ họp.")})


class SessionDocumentQuerySet(SearchQuerySet):
    def visible_to(self, access):
        qs = super().visible_to(access)
        if access is not None and access.role == DELEGATE:
            # A delegate is entitled to the documents of the sessions of their own term.
            qs = qs.filter(session__term__delegates__id=access.delegate_id or 0)
        return qs


class SessionDocument(CouncilScopedModel):
    """A document of a session (tờ trình, báo cáo, dự thảo nghị quyết…), with its file versions."""

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Tờ trình")
        REPORT = "report", _("Báo cáo")
        DRAFT_RESOLUTION = "draft_resolution", _("Dự thảo nghị quyết")
        # The Front's criticism of a draft, uploaded as a file of the session; its record
        # (number, date, draft, opinions, uptake) is a SocialCriticism (models/discussion.py).
        SOCIAL_CRITICISM = "social_criticism", _("Văn bản phản biện xã hội của MTTQ")
        OTHER = "other", _("Tài liệu khác")

    session = models.ForeignKey(
        "meetings.Session",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("kỳ họp"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("nội dung chương trình"),
    )
    kind = models.CharField(_("loại tài liệu"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("tên tài liệu"), max_length=300)
    reference = models.CharField(
        _("số, ký hiệu"), max_length=60, blank=True, help_text=_("Ví dụ: 45/TTr-UBND")
    )
    dated_on = models.DateField(
        _("ngày văn bản"),
        null=True,
        blank=True,
        help_text=_("Ngày ký của tờ trình, báo cáo: nghị quyết ghi “Xét Tờ trình số … ngày …”."),
    )
    sent_on = models.DateField(_("ngày gửi đại biểu"), null=True, blank=True)
    # A draft on a policy that touches many people goes to the Fatherland Front for social
    # criticism before the vote (README "Group discussion and social criticism"): its vote
    # cannot be closed until the criticism is recorded.
    criticism_required = models.BooleanField(
        _("cần phản biện xã hội của MTTQ"),
        default=False,
        help_text=_(
            "Dự thảo về cơ chế, chính sách liên quan trực tiếp đến đông đảo Nhân dân: phải có "
            "văn bản phản biện xã hội của Ủy ban MTTQ xã trước khi kết thúc biểu quyết."
        ),
    )
    history = history()

    objects = SessionDocumentQuerySet.as_manager()
    search_fields = ("title", "reference")

    class Meta:
        verbose_name = _("tài liệu kỳ họp")
        verbose_name_plural = _("tài liệu kỳ họp")
        ordering = ["session", "agenda_item__number", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""),
                name="session_document_title_required",
                violation_error_message=_("Hãy nhập tên tài liệu."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("meetings-sessiondocument-detail", args=[self.pk])

    def clean(self):
        if (
            self.agenda_item_id
            and self.session_id
            and self.agenda_item.session_id != self.session_id
        ):
            raise ValidationError(
                {"agenda_item": _("Nội dung chương trình không thuộc kỳ họp đã chọn.")}
            )
        if self.criticism_required and self.kind != self.Kind.DRAFT_RESOLUTION:
            raise ValidationError(
                {"criticism_required": _("Chỉ dự thảo nghị quyết mới cần phản biện xã hội.")}
            )


def document_version_path(instance, filename):
    doc = instance.document
    return f"meetings/{doc.council_id}/{doc.session_id}/{doc.pk}/v{instance.number}-{filename}"


class DocumentVersion(models.Model):
    """One uploaded file of a session document; a new upload is a new version, the old kept."""

    document = models.ForeignKey(
        SessionDocument,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("tài liệu"),
    )
    number = models.PositiveSmallIntegerField(_("phiên bản"))
    file = models.FileField(_("tệp"), upload_to=document_version_path, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản tài liệu")
        verbose_name_plural = _("phiên bản tài liệu")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="document_version_unique_number",
                violation_error_message=_("Phiên bản này đã có."),
            )
        ]

    def __str__(self):
        return f"{self.name} (phiên bản {self.number})"

    def get_absolute_url(self) -> str:
        return reverse("meetings-document-file", args=[self.pk])


class ExaminationQuerySet(SearchQuerySet):
    def visible_to(self, access):
        qs = super().visible_to(access)
        if access is not None and access.role == DELEGATE:
            qs = qs.filter(document__session__term__delegates__id=access.delegate_id or 0)
        return qs


class Examination(CouncilScopedModel):
    """Báo cáo thẩm tra: a Ban's examination of a draft resolution."""

    class Recommendation(models.TextChoices):
        PASS = "pass", _("Đề nghị thông qua")
        AMEND = "amend", _("Đề nghị chỉnh sửa rồi thông qua")
        REJECT = "reject", _("Đề nghị không thông qua")

    document = models.ForeignKey(
        SessionDocument,
        on_delete=models.PROTECT,
        related_name="examinations",
        verbose_name=_("dự thảo nghị quyết"),
    )
    committee = models.ForeignKey(
        "councils.Committee",
        on_delete=models.PROTECT,
        related_name="examinations",
        verbose_name=_("ban thẩm tra"),
    )
    recommendation = models.CharField(
        _("kiến nghị"), max_length=20, choices=Recommendation.choices, default=Recommendation.PASS
    )
    content = models.TextField(_("nội dung thẩm tra"))
    examined_on = models.DateField(_("ngày thẩm tra"))
    history = history()

    objects = ExaminationQuerySet.as_manager()
    search_fields = ("content",)

    class Meta:
        verbose_name = _("báo cáo thẩm tra")
        verbose_name_plural = _("báo cáo thẩm tra")
        ordering = ["-examined_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "committee"],
                name="examination_unique_committee",
                violation_error_message=_("Ban này đã có báo cáo thẩm tra dự thảo này."),
            ),
            models.CheckConstraint(
                condition=~Q(content=""),
                name="examination_content_required",
                violation_error_message=_("Hãy nhập nội dung thẩm tra."),
            ),
        ]

    def __str__(self):
        return f"Báo cáo thẩm tra của {self.committee}: {self.document.title}"

    def get_absolute_url(self) -> str:
        return reverse("meetings-examination-detail", args=[self.pk])

    def clean(self):
        from councils.models import Committee

        if self.committee_id:
            _same_council(self, committee=self.committee)
            if self.committee.kind != Committee.Kind.BAN:
                raise ValidationError({"committee": _("Chỉ các Ban của HĐND thẩm tra dự thảo.")})
        if self.document_id:
            _same_council(self, document=self.document)
            if self.document.kind != SessionDocument.Kind.DRAFT_RESOLUTION:
                raise ValidationError(
                    {"document": _("Chỉ thẩm tra tài liệu loại dự thảo nghị quyết.")}
                )
            if self.committee_id and self.committee.term_id != self.document.session.term_id:
                raise ValidationError({"committee": _("Ban không thuộc nhiệm kỳ của kỳ họp.")})

    def check_access(self, access, action: str, allowed: bool) -> bool:
        # A Ban member writes only their own Ban's examination reports.
        if access.role == COMMITTEE and action == "change":
            return allowed and self.committee_id in access.committee_ids
        return allowed


class Question(CouncilScopedModel):
    """Chất vấn at a session: who asked, who answered, the answer and the commitments."""

    session = models.ForeignKey(
        "meetings.Session",
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("kỳ họp"),
    )
    asker = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        related_name="session_questions",
        verbose_name=_("đại biểu chất vấn"),
    )
    answerer_name = models.CharField(_("người trả lời"), max_length=200)
    answerer_agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan trả lời"),
    )
    question = models.TextField(_("nội dung chất vấn"))
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    history = history()

    search_fields = ("answerer_name", "question", "answer")

    class Meta:
        verbose_name = _("chất vấn")
        verbose_name_plural = _("chất vấn")
        ordering = ["session", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(question=""),
                name="question_text_required",
                violation_error_message=_("Hãy nhập nội dung chất vấn."),
            )
        ]

    def __str__(self):
        return f"Chất vấn của {self.asker}: {self.question[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("meetings-question-detail", args=[self.pk])

    def clean(self):
        _same_council(
            self,
            asker=self.asker if self.asker_id else None,
            answerer_agency=self.answerer_agency if self.answerer_agency_id else None,
        )
        if self.asker_id and self.session_id and self.asker.term_id != self.session.term_id:
            raise ValidationError({"asker": _("Đại biểu không thuộc nhiệm kỳ của kỳ họp.")})


class Commitment(CouncilScopedModel):
    """A commitment made answering a question; each opens a follow-up item."""

    question = models.ForeignKey(
        Question,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("chất vấn"),
    )
    content = models.TextField(_("nội dung cam kết"))
    agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan thực hiện"),
    )
    history = history()

    search_fields = ("content",)

    class Meta:
        verbose_name = _("cam kết sau chất vấn")
        verbose_name_plural = _("cam kết sau chất vấn")
        ordering = ["question", "id"]

    def __str__(self):
        return self.content[:80]

    def get_absolute_url(self) -> str:
        return self.question.get_absolute_url()


class Resolution(CouncilScopedModel):
    """Nghị quyết: voted per delegate, passed only with more than half of ALL delegates in
    office (``resolution.pass``), numbered from the document register."""

    class Kind(models.TextChoices):
        NORMATIVE = "normative", _("Quy phạm pháp luật")
        INDIVIDUAL = "individual", _("Cá biệt")

    session = models.ForeignKey(
        "meetings.Session",
        on_delete=models.PROTECT,
        related_name="resolutions",
        verbose_name=_("kỳ họp"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("nội dung chương trình"),
    )
    draft = models.ForeignKey(
        SessionDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("dự thảo nghị quyết"),
    )
    title = models.CharField(_("trích yếu"), max_length=300, help_text=_("Ví dụ: Về việc …"))
    kind = models.CharField(
        _("loại nghị quyết"), max_length=20, choices=Kind.choices, default=Kind.INDIVIDUAL
    )
    body = models.TextField(_("nội dung (Điều 1)"), blank=True)
    regulation = models.TextField(
        _("quy định ban hành kèm theo"),
        blank=True,
        help_text=_(
            "Nghị quyết quy phạm ban hành kèm một Quy định, Quy chế: dán toàn văn, mỗi chương, "
            "điều, khoản một dòng (“Chương I …”, “Điều 1. …”). Được in sau nghị quyết."
        ),
    )
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    goals = models.ManyToManyField(
        "meetings.CongressGoal",
        blank=True,
        related_name="resolutions",
        verbose_name=_("mục tiêu, chỉ tiêu Đại hội cụ thể hóa"),
    )
    # Filled by the services only: the number from the register, the closed vote.
    document = models.OneToOneField(
        "documents.DocumentRegister",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("số văn bản"),
    )
    vote_closed_at = models.DateTimeField(_("kết thúc biểu quyết lúc"), null=True, editable=False)
    voted_on = models.DateField(_("ngày biểu quyết"), null=True, editable=False)
    # What the closed vote counted: {"entitled": [ids], "present": [ids], "voting": [ids],
    # "for": n, "against": n, "abstain": n, "not_voting": n, "recused": n, "minimum": n,
    # "rule": "hơn 1/2 …", "citation": "…"}.
    vote_snapshot = models.JSONField(_("kết quả biểu quyết"), default=dict, editable=False)
    passed = models.BooleanField(_("được thông qua"), null=True, editable=False)
    history = history()

    search_fields = ("title", "body")

    class Meta:
        verbose_name = _("nghị quyết")
        verbose_name_plural = _("nghị quyết")
        ordering = ["-session__start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""),
                name="resolution_title_required",
                violation_error_message=_("Hãy nhập trích yếu nghị quyết."),
            )
        ]

    def __str__(self):
        if self.document_id:
            return f"Nghị quyết số {self.document.symbol} {self.title}"
        return f"Nghị quyết {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("meetings-resolution-detail", args=[self.pk])

    @property
    def vote_closed(self) -> bool:
        return self.vote_closed_at is not None

    @property
    def is_issued(self) -> bool:
        return self.document_id is not None

    @property
    def result_label(self) -> str:
        if self.passed is None:
            return "Chưa biểu quyết xong"
        return "Được thông qua" if self.passed else "Không được thông qua"

    @property
    def tally_label(self) -> str:
        s = self.vote_snapshot or {}
        if not s:
            return ""
        return (
            f"{s.get('for', 0)}/{len(s.get('entitled', []))} đại biểu tán thành "
            f"(cần ít nhất {s.get('minimum', 0)})"
        )

    def clean(self):
        if self.session_id:
            if self.agenda_item_id and self.agenda_item.session_id != self.session_id:
                raise ValidationError(
                    {"agenda_item": _("Nội dung chương trình không thuộc kỳ họp đã chọn.")}
                )
            if self.draft_id and self.draft.session_id != self.session_id:
                raise ValidationError({"draft": _("Dự thảo không thuộc kỳ họp đã chọn.")})
        if self.draft_id and self.draft.kind != SessionDocument.Kind.DRAFT_RESOLUTION:
            raise ValidationError({"draft": _("Tài liệu được chọn không phải dự thảo nghị quyết.")})


class Vote(models.Model):
    """One delegate's vote on one resolution (unique per resolution and delegate)."""

    class Choice(models.TextChoices):
        FOR = "for", _("Tán thành")
        AGAINST = "against", _("Không tán thành")
        ABSTAIN = "abstain", _("Phiếu trắng")
        NOT_VOTING = "not_voting", _("Không biểu quyết")

    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, related_name="votes", verbose_name=_("nghị quyết")
    )
    delegate = models.ForeignKey(
        "councils.Delegate",
        on_delete=models.PROTECT,
        related_name="resolution_votes",
        verbose_name=_("đại biểu"),
    )
    choice = models.CharField(_("biểu quyết"), max_length=20, choices=Choice.choices)
    recused = models.BooleanField(_("không tham gia do xung đột lợi ích"), default=False)
    history = history()

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        ordering = ["resolution", "delegate__sort_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "delegate"],
                name="vote_unique_delegate",
                violation_error_message=_("Đại biểu này đã biểu quyết nghị quyết này."),
            )
        ]

    def __str__(self):
        return f"{self.delegate}: {self.get_choice_display()}"


class Publication(CouncilScopedModel):
    """How and where an issued resolution was made public."""

    class Channel(models.TextChoices):
        RADIO = "radio", _("Đài truyền thanh xã")
        WEBSITE = "website", _("Cổng thông tin điện tử")
        POSTING = "posting", _("Niêm yết")

    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name=_("nghị quyết"),
    )
    channel = models.CharField(_("hình thức công bố"), max_length=20, choices=Channel.choices)
    place = models.CharField(
        _("nơi công bố"), max_length=200, blank=True, help_text=_("Ví dụ: Nhà văn hóa thôn Đông")
    )
    published_on = models.DateField(_("ngày công bố"))
    history = history()

    class Meta:
        verbose_name = _("công bố nghị quyết")
        verbose_name_plural = _("công bố nghị quyết")
        ordering = ["resolution", "published_on", "id"]

    def __str__(self):
        return f"{self.get_channel_display()} ngày {self.published_on:%d/%m/%Y}"

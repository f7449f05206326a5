"""The register of official documents (sổ đăng ký văn bản đi) and its number counters.

Nghị định 30/2020/NĐ-CP, Điều 15: numbers start at 01 on 1 January and are unique
per year for each issuer and type. A number is taken from a :class:`Counter`
row locked inside the issuing transaction (``services.document_number_issue``),
never computed as ``Max(number) + 1``.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hdnd_portal.core.access import CITY
from hdnd_portal.core.models import CouncilScopedModel, SearchQuerySet, history
from hdnd_portal.documents.text import DEFAULT_ISSUER_CODE, document_symbol

issuer_code_validator = RegexValidator(
    r"^[0-9A-ZĐ]{1,20}$",
    _("Ký hiệu cơ quan gồm chữ in hoa và số, không dấu cách, ví dụ HĐND, KTNS, VHXH."),
)


class DocumentType(models.TextChoices):
    """Type codes of Nghị định 30/2020, Phụ lục III (plus DS, used in practice)."""

    NQ = "NQ", _("Nghị quyết")
    QD = "QĐ", _("Quyết định")
    CT = "CT", _("Chỉ thị")
    QC = "QC", _("Quy chế")
    QYD = "QYĐ", _("Quy định")
    TB = "TB", _("Thông báo")
    HD = "HD", _("Hướng dẫn")
    CTR = "CTr", _("Chương trình")
    KH = "KH", _("Kế hoạch")
    PA = "PA", _("Phương án")
    DA = "ĐA", _("Đề án")
    BC = "BC", _("Báo cáo")
    BB = "BB", _("Biên bản")
    TTR = "TTr", _("Tờ trình")
    GM = "GM", _("Giấy mời")
    GGT = "GGT", _("Giấy giới thiệu")
    PC = "PC", _("Phiếu chuyển")
    DS = "DS", _("Danh sách")


class Counter(models.Model):
    """The last number given in one series of one council: the portal's one numbering
    mechanism (``hdnd_portal.documents.services.counter_next``).

    Official documents number per issuer, type and year (Nghị định 30/2020, Điều 15: the series
    restarts at 01 each year; normative resolutions have their own series), the letters' book per
    year, a session document's versions per document (``year`` 0: never restarts). The row is
    locked while a number is taken, so two clerks at once get consecutive numbers."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="+", verbose_name=_("HĐND")
    )
    series = models.CharField(_("dãy số"), max_length=120)
    year = models.PositiveSmallIntegerField(_("năm"), default=0)
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("bộ đếm số")
        verbose_name_plural = _("bộ đếm số")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "series", "year"], name="counter_unique_series"
            ),
        ]

    def __str__(self):
        return f"{self.series} {self.year or ''}: {self.last_number}".replace("  ", " ")


def register_series(issuer_code: str, type_code: str, is_normative: bool) -> str:
    """The counter series of an official document: "register:HĐND:NQ" (normative: ":QPPL")."""
    return f"register:{issuer_code}:{type_code}" + (":QPPL" if is_normative else "")


class DocumentRegister(CouncilScopedModel):
    """One issued official document: its number, date, subject and signer."""

    issuer_code = models.CharField(
        _("ký hiệu cơ quan ban hành"),
        max_length=20,
        default=DEFAULT_ISSUER_CODE,
        validators=[issuer_code_validator],
        help_text=_("HĐND, hoặc ký hiệu riêng của Ban: KTNS, VHXH"),
    )
    type_code = models.CharField(_("loại văn bản"), max_length=10, choices=DocumentType.choices)
    is_normative = models.BooleanField(
        _("văn bản quy phạm pháp luật"),
        default=False,
        help_text=_("Nghị quyết quy phạm ghi năm trong số: 05/2026/NQ-HĐND"),
    )
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    number = models.PositiveIntegerField(_("số"), editable=False)
    title = models.TextField(_("trích yếu nội dung"))
    issued_on = models.DateField(_("ngày ban hành"))
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người cấp số"),
    )
    # The record this document was issued from (a term's roster, a supervision, …).
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    # The printed kind (documents.printing) the number was issued for: a record is issued once
    # per kind, so a double click or a second POST shows the copy already issued.
    kind_code = models.CharField(_("loại bản in"), max_length=60, blank=True, default="")
    history = history()

    search_fields = ("symbol", "title", "signer")

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("sổ văn bản")
        ordering = ["-year", "-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "issuer_code", "type_code", "year", "is_normative", "number"],
                name="documentregister_unique_number",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="documentregister_number_gte_1"
            ),
            models.UniqueConstraint(
                fields=["source_type", "source_id", "kind_code"],
                condition=~Q(kind_code=""),
                name="documentregister_one_per_kind",
                violation_error_message=_("Bản ghi này đã được cấp số cho loại văn bản này."),
            ),
        ]
        indexes = [
            models.Index(fields=["source_type", "source_id"], name="documentregister_source_idx")
        ]

    def __str__(self):
        return f"Số {self.symbol}"

    def get_absolute_url(self) -> str:
        return reverse("documents-documentregister-detail", args=[self.pk])

    @property
    def symbol(self) -> str:
        """ "05/BC-HĐND", or "05/2026/NQ-HĐND" for a normative resolution."""
        return document_symbol(
            self.type_code,
            self.issuer_code,
            self.number,
            normative_year=self.year if self.is_normative else None,
        )


def signed_copy_path(instance, filename):
    return f"documents/{instance.document.council_id}/signed/{filename}"


def dispatch_path(instance, filename):
    return f"documents/{instance.council_id}/sent/{filename}"


class SignedCopy(models.Model):
    """The issued copy of a register entry signed electronically (PAdES, ``documents.signing``):
    from then on the issued copy itself. One per entry; never signed again."""

    document = models.OneToOneField(
        DocumentRegister,
        on_delete=models.PROTECT,
        related_name="signed_copy",
        verbose_name=_("văn bản"),
    )
    file = models.FileField(_("tệp đã ký số"), upload_to=signed_copy_path, max_length=255)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    signed_at = models.DateTimeField(_("ký số lúc"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ký số"),
    )
    certificate_subject = models.CharField(_("chứng thư số"), max_length=500)
    # The last validation (pyHanko): at signing time, then each "Kiểm tra lại chữ ký".
    valid = models.BooleanField(_("chữ ký hợp lệ"), default=False)
    checked_at = models.DateTimeField(_("kiểm tra lúc"), null=True, blank=True)
    check_summary = models.CharField(_("kết quả kiểm tra"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bản ký số")
        verbose_name_plural = _("bản ký số")

    def __str__(self):
        return f"Bản ký số của {self.document}"


class DispatchQuerySet(SearchQuerySet):
    def visible_to(self, access):
        """The city's overseer sees what was sent by every council where they hold the city
        role; anyone else, what their own council sent."""
        if access is None:
            return self.none()
        if access.role == CITY:
            councils = {cid for cid, _name, role in access.available if role == CITY}
            councils.add(access.council_id)
            return self.filter(council_id__in=councils)
        return self.filter(council_id=access.council_id)


class Dispatch(CouncilScopedModel):
    """An issued report sent up to the city's People's Council ("Gửi HĐND thành phố"): the PDF
    as sent (the signed copy when there is one), frozen with its hash, once per document."""

    document = models.OneToOneField(
        DocumentRegister,
        on_delete=models.PROTECT,
        related_name="dispatch",
        verbose_name=_("văn bản"),
    )
    kind_code = models.CharField(_("loại báo cáo"), max_length=60, blank=True, default="")
    # What the city reads, as it was when sent.
    commune = models.CharField(_("HĐND gửi"), max_length=200)
    symbol = models.CharField(_("số, ký hiệu"), max_length=40)
    title = models.TextField(_("trích yếu"))
    issued_on = models.DateField(_("ngày ban hành"))
    sent_at = models.DateTimeField(_("gửi lúc"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    file = models.FileField(_("tệp PDF đã gửi"), upload_to=dispatch_path, max_length=255)
    signed = models.BooleanField(_("bản ký số"), default=False)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    history = history()

    objects = DispatchQuerySet.as_manager()
    search_fields = ("commune", "symbol", "title")

    class Meta:
        verbose_name = _("báo cáo gửi lên")
        verbose_name_plural = _("báo cáo các xã gửi lên")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["council", "-sent_at"], name="dispatch_council_sent_idx")]

    def __str__(self):
        return f"{self.symbol} — {self.commune}"

    def get_absolute_url(self) -> str:
        return reverse("documents-dispatch-pdf", args=[self.pk])

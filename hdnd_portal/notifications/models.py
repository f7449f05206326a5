from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-app notification (the bell)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    # The same digest is never notified twice (job retries).
    dedupe_key = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"], name="notif_unread_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notif_dedupe",
            )
        ]

    def __str__(self):
        return self.title


class OutboxMessage(models.Model):
    """A message waiting to be delivered: one in-app notification and/or one e-mail.

    Jobs write outbox rows in the same transaction as the records they report on
    (e.g. the reminder log), and a separate step delivers what is not yet
    delivered. So a crash after the commit loses nothing (the row is still
    pending) and a re-run sends nothing twice (``key`` is unique; the in-app
    notification reuses it as its ``dedupe_key``; each channel is marked done
    on its own). See :mod:`hdnd_portal.followups.reminders` for the argument.
    """

    key = models.CharField(_("mã"), max_length=200, unique=True)
    kind = models.CharField(_("loại"), max_length=40, default="reminder")
    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("HĐND"),
    )
    # In-app recipient (empty for an agency's own e-mail address).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhận"),
    )
    # E-mail recipient (empty: a user without an address gets only the bell).
    email = models.EmailField(_("thư điện tử"), blank=True)
    subject = models.CharField(_("tiêu đề thư"), max_length=255)
    body_text = models.TextField(_("nội dung thư (văn bản)"))
    body_html = models.TextField(_("nội dung thư (HTML)"), blank=True)
    title = models.CharField(_("tiêu đề thông báo"), max_length=255)
    body = models.TextField(_("nội dung thông báo"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    item_count = models.PositiveIntegerField(_("số việc"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    notified_at = models.DateTimeField(_("đã báo trong ứng dụng lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)
    # Set when every channel is done; pending rows have it empty.
    delivered_at = models.DateTimeField(_("hoàn tất lúc"), null=True, blank=True)
    # Not before: a deliverer's lease while sending, then the back-off after a failure.
    claimed_until = models.DateTimeField(_("thử lại sau"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)

    class Meta:
        verbose_name = _("thư chờ gửi")
        verbose_name_plural = _("thư chờ gửi")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["delivered_at", "id"], name="outbox_pending_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""),
                name="outbox_has_recipient",
            )
        ]

    def __str__(self):
        return f"{self.subject} → {self.email or self.user}"

    @property
    def is_delivered(self) -> bool:
        return self.delivered_at is not None

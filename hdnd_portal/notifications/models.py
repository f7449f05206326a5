from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-app notification (the bell)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, null=True,
                                blank=True, related_name="+")
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
        constraints = [models.UniqueConstraint(fields=["user", "dedupe_key"],
                                               condition=~models.Q(dedupe_key=""),
                                               name="notif_dedupe")]

    def __str__(self):
        return self.title

from django.contrib import admin, messages

from hdnd_portal.notifications.models import Notification, OutboxMessage
from hdnd_portal.notifications.services import outbox_retry


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "council", "created_at", "read_at"]
    list_filter = ["council", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "user__username", "user__email"]
    date_hierarchy = "created_at"
    raw_id_fields = ["user"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only view of what was sent or is waiting; failed rows can be retried."""

    list_display = [
        "subject",
        "email",
        "user",
        "kind",
        "created_at",
        "notified_at",
        "emailed_at",
        "delivered_at",
        "attempts",
        "last_error",
    ]
    list_filter = ["kind", ("delivered_at", admin.EmptyFieldListFilter), "council"]
    search_fields = ["key", "email", "subject", "user__username"]
    date_hierarchy = "created_at"
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Gửi lại các thư chưa gửi được")
    def retry(self, request, queryset):
        from hdnd_portal.notifications.tasks import deliver_outbox

        ids = list(queryset.filter(delivered_at__isnull=True).values_list("pk", flat=True))
        count = outbox_retry(ids=ids)
        if ids:
            deliver_outbox.delay(ids=ids)
        self.message_user(request, f"Đã xếp {count} thư vào hàng gửi lại.", messages.SUCCESS)

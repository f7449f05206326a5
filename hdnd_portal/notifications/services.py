from django.db import IntegrityError, transaction
from django.utils import timezone

from hdnd_portal.notifications.models import Notification


def notification_create(*, user, title: str, body: str = "", url: str = "", council=None,
                        dedupe_key: str = "") -> Notification | None:
    """Create a notification; with a ``dedupe_key`` it is created at most once per user."""
    if dedupe_key and Notification.objects.filter(user=user, dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            return Notification.objects.create(user=user, title=title, body=body, url=url,
                                               council=council, dedupe_key=dedupe_key)
    except IntegrityError:
        return None


def notifications_mark_read(*, user, ids=None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """In-app notifications (the bell) and e-mail digests."""

    name = "hdnd_portal.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
    url_prefix = "notifications/"

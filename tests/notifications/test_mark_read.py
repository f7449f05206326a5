"""Marking notifications read (all, or one) — POST only, own notifications only."""

from django.urls import reverse

from hdnd_portal.notifications.models import Notification
from tests.factories import NotificationFactory


def test_it_marks_all_the_users_notifications_read(client, make_persona):
    user = make_persona("agency")
    NotificationFactory.create_batch(3, user=user)
    someone_else = NotificationFactory(user=make_persona("staff"))
    client.force_login(user)

    response = client.post(reverse("notifications-mark-read"), follow=True)

    assert "Đã đánh dấu 3 thông báo là đã đọc." in response.content.decode()
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    someone_else.refresh_from_db()
    assert someone_else.read_at is None
    assert "bell-count" not in response.content.decode()


def test_it_marks_one_and_goes_back_to_the_page(client, make_persona):
    user = make_persona("agency")
    one, other = NotificationFactory.create_batch(2, user=user)
    client.force_login(user)

    response = client.post(
        reverse("notifications-mark-read"), {"id": one.pk, "next": "/notifications/?unread=1"}
    )

    assert response.status_code == 302 and response["Location"] == "/notifications/?unread=1"
    one.refresh_from_db()
    other.refresh_from_db()
    assert one.read_at is not None and other.read_at is None


def test_it_cannot_mark_another_users_notification(client, make_persona):
    theirs = NotificationFactory(user=make_persona("staff"))
    client.force_login(make_persona("agency"))

    client.post(reverse("notifications-mark-read"), {"id": theirs.pk})

    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_it_ignores_an_outside_next_url(client, make_persona):
    user = make_persona("agency")
    client.force_login(user)

    response = client.post(
        reverse("notifications-mark-read"), {"next": "https://evil.example.com/"}
    )

    assert response["Location"] == reverse("notifications-list")


def test_it_refuses_get(client, make_persona):
    user = make_persona("agency")
    note = NotificationFactory(user=user)
    client.force_login(user)

    assert client.get(reverse("notifications-mark-read")).status_code == 405
    note.refresh_from_db()
    assert note.read_at is None

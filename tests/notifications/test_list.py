"""The notifications page: newest first, own only, unread filter, read marks."""

from django.urls import reverse
from django.utils import timezone

from tests.factories import NotificationFactory


def test_it_lists_the_users_notifications_newest_first(client, make_persona):
    user = make_persona("agency")
    NotificationFactory(user=user, title="Nhắc hạn: 2 việc cần đôn đốc")
    NotificationFactory(user=user, title="Nhắc nhở: 1 việc cần đôn đốc")
    NotificationFactory(user=make_persona("staff"), title="Thông báo của người khác")
    client.force_login(user)

    html = client.get(reverse("notifications-list")).content.decode()

    assert html.index("Nhắc nhở: 1 việc") < html.index("Nhắc hạn: 2 việc")
    assert "Thông báo của người khác" not in html
    assert "2 chưa đọc" in html


def test_it_filters_unread_ones(client, make_persona):
    user = make_persona("agency")
    NotificationFactory(user=user, title="Đã đọc rồi", read_at=timezone.now())
    NotificationFactory(user=user, title="Chưa đọc")
    client.force_login(user)

    html = client.get(reverse("notifications-list"), {"unread": "1"}).content.decode()

    assert "Chưa đọc" in html and "Đã đọc rồi" not in html
    assert "Xem tất cả" in html


def test_it_says_so_when_there_is_nothing(client, make_persona):
    client.force_login(make_persona("agency"))

    html = client.get(reverse("notifications-list")).content.decode()

    assert "Chưa có thông báo nào." in html
    assert "Đánh dấu tất cả đã đọc" not in html


def test_it_paginates(client, make_persona):
    user = make_persona("staff")
    NotificationFactory.create_batch(30, user=user)
    client.force_login(user)

    first = client.get(reverse("notifications-list")).content.decode()
    second = client.get(reverse("notifications-list"), {"page": 2}).content.decode()

    assert first.count('data-testid="notification"') == 25
    assert second.count('data-testid="notification"') == 5


def test_it_needs_a_login(client):
    response = client.get(reverse("notifications-list"))

    assert response.status_code == 302 and reverse("login") in response["Location"]

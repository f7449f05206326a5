"""The bell in the navbar shows how many notifications are unread."""

from django.urls import reverse

from tests.factories import NotificationFactory


def test_it_shows_the_unread_count(client, make_persona):
    user = make_persona("staff")
    NotificationFactory.create_batch(3, user=user)
    NotificationFactory(user=user, read_at="2026-11-01T08:00:00+07:00")
    client.force_login(user)

    html = client.get(reverse("home")).content.decode()

    assert 'data-testid="bell-count">3</span>' in html
    assert 'aria-label="Thông báo: 3 chưa đọc"' in html


def test_it_counts_only_the_users_own_notifications(client, make_persona):
    user = make_persona("staff")
    NotificationFactory.create_batch(2, user=make_persona("standing"))
    client.force_login(user)

    html = client.get(reverse("home")).content.decode()

    assert 'id="bell"' in html
    assert "bell-count" not in html


def test_it_caps_a_large_count(client, make_persona):
    user = make_persona("agency")
    NotificationFactory.create_batch(120, user=user)
    client.force_login(user)

    html = client.get(reverse("home")).content.decode()

    assert 'data-testid="bell-count">99+</span>' in html

"""Opening a notification marks it read and goes to what it is about."""

from django.urls import reverse

from tests.factories import NotificationFactory


def test_it_marks_read_and_follows_the_link(client, make_persona):
    user = make_persona("agency")
    note = NotificationFactory(user=user, url="/followups/?overdue=1")
    client.force_login(user)

    response = client.post(reverse("notifications-open", args=[note.pk]))

    assert response.status_code == 302 and response["Location"] == "/followups/?overdue=1"
    note.refresh_from_db()
    assert note.read_at is not None


def test_another_users_notification_is_not_found(client, make_persona):
    theirs = NotificationFactory(user=make_persona("staff"))
    client.force_login(make_persona("agency"))

    assert client.post(reverse("notifications-open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_link_to_another_site_is_not_followed(client, make_persona):
    user = make_persona("agency")
    note = NotificationFactory(user=user, url="https://evil.example.com/")
    client.force_login(user)

    response = client.post(reverse("notifications-open", args=[note.pk]))

    assert response["Location"] == reverse("notifications-list")

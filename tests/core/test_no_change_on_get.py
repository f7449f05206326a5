"""Issue 21, item 10: a GET changes nothing.

A link, an image on another site or a prefetching browser sends GETs without the user
deciding anything, and without a CSRF token: every change is a POST. Generated over the URL
walk (``tests/test_url_walk.py``: every named URL, with a record behind every parameter), as
the administrator and as an agency: every table reads the same before and after.
"""

from fnmatch import fnmatch

import pytest
from django.apps import apps
from django.urls import reverse

from hdnd_portal.core.models import CalendarFeed
from hdnd_portal.notifications.models import Notification
from tests.factories import NotificationFactory
from tests.test_url_walk import ARGS, named_urls, world  # noqa: F401

pytestmark = pytest.mark.django_db

# Written by reads, by design: the session (who is logged in), django-axes' records of logins,
# and the log of who was shown a denouncer's identity (petitions: every showing is recorded).
WRITTEN_BY_READS = {
    "sessions.session",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "petitions.identityaccess",
}


def tables() -> dict[str, list[tuple]]:
    """Every row of every table the portal writes, by model."""
    return {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.managed and model._meta.label_lower not in WRITTEN_BY_READS
    }


def url_of(name: str, params: list[str], objects: dict) -> str | None:
    if not params:
        return reverse(name)
    key = next((v for pattern, v in ARGS.items() if fnmatch(name, pattern)), None)
    if key is None:
        return None
    return reverse(name, kwargs=key(objects) if callable(key) else {params[0]: objects[key].pk})


@pytest.mark.parametrize("role", ["admin", "agency"])
def test_no_get_to_any_address_changes_a_table(client, world, role):  # noqa: F811
    objects, users = world
    client.force_login(users[role])
    objects["notification"] = NotificationFactory(user=users[role])
    before = tables()

    asked = 0
    for name, params in sorted(named_urls().items()):
        url = url_of(name, params, objects)
        if url is not None:
            client.get(url)
            asked += 1

    after = tables()
    changed = sorted(label for label in before if before[label] != after[label])
    assert asked > 200, asked
    assert not changed, f"GETs changed: {changed}"


def test_opening_a_notification_is_a_post_and_a_get_leaves_it_unread(client, make_persona):
    user = make_persona("staff")
    note = NotificationFactory(user=user, url="/followups/")
    client.force_login(user)

    page = client.get(reverse("notifications-list")).content.decode()
    refused = client.get(reverse("notifications-open", args=[note.pk]))

    assert f'method="post" action="{reverse("notifications-open", args=[note.pk])}"' in page
    assert refused.status_code == 405
    assert Notification.objects.get(pk=note.pk).read_at is None


def test_the_calendar_address_is_created_by_the_button_not_by_opening_the_page(
    client, make_persona
):
    user = make_persona("staff")
    client.force_login(user)

    page = client.get(reverse("core-calendar-feed")).content.decode()
    assert not CalendarFeed.objects.filter(user=user).exists()
    assert "Tạo địa chỉ</button>" in page

    created = client.post(reverse("core-calendar-feed-reset"), follow=True).content.decode()
    feed = CalendarFeed.objects.get(user=user)
    assert "Đã tạo địa chỉ lịch của bạn." in created
    assert f"/lich/{feed.token}.ics" in created

"""Issue 21 item 8: a calendar address dies with the password and with the role.

``/lich/<token>.ics`` opens without a session, so it must not outlive what it stands for: a
password change revokes it like the API tokens (``User.set_password``), and a role removed
then granted again does not bring the old address back (the address belongs to the role).
"""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from councils.models import CouncilRole
from hdnd_portal.core.calendar import feed_for
from hdnd_portal.core.models import CalendarFeed
from tests.factories import PASSWORD, persona

NEW = "Phuc-Loc-ky-hop-2026"


def _ics(client, token):
    return client.get(reverse("core-calendar-ics", args=[token]))


@pytest.mark.django_db
def test_changing_the_password_retires_the_calendar_address(client, council):
    staff = persona("staff", council)
    old = feed_for(staff.pk, council.pk).token
    assert _ics(client, old).status_code == 200
    client.force_login(staff)

    changed = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )

    assert changed.status_code == 302
    assert _ics(client, old).status_code == 404
    # The page offers no address until the user asks for a new one ("Tạo địa chỉ", a POST).
    assert not CalendarFeed.objects.filter(user=staff).exists()
    client.post(reverse("core-calendar-feed-reset"))
    page = client.get(reverse("core-calendar-feed")).content.decode()
    new = CalendarFeed.objects.get(user=staff).token
    assert new != old and f"/lich/{new}.ics" in page
    assert _ics(client, new).status_code == 200


@pytest.mark.django_db
def test_any_new_password_retires_the_address_and_the_api_tokens(client, council):
    """The administrator's `changepassword`, Django admin, a reset link: all call set_password."""
    staff = persona("staff", council)
    old = feed_for(staff.pk, council.pk).token
    Token.objects.create(user=staff)

    staff.set_password(NEW)
    staff.save()

    assert _ics(client, old).status_code == 404
    assert not Token.objects.filter(user=staff).exists()


@pytest.mark.django_db
def test_a_role_removed_and_granted_again_does_not_revive_the_old_address(client, council):
    staff = persona("staff", council)
    old = feed_for(staff.pk, council.pk).token

    CouncilRole.objects.filter(user=staff, council=council).delete()  # Django admin, or a command
    assert _ics(client, old).status_code == 404
    persona("staff", council, username=staff.username)  # the same role, granted again

    assert _ics(client, old).status_code == 404
    assert feed_for(staff.pk, council.pk).token != old


@pytest.mark.django_db
def test_another_council_s_role_keeps_its_own_address(client, council, other_council):
    user = persona("staff", council)
    persona("leadership", other_council, username=user.username)
    here = feed_for(user.pk, council.pk).token
    there = feed_for(user.pk, other_council.pk).token

    CouncilRole.objects.filter(user=user, council=other_council).delete()

    assert _ics(client, there).status_code == 404
    assert _ics(client, here).status_code == 200

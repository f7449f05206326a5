"""The page "Hồ sơ của tôi" leads a delegate to their own record; the edit form says why."""

import pytest

from councils.models import CouncilRole

pytestmark = pytest.mark.django_db


def test_it_takes_a_delegate_to_their_own_page(client, make_persona):
    user = make_persona("delegate")
    me = CouncilRole.objects.get(user=user).delegate
    client.force_login(user)

    response = client.get("/councils/me/", follow=True)

    assert response.redirect_chain[-1][0] == f"/councils/delegate/{me.pk}/"
    assert me.full_name in response.content.decode()


def test_it_explains_in_vietnamese_an_account_linked_to_no_delegate(client, make_persona):
    client.force_login(make_persona("staff"))
    response = client.get("/councils/me/")
    assert response.status_code == 404
    assert "Tài khoản chưa gắn với hồ sơ đại biểu nào" in response.content.decode()


def test_it_puts_my_profile_in_the_menu_of_delegates_only(client, make_persona):
    client.force_login(make_persona("delegate"))
    assert 'href="/councils/me/"' in client.get("/followups/").content.decode()
    client.force_login(make_persona("staff"))
    assert 'href="/councils/me/"' not in client.get("/followups/").content.decode()


def test_it_tells_a_delegate_editing_their_record_why_only_contact_details(client, make_persona):
    user = make_persona("delegate")
    me = CouncilRole.objects.get(user=user).delegate
    client.force_login(user)

    body = client.get(f"/councils/delegate/{me.pk}/edit/").content.decode()

    assert 'id="self-service-note"' in body
    note = body.split('id="self-service-note"')[1].split("</div>")[0]
    for label in ("nơi công tác", "điện thoại", "thư điện tử", "nơi ở"):
        assert label in note
    assert "Văn phòng HĐND&amp;UBND" in note


def test_it_shows_staff_the_whole_form_without_the_note(client, make_persona):
    user = make_persona("delegate")
    me = CouncilRole.objects.get(user=user).delegate
    client.force_login(make_persona("staff"))
    body = client.get(f"/councils/delegate/{me.pk}/edit/").content.decode()
    assert 'name="full_name"' in body and "self-service-note" not in body

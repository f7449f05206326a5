"""Issue 21 item 6: "Đổi mật khẩu" is no unthrottled oracle for guessing the old password.

Someone holding a signed-in session (a shared office computer left open) could try old
passwords there without limit. The old password now goes through ``authenticate()``, so
django-axes counts each wrong one with the logins: the same five per user and address.
"""

import pytest

from tests.factories import PASSWORD, UserFactory

CHANGE_URL = "/accounts/password/"
LOGIN_URL = "/accounts/login/"
WRONG = "Mật khẩu cũ không chính xác."
LOCKED = "Tài khoản tạm thời bị khóa đăng nhập"
NEW = "Phuc-Loc-ky-hop-2026"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_IP_FAILURE_LIMIT = 20
    return settings


def _change(client, old):
    return client.post(
        CHANGE_URL, {"old_password": old, "new_password1": NEW, "new_password2": NEW}
    )


@pytest.mark.django_db
def test_the_fifth_wrong_old_password_locks_the_page_and_the_login(client, axes_on):
    user = UserFactory(username="hoa.le")
    client.force_login(user)

    answers = [_change(client, f"doan-lan-{n}") for n in range(5)]

    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert WRONG in answers[0].content.decode()
    assert LOCKED in answers[4].content.decode()
    # Even the right old password is refused now, and the password is unchanged.
    assert _change(client, PASSWORD).status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    # The same lock as five wrong logins: the login page refuses the right password too.
    client.logout()
    login = client.post(LOGIN_URL, {"username": "hoa.le", "password": PASSWORD})
    assert login.status_code == 429


@pytest.mark.django_db
def test_wrong_logins_and_wrong_old_passwords_add_up(client, axes_on):
    user = UserFactory(username="hoa.le")
    for _ in range(3):
        client.post(LOGIN_URL, {"username": "hoa.le", "password": "sai-mat-khau"})
    client.force_login(user)

    assert _change(client, "doan-lan-1").status_code == 200
    assert _change(client, "doan-lan-2").status_code == 429


@pytest.mark.django_db
def test_the_right_old_password_still_changes_it(client, axes_on):
    user = UserFactory(username="hoa.le")
    client.force_login(user)
    _change(client, "doan-sai-mot-lan")

    response = _change(client, PASSWORD)

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)

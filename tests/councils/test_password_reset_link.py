"""Issue 21 item 11: a forgotten password, reset the way a commune can.

The Office (or an administrator) makes a one-time link on "Người dùng" and hands it to the
user: no e-mail. The link is Django's (default_token_generator, PasswordResetConfirmView); the
server decides who may make one, and the account's history says who did and when.
"""

import re

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from councils.models import User
from councils.selectors import RESET_LINK_REASON
from hdnd_portal.core.accounts import PASSWORD_RESET_REASON
from tests.factories import CouncilFactory, persona

USERS_URL = reverse("councils-user-list")
NEW = "Phuc-Loc-ky-hop-2026"
LINK = re.compile(r'id="reset-link" type="text" readonly value="(http://testserver[^"]+)"')


def _reset_url(pk):
    return reverse("councils-user-reset-link", args=[pk])


def _make_link(client, user) -> str:
    response = client.post(_reset_url(user.pk))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # shown once, never kept by the browser
    return LINK.search(response.content.decode()).group(1).removeprefix("http://testserver")


@pytest.fixture
def office(client, council):
    staff = persona("staff", council)
    client.force_login(staff)
    return staff


@pytest.mark.django_db
def test_the_office_hands_a_one_time_link_and_the_user_sets_a_new_password(client, council, office):
    clerk = persona("agency", council)
    Token.objects.create(user=clerk)
    link = _make_link(client, clerk)
    client.logout()

    form = client.get(link, follow=True)
    assert "Chọn mật khẩu mới cho tài khoản" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True
    )

    assert "Đã đặt mật khẩu mới" in done.content.decode()
    clerk.refresh_from_db()
    assert clerk.check_password(NEW)
    assert not Token.objects.filter(user=clerk).exists()  # old secrets die with the password
    again = client.get(link, follow=True).content.decode()
    assert "Liên kết đặt lại mật khẩu không dùng được" in again  # once only
    assert client.login(username=clerk.username, password=NEW)


@pytest.mark.django_db
def test_making_and_using_a_link_is_written_in_the_account_s_history(client, council, office):
    clerk = persona("agency", council)

    link = _make_link(client, clerk)
    client.logout()
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})

    made = User.history.get(id=clerk.pk, history_change_reason=RESET_LINK_REASON)
    used = User.history.get(id=clerk.pk, history_change_reason=PASSWORD_RESET_REASON)
    assert made.history_user == office and made.history_date < used.history_date
    client.force_login(office)
    page = client.get(USERS_URL).content.decode()
    assert f"({office.username})" in page  # "Liên kết đặt lại gần nhất": when, by whom


@pytest.mark.django_db
def test_the_office_may_not_reset_an_administrator_a_shared_account_or_its_own(
    client, council, office
):
    admin = persona("admin", council)
    shared = persona("leadership", council)
    persona("city", CouncilFactory(slug="thanh-pho"), username=shared.username)

    page = client.get(USERS_URL).content.decode()

    assert "Tài khoản quản trị: chỉ quản trị hệ thống đặt lại được." in page
    assert "Tài khoản có vai trò ở HĐND khác" in page
    assert "Đây là tài khoản của bạn: hãy dùng “Đổi mật khẩu”." in page
    for account in (admin, shared, office):
        assert client.post(_reset_url(account.pk)).status_code == 403
    assert not User.history.filter(history_change_reason=RESET_LINK_REASON).exists()


@pytest.mark.django_db
def test_another_council_s_account_is_not_found(client, office, other_council):
    stranger = persona("staff", other_council)

    assert client.post(_reset_url(stranger.pk)).status_code == 404
    assert stranger.username not in client.get(USERS_URL).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["standing", "delegate", "agency"])
def test_other_roles_may_neither_see_the_page_nor_make_a_link(client, council, role):
    target = persona("committee", council)
    client.force_login(persona(role, council))

    assert client.get(USERS_URL).status_code == 403
    assert client.post(_reset_url(target.pk)).status_code == 403


@pytest.mark.django_db
def test_a_superuser_resets_any_other_account(client, council):
    shared = persona("leadership", council)
    persona("city", CouncilFactory(slug="thanh-pho"), username=shared.username)
    client.force_login(persona("admin", council))

    assert "/accounts/reset/" in _make_link(client, shared)


@pytest.mark.django_db
def test_the_users_page_costs_the_same_queries_for_3_or_12_accounts(
    client, council, office, django_assert_max_num_queries, django_assert_num_queries
):
    for n in range(2):
        persona("agency", council, username=f"can-bo-{n}")
    with django_assert_max_num_queries(20) as few:
        client.get(USERS_URL)
    for n in range(9):
        persona("delegate", council, username=f"dai-bieu-{n}")

    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(USERS_URL).status_code == 200


def test_the_login_page_says_whom_to_ask(client):
    page = client.get(reverse("login")).content.decode()

    assert "Quên mật khẩu? Liên hệ Văn phòng HĐND&UBND xã" in page
    assert "liên kết đặt lại mật khẩu, dùng được một lần" in page

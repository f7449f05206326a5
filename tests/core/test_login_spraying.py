"""Password spraying: one password tried on many usernames from one address.

axes' per (username, IP) limit never sees it (one failure per username), so the portal also
counts failures per IP across usernames, with a higher limit (LOGIN_IP_FAILURE_LIMIT) that an
office behind one NAT does not reach by honest mistakes.
"""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory

LOGIN_URL = "/accounts/login/"
OFFICE = "203.0.113.7"
ELSEWHERE = "198.51.100.20"
LOCKED = "Tài khoản tạm thời bị khóa đăng nhập"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_IP_FAILURE_LIMIT = 20
    return settings


def _login(client, username, password="Matkhau@2026", ip=OFFICE):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _spray(client, count, ip=OFFICE):
    return [_login(client, f"nguoi.dung{n}", ip=ip) for n in range(count)]


@pytest.mark.django_db
def test_it_locks_an_address_after_twenty_failures_over_twenty_usernames(client, axes_on):
    UserFactory(username="lan.nguyen")

    responses = _spray(client, 20)

    assert [r.status_code for r in responses[:19]] == [200] * 19
    assert responses[19].status_code == 429
    assert LOCKED in responses[19].content.decode()
    # Even the right password of a real account is refused from that address...
    right = _login(client, "lan.nguyen", PASSWORD)
    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert "_auth_user_id" not in client.session
    # ...but not from another address.
    elsewhere = _login(client, "lan.nguyen", PASSWORD, ip=ELSEWHERE)
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_it_lets_the_address_in_again_after_the_cool_off(client, axes_on):
    UserFactory(username="lan.nguyen")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _spray(client, 20)
        assert _login(client, "lan.nguyen", PASSWORD).status_code == 429

    with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
        assert _login(client, "lan.nguyen", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_it_does_not_lock_an_office_for_a_few_honest_mistakes(client, axes_on):
    """Nineteen mistakes across the office's colleagues: everyone may still sign in."""
    UserFactory(username="binh.tran")
    _spray(client, 19)

    assert _login(client, "binh.tran", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_it_still_locks_one_username_after_five_failures_from_one_address(client, axes_on):
    UserFactory(username="lan.nguyen")
    UserFactory(username="binh.tran")

    statuses = [_login(client, "lan.nguyen").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 200, 429]
    assert _login(client, "lan.nguyen", PASSWORD).status_code == 429
    assert _login(client, "binh.tran", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_it_reads_the_limit_from_the_setting(client, axes_on):
    axes_on.LOGIN_IP_FAILURE_LIMIT = 3

    statuses = [r.status_code for r in _spray(client, 3)]

    assert statuses == [200, 200, 429]

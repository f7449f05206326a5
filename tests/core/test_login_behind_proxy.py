"""Issue 21 item 3: behind HAProxy, login throttling counts the client, not the proxy.

X-Forwarded-For is believed only on a connection from TRUSTED_PROXIES, and then only its last
address (the one the proxy appended); anyone else's header is ignored. The multi-node drill
(scripts/drill/drill.py, ``lockout_per_client_behind_the_proxy``) shows the same through the
real HAProxy.
"""

from pathlib import Path

import pytest
import yaml
from django.test import RequestFactory

from hdnd_portal.core.client_ip import check_trusted_proxies, client_ip
from tests.factories import PASSWORD, UserFactory

PROXY = "10.0.0.5"
LAN_OFFICE = "192.168.1.23"  # a commune office behind its router
ATTACKER = "203.0.113.66"
LOGIN_URL = "/accounts/login/"
LOCKED = "Tài khoản tạm thời bị khóa đăng nhập"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    return settings


def _request(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post(LOGIN_URL, **headers)


def test_it_takes_the_client_from_the_proxy_s_header(behind_proxy):
    assert client_ip(_request(PROXY, ATTACKER)) == ATTACKER
    assert client_ip(_request(PROXY, LAN_OFFICE)) == LAN_OFFICE
    assert client_ip(_request(PROXY, "2001:db8::7")) == "2001:db8::7"


def test_it_takes_only_the_address_the_proxy_appended_not_what_the_client_wrote(behind_proxy):
    # A client sent "X-Forwarded-For: 198.51.100.1"; a proxy that appends keeps it in front.
    assert client_ip(_request(PROXY, f"198.51.100.1, {ATTACKER}")) == ATTACKER


def test_it_ignores_a_forged_header_from_anyone_but_the_proxy(behind_proxy):
    assert client_ip(_request(ATTACKER, "198.51.100.1")) == ATTACKER
    assert client_ip(_request(ATTACKER, f"198.51.100.1, {PROXY}")) == ATTACKER


def test_it_trusts_no_header_when_no_proxy_is_configured(settings):
    settings.TRUSTED_PROXIES = []

    assert client_ip(_request(PROXY, ATTACKER)) == PROXY


def test_a_trusted_network_covers_several_proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/29"]

    assert client_ip(_request("10.0.0.6", ATTACKER)) == ATTACKER
    assert client_ip(_request("10.0.0.9", ATTACKER)) == "10.0.0.9"


def test_a_proxy_without_a_header_counts_as_itself(behind_proxy):
    assert client_ip(_request(PROXY)) == PROXY
    assert client_ip(_request(PROXY, "unknown")) == PROXY


def test_the_deployment_checklist_warns_behind_a_proxy_that_nobody_trusts(settings):
    settings.BEHIND_PROXY, settings.TRUSTED_PROXIES = True, []
    assert [w.id for w in check_trusted_proxies(None)] == ["core.W001"]

    settings.TRUSTED_PROXIES = [PROXY]
    assert check_trusted_proxies(None) == []


# -- the login page, as django-axes counts it ---------------------------------------------------
@pytest.fixture
def axes_on(behind_proxy):
    behind_proxy.AXES_ENABLED = True
    behind_proxy.AXES_FAILURE_LIMIT = 5
    behind_proxy.LOGIN_IP_FAILURE_LIMIT = 20
    return behind_proxy


def _login(client, username, password="sai-mat-khau", via=ATTACKER, remote=PROXY):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=via,
    )


@pytest.mark.django_db
def test_five_wrong_passwords_through_the_proxy_do_not_lock_the_user_elsewhere(client, axes_on):
    UserFactory(username="lan.nguyen")

    statuses = [_login(client, "lan.nguyen").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 200, 429]
    assert _login(client, "lan.nguyen", PASSWORD).status_code == 429  # the attacker: locked
    assert _login(client, "lan.nguyen", PASSWORD, via=LAN_OFFICE).status_code == 302


@pytest.mark.django_db
def test_twenty_failures_from_one_client_do_not_lock_the_portal(client, axes_on):
    UserFactory(username="binh.tran")

    for n in range(20):
        _login(client, f"nguoi.dung{n}")

    locked = _login(client, "binh.tran", PASSWORD)
    assert locked.status_code == 429 and LOCKED in locked.content.decode()
    assert _login(client, "binh.tran", PASSWORD, via=LAN_OFFICE).status_code == 302


@pytest.mark.django_db
def test_a_forged_header_sent_straight_to_a_node_changes_nothing(client, axes_on):
    """Rotating X-Forwarded-For on each guess, without passing through the proxy."""
    UserFactory(username="lan.nguyen")

    statuses = [
        _login(client, "lan.nguyen", via=f"198.51.100.{n}", remote=ATTACKER).status_code
        for n in range(5)
    ]

    assert statuses == [200, 200, 200, 200, 429]


def test_the_production_stack_trusts_exactly_its_own_haproxy():
    repo = Path(__file__).resolve().parents[2]
    compose = yaml.safe_load((repo / "docker-compose.yml").read_text(encoding="utf-8"))
    proxy_address = compose["services"]["proxy"]["networks"]["default"]["ipv4_address"]
    for name in ("web", "migrate", "worker", "beat"):
        assert compose["services"][name]["environment"]["TRUSTED_PROXIES"] == proxy_address
    haproxy = (repo / "deploy" / "haproxy.cfg").read_text(encoding="utf-8")
    assert "option forwardfor" in haproxy
    assert "http-request del-header X-Forwarded-For" in haproxy  # the client's own is dropped

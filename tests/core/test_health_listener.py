"""The health listener answers from its checker's last result (``hdnd_portal/health_listener.py``).

The listener in a real gunicorn, busy: ``tests/core/test_production.py``."""

import json
import time
import urllib.error
import urllib.request

import pytest

from hdnd_portal import health_listener
from hdnd_portal.health_listener import Checker


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _answer(checker, path="/healthz/"):
    statuses = []
    body = b"".join(
        health_listener.application(checker)(
            {"PATH_INFO": path, "REQUEST_METHOD": "GET"},
            lambda status, headers: statuses.append((status, dict(headers))),
        )
    )
    return statuses[0][0], statuses[0][1], body.decode()


def test_it_is_unhealthy_until_a_first_check_passes():
    checker = Checker(check=lambda: True, clock=Clock())
    assert _answer(checker)[0] == "503 Service Unavailable"
    checker.check_once()
    status, headers, body = _answer(checker)
    assert (status, json.loads(body)) == ("200 OK", {"ok": True})
    assert headers["Cache-Control"] == "no-store"


def test_a_failed_or_broken_check_answers_503():
    results = iter([False])

    def check():
        try:
            return next(results)
        except StopIteration:
            raise RuntimeError("database gone") from None

    checker = Checker(check=check, clock=Clock())
    checker.check_once()
    assert _answer(checker)[0] == "503 Service Unavailable"
    checker.check_once()  # the check itself raised
    assert (_answer(checker)[0], json.loads(_answer(checker)[2])) == (
        "503 Service Unavailable",
        {"ok": False},
    )


def test_a_result_no_longer_refreshed_goes_stale():
    clock = Clock()
    checker = Checker(check=lambda: True, clock=clock)
    checker.check_once()
    clock.now += health_listener.STALE
    assert _answer(checker)[0] == "200 OK"
    clock.now += 0.5  # the checker thread is stuck: three checks missed
    assert _answer(checker)[0] == "503 Service Unavailable"


def test_it_serves_nothing_but_the_health_check():
    checker = Checker(check=lambda: True, clock=Clock())
    checker.check_once()
    status, _, body = _answer(checker, "/accounts/login/")
    assert status == "404 Not Found" and "/healthz/" in body


# A transaction-per-test would be dropped by close_old_connections() (autocommit off), as the
# test client avoids by disconnecting it; the checker runs outside any transaction, as here.
@pytest.mark.django_db(transaction=True)
def test_the_check_is_the_one_of_the_health_page():
    checker = Checker()
    checker.check_once()
    assert checker.ok is True  # the test database and broker answer


def test_it_listens_and_answers_over_http(monkeypatch):
    monkeypatch.setattr(health_listener, "EVERY", 0.05)
    server = health_listener.start("127.0.0.1:0", Checker(check=lambda: True))
    port = server.server_address[1]
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2) as r:
                    assert json.loads(r.read()) == {"ok": True}
                    break
            except urllib.error.HTTPError as error:  # 503 before the first check
                assert error.code == 503
                time.sleep(0.05)
    finally:
        server.shutdown()
        server.server_close()

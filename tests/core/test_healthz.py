"""/healthz/: what a load balancer or `docker compose` healthcheck reads."""

from datetime import UTC, datetime

import pytest
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from hdnd_portal.celery import app


@pytest.mark.django_db
def test_it_reports_database_broker_and_beat_as_json_without_login(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    state = response.json()
    assert state["ok"] is True
    assert state["database"]["ok"] is True
    assert state["database"]["vendor"] in {"sqlite", "postgresql"}
    assert state["broker"]["ok"] is True
    assert state["broker"]["transport"] in {"filesystem", "redis"}
    assert state["beat"] == {"last_run_at": None}


@pytest.mark.django_db
def test_it_shows_when_beat_last_ran_a_periodic_job(client):
    every_day = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.DAYS)
    PeriodicTask.objects.create(
        name="Nhắc hạn hằng ngày",
        task="followups.remind",
        interval=every_day,
        last_run_at=datetime(2026, 11, 27, 0, 0, tzinfo=UTC),
    )
    PeriodicTask.objects.create(name="Chưa chạy", task="followups.escalate", interval=every_day)

    state = client.get("/healthz/").json()

    assert state["beat"]["last_run_at"] == "2026-11-27T00:00:00+00:00"


@pytest.mark.django_db
def test_it_answers_503_when_the_broker_is_unreachable(client, monkeypatch):
    # Nothing listens on port 1: the connection is refused at once.
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")

    response = client.get("/healthz/")

    assert response.status_code == 503
    state = response.json()
    assert state["ok"] is False
    assert state["broker"]["ok"] is False
    assert state["database"]["ok"] is True


@pytest.mark.django_db
def test_it_is_not_redirected_to_https_so_plain_http_probes_work(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz/").status_code == 200
    assert client.get("/accounts/login/").status_code == 301


@pytest.mark.django_db
def test_it_tells_an_outside_caller_only_up_or_down(client):
    response = client.get("/healthz/", REMOTE_ADDR="203.0.113.5")

    assert response.status_code == 200
    assert response.json() == {"ok": True}


@pytest.mark.django_db
def test_it_tells_a_caller_through_the_proxy_only_up_or_down(client, monkeypatch):
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")

    response = client.get("/healthz/", HTTP_X_FORWARDED_FOR="203.0.113.5")

    assert response.status_code == 503
    assert response.json() == {"ok": False}


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "details"), [("staff", True), ("admin", True), ("agency", False)])
def test_it_gives_details_to_staff_from_anywhere(client, make_persona, role, details):
    from tests.factories import AgencyFactory

    links = {"agency": AgencyFactory()} if role == "agency" else {}
    client.force_login(make_persona(role, **links))

    state = client.get("/healthz/", REMOTE_ADDR="203.0.113.5").json()

    assert ("database" in state) is details
    assert state["ok"] is True

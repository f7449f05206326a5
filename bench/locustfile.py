"""Locust users of the load bench (``make bench-load``, driven by ``bench/bench_load.py``).

Not a test and not imported by the portal: it runs in its own virtual environment
(``.venv-load``, locust only) against a gunicorn started by ``bench_load.py``. People log in
through the login form (CSRF token, Argon2 check) and then read what their role reads every
day, with a few seconds of reading between pages; a monitor asks ``/healthz/`` as HAProxy does,
at ``BENCH_LOAD_HEALTH`` (the health port, ``hdnd_portal/health_listener.py``), four times a
second so that its 95th percentile stands on some 240 answers, not 60. Every response time is
written to ``BENCH_LOAD_OUT`` (JSON) at the end, so ``bench_load.py`` computes its percentiles
per group (page, login, health) itself.

``BENCH_LOAD_USERS`` names the JSON written by ``bench_load.py``: for each role, a list of
``{"username", "password"}``.
"""

import itertools
import json
import os
import random
import re
import threading

from locust import FastHttpUser, between, constant, events, task

ACCOUNTS = json.loads(open(os.environ["BENCH_LOAD_USERS"], encoding="utf-8").read())
_NEXT = {role: itertools.cycle(people) for role, people in ACCOUNTS.items()}
_LOCK = threading.Lock()
TIMES: list[tuple[str, str, float, bool]] = []  # (group, name, ms, ok)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

PAGES = {
    # role: [(name, path, weight)]
    "staff": [
        ("home", "/", 4),
        ("follow-up inbox", "/followups/", 4),
        ("letters", "/petitions/letters/", 3),
        ("receptions", "/petitions/receptions/", 2),
        ("voters' petitions", "/voters/voterpetition/", 3),
        ("synthesised petitions", "/voters/synthesizedpetition/", 2),
        ("voter meetings", "/voters/votermeeting/", 1),
        ("supervision activities", "/supervision/activity/", 2),
        ("recommendations", "/supervision/recommendation/", 1),
        ("sessions", "/meetings/session/", 1),
        ("delegates", "/councils/delegate/", 1),
        ("KPI dashboard", "/targets/", 2),
        ("search", "/search/?q=kien+nghi+duong", 2),
        ("letters searched", "/petitions/letters/?q=dat+dai", 1),
    ],
    "delegate": [
        ("home", "/", 3),
        ("receptions", "/petitions/receptions/", 2),
        ("voter meetings", "/voters/votermeeting/", 2),
        ("follow-up inbox", "/followups/", 1),
        ("my profile", "/councils/me/", 1),
    ],
    "agency": [
        ("home", "/", 2),
        ("follow-up inbox", "/followups/", 3),
    ],
    "leadership": [
        ("KPI dashboard", "/targets/", 3),
        ("city view", "/targets/city/", 2),
        ("home", "/", 1),
    ],
}


def _record(group: str, name: str, ms: float, ok: bool) -> None:
    with _LOCK:
        TIMES.append((group, name, ms, ok))


@events.request.add_listener
def _on_request(request_type, name, response_time, response_length, exception, **kwargs):
    group = name.split(":", 1)[0]
    _record(group, name, response_time, exception is None)


@events.quitting.add_listener
def _write(environment, **kwargs):
    with open(os.environ["BENCH_LOAD_OUT"], "w", encoding="utf-8") as out:
        json.dump(TIMES, out)


class Person(FastHttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 4)  # reading the page before the next click

    def on_start(self):
        with _LOCK:
            account = next(_NEXT[self.role])
        self.login(account)

    def login(self, account):
        page = self.client.get("/accounts/login/", name="login: form")
        token = CSRF.search(page.text or "")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": account["username"],
                "password": account["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login: check",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"login refused ({answer.status_code}) for {account['username']}")

    def read(self, name: str, path: str):
        with self.client.get(path, name=f"page: {name}", catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{path} answered {answer.status_code}")

    @task
    def browse(self):
        pages = PAGES[self.role]
        name, path, _weight = random.choices(pages, weights=[w for _n, _p, w in pages])[0]
        self.read(name, path)


class Clerk(Person):
    role = "staff"
    weight = 25


class Delegate(Person):
    role = "delegate"
    weight = 15


class Agency(Person):
    role = "agency"
    weight = 6


class Leader(Person):
    role = "leadership"
    weight = 4


HEALTH = os.environ.get("BENCH_LOAD_HEALTH", "").rstrip("/")


class Monitor(FastHttpUser):
    """HAProxy's health check, four a second, not counted among the fifty people."""

    fixed_count = 1
    wait_time = constant(0.25)

    @task
    def health(self):
        self.client.get(f"{HEALTH}/healthz/", name="health: /healthz/")

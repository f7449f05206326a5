"""Real headless Chromium (Debian's) for the browser journeys (../shared/TOOLING.md)."""

import os

import pytest
from django.test.utils import override_settings

# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


PLAIN_HTTP = {
    "SECURE_SSL_REDIRECT": False,
    "SECURE_HSTS_SECONDS": 0,
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
}


@pytest.fixture(scope="session", autouse=True)
def _plain_http_live_server():
    """The live server speaks plain HTTP.

    Session-scoped so it is in place before pytest-django's (session) ``live_server``
    starts: its thread builds the middleware chain, and SecurityMiddleware reads
    SECURE_SSL_REDIRECT only then.
    """
    with override_settings(**PLAIN_HTTP):
        yield


@pytest.fixture(autouse=True)
def _plain_http_cookies(settings):
    for name, value in PLAIN_HTTP.items():
        setattr(settings, name, value)

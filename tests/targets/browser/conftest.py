"""The browser journeys of the targets use the shared Chromium set-up (tests/browser)."""

from tests.browser.conftest import (  # noqa: F401 - pytest fixtures
    _plain_http_cookies,
    _plain_http_live_server,
    browser_type_launch_args,
)

import datetime as dt

import pytest

from tests.factories import AgencyFactory, TermFactory
from tests.meetings_prep.factories import PrepSessionFactory


@pytest.fixture
def term(council):
    return TermFactory(council=council, start_date=dt.date(2026, 3, 15))


@pytest.fixture
def session(council, term):
    return PrepSessionFactory(
        council=council, term=term, number=1, start_date=dt.date(2027, 7, 10), end_date=None
    )


@pytest.fixture
def agency(council):
    return AgencyFactory(council=council, name="UBND xã Phúc Lộc", short_name="UBND")


# The browser journey uses Debian's Chromium over plain HTTP, as tests/browser does.
from tests.browser.conftest import (  # noqa: E402, F401
    _plain_http_cookies,
    _plain_http_live_server,
    browser_type_launch_args,
)

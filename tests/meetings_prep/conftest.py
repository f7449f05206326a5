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

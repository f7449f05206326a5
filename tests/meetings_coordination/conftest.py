import datetime as dt

import pytest

from tests.factories import AgencyFactory, TermFactory
from tests.meetings_prep.factories import PrepSessionFactory


@pytest.fixture
def term(council):
    return TermFactory(council=council, start_date=dt.date(2026, 3, 15))


@pytest.fixture
def ubnd(council):
    return AgencyFactory(council=council, name="Ủy ban nhân dân xã", short_name="UBND", kind="ubnd")


@pytest.fixture
def mttq(council):
    return AgencyFactory(
        council=council, name="Ủy ban MTTQ Việt Nam xã", short_name="MTTQ", kind="mttq"
    )


@pytest.fixture
def session(council, term):
    return PrepSessionFactory(
        council=council, term=term, number=1, start_date=dt.date(2026, 7, 15), end_date=None
    )

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from councils.models import Committee, Membership
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    DelegateFactory,
    MembershipFactory,
    TermFactory,
    persona,
)


@pytest.fixture
def rules(db):
    call_command("seed_legal_rules", stdout=StringIO())


@pytest.fixture
def org(council):
    """A term with the Standing Committee, two Bans, a delegate group and two agencies."""
    term = TermFactory(council=council, start_date=dt.date(2021, 7, 1), end_date=None)
    org = {
        "term": term,
        "standing": CommitteeFactory(
            term=term, kind=Committee.Kind.STANDING, name="Thường trực HĐND"
        ),
        "ban": CommitteeFactory(term=term, kind=Committee.Kind.BAN, name="Ban Kinh tế - Ngân sách"),
        "other_ban": CommitteeFactory(
            term=term, kind=Committee.Kind.BAN, name="Ban Văn hóa - Xã hội", code="VHXH"
        ),
        "group": CommitteeFactory(
            term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 1", code=""
        ),
        "agency": AgencyFactory(council=council, name="Phòng Kinh tế"),
        "other_agency": AgencyFactory(council=council, name="Trạm Y tế xã"),
        "leader": DelegateFactory(term=term, full_name="Trần Thị Hoa"),
    }
    return org


@pytest.fixture
def ban_member(council, org):
    """A committee user of the Ban Kinh tế - Ngân sách."""
    return persona("committee", council, username="bankinhte", committee=org["ban"])


@pytest.fixture
def group_head(council, org):
    delegate = DelegateFactory(term=org["term"], full_name="Lê Văn Tổ")
    MembershipFactory(
        committee=org["group"],
        delegate=delegate,
        role=Membership.Role.HEAD,
        start_date=org["term"].start_date,
    )
    return persona("delegate", council, username="totruong", delegate=delegate)


def pytest_configure(config):
    config.addinivalue_line("markers", "poppler: reads PDFs with poppler-utils")

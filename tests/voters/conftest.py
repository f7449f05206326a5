import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from councils.models import Committee
from tests.browser.conftest import (  # noqa: F401 - the browser journey's Chromium and plain HTTP
    _plain_http_cookies,
    _plain_http_live_server,
    browser_type_launch_args,
)
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    DelegateFactory,
    PetitionFieldFactory,
    TermFactory,
    VoterSessionFactory,
    persona,
)


@pytest.fixture
def rules(db):
    call_command("seed_legal_rules", stdout=io.StringIO())


@pytest.fixture
def vw(council, rules):
    """A council with a term, a delegate group (with a delegate account), the Standing
    Committee, a session, two fields and an answering agency."""
    term = TermFactory(council=council, start_date=dt.date(2026, 3, 15))
    group = CommitteeFactory(
        term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 1", code="T1"
    )
    other_group = CommitteeFactory(
        term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 2", code="T2"
    )
    standing = CommitteeFactory(term=term, kind=Committee.Kind.STANDING, name="Thường trực HĐND")
    delegate = DelegateFactory(term=term, delegate_group=group, full_name="Trần Thị Bình")
    delegate_user = persona("delegate", council, username="daibieu-v", delegate=delegate)
    agency = AgencyFactory(council=council, name="Ủy ban nhân dân xã", short_name="UBND xã")
    return SimpleNamespace(
        council=council,
        term=term,
        group=group,
        other_group=other_group,
        standing=standing,
        delegate=delegate,
        delegate_user=delegate_user,
        session=VoterSessionFactory(term=term, number=2, start_date=dt.date(2026, 7, 10)),
        road=PetitionFieldFactory(council=council, name="Giao thông, hạ tầng"),
        land=PetitionFieldFactory(council=council, name="Đất đai"),
        agency=agency,
        agency_user=persona("agency", council, username="ubnd-v", agency=agency),
        staff=persona("staff", council, username="vanphong-v"),
    )

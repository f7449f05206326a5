import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

# The browser journey uses Debian's Chromium over plain HTTP, as tests/browser does.
from tests.browser.conftest import (  # noqa: F401
    _plain_http_cookies,
    _plain_http_live_server,
    browser_type_launch_args,
)
from tests.factories import DelegateFactory, SessionFactory, TermFactory, persona

OPENING = dt.date(2026, 12, 20)
VN = ZoneInfo("Asia/Ho_Chi_Minh")
# The smallest valid PDF header is enough for the content check (%PDF magic bytes).
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
    return buffer.getvalue()


@pytest.fixture
def rules(db):
    call_command("seed_legal_rules", stdout=io.StringIO())


@dataclass
class Sitting:
    term: object
    delegates: list
    session: object
    staff: object


def vn(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    """A moment of ``day`` in Vietnam time (the portal's TIME_ZONE)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN)


@pytest.fixture
def sitting(council, rules, time_machine):
    """A term with 15 delegates in office and a regular session opening on OPENING — and the
    clock on that opening day at 8:00 (a session opens on its day, not before)."""
    time_machine.move_to(vn(OPENING), tick=False)
    term = TermFactory(council=council, start_date=dt.date(2026, 3, 15))
    delegates = [DelegateFactory(term=term) for _ in range(15)]
    session = SessionFactory(term=term, number=3, start_date=OPENING)
    staff = persona("staff", council)
    return Sitting(term=term, delegates=delegates, session=session, staff=staff)

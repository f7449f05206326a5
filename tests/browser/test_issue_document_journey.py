"""Browser journey (issue 20): from the session's page the clerk issues the session report dated
the session's last day, downloads its Word twin, signs the issued copy, and the signed PDF
validates with poppler's pdfsig — on a 390 px phone and at a laptop's width."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import Browser, expect

from hdnd_portal.documents.models import DocumentRegister
from tests.documents.signingdata import pdfsig, signing_material  # noqa: F401
from tests.factories import CouncilFactory, DelegateFactory, TermFactory, persona
from tests.meetings_prep.factories import PrepSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture
def closed_session(db):
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    term = TermFactory(council=council, name="2026-2031", start_date=dt.date(2026, 3, 15))
    for name in ("Nguyễn Thị Hương", "Trần Văn Hùng", "Lê Thị Minh"):
        DelegateFactory(term=term, full_name=name, start_date=term.start_date)
    last_day = timezone.localdate() - dt.timedelta(days=12)
    session = PrepSessionFactory(
        council=council,
        term=term,
        number=4,
        start_date=last_day - dt.timedelta(days=1),
        end_date=last_day,
        state="closed",
    )
    persona("staff", council, username="vanphong")
    return session


def fits(page) -> None:
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{page.url} scrolls sideways: {scroll}px > {inner}px"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_clerk_issues_the_session_report_from_the_session_page_and_signs_it(
    live_server,
    closed_session,
    signing_material,  # noqa: F811
    browser: Browser,
    tmp_path,
    width,
):
    base = live_server.url
    last_day = closed_session.end_date
    context = browser.new_context(viewport=WIDTHS[width], accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{base}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill("vanphong")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()

        page.goto(f"{base}{closed_session.get_absolute_url()}")
        fits(page)
        documents = page.locator("#session-documents")
        issue = documents.locator("[data-issue='meetings.session_report']")
        issue.scroll_into_view_if_needed()
        issue.click()

        # The confirmation offers the session's last day; the clerk keeps it.
        expect(page.locator("#confirm")).to_be_visible()
        fits(page)
        date_field = page.locator("#id_issued_on")
        assert date_field.input_value() == last_day.strftime("%d/%m/%Y")
        # No chair is recorded in this council: the clerk types the signer.
        page.locator("#id_signer").fill("Nguyễn Thị Hương")
        with page.expect_navigation():
            page.get_by_role("button", name="Cấp số và in").click()

        entry = DocumentRegister.objects.get(kind_code="meetings.session_report")
        assert entry.issued_on == last_day and entry.year == last_day.year
        assert entry.signer == "Nguyễn Thị Hương"

        # Back on the session's page: the issued copy's number, its Word twin, its register entry.
        page.goto(f"{base}{closed_session.get_absolute_url()}")
        issued = documents.locator("[data-issued='meetings.session_report']")
        expect(issued).to_contain_text(entry.symbol)
        report = documents.locator(
            "li", has=page.locator("[data-issued='meetings.session_report']")
        )
        with page.expect_download() as download_info:
            report.get_by_role("link", name="Word").click()
        word = Document(io.BytesIO(open(download_info.value.path(), "rb").read()))
        text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
            cell.text for table in word.tables for row in table.rows for cell in row.cells
        )
        assert entry.symbol.split("/")[1] in text and "BÁO CÁO" in text

        report.get_by_role("link", name="Sổ văn bản").click()
        fits(page)
        page.get_by_role("button", name="Ký số").click()
        confirm = page.get_by_role("button", name=re.compile("Ký số"))
        confirm.last.click()
        expect(page.get_by_text("chữ ký hợp lệ", exact=True)).to_be_visible()
        fits(page)

        signed = context.request.get(
            f"{base}/documents/print/meetings.session_report/{closed_session.pk}/"
            f"?document={entry.pk}"
        )
        path = tmp_path / "signed.pdf"
        path.write_bytes(signed.body())
        assert "Signature Validation: Signature is Valid." in pdfsig(path)
    finally:
        context.close()

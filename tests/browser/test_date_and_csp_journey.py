"""Dates and the Content-Security-Policy in a real browser, as on a delegate's English phone.

The office clerk (``vanphong``) uses an English-language browser on a 390 px phone: the date of
a new term is typed 15/03/2026 (the browser's locale would have shown mm/dd/yyyy in a
``type=date`` box), the election day is picked on the Vietnamese calendar, and the term's page
shows both as dd/mm/yyyy. Every page of the journey runs under the portal's policy (no inline
script) without a single violation.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import CouncilFactory, FollowUpFactory, persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
PHONE = {"width": 390, "height": 844}

# Runs before any page script: keeps every violation the browser reports.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-US", "viewport": PHONE}


@pytest.fixture
def office(db):
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    FollowUpFactory(council=council, title="Khắc phục sạt lở bờ kênh thôn Đoài")
    persona("staff", council, username="vanphong")
    return council


@pytest.fixture
def watched(page: Page):
    """The page, with CSP violations and JavaScript errors recorded."""
    errors: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    return page


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__csp")


def log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    assert violations(page) == []
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()


def test_it_types_and_picks_dates_as_day_month_year_on_an_english_phone(
    watched: Page, live_server, office
):
    page, base = watched, live_server.url
    log_in(page, base)
    response = page.goto(f"{base}/followups/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_text("Khắc phục sạt lở bờ kênh thôn Đoài").first).to_be_visible()
    # The inbox's "select all" box, now wired by static/js/portal.js.
    page.get_by_label("Chọn tất cả").check()
    expect(page.locator("#followup-table input[name=ids]").first).to_be_checked()
    assert violations(page) == []

    page.goto(f"{base}/councils/term/new/")
    page.locator("#id_name").fill("2026-2031")
    page.locator("#id_number").fill("9")
    start = page.locator("#id_start_date")
    expect(start).to_have_attribute("placeholder", "dd/mm/yyyy")
    start.press_sequentially("15/03/2026")
    expect(start).to_have_value("15/03/2026")

    # The election day from the calendar: it opens on the typed month, in Vietnamese.
    election = page.locator("#id_election_date")
    election.fill("01/03/2026")
    field = page.locator("[data-date-field]", has=election)
    field.get_by_role("button", name="Chọn ngày trên lịch").click()
    calendar = field.locator("[data-date-panel]")
    expect(calendar).to_be_visible()
    expect(calendar).to_contain_text("Tháng 3 2026")
    calendar.locator(
        ".datepicker-cell.day:not(.prev):not(.next)", has_text=re.compile("^8$")
    ).click()
    expect(election).to_have_value("08/03/2026")
    expect(calendar).to_be_hidden()

    page.get_by_role("button", name=re.compile("Lưu")).click()
    main = page.locator("main")
    expect(main).to_contain_text("15/03/2026")
    expect(main).to_contain_text("08/03/2026")
    assert violations(page) == []
    assert page.errors == []


def test_it_refuses_a_month_first_date_in_vietnamese(watched: Page, live_server, office):
    page, base = watched, live_server.url
    log_in(page, base)
    page.goto(f"{base}/councils/term/new/")
    page.locator("#id_name").fill("2026-2031")
    page.locator("#id_number").fill("9")
    page.locator("#id_start_date").fill("03/15/2026")

    page.get_by_role("button", name=re.compile("Lưu")).click()

    expect(
        page.get_by_text("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/03/2026.")
    ).to_be_visible()
    expect(page.locator("#id_start_date")).to_have_value("03/15/2026")
    assert violations(page) == []

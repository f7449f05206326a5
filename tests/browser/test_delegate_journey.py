"""Issue 2 in a real browser: the office adds a delegate, finds them, prints the roster.

Văn phòng HĐND&UBND (user ``vanphong``) signs in, adds "Trần Thị Ánh Nguyệt"
through the form, finds her by typing "anh nguyet" (no diacritics), opens her
profile, prints the roster of delegates as PDF, and then uses the menu on a phone.
"""

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from councils.models import Committee, Delegate
from tests.factories import (
    CommitteeFactory,
    ConstituencyFactory,
    CouncilFactory,
    DelegateFactory,
    TermFactory,
    persona,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phuc_loc(db):
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    term = TermFactory(council=council, name="2026-2031", number=9, start_date=dt.date(2026, 3, 15))
    constituency = ConstituencyFactory(term=term, number=2, name="Thôn Đoài, thôn Đông")
    group = CommitteeFactory(term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 2")
    DelegateFactory(term=term, full_name="Nguyễn Văn Hùng", delegate_group=group)
    DelegateFactory(term=term, full_name="Lê Thị Nguyệt Minh")
    persona("staff", council, username="vanphong")
    return {"council": council, "term": term, "constituency": constituency, "group": group}


@pytest.fixture
def errors(page: Page):
    """JavaScript errors on any page of the journey."""
    seen: list[str] = []
    page.on("pageerror", lambda exc: seen.append(str(exc)))
    return seen


def log_in(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()


def test_office_adds_finds_and_prints_a_delegate(page: Page, live_server, phuc_loc, errors):
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, base)
    expect(page.locator("main")).to_contain_text("Văn phòng HĐND&UBND")

    # The delegates list, from the sidebar: the Office's daily entries come first, the rest
    # under "Tất cả danh mục".
    page.locator("#sidebar").get_by_text("Tất cả danh mục").click()
    page.locator("#sidebar a[href='/councils/delegate/']").click()
    expect(page.get_by_role("heading", name="Đại biểu")).to_be_visible()
    page.get_by_role("link", name=re.compile("Thêm đại biểu")).click()

    # The form: a mistake first (end before start), nothing typed is lost.
    page.locator("#id_term").select_option(str(phuc_loc["term"].pk))
    page.locator("#id_full_name").fill("Trần Thị Ánh Nguyệt")
    page.locator("#id_gender").select_option("female")
    page.locator("#id_birth_date").fill("1985-04-12")
    page.locator("#id_constituency").select_option(str(phuc_loc["constituency"].pk))
    page.locator("#id_delegate_group").select_option(str(phuc_loc["group"].pk))
    page.locator("#id_position").fill("Hiệu trưởng Trường Tiểu học Phúc Lộc")
    page.locator("#id_phone").fill("0912 345 678")
    page.locator("#id_start_date").fill("2026-03-15")
    page.locator("#id_end_date").fill("2026-01-01")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Ngày thôi làm đại biểu phải sau ngày bắt đầu.")).to_be_visible()
    expect(page.locator("#id_full_name")).to_have_value("Trần Thị Ánh Nguyệt")
    expect(page.locator("#id_position")).to_have_value("Hiệu trưởng Trường Tiểu học Phúc Lộc")

    page.locator("#id_end_date").fill("")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu đại biểu: Trần Thị Ánh Nguyệt.")).to_be_visible()
    delegate = Delegate.objects.get(full_name="Trần Thị Ánh Nguyệt")
    assert delegate.phone == "0912345678"
    assert delegate.council == phuc_loc["council"]

    # Find her without diacritics; htmx updates the results as she types.
    page.goto(f"{base}/councils/delegate/")
    results = page.locator("#resource-results")
    expect(results.get_by_role("link", name="Nguyễn Văn Hùng")).to_be_visible()
    page.get_by_label("Tìm kiếm (gõ có dấu hoặc không dấu)").fill("anh nguyet")
    expect(results.get_by_role("link", name="Nguyễn Văn Hùng")).to_have_count(0)
    expect(results.get_by_role("link", name="Lê Thị Nguyệt Minh")).to_have_count(0)
    expect(results).to_contain_text("Tìm thấy 1 đại biểu")
    assert parse_qs(urlparse(page.url).query)["q"] == ["anh nguyet"]  # hx-push-url

    # Her profile.
    results.get_by_role("link", name="Trần Thị Ánh Nguyệt").click()
    expect(page.get_by_role("heading", name="Trần Thị Ánh Nguyệt")).to_be_visible()
    expect(page.get_by_text("Hồ sơ đại biểu")).to_be_visible()
    expect(page.get_by_text("Tổ đại biểu số 2")).to_be_visible()
    expect(page.get_by_text("0912345678")).to_be_visible()
    expect(page.get_by_role("link", name="Lịch sử thay đổi")).to_be_visible()

    # The roster of delegates, through the list page's print button (the folded part of the
    # menu stays open while one of its pages is shown).
    page.locator("#sidebar a[href='/councils/delegate/']").click()
    page.get_by_text("Danh sách đại biểu: in, cấp số").click()
    roster_link = (
        page.locator("[data-document-menu] li", has_text="2026-2031")
        .get_by_role("link", name="Dự thảo (PDF)")
        .first
    )
    expect(roster_link).to_be_visible()
    href = roster_link.get_attribute("href")
    assert href.startswith("/documents/print/councils.roster/")
    pdf = page.request.get(f"{base}{href}")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    assert errors == []


def test_office_uses_the_menu_on_a_phone(page: Page, live_server, phuc_loc, errors):
    base = live_server.url
    page.set_viewport_size(PHONE)
    log_in(page, base)

    sidebar = page.locator("#sidebar")
    delegates_link = sidebar.locator("a[href='/councils/delegate/']")
    expect(delegates_link).to_be_hidden()

    page.get_by_role("button", name="Mở danh mục").click()
    expect(sidebar).to_have_class(re.compile(r"\bshow\b"))
    expect(delegates_link).to_be_hidden()  # folded: the Office's daily entries come first
    sidebar.get_by_text("Tất cả danh mục").click()
    expect(delegates_link).to_be_visible()
    delegates_link.click()

    expect(page).to_have_url(f"{base}/councils/delegate/")
    expect(page.get_by_role("heading", name="Đại biểu")).to_be_visible()
    expect(delegates_link).to_be_hidden()
    # The results table scrolls inside its box instead of widening the page.
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= PHONE["width"]

    page.get_by_role("button", name="Mở danh mục").click()
    expect(delegates_link).to_be_visible()
    sidebar.get_by_role("button", name="Đóng").click()
    expect(delegates_link).to_be_hidden()

    assert errors == []

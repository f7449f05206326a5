"""Browser journey: the Office enters a rating's tallies, closes it, reads the consequence and
prints the counting minutes; the result page fits a 390 px phone."""

import os
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from hdnd_portal.followups.management.commands.seed_legal_rules import seed_threshold_rules
from tests.browser.conftest import (  # noqa: F401 - Debian's Chromium, plain HTTP live server
    _plain_http_cookies,
    _plain_http_live_server,
    browser_type_launch_args,
)
from tests.factories import persona
from tests.supervision_confidence.conftest import build_vote

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def setup(council):
    seed_threshold_rules()
    data = build_vote(council)
    data.staff = persona("staff", council, username="vanphong")
    data.delegate = persona("delegate", council, username="daibieu")
    return data


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()


def assert_fits(page: Page) -> None:
    page.wait_for_load_state("load")
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{page.url} scrolls sideways: {scroll}px > {inner}px"


def test_staff_enter_a_rating_close_it_and_print_the_minutes(live_server, setup, browser: Browser):
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, base, "vanphong")

    page.goto(f"{base}/supervision/confidence/")
    page.get_by_role("link", name=re.compile("Lấy phiếu tín nhiệm năm 2025")).click()
    page.get_by_role("link", name="Nhập kết quả kiểm phiếu").click()
    page.get_by_label("Số đại biểu có mặt").fill("15")
    page.get_by_label("Số phiếu phát ra").fill("15")
    page.get_by_label("Số phiếu thu vào").fill("15")
    first = page.locator('fieldset[data-candidate="Người thứ 1"]')
    first.get_by_label("Tín nhiệm cao").fill("2")
    first.get_by_label("Tín nhiệm", exact=True).fill("5")
    first.get_by_label("Tín nhiệm thấp").fill("8")
    second = page.locator('fieldset[data-candidate="Người thứ 2"]')
    second.get_by_label("Tín nhiệm cao").fill("12")
    second.get_by_label("Tín nhiệm", exact=True).fill("3")
    page.get_by_role("button", name="Lưu và chốt kết quả").click()

    expect(page.get_by_text("Đã chốt kết quả. Kết quả không sửa được nữa.")).to_be_visible()
    results = page.locator("#confidence-results")
    expect(results).to_contain_text("8 (53,33%)")
    expect(results).to_contain_text("có thể xin từ chức; nếu không, HĐND bỏ phiếu tín nhiệm")
    expect(results).to_contain_text("Nghị quyết 96/2023/QH15")
    expect(page.get_by_role("button", name="Tạo cuộc bỏ phiếu tín nhiệm")).to_be_visible()
    expect(page.get_by_role("link", name="Nhập kết quả kiểm phiếu")).to_have_count(0)

    page.get_by_text("In, cấp số", exact=True).click()
    href = (
        page.locator("#document-supervision-confidence-minutes")
        .get_by_role("link", name="Dự thảo (PDF)")
        .get_attribute("href")
    )
    pdf = page.request.get(f"{base}{href}")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert not errors
    vote_url = page.url
    context.close()

    # The result on a phone, for the Office and for a delegate now that it is closed.
    for username in ("vanphong", "daibieu"):
        phone = browser.new_context(viewport=PHONE)
        page = phone.new_page()
        log_in(page, base, username)
        page.goto(vote_url)
        expect(page.locator("#confidence-results")).to_contain_text("Người thứ 1")
        assert_fits(page)
        phone.close()

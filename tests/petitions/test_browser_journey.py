"""Issue 11 in a real browser: a delegate logs, from a phone, a reception that brings a
denunciation; the Office forwards it and prints the slip; the Party leadership cannot see
who denounced."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from petitions.models import Letter
from tests.browser.conftest import (  # noqa: F401 - the browser fixtures of tests/browser
    _plain_http_cookies,
    _plain_http_live_server,
    browser_type_launch_args,
)
from tests.factories import AgencyFactory, CouncilFactory, DelegateFactory, TermFactory, persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
PHONE = {"width": 390, "height": 844}
DENOUNCER = "Lê Thị Bảo Mật"


@pytest.fixture
def phuc_loc(db):
    call_command("seed_legal_rules", stdout=__import__("io").StringIO())
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    term = TermFactory(council=council, name="2026-2031", number=9, start_date=dt.date(2026, 3, 15))
    delegate = DelegateFactory(term=term, full_name="Bùi Thị Hạnh")
    AgencyFactory(council=council, name="Ủy ban nhân dân xã")
    for role, username, links in (
        ("delegate", "daibieu", {"delegate": delegate}),
        ("staff", "vanphong", {}),
        ("leadership", "lanhdao", {}),
    ):
        user = persona(role, council, username=username, **links)
        user.set_password(PASSWORD)
        user.save()
    return {"council": council, "delegate": delegate}


def log_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1


def test_a_denunciation_from_a_phone_is_forwarded_and_its_denouncer_stays_hidden(
    page: Page, live_server, phuc_loc
):
    base = live_server.url
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # 1. The delegate, on a phone, logs the reception and the denunciation handed in.
    page.set_viewport_size(PHONE)
    log_in(page, base, "daibieu")
    page.goto(f"{base}/petitions/receptions/new/")
    no_sideways_scroll(page)
    page.locator("#id_received_on").fill(dt.date.today().strftime("%d/%m/%Y"))
    page.locator("#id_place").fill("Nhà văn hóa thôn Đông")
    page.locator("#id_receivers").select_option(str(phuc_loc["delegate"].pk))
    page.locator("#id_citizen_name").fill(DENOUNCER)
    page.locator("#id_citizen_id_number").fill("001186004321")
    page.locator("#id_kind").select_option("denunciation")
    page.locator("#id_content").fill("Tố cáo cán bộ thu tiền trái quy định")
    page.locator("#id_outcome").select_option("accepted")
    page.locator("#id_letter_subject").fill("Tố cáo cán bộ thu tiền trái quy định")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text(DENOUNCER)  # the delegate handles it
    no_sideways_scroll(page)
    letter = Letter.objects.get()

    # 2. The Office forwards it to the competent body and prints the forwarding slip.
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, base, "vanphong")
    page.goto(f"{base}/petitions/letters/")
    expect(page.locator("main")).to_contain_text("Người tố cáo (được bảo mật)")
    expect(page.locator("main")).not_to_contain_text(DENOUNCER)
    page.goto(f"{base}{letter.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("Chuyển đơn")).click()
    page.locator("#id_agency").select_option(label="Ủy ban nhân dân xã")
    page.get_by_role("button", name="Chuyển đơn").click()
    expect(page.locator("main")).to_contain_text("Đã chuyển cơ quan có thẩm quyền")
    page.locator("summary", has_text="Phiếu chuyển đơn").click()
    slip = page.get_by_role("link", name=re.compile("Dự thảo \\(PDF\\)"))
    pdf = page.request.get(f"{base}{slip.get_attribute('href')}")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    # 3. The leadership, on a phone, reads the letter but never who denounced.
    page.set_viewport_size(PHONE)
    log_in(page, base, "lanhdao")
    page.goto(f"{base}{letter.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("Người tố cáo (được bảo mật)")
    expect(page.locator("main")).not_to_contain_text(DENOUNCER)
    no_sideways_scroll(page)
    page.goto(f"{base}/search/?q=bao+mat")
    expect(page.locator("main")).not_to_contain_text(DENOUNCER)
    assert not errors

"""The coordination regulation in a real browser (issue 22, item 1): on a phone (390 px), the
Office clerk records the regulation signed by the Standing Committee, the UBND and the Front,
then a joint meeting held under it, reached from the regulation's page; each page names the
other, and nothing scrolls sideways."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.factories import AgencyFactory, CouncilFactory, TermFactory, persona
from tests.meetings_prep.factories import PrepSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
PHONE = {"width": 390, "height": 844}
NUMBER = "01/QCPH-TTHĐND-UBND-MTTQ"
CONTENT = "Thống nhất nội dung, chương trình kỳ họp thứ hai"


@pytest.fixture
def commune(db):
    today = timezone.localdate()
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    term = TermFactory(council=council, start_date=today - dt.timedelta(days=200), end_date=None)
    AgencyFactory(council=council, name="Ủy ban nhân dân xã", short_name="UBND", kind="ubnd")
    AgencyFactory(council=council, name="Ủy ban MTTQ Việt Nam xã", short_name="MTTQ", kind="mttq")
    session = PrepSessionFactory(
        council=council,
        term=term,
        number=2,
        start_date=today + dt.timedelta(days=20),
        end_date=today + dt.timedelta(days=21),
    )
    persona("staff", council, username="vanphong")
    return {"council": council, "session": session}


@pytest.fixture
def errors(page: Page):
    seen: list[str] = []
    page.on("pageerror", lambda exc: seen.append(str(exc)))
    return seen


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()


def no_sideways_scroll(page: Page) -> None:
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{page.url} scrolls sideways: {scroll}px > {inner}px"


def fill_date(page: Page, selector: str, day: dt.date) -> None:
    page.locator(selector).fill(f"{day:%d/%m/%Y}")
    page.keyboard.press("Escape")


def test_the_office_records_a_regulation_and_a_joint_meeting_under_it_on_a_phone(
    page: Page, live_server, commune, errors
):
    base = live_server.url
    today = timezone.localdate()
    signed = today - dt.timedelta(days=30)
    page.set_viewport_size(PHONE)
    log_in(page, base, "vanphong")

    # The list, reached from the menu's link, then a new regulation.
    page.goto(f"{base}/")
    menu = page.locator("a[href='/meetings/coordinationregulation/']").first
    expect(menu).to_have_count(1)
    page.goto(f"{base}/meetings/coordinationregulation/")
    expect(page.get_by_role("heading", name=re.compile("Quy chế phối hợp", re.I))).to_be_visible()
    no_sideways_scroll(page)
    page.goto(f"{base}/meetings/coordinationregulation/new/")
    no_sideways_scroll(page)
    page.locator("#id_number").fill(NUMBER)
    fill_date(page, "#id_signed_on", signed)
    # The UBND and the Front are chosen already as the parties.
    parties = page.locator("#id_parties option:checked")
    expect(parties).to_have_count(2)
    page.locator("#id_signers").fill("Chủ tịch HĐND xã\nChủ tịch UBND xã\nChủ tịch Ủy ban MTTQ xã")
    fill_date(page, "#id_start_date", signed)
    # A wrong end first: refused in Vietnamese under the field.
    fill_date(page, "#id_end_date", signed - dt.timedelta(days=1))
    page.locator("#id_content").fill("Phối hợp chuẩn bị kỳ họp, giám sát, tiếp xúc cử tri")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")).to_be_visible()
    no_sideways_scroll(page)
    page.locator("#id_end_date").fill("")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name=f"Quy chế phối hợp số {NUMBER}")).to_be_visible()
    expect(page.get_by_text("Thường trực HĐND, UBND, MTTQ")).to_be_visible()
    expect(page.get_by_text("Đang có hiệu lực")).to_be_visible()
    no_sideways_scroll(page)
    regulation_url = page.url

    # A joint meeting held under it, from the regulation's page.
    page.get_by_role("link", name="Thêm họp liên tịch").click()
    page.locator("#id_session").select_option(value=str(commune["session"].pk))
    fill_date(page, "#id_held_on", today)
    page.locator("#id_content").fill(CONTENT)
    page.locator("#id_decisions_text").fill("Thống nhất chương trình kỳ họp")
    no_sideways_scroll(page)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu cuộc họp liên tịch")).to_be_visible()
    link = page.get_by_role("link", name=f"Quy chế phối hợp số {NUMBER}")
    expect(link).to_be_visible()
    no_sideways_scroll(page)
    link.click()

    # Back on the regulation: the meeting is listed under it.
    expect(page).to_have_url(regulation_url)
    expect(page.get_by_text(CONTENT)).to_be_visible()
    no_sideways_scroll(page)
    assert errors == []

"""On a phone (390 px): the clerk records a discussion group of the session sitting today,
with its members, chair and secretary, then an opinion raised in it and how it was taken up;
no page scrolls sideways."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.factories import (
    AgendaItemFactory,
    CouncilFactory,
    DelegateFactory,
    SessionDocumentFactory,
    SessionFactory,
    TermFactory,
    persona,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
PHONE = {"width": 390, "height": 844}
NAMES = ["Nguyễn Thị Thanh Hương", "Trần Văn Hùng", "Lê Thị Nguyệt Minh", "Phạm Quang Vinh"]


@pytest.fixture
def sitting(db):
    call_command("seed_legal_rules", stdout=io.StringIO())
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    today = timezone.localdate()
    term = TermFactory(council=council, name="2026-2031", start_date=today - dt.timedelta(days=200))
    for name in NAMES:
        DelegateFactory(term=term, full_name=name, start_date=term.start_date)
    session = SessionFactory(
        term=term, number=3, start_date=today, end_date=today + dt.timedelta(days=1)
    )
    item = AgendaItemFactory(session=session, title="Thông qua dự toán ngân sách xã năm 2027")
    SessionDocumentFactory(
        session=session,
        agenda_item=item,
        title="Dự thảo Nghị quyết phê chuẩn dự toán ngân sách xã năm 2027",
    )
    persona("staff", council, username="vanphong")
    return session


def assert_fits(page: Page) -> None:
    page.wait_for_load_state("load")
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{page.url} scrolls sideways: {scroll}px > {inner}px"


def test_the_clerk_records_a_group_and_its_opinions_on_a_phone(
    live_server, sitting, browser: Browser
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()

    page.goto(f"{base}{sitting.get_absolute_url()}")
    expect(page.locator("#discussion")).to_contain_text("Chưa có tổ thảo luận.")
    assert_fits(page)
    page.locator("#add-group").click()
    assert_fits(page)
    page.locator("#id_name").fill("Tổ thảo luận số 1")
    page.locator("#id_held_on").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.locator("#id_place").fill("Phòng họp tầng 2")
    # The chair picked outside the members is refused with the reason.
    for name in NAMES[:3]:
        page.get_by_label(name, exact=True).check()
    page.locator("#id_chair").select_option(label=NAMES[3])
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("form[novalidate]")).to_contain_text(
        f"Tổ trưởng {NAMES[3]} phải là thành viên của tổ."
    )
    assert_fits(page)
    page.locator("#id_chair").select_option(label=NAMES[0])
    page.locator("#id_secretary").select_option(label=NAMES[1])
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name=re.compile("Tổ thảo luận số 1"))).to_be_visible()
    assert_fits(page)

    # An opinion raised in the group, explained at the sitting.
    page.locator("#add-opinion").click()
    assert_fits(page)
    page.locator("#id_speaker").select_option(label=NAMES[2])
    page.locator("#id_draft").select_option(index=1)
    page.locator("#id_content").fill(
        "Đề nghị làm rõ nguồn kinh phí thực hiện và lộ trình bố trí vốn từng năm."
    )
    page.locator("#id_uptake").select_option("explained")
    page.get_by_role("button", name="Lưu").click()
    # Explained without the explanation: refused under the field.
    expect(page.locator("form[novalidate]")).to_contain_text(
        "Hãy nhập nội dung giải trình tại phiên họp."
    )
    page.locator("#id_answer").fill("Nguồn kinh phí đã nêu tại Tờ trình của UBND xã.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#opinions")).to_contain_text("Giải trình tại phiên họp")
    assert_fits(page)

    page.goto(f"{base}{sitting.get_absolute_url()}")
    card = page.locator("#discussion")
    expect(card).to_contain_text("Tổ thảo luận số 1")
    expect(card).to_contain_text("Tổ trưởng: " + NAMES[0])
    expect(card).to_contain_text("Đề nghị làm rõ nguồn kinh phí")
    assert_fits(page)
    assert not errors, errors
    context.close()

"""On a phone (390 px): a draft needing the Fatherland Front's social criticism cannot have its
vote closed until the clerk records the Front's criticism; then it closes. No page scrolls
sideways."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from councils.models import Agency
from meetings import services
from meetings.models import Attendance
from tests.factories import (
    AgencyFactory,
    CouncilFactory,
    DelegateFactory,
    ResolutionFactory,
    SessionDocumentFactory,
    SessionFactory,
    TermFactory,
    persona,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
PHONE = {"width": 390, "height": 844}
DRAFT = "Dự thảo Nghị quyết ban hành quy định về quản lý chợ trên địa bàn xã"


@pytest.fixture
def voting(db):
    call_command("seed_legal_rules", stdout=io.StringIO())
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    today = timezone.localdate()
    term = TermFactory(council=council, name="2026-2031", start_date=today - dt.timedelta(days=200))
    delegates = [DelegateFactory(term=term, start_date=term.start_date) for _ in range(5)]
    AgencyFactory(council=council, name="Ủy ban MTTQ Việt Nam xã", kind=Agency.Kind.MTTQ)
    session = SessionFactory(term=term, number=3, start_date=today)
    draft = SessionDocumentFactory(session=session, title=DRAFT, criticism_required=True)
    resolution = ResolutionFactory(
        session=session, draft=draft, title="Ban hành quy định về quản lý chợ trên địa bàn xã"
    )
    services.attendance_record(
        session=session, statuses={d.pk: Attendance.Status.PRESENT for d in delegates}
    )
    services.session_open(session=session)
    services.votes_all_present_for(resolution=resolution)
    persona("staff", council, username="vanphong")
    return resolution


def assert_fits(page: Page) -> None:
    page.wait_for_load_state("load")
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{page.url} scrolls sideways: {scroll}px > {inner}px"


def test_the_clerk_records_the_fronts_criticism_before_closing_the_vote_on_a_phone(
    live_server, voting, browser: Browser
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

    url = f"{base}{voting.get_absolute_url()}"
    page.goto(url)
    expect(page.locator("#criticism-missing")).to_contain_text("cần phản biện xã hội")
    assert_fits(page)
    # Closing now is refused, with the reason.
    page.get_by_role("button", name="Kết thúc biểu quyết").click()
    expect(page.locator("#confirm")).to_contain_text("chưa ghi nhận văn bản phản biện")
    assert_fits(page)
    page.get_by_role("button", name="Xác nhận kết thúc biểu quyết").click()
    expect(page.locator(".alert-danger").first).to_contain_text("cần phản biện xã hội")
    expect(page.locator("#vote")).to_contain_text("Đang ghi phiếu")

    # The Front's criticism, recorded from the resolution's page.
    page.locator("#add-criticism").click()
    assert_fits(page)
    today = timezone.localdate()
    page.locator("#id_reference").fill("15/BC-MTTQ")
    page.locator("#id_dated_on").fill((today - dt.timedelta(days=10)).strftime("%d/%m/%Y"))
    page.locator("#id_received_on").fill((today - dt.timedelta(days=12)).strftime("%d/%m/%Y"))
    page.locator("#id_opinions").fill(
        "Đề nghị lấy thêm ý kiến của hộ kinh doanh; quy định rõ lộ trình thực hiện."
    )
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("form[novalidate]")).to_contain_text(
        "Ngày nhận không được trước ngày văn bản phản biện."
    )
    assert_fits(page)
    page.locator("#id_received_on").fill((today - dt.timedelta(days=9)).strftime("%d/%m/%Y"))
    page.locator("#id_uptake").select_option("partial")
    page.locator("#id_explanation").fill(
        "UBND xã tiếp thu, bổ sung lộ trình tại Điều 3; giải trình việc lấy ý kiến hộ kinh doanh."
    )
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert_fits(page)

    page.goto(url)
    expect(page.locator("#criticism")).to_contain_text("Phản biện xã hội số 15/BC-MTTQ")
    expect(page.locator("#criticism-missing")).to_have_count(0)
    page.get_by_role("button", name="Kết thúc biểu quyết").click()
    expect(page.locator("#confirm")).to_contain_text("15/BC-MTTQ")
    page.get_by_role("button", name="Xác nhận kết thúc biểu quyết").click()
    expect(page.locator("#vote")).to_contain_text("Được thông qua")
    assert_fits(page)
    assert not errors, errors
    context.close()

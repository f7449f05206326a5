"""The calendar on a phone (390 x 844) and on a desktop: a Standing Committee member opens
"Lịch" from the menu, reads this month's meetings as a list of days, goes to next month, and
copies the address of their calendar feed. Nothing scrolls sideways."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from meetings.models import StandingMeeting
from tests.factories import CouncilFactory, TermFactory, persona
from tests.meetings_prep.factories import (
    JointMeetingFactory,
    PrepSessionFactory,
    StandingMeetingFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
PHONE = {"width": 390, "height": 844}
LONG_TOPIC = (
    "Giao ban chuyên đề với Ban Kinh tế - Ngân sách và Ban Văn hóa - Xã hội về kết quả giám sát "
    "việc giải quyết kiến nghị cử tri thôn Đoài, thôn Đông và khu tái định cư"
)


@pytest.fixture
def calendar_data(db):
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    term = TermFactory(council=council, start_date=dt.date(2026, 3, 15))
    today = timezone.localdate()
    first = today.replace(day=1)
    next_month = (first + dt.timedelta(days=32)).replace(day=10)
    StandingMeetingFactory(
        council=council,
        term=term,
        kind=StandingMeeting.Kind.BRIEFING,
        held_on=first + dt.timedelta(days=2),
        topic=LONG_TOPIC,
        place="Phòng họp Thường trực HĐND xã",
    )
    session = PrepSessionFactory(
        council=council, term=term, number=3, start_date=next_month, end_date=None
    )
    JointMeetingFactory(council=council, session=session, held_on=next_month - dt.timedelta(days=9))
    persona("standing", council, username="thuongtruc")
    return {"next_month": next_month}


def assert_fits(page) -> None:
    page.wait_for_load_state("load")
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{page.url} scrolls sideways: {scroll}px > {inner}px"


def test_the_calendar_reads_as_a_list_on_a_phone(live_server, calendar_data, browser: Browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("thuongtruc")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()

    # The menu (offcanvas on a phone) has "Lịch".
    page.get_by_role("button", name="Mở danh mục").click()
    page.locator("#sidebar").get_by_role("link", name="Lịch", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(r"^Lịch tháng"))).to_be_visible()
    assert_fits(page)
    event = page.get_by_role("link", name=re.compile("Giao ban chuyên đề với Ban Kinh tế"))
    expect(event).to_be_visible()
    box = event.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # Days without events are not listed on a phone: one card, this month's briefing.
    assert page.locator(".calendar-day:visible").count() == 1

    page.get_by_role("link", name=re.compile("Tháng sau")).click()
    expect(page.get_by_text(re.compile("Họp liên tịch chuẩn bị Kỳ họp thứ ba"))).to_be_visible()
    expect(page.get_by_text(re.compile("Kỳ họp thứ ba"), exact=False).first).to_be_visible()
    assert_fits(page)

    page.get_by_role("link", name=re.compile("Đăng ký lịch")).click()
    # Opening the page creates nothing: the user asks for their address.
    page.get_by_role("button", name=re.compile("^.*Tạo địa chỉ$")).click()
    feed = page.get_by_label("Địa chỉ lịch của bạn")
    expect(feed).to_have_value(re.compile(r"/lich/[\w-]+\.ics$"))
    assert_fits(page)
    ics = page.request.get(feed.input_value())
    assert ics.ok and "BEGIN:VCALENDAR" in ics.text()
    assert not errors, errors
    context.close()


def test_the_calendar_has_seven_columns_on_a_desktop(live_server, calendar_data, browser: Browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("thuongtruc")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/lich/")
    days = page.locator(".calendar-day:visible")
    assert days.count() >= 28
    tops = {round(days.nth(i).bounding_box()["y"]) for i in range(7)}
    assert len(tops) == 1  # the first week on one row
    assert_fits(page)
    context.close()

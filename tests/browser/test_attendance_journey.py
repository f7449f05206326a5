"""The clerk's session day on a phone (390 px): the attendance of 25 delegates is "all present"
then one exception — one change and one tap on "Lưu điểm danh", not 25 dropdowns (issue 23)."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Attendance
from tests.browser.test_phone_journeys import (  # noqa: F401
    PASSWORD,
    assert_fits,
    assert_on_screen,
    phone,
)
from tests.factories import CouncilFactory, DelegateFactory, SessionFactory, TermFactory, persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_clerk_records_25_present_but_one_in_one_save(live_server, phone):  # noqa: F811
    page, errors = phone
    call_command("seed_legal_rules", stdout=io.StringIO())  # the quorum's dated share
    today = timezone.localdate()
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    term = TermFactory(council=council, start_date=today - dt.timedelta(days=200))
    delegates = [
        DelegateFactory(term=term, full_name=f"Đại biểu số {n:02d}", start_date=term.start_date)
        for n in range(1, 26)
    ]
    session = SessionFactory(term=term, number=4, start_date=today)
    persona("staff", council, username="vanphong")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()
    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    link = page.get_by_role("link", name="Điểm danh")
    assert_on_screen(link)
    link.click()
    assert_fits(page)
    expect(page.locator("#attendance-default")).to_contain_text("tất cả đang được ghi")
    expect(page.locator("select[name^=status-] option:checked")).to_have_text(["Có mặt"] * 25)

    absent = delegates[6]
    page.get_by_label(f"Tình trạng của {absent.full_name}").select_option(label="Vắng có phép")
    page.get_by_label(f"Ghi chú về {absent.full_name}").fill("Đi công tác tỉnh")
    save = page.get_by_role("button", name="Lưu điểm danh")
    assert_on_screen(save)
    save.click()
    expect(page.get_by_text("Đã lưu điểm danh (25 thay đổi).")).to_be_visible()
    assert_fits(page)
    expect(page.locator("#quorum")).to_contain_text("24")

    rows = Attendance.objects.filter(session=session)
    assert rows.count() == 25
    assert rows.filter(status=Attendance.Status.PRESENT).count() == 24
    assert rows.get(delegate=absent).status == Attendance.Status.ABSENT_LEAVE
    assert rows.get(delegate=absent).note == "Đi công tác tỉnh"
    assert errors == []

"""The top bar's search box on a phone: "thon ha" finds the delegates and follow-ups about Thôn Hạ."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import (
    AgencyFactory,
    ConstituencyFactory,
    CouncilFactory,
    DelegateFactory,
    FollowUpFactory,
    TermFactory,
    persona,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def thon_ha(db):
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    term = TermFactory(council=council)
    constituency = ConstituencyFactory(term=term, name="Thôn Hạ")
    for n in range(7):
        DelegateFactory(
            term=term, full_name=f"Nguyễn Văn Thử Nghiệm Số {n}", constituency=constituency
        )
    agency = AgencyFactory(council=council, name="Ủy ban nhân dân xã Phúc Lộc")
    FollowUpFactory(
        council=council,
        agency=agency,
        title="Trả lời kiến nghị của cử tri Thôn Hạ về việc sửa chữa đường liên thôn bị xuống cấp",
    )
    persona("staff", council, username="vanphong")


def test_office_searches_everything_from_the_top_bar_on_a_phone(page: Page, live_server, thon_ha):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill("demo-hdnd")
    page.get_by_role("button", name="Đăng nhập").click()

    box = page.get_by_role("searchbox", name="Tìm kiếm trong mọi danh mục")
    expect(box).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box.fill("thon ha")
    box.press("Enter")

    expect(page.get_by_role("heading", name="Kết quả tìm kiếm cho “thon ha”")).to_be_visible()
    expect(page.get_by_role("heading", name="Đại biểu")).to_be_visible()
    expect(page.get_by_role("heading", name="Việc cần đôn đốc")).to_be_visible()
    expect(page.get_by_role("link", name="Xem tất cả 7 kết quả")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("link", name=re.compile("Trả lời kiến nghị của cử tri Thôn Hạ")).click()
    expect(page).to_have_url(re.compile(r"/followups/\d+/$"))
    assert errors == []

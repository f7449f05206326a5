"""Issue 7 on a phone (390 x 844): every role signs in, opens its list and acts on a record.

No page scrolls sideways, and the button the user needs lies inside the screen: lists
are cards below the md breakpoint (``.table-cards`` in ``static/css/portal.css``).
Each role's journey is one test in one browser context, on the session's live server.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from councils.models import Committee, CouncilRole
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    ConstituencyFactory,
    CouncilFactory,
    DelegateFactory,
    FollowUpFactory,
    TermFactory,
    persona,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
PHONE = {"width": 390, "height": 844}
TITLE = "Báo cáo kết quả giải quyết kiến nghị cử tri về tuyến đường liên thôn Đoài - Đông"
ROLES = ["staff", "standing", "committee", "delegate", "leadership", "agency", "admin", "city"]


@pytest.fixture
def phuc_loc(db):
    """Two terms (the same people twice), long names, an item 20 days overdue."""
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    old = TermFactory(
        council=council,
        name="2021-2026",
        number=8,
        start_date=dt.date(2021, 6, 1),
        end_date=dt.date(2026, 3, 14),
    )
    term = TermFactory(council=council, name="2026-2031", number=9, start_date=dt.date(2026, 3, 15))
    for t in (old, term):
        group = CommitteeFactory(
            term=t, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 1"
        )
        place = ConstituencyFactory(
            term=t, number=1, name="Thôn Đoài, thôn Đông, thôn Nam và khu tái định cư"
        )
        for name in ["Nguyễn Thị Thanh Hương", "Trần Văn Hùng", "Lê Thị Nguyệt Minh"]:
            DelegateFactory(
                term=t,
                full_name=name,
                delegate_group=group,
                constituency=place,
                position="Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã",
                start_date=t.start_date,
            )
    ban = CommitteeFactory(term=term, kind=Committee.Kind.BAN, name="Ban Kinh tế - Ngân sách")
    agency = AgencyFactory(council=council, name="Phòng Kinh tế, Hạ tầng và Đô thị")
    own = DelegateFactory(term=term, full_name="Phạm Quang Vinh", start_date=term.start_date)
    users = {
        "staff": persona("staff", council, username="vanphong"),
        "standing": persona("standing", council, username="thuongtruc"),
        "committee": persona("committee", council, username="bankt", committee=ban),
        "delegate": persona("delegate", council, username="daibieu", delegate=own),
        "leadership": persona("leadership", council, username="danguy"),
        "agency": persona("agency", council, username="canbo-kt", agency=agency),
        "admin": persona("admin", council, username="quantri"),
        "city": persona("city", council, username="thanhpho"),
    }
    # The city's overseer follows a second commune too (the side-by-side view).
    other = CouncilFactory(commune="Hòa Bình", slug="hoa-binh")
    CouncilRole.objects.create(user=users["city"], council=other, role="city")
    own.user = users["delegate"]
    own.save()
    due = timezone.localdate() - dt.timedelta(days=20)
    FollowUpFactory(
        council=council,
        agency=agency,
        committee=ban,
        title=TITLE,
        started_on=due - dt.timedelta(days=30),
        original_due_date=due,
        due_date=due,
    )
    return {"own": own}


@pytest.fixture
def phone(browser: Browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page, errors
    context.close()


def assert_fits(page: Page) -> None:
    """Nothing sticks out sideways: the page never scrolls horizontally."""
    page.wait_for_load_state("load")
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{page.url} scrolls sideways: {scroll}px > {inner}px"


def assert_on_screen(target: Locator) -> None:
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    assert box is not None, "not rendered"
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    assert_fits(page)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()
    assert_fits(page)  # home


def open_delegates(page: Page, base: str) -> None:
    page.goto(f"{base}/councils/delegate/")
    expect(page.get_by_role("heading", name="Đại biểu", exact=True)).to_be_visible()
    # The current term only: each person once.
    expect(page.get_by_text("Tìm thấy 4 đại biểu.")).to_be_visible()
    assert_fits(page)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_uses_the_portal_on_a_phone(live_server, phuc_loc, phone, role):
    page, errors = phone
    base = live_server.url
    username = {
        "staff": "vanphong",
        "standing": "thuongtruc",
        "committee": "bankt",
        "delegate": "daibieu",
        "leadership": "danguy",
        "agency": "canbo-kt",
        "admin": "quantri",
        "city": "thanhpho",
    }[role]
    log_in(page, base, username)

    if role == "agency":
        page.goto(f"{base}/followups/")
        row = page.locator("#followup-table tbody tr", has_text=TITLE)
        expect(row.locator("[data-state=overdue]")).to_have_text("Quá hạn 20 ngày")
        assert_fits(page)
        assert_on_screen(row.locator("[data-state=overdue]"))
        answer = row.get_by_role("link", name="Trả lời")
        assert_on_screen(answer)
        answer.click()
        assert_fits(page)
        page.get_by_label("Nội dung trả lời / kết quả thực hiện").fill(
            "Đã khảo sát tuyến đường; dự kiến sửa chữa xong trong quý III."
        )
        send = page.get_by_role("button", name="Gửi trả lời")
        assert_on_screen(send)
        send.click()
        expect(page.get_by_text("Đã ghi nhận trả lời.")).to_be_visible()
        assert_fits(page)
    else:
        if role == "city":
            # From the home card to the councils side by side, then into Phúc Lộc.
            page.locator("#home-city").get_by_role("link", name="So sánh chỉ tiêu").click()
            table = page.locator("#city-table")
            expect(table.locator("[data-council]")).to_have_count(2)
            assert_fits(page)
            drill = table.locator("[data-council='phuc-loc']").get_by_role(
                "button", name="Xem chi tiết"
            )
            assert_on_screen(drill)
            drill.click()
            expect(
                page.get_by_role("heading", name=re.compile("Theo dõi chỉ tiêu"))
            ).to_be_visible()
            assert_fits(page)
        open_delegates(page, base)
        name = "Phạm Quang Vinh" if role in {"staff", "delegate"} else "Trần Văn Hùng"
        link = page.locator("#resource-results").get_by_role("link", name=name)
        assert_on_screen(link)
        link.click()
        expect(page.get_by_role("heading", name=name)).to_be_visible()
        assert_fits(page)
        if role in {"staff", "delegate"}:
            edit = page.get_by_role("link", name="Sửa")
            assert_on_screen(edit)
            edit.click()
            assert_fits(page)
            page.locator("#id_phone").fill("0912 345 678")
            save = page.get_by_role("button", name="Lưu")
            assert_on_screen(save)
            save.click()
            expect(page.get_by_text(re.compile("Đã lưu đại biểu"))).to_be_visible()
            expect(page.locator("main")).to_contain_text("0912345678")
            assert_fits(page)

    assert errors == []


@pytest.mark.parametrize("width", [1366, 390])
def test_the_city_view_of_twenty_targets_never_scrolls_sideways(
    live_server, phuc_loc, browser: Browser, width
):
    """The city overseer compares communes: twenty targets each, at a laptop's and a phone's
    width, and the page stays as wide as the screen."""
    from councils.models import Council
    from tests.factories import TargetFactory

    for council in Council.objects.all():
        for n in range(1, 21):
            TargetFactory(council=council, code=f"1.{n}", title=f"Chỉ tiêu số {n} của kế hoạch")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        log_in(page, live_server.url, "thanhpho")
        page.goto(f"{live_server.url}/targets/city/")
        cards = page.locator("#city-table [data-council]")
        expect(cards).to_have_count(2)
        expect(cards.first.get_by_text("Chỉ tiêu 1.20")).to_be_visible()
        assert_fits(page)
    finally:
        context.close()

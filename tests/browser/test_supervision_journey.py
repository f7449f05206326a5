"""Supervision in a real browser (issue 9): a Ban member plans a survey on a phone, records its
conclusion with two recommendations and finds them in the follow-up inbox; the agency answers
one of them there, and the recommendation reads as answered."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from councils.models import Committee
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    CouncilFactory,
    TermFactory,
    persona,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
PHONE = {"width": 390, "height": 844}
TOPIC = "Khảo sát việc quản lý chợ Phúc Lộc"
FIRST = "Niêm yết công khai mức thu phí chợ"
SECOND = "Sửa chữa hệ thống thoát nước khu chợ"


@pytest.fixture
def commune(db):
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    term = TermFactory(council=council, start_date=dt.date(2026, 3, 15), end_date=None)
    ban = CommitteeFactory(term=term, kind=Committee.Kind.BAN, name="Ban Kinh tế - Ngân sách")
    agency = AgencyFactory(council=council, name="Phòng Kinh tế", email="kinhte@phucloc.vn")
    persona("committee", council, username="bankinhte", committee=ban)
    persona("agency", council, username="canbo-kt", agency=agency)
    return {"council": council, "ban": ban}


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


def add_recommendation(page: Page, content: str, due: dt.date) -> None:
    page.get_by_role("link", name="Thêm kiến nghị").click()
    page.locator("#id_agency").select_option(label="Phòng Kinh tế")
    page.locator("#id_content").fill(content)
    fill_date(page, "#id_due_date", due)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text(f"Đã lưu kiến nghị sau giám sát: {content}")).to_be_visible()


def test_a_ban_member_plans_concludes_and_the_agency_answers(
    page: Page, live_server, commune, errors
):
    base = live_server.url
    today = timezone.localdate()
    page.set_viewport_size(PHONE)

    # On a phone: the Ban member plans a survey of the Economic Office.
    log_in(page, base, "bankinhte")
    page.goto(f"{base}/supervision/activity/new/")
    no_sideways_scroll(page)
    page.locator("#id_body").select_option(label="Ban của HĐND")
    # Named with its term ("Ban Kinh tế - Ngân sách (2026-2031)").
    page.locator("#id_committee").select_option(value=str(commune["ban"].pk))
    page.locator("#id_kind").select_option(label="Khảo sát")
    page.locator("#id_topic").fill(TOPIC)
    page.locator("#id_agencies").select_option(label="Phòng Kinh tế")
    fill_date(page, "#id_start_date", today)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name=f"Khảo sát: {TOPIC}")).to_be_visible()
    no_sideways_scroll(page)

    # Its conclusion, then two recommendations to the Economic Office.
    page.get_by_role("link", name="Ghi kết luận").click()
    page.locator("#id_kind").select_option(label="Thông báo kết luận")
    fill_date(page, "#id_concluded_on", today)
    page.locator("#id_results").fill("Chợ được quản lý nề nếp; thu phí chưa công khai.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu báo cáo, kết luận giám sát")).to_be_visible()
    conclusion_url = page.url
    add_recommendation(page, FIRST, today + dt.timedelta(days=30))
    page.goto(conclusion_url)
    add_recommendation(page, SECOND, today + dt.timedelta(days=60))
    page.goto(conclusion_url)
    expect(page.locator("#recommendations .list-group-item")).to_have_count(2)
    no_sideways_scroll(page)

    # Both are in the follow-up inbox, with the Economic Office responsible.
    page.goto(f"{base}/followups/")
    rows = page.locator("#followup-table tbody tr")
    expect(rows.filter(has_text=FIRST)).to_have_count(1)
    expect(rows.filter(has_text=SECOND)).to_have_count(1)
    expect(rows.filter(has_text=FIRST)).to_contain_text("Phòng Kinh tế")
    no_sideways_scroll(page)
    page.context.clear_cookies()  # signed out

    # The agency answers the first one in its inbox (desktop width).
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, base, "canbo-kt")
    page.goto(f"{base}/followups/")
    row = page.locator("#followup-table tbody tr").filter(has_text=FIRST)
    row.get_by_role("link", name="Trả lời").click()
    page.get_by_label("Nội dung trả lời / kết quả thực hiện").fill(
        "Đã niêm yết bảng giá tại cổng chợ từ ngày 01."
    )
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.get_by_text("Đã ghi nhận trả lời.")).to_be_visible()

    # The agency reads its recommendations: the answered one waits for review.
    page.goto(f"{base}/supervision/recommendation/")
    first = page.locator("#resource-results tbody tr").filter(has_text=FIRST)
    expect(first).to_contain_text("Đã trả lời, chờ Thường trực xem xét")
    second = page.locator("#resource-results tbody tr").filter(has_text=SECOND)
    expect(second).to_contain_text("Đang theo dõi")
    assert errors == []

"""Issue 12 in a real browser: the Party leadership (``lanhdao``) opens the dashboard, follows
the target at risk to its records, prints the review; the dashboard on a phone."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import Page, expect

from tests.factories import (
    CouncilFactory,
    DelegateFactory,
    DisseminationFactory,
    PartyCellFactory,
    TargetFactory,
    TermFactory,
    TrainingFactory,
    persona,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
AT = dt.datetime(2026, 10, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def phuc_loc(db):
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    term = TermFactory(council=council, name="2026-2031", number=9, start_date=dt.date(2026, 3, 15))
    delegates = [DelegateFactory(term=term, full_name=f"Nguyễn Văn Hùng {i}") for i in range(4)]
    TrainingFactory(
        council=council,
        course="Tập huấn đại biểu khóa mới",
        start_date=dt.date(2026, 5, 12),
        delegates=delegates[:2],
    )
    for i in range(3):
        cell = PartyCellFactory(council=council, name=f"Chi bộ thôn {i}")
        DisseminationFactory(council=council, party_cell=cell, held_on=dt.date(2025, 9, 10))
    TargetFactory(
        council=council,
        code="1.1",
        title="Quán triệt Đề án đến 100% chi bộ.",
        metric="councils.dissemination_cells",
        body="party",
        order=1,
    )
    TargetFactory(
        council=council,
        code="1.3",
        title="100% đại biểu HĐND xã được tập huấn, bồi dưỡng hằng năm.",
        metric="councils.delegates_trained",
        order=3,
    )
    TargetFactory(
        council=council,
        code="1.6",
        title="Ít nhất 01 cuộc tiếp xúc cử tri chuyên đề mỗi năm.",
        metric="nobody.registered",
        unit="count",
        threshold=1,
        order=6,
    )
    persona("leadership", council, username="lanhdao")
    return council


@pytest.fixture
def errors(page: Page):
    seen: list[str] = []
    page.on("pageerror", lambda exc: seen.append(str(exc)))
    return seen


@pytest.fixture(autouse=True)
def travel():
    with time_machine.travel(AT, tick=True):
        yield


def log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()


def test_leadership_follows_a_target_at_risk_and_prints_the_review(
    page: Page, live_server, phuc_loc, errors
):
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, base)

    page.locator("#sidebar a[href='/targets/']").click()
    expect(page.get_by_role("heading", name="Theo dõi chỉ tiêu Kế hoạch năm 2026")).to_be_visible()
    table = page.locator("#targets-table")
    expect(table.locator("tr[data-target='1.1'] [data-status='met']")).to_have_text("Đạt")
    expect(table.locator("tr[data-target='1.6']")).to_contain_text("Chưa có số liệu")
    at_risk = table.locator("tr[data-status='at_risk']")
    expect(at_risk).to_have_count(1)
    expect(at_risk).to_contain_text("1.3")
    expect(page.locator("figure svg[role='img']").first).to_be_visible()

    # The figure of the target at risk opens the records behind it.
    at_risk.locator("a.records-link").click()
    expect(page).to_have_url(re.compile(r"/councils/training/\?year=2026$"))
    expect(page.get_by_role("heading", name="Lớp tập huấn, bồi dưỡng")).to_be_visible()
    expect(page.locator("#resource-results")).to_contain_text("Tập huấn đại biểu khóa mới")
    page.go_back()

    # The review of the year, as PDF: drawn up by the form's POST, then printed.
    form = page.locator("form[data-review='/targets/review/2026/0/']")
    expect(form.get_by_role("button", name="Cả năm (PDF)")).to_be_visible()
    token = form.locator("input[name=csrfmiddlewaretoken]").get_attribute("value")
    pdf = page.request.post(
        f"{base}/targets/review/2026/0/",
        form={"csrfmiddlewaretoken": token, "format": "pdf"},
        headers={"Referer": f"{base}/targets/"},
    )
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert errors == []


def test_the_dashboard_fits_a_phone(page: Page, live_server, phuc_loc, errors):
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, base)
    page.goto(f"{base}/targets/")
    expect(page.get_by_role("heading", name=re.compile("Theo dõi chỉ tiêu"))).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways: {width}px"
    expect(
        page.locator("#targets-table tr[data-target='1.3'] td[data-label='Kết quả']")
    ).to_be_visible()
    assert errors == []

"""The follow-up engine in a real browser: reminded, answered, no longer overdue.

An item forwarded to the Economic Office (Phòng Kinh tế) was due yesterday.
The daily job runs; the Office clerk (``vanphong``) sees it among the overdue
items and the bell rings for the agency's officer (``canbo-kt``), who signs
in, follows the notification to the inbox, answers the item, and sees it
leave the overdue list.
"""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from hdnd_portal.followups.reminders import run_reminders
from tests.factories import AgencyFactory, CouncilFactory, FollowUpFactory, persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
TITLE = "Khắc phục sạt lở bờ kênh thôn Đoài"


@pytest.fixture
def overdue_item(db):
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    agency = AgencyFactory(council=council, name="Phòng Kinh tế", email="kinhte@phucloc.vn")
    persona("agency", council, username="canbo-kt", agency=agency)
    persona("staff", council, username="vanphong")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    return FollowUpFactory(
        council=council,
        agency=agency,
        title=TITLE,
        started_on=yesterday - dt.timedelta(days=30),
        original_due_date=yesterday,
        due_date=yesterday,
    )


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


def log_out(page: Page) -> None:
    page.locator(".navbar .dropdown-toggle").click()
    page.get_by_role("button", name="Đăng xuất").click()


def overdue_rows(page: Page):
    return page.locator("#followup-table tbody tr", has_text=TITLE)


def test_an_overdue_item_is_reminded_answered_and_leaves_the_overdue_list(
    page: Page, live_server, overdue_item, errors
):
    base = live_server.url

    # The Office sees the item among the overdue ones; nobody was reminded yet.
    log_in(page, base, "vanphong")
    expect(page.get_by_test_id("bell-count")).to_have_count(0)
    page.get_by_role("link", name="Việc cần đôn đốc").first.click()
    page.locator("a[href='?status=overdue']").click()
    expect(overdue_rows(page)).to_have_count(1)
    expect(page.locator("[data-count=overdue]")).to_have_text("1")

    # The daily job (D+1): one digest each for the officer, the agency address, the Office.
    stats = run_reminders()
    assert stats["reminders"] == 1 and stats["digests"] == 3
    assert {m.to[0] for m in mail.outbox} == {
        "canbo-kt@example.vn",
        "kinhte@phucloc.vn",
        "vanphong@example.vn",
    }
    page.reload()
    expect(page.get_by_test_id("bell-count")).to_have_text("1")
    log_out(page)

    # The agency's officer: the bell, the notification, the overdue item.
    log_in(page, base, "canbo-kt")
    expect(page.get_by_test_id("bell-count")).to_have_text("1")
    page.locator("#bell").click()
    expect(page).to_have_url(re.compile(r"/notifications/$"))
    note = page.get_by_test_id("notification").filter(has_text="Nhắc hạn: 1 việc cần đôn đốc")
    expect(note).to_contain_text(TITLE)
    expect(note).to_contain_text("quá hạn 1 ngày")
    note.locator("button.link-button").click()  # opening it is a POST: it marks it read
    expect(page).to_have_url(re.compile(r"/followups/\?status=overdue$"))
    expect(page.get_by_test_id("bell-count")).to_have_count(0)
    expect(overdue_rows(page)).to_have_count(1)

    # It answers the item.
    overdue_rows(page).get_by_role("link", name="Trả lời").click()
    page.get_by_label("Nội dung trả lời / kết quả thực hiện").fill(
        "Đã kè tạm 40 m bờ kênh bằng rọ đá; dự kiến hoàn thành kè kiên cố trong quý I."
    )
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.get_by_text("Đã ghi nhận trả lời.")).to_be_visible()

    # It has left the overdue list, for the agency and for the Office.
    page.goto(f"{base}/followups/?status=overdue")
    expect(overdue_rows(page)).to_have_count(0)
    expect(page.get_by_text("Không có việc nào phù hợp.")).to_be_visible()
    expect(page.locator("[data-count=overdue]")).to_have_text("0")
    log_out(page)
    log_in(page, base, "vanphong")
    page.goto(f"{base}/followups/?status=overdue")
    expect(overdue_rows(page)).to_have_count(0)
    # It waits for the Standing Committee's review; the Office accepts it and it is done.
    page.goto(f"{base}/followups/?status=answered")
    expect(overdue_rows(page)).to_have_count(1)
    overdue_rows(page).get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Xác nhận hoàn thành").click()
    expect(page.get_by_text("Đã xác nhận hoàn thành.")).to_be_visible()
    page.goto(f"{base}/followups/?status=done")
    expect(overdue_rows(page)).to_have_count(1)

    # The D+7 run a week later reminds nobody of an answered item.
    mail.outbox.clear()
    assert run_reminders(today=timezone.localdate() + dt.timedelta(days=6))["digests"] == 0
    assert errors == []

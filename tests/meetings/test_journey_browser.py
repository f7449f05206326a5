"""Browser journey: the Office prepares and holds a session, the resolution is voted, issued,
printed and found on the public page; the session page fits a 390 px phone."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from councils.models import Committee
from tests.factories import CommitteeFactory, CouncilFactory, DelegateFactory, TermFactory, persona
from tests.meetings.conftest import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
TITLE = "Về việc phê chuẩn dự toán ngân sách xã năm 2027"


@pytest.fixture
def phuc_loc(db):
    import io

    from django.core.management import call_command

    call_command("seed_legal_rules", stdout=io.StringIO())
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    term = TermFactory(council=council, name="2026-2031", number=2)
    CommitteeFactory(term=term, kind=Committee.Kind.BAN, name="Ban Kinh tế - Ngân sách")
    for name in ["Nguyễn Thị Hương", "Trần Văn Hùng", "Lê Thị Minh", "Phạm Văn Đức", "Vũ Thị Lan"]:
        DelegateFactory(term=term, full_name=name)
    persona("staff", council, username="vanphong")
    return council


def log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()


def save(page: Page) -> None:
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_be_visible()


def test_staff_prepare_hold_and_publish_a_session(
    live_server, phuc_loc, page: Page, browser: Browser
):
    base = live_server.url
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, base)
    today = timezone.localdate().strftime("%d/%m/%Y")

    # The session.
    page.goto(f"{base}/meetings/session/new/")
    page.locator("#id_number").fill("5")
    page.locator("#id_kind").select_option("regular")
    page.locator("#id_start_date").fill(today)
    page.locator("#id_place").fill("Hội trường UBND xã")
    save(page)
    expect(page.get_by_role("heading", name="Kỳ họp thứ năm")).to_be_visible()
    session_url = page.url

    # An agenda item, its draft resolution with a file, and the Ban's examination report.
    page.goto(f"{base}/meetings/agenda/new/")
    page.locator("#id_session").select_option(index=1)
    page.locator("#id_number").fill("1")
    page.locator("#id_title").fill("Xem xét, thông qua dự toán ngân sách năm 2027")
    page.locator("#id_presenter_text").fill("Ủy ban nhân dân xã")
    save(page)

    page.goto(f"{base}/meetings/documents/new/")
    page.locator("#id_session").select_option(index=1)
    page.locator("#id_agenda_item").select_option(index=1)
    page.locator("#id_kind").select_option("draft_resolution")
    page.locator("#id_title").fill("Dự thảo nghị quyết phê chuẩn dự toán ngân sách năm 2027")
    page.locator("#id_sent_on").fill(today)
    page.locator("#id_file").set_input_files(
        files=[{"name": "du-thao.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    save(page)
    expect(page.get_by_role("link", name="du-thao.pdf")).to_be_visible()

    page.goto(f"{base}/meetings/examinations/new/")
    page.locator("#id_document").select_option(index=1)
    page.locator("#id_committee").select_option(index=1)
    page.locator("#id_recommendation").select_option("pass")
    page.locator("#id_content").fill("Dự thảo đủ căn cứ pháp lý, đúng thẩm quyền.")
    page.locator("#id_examined_on").fill(today)
    save(page)

    page.goto(f"{base}/meetings/resolutions/new/")
    page.locator("#id_session").select_option(index=1)
    page.locator("#id_agenda_item").select_option(index=1)
    page.locator("#id_draft").select_option(index=1)
    page.locator("#id_title").fill(TITLE)
    save(page)
    resolution_url = page.url

    # Attendance: every delegate present; the session opens (quorum met).
    page.goto(session_url)
    page.get_by_role("link", name="Điểm danh").click()
    for select in page.locator("select[name^=status-]").all():
        select.select_option("present")
    page.get_by_role("button", name="Lưu điểm danh").click()
    expect(page.locator("#quorum")).to_contain_text("Có mặt 5/5 đại biểu")
    page.get_by_role("button", name="Khai mạc").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã khai mạc kỳ họp")

    # The vote: everyone present for, the vote closed, the number issued.
    page.goto(resolution_url)
    page.get_by_role("button", name="Tất cả đại biểu có mặt tán thành").click()
    # Closing the vote and issuing the number are irreversible: each asks first.
    page.get_by_role("button", name="Kết thúc biểu quyết").click()
    expect(page.locator("#confirm")).to_contain_text(
        "kết quả sẽ được ghi vào nghị quyết và không sửa được"
    )
    page.get_by_role("button", name="Xác nhận kết thúc biểu quyết").click()
    expect(page.locator("#vote")).to_contain_text("Được thông qua")
    # "Cấp số và in": the confirmation form (signing date from the vote's day, signer), whose
    # answer is the numbered PDF; posted through the page's own cookies and token.
    page.get_by_role("link", name="Cấp số và in nghị quyết").click()
    expect(page.locator("#confirm")).to_contain_text("số đã cấp không thu hồi")
    if not page.locator("#id_signer").input_value():
        page.locator("#id_signer").fill("Nguyễn Văn Chủ Tọa")
    form = page.locator("#confirm form")
    issued = page.request.post(
        f"{base}{form.get_attribute('action')}",
        form={
            "csrfmiddlewaretoken": form.locator("input[name=csrfmiddlewaretoken]").input_value(),
            "issued_on": page.locator("#id_issued_on").input_value(),
            "signer": page.locator("#id_signer").input_value(),
        },
    )
    assert issued.status == 200 and issued.headers["content-type"] == "application/pdf"
    page.goto(resolution_url)
    expect(page.locator("#resolution-number")).to_contain_text("Nghị quyết số 01/NQ-HĐND")

    # Print the issued resolution from the page's menu.
    page.get_by_text("In, cấp số", exact=True).click()
    href = (
        page.locator("#document-meetings-resolution")
        .get_by_role("link", name="Bản đã cấp số (PDF)")
        .get_attribute("href")
    )
    pdf = page.request.get(f"{base}{href}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"

    # The public page, without logging in, shows it with its PDF.
    visitor = browser.new_context()
    public = visitor.new_page()
    public.goto(f"{base}/accounts/login/")
    public.get_by_role("link", name=re.compile("Kỳ họp và nghị quyết HĐND")).click()
    public.get_by_role("link", name=re.compile("Phúc Lộc")).click()
    expect(public.locator("#public-resolutions")).to_contain_text(TITLE)
    link = public.get_by_role("link", name="01/NQ-HĐND")
    response = public.request.get(f"{base}{link.get_attribute('href')}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    visitor.close()

    # The session page on a 390 px phone: nothing scrolls sideways.
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    small = phone.new_page()
    log_in(small, base)
    small.goto(session_url)
    small.wait_for_load_state("load")
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the session page scrolls sideways: {width}px"
    small.goto(resolution_url)
    assert small.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()
    assert errors == []

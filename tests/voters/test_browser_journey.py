"""Voter contact in a real browser at phone width (390 px).

A delegate records a meeting and three petitions from a phone; the signal drops for the third,
which is kept in the browser and sent when the connection returns. The Office merges two of
them and forwards the result to the UBND, whose officer answers it in the follow-up inbox; the
public page then shows the answer. No page scrolls sideways.
"""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from councils.models import Committee
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    CouncilFactory,
    DelegateFactory,
    PetitionFieldFactory,
    TermFactory,
    VoterSessionFactory,
    persona,
)
from voters.models import SynthesizedPetition, VoterPetition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-hdnd"
PHONE = {"width": 390, "height": 844}
# Two cores shared with other work: pages may take a while.
WAIT = 20_000
ANSWER = "UBND xã đã bố trí vốn sửa 1,2 km đường liên thôn trong quý I."


@pytest.fixture
def commune(db):
    call_command("seed_legal_rules", stdout=io.StringIO())
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    term = TermFactory(council=council, start_date=dt.date(2026, 3, 15))
    group = CommitteeFactory(term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 1")
    delegate = DelegateFactory(term=term, delegate_group=group, full_name="Trần Thị Bình")
    persona("delegate", council, username="daibieu", delegate=delegate)
    persona("staff", council, username="vanphong")
    agency = AgencyFactory(council=council, name="Ủy ban nhân dân xã", short_name="UBND xã")
    persona("agency", council, username="ubnd", agency=agency)
    VoterSessionFactory(term=term, number=2, start_date=dt.date(2026, 7, 10))
    PetitionFieldFactory(council=council, name="Giao thông, hạ tầng")
    return council


def phone_page(browser: Browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


def assert_fits(page: Page) -> None:
    page.wait_for_load_state("load")
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{page.url} scrolls sideways: {scroll}px > {inner}px"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible(timeout=WAIT)


def add_petition(page: Page, content: str) -> None:
    page.get_by_label("Nội dung ý kiến, kiến nghị").fill(content)
    page.get_by_label("Lĩnh vực").select_option(label="Giao thông, hạ tầng")
    page.get_by_label("Số cử tri cùng kiến nghị").fill("4")
    page.get_by_role("button", name="Lưu kiến nghị").click()


def test_a_meeting_recorded_on_a_phone_reaches_the_public_page(browser, live_server, commune):
    base = live_server.url

    # The delegate records the meeting from a phone.
    context, page, errors = phone_page(browser)
    log_in(page, base, "daibieu")
    page.goto(f"{base}/voters/votermeeting/new/")
    assert_fits(page)
    page.get_by_label("Hình thức").select_option(label="Trước kỳ họp")
    page.get_by_label("Kỳ họp").select_option(index=1)
    page.get_by_label("Địa điểm (thôn, tổ dân phố)").fill("Nhà văn hóa thôn Hạ")
    page.get_by_label("Số cử tri tham dự").fill("85")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name=re.compile("Nhà văn hóa thôn Hạ"))).to_be_visible(
        timeout=WAIT
    )
    assert_fits(page)

    # Two petitions online, the third while the signal is gone.
    add_petition(page, "Đề nghị sửa chữa đường liên thôn Hạ bị xuống cấp")
    expect(page.locator("#meeting-petitions li")).to_have_count(1, timeout=WAIT)
    add_petition(page, "Sửa chữa đường liên thôn Hạ, nhiều ổ gà")
    expect(page.locator("#meeting-petitions li")).to_have_count(2, timeout=WAIT)
    context.set_offline(True)
    add_petition(page, "Đề nghị lắp đèn chiếu sáng đường trục thôn")
    expect(page.locator("[data-offline-status]")).to_contain_text(
        "Đã lưu trên máy, sẽ gửi khi có mạng", timeout=WAIT
    )
    assert VoterPetition.objects.count() == 2
    context.set_offline(False)  # back online: the kept form is sent, and the page reloads
    expect(page.locator("#meeting-petitions li")).to_have_count(3, timeout=WAIT)
    assert VoterPetition.objects.count() == 3
    assert not errors, errors
    context.close()

    # The Office merges the two road petitions and forwards the result to the UBND.
    context, page, errors = phone_page(browser)
    log_in(page, base, "vanphong")
    page.goto(f"{base}/voters/merge/?q=duong+lien+thon")
    assert_fits(page)
    boxes = page.locator("input[name=petitions]")
    expect(boxes).to_have_count(2, timeout=WAIT)
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_label("Nội dung kiến nghị tổng hợp").fill("Đề nghị sửa chữa đường liên thôn Hạ")
    page.get_by_label("Lĩnh vực").select_option(label="Giao thông, hạ tầng")
    page.get_by_role("button", name="Tổng hợp").click()
    expect(page.get_by_text("Đã tổng hợp kiến nghị.")).to_be_visible(timeout=WAIT)
    assert_fits(page)
    page.get_by_label("Cơ quan trả lời").select_option(label="Ủy ban nhân dân xã")
    page.get_by_role("button", name="Chuyển và theo dõi hạn trả lời").click()
    expect(page.get_by_text("Đã chuyển kiến nghị đến cơ quan trả lời.")).to_be_visible(timeout=WAIT)
    synth = SynthesizedPetition.objects.get()
    assert synth.petitions.count() == 2 and synth.followup is not None
    assert not errors, errors
    context.close()

    # The UBND's officer answers in the follow-up inbox.
    context, page, errors = phone_page(browser)
    log_in(page, base, "ubnd")
    page.goto(f"{base}/followups/{synth.followup_id}/answer/")
    page.get_by_label("Nội dung trả lời / kết quả thực hiện").fill(ANSWER)
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.get_by_text("Đã ghi nhận trả lời.")).to_be_visible(timeout=WAIT)
    context.close()

    # Anyone reads the answer on the public page, linked from the login page.
    context, page, errors = phone_page(browser)
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name=re.compile("Kiến nghị của cử tri")).click()
    expect(page.get_by_text(ANSWER)).to_be_visible(timeout=WAIT)
    expect(page.locator(".public-petition .badge")).to_have_text("Đã trả lời", timeout=WAIT)
    assert_fits(page)
    assert not errors, errors
    context.close()


def test_a_petition_on_its_way_freezes_the_form_so_nothing_typed_is_lost(
    browser, live_server, commune
):
    """On a slow line the page is replaced when the save returns: the form cannot be typed
    into (or sent twice) meanwhile, and the petition is saved once."""
    base = live_server.url
    context, page, errors = phone_page(browser)
    log_in(page, base, "daibieu")
    page.goto(f"{base}/voters/votermeeting/new/")
    page.get_by_label("Hình thức").select_option(label="Trước kỳ họp")
    page.get_by_label("Kỳ họp").select_option(index=1)
    page.get_by_label("Địa điểm (thôn, tổ dân phố)").fill("Nhà văn hóa thôn Thượng")
    page.get_by_label("Số cử tri tham dự").fill("40")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name=re.compile("thôn Thượng"))).to_be_visible(timeout=WAIT)

    held = []
    page.route("**/petitions/**", lambda route: held.append(route))
    add_petition(page, "Đề nghị nạo vét kênh tiêu thôn Thượng")
    page.wait_for_function("() => document.querySelector('form[aria-busy=true]') !== null")
    content = page.get_by_label("Nội dung ý kiến, kiến nghị")
    expect(content).to_have_js_property("readOnly", True)
    expect(page.get_by_role("button", name="Lưu kiến nghị")).to_be_disabled()
    expect(page.locator("[data-offline-status]")).to_contain_text("Đang gửi")
    assert len(held) == 1
    held[0].continue_()
    expect(page.locator("#meeting-petitions li")).to_have_count(1, timeout=WAIT)
    expect(page.get_by_label("Nội dung ý kiến, kiến nghị")).to_be_editable()
    assert VoterPetition.objects.count() == 1
    assert not errors, errors
    context.close()

"""A delegate on a phone (390 px) logs a citizen reception and a voter meeting from the home page
in at most three taps each — the shortcut, then "Lưu" — with themselves already chosen as the
receiver and the attending delegate, and nothing scrolling sideways (issue 23)."""

import re

import pytest
from playwright.sync_api import Page, expect

from councils.models import Committee
from petitions.models import Reception
from tests.browser.test_phone_journeys import (  # noqa: F401
    PASSWORD,
    assert_fits,
    assert_on_screen,
    phone,
    phuc_loc,
)
from voters.models import VoterMeeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Taps:
    """Counts what the delegate taps (links and buttons), not what they type."""

    def __init__(self) -> None:
        self.count = 0

    def tap(self, target) -> None:
        assert_on_screen(target)
        target.click()
        self.count += 1


@pytest.fixture
def delegate_page(live_server, phuc_loc, phone):  # noqa: F811
    own = phuc_loc["own"]
    own.delegate_group = Committee.objects.get(term=own.term, kind=Committee.Kind.DELEGATE_GROUP)
    own.save()
    page, errors = phone
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("daibieu")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()
    assert_fits(page)
    yield page, own
    assert errors == []


def test_a_delegate_logs_a_reception_from_home_in_two_taps(delegate_page):
    page: Page
    page, own = delegate_page
    taps = Taps()
    taps.tap(page.get_by_role("link", name=re.compile("Ghi tiếp công dân")))
    expect(page.get_by_role("heading", name=re.compile("tiếp công dân", re.I))).to_be_visible()
    assert_fits(page)
    # The delegate logging it is already among the receivers.
    expect(page.locator("#id_receivers option:checked")).to_have_text([re.compile(own.full_name)])
    page.get_by_label("Địa điểm").fill("Trụ sở HĐND xã")
    page.get_by_label("Họ tên công dân").fill("Nguyễn Văn Bình")
    page.get_by_label("Phân loại").select_option(label="Kiến nghị")
    page.get_by_label("Nội dung vụ việc").fill("Đề nghị sửa đoạn đường bị sạt lở ở thôn Đoài.")
    page.get_by_label("Hướng xử lý").select_option(index=1)
    taps.tap(page.get_by_role("button", name="Lưu"))
    expect(page.get_by_text(re.compile("Đã lưu"))).to_be_visible()
    assert_fits(page)
    assert taps.count <= 3
    reception = Reception.objects.get()
    assert list(reception.receivers.all()) == [own]
    assert reception.citizen_name == "Nguyễn Văn Bình"


def test_a_delegate_records_a_voter_meeting_from_home_in_two_taps(delegate_page):
    page: Page
    page, own = delegate_page
    taps = Taps()
    taps.tap(page.get_by_role("link", name=re.compile("Ghi cuộc tiếp xúc cử tri")))
    assert_fits(page)
    # Their own delegate group holds it, they attend it, and it is today.
    expect(page.locator("#id_holder option:checked")).to_have_text(re.compile("Tổ đại biểu số 1"))
    expect(page.locator("#id_delegates option:checked")).to_have_text([re.compile(own.full_name)])
    page.get_by_label("Hình thức").select_option(label="Đại biểu báo cáo hằng năm với cử tri")
    page.get_by_label("Địa điểm (thôn, tổ dân phố)").fill("Nhà văn hóa thôn Đoài")
    page.get_by_label("Số cử tri tham dự").fill("86")
    taps.tap(page.get_by_role("button", name="Lưu"))
    expect(page.get_by_text(re.compile("Đã lưu"))).to_be_visible()
    assert_fits(page)
    assert taps.count <= 3
    meeting = VoterMeeting.objects.get()
    assert meeting.voter_count == 86
    assert list(meeting.delegates.all()) == [own]

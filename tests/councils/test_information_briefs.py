"""Issue 22.8, a channel of regular information to delegates: the Office sends a brief, each
delegate it was sent to acknowledges it ("Đã nhận, đã đọc", with the moment) from their home
page or the brief's page on a phone, and the Office sees who has not."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import BriefAcknowledgement, InformationBrief
from tests.factories import DelegateFactory, InformationBriefFactory, TermFactory, persona

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
SENT = dt.date(2026, 11, 30)


@pytest.fixture
def term(council):
    return TermFactory(council=council, name="2026-2031", start_date=dt.date(2026, 3, 25))


@pytest.fixture
def reader(council, term):
    """A delegate in office on the day sent, logged in through their own account."""
    delegate = DelegateFactory(term=term, full_name="Trần Thị Mai")
    return persona("delegate", council, delegate=delegate), delegate


@pytest.fixture
def now(time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 1, 20, 15, tzinfo=VN), tick=False)


def test_the_office_sends_a_brief_and_it_reaches_the_delegates_home_page(
    client, council, term, reader, now
):
    client.force_login(persona("staff", council))
    response = client.post(
        reverse("councils-informationbrief-create"),
        {
            "title": "Tình hình kinh tế - xã hội tháng 11/2026",
            "period": "Tháng 11/2026",
            "sent_on": "30/11/2026",
            "sender": "Văn phòng HĐND và UBND xã",
            "content": "Thu ngân sách đạt 92% dự toán.",
        },
    )
    assert response.status_code == 302
    user, _delegate = reader
    client.force_login(user)
    home = client.get(reverse("home")).content.decode()
    assert "Bản tin chưa đọc" in home and "Tình hình kinh tế - xã hội tháng 11/2026" in home


def test_content_or_file_is_required_with_a_clear_message(client, council, now):
    client.force_login(persona("staff", council))
    response = client.post(
        reverse("councils-informationbrief-create"),
        {"title": "Bản tin", "period": "Tháng 11", "sent_on": "30/11/2026", "sender": "VP"},
    )
    assert "Nhập nội dung hoặc đính kèm tệp bản tin." in response.content.decode()
    assert not InformationBrief.objects.exists()


def test_a_delegate_acknowledges_once_and_the_office_sees_who_has_not(
    client, council, term, reader, now, time_machine
):
    user, delegate = reader
    other = DelegateFactory(term=term, full_name="Lê Văn Hùng")
    brief = InformationBriefFactory(council=council, sent_on=SENT)
    client.force_login(user)
    page = client.get(brief.get_absolute_url()).content.decode()
    assert "Đã nhận, đã đọc" in page
    client.post(reverse("councils-informationbrief-acknowledge", args=[brief.pk]))
    time_machine.move_to(dt.datetime(2026, 12, 1, 20, 45, tzinfo=VN), tick=False)
    client.post(reverse("councils-informationbrief-acknowledge", args=[brief.pk]))  # again
    ack = BriefAcknowledgement.objects.get(brief=brief)
    assert ack.delegate == delegate
    assert ack.acknowledged_at == dt.datetime(2026, 12, 1, 20, 15, tzinfo=VN)  # the first
    assert "Đã đọc lúc 20:15 01/12/2026" in client.get(brief.get_absolute_url()).content.decode()
    # The home page no longer offers it.
    assert "Bản tin chưa đọc" not in client.get(reverse("home")).content.decode()

    client.force_login(persona("staff", council))
    office = client.get(brief.get_absolute_url()).content.decode()
    assert "Đại biểu nhận bản tin: 2, chưa xác nhận đã đọc: 1" in office
    assert office.index(other.full_name) < office.index(delegate.full_name)  # pending first


@pytest.mark.parametrize("door", ["page", "api"])
def test_only_a_delegate_it_was_sent_to_acknowledges_it(client, api, council, term, now, door):
    late = DelegateFactory(term=term, start_date=dt.date(2026, 12, 1))  # elected after
    brief = InformationBriefFactory(council=council, sent_on=SENT)
    message = "Bản tin này không gửi đến bạn (không là đại biểu vào ngày gửi)."
    if door == "api":
        response = api("delegate", delegate=late).post(
            f"/api/v1/information-briefs/{brief.pk}/acknowledge/"
        )
        assert response.status_code == 400
        assert message in str(response.json())
        staff = api("staff").post(f"/api/v1/information-briefs/{brief.pk}/acknowledge/")
        assert staff.status_code == 403
    else:
        client.force_login(persona("delegate", council, delegate=late))
        response = client.post(
            reverse("councils-informationbrief-acknowledge", args=[brief.pk]), follow=True
        )
        assert message in response.content.decode()
        client.force_login(persona("staff", council, username="office"))
        staff = client.post(reverse("councils-informationbrief-acknowledge", args=[brief.pk]))
        assert staff.status_code == 403
    assert not BriefAcknowledgement.objects.exists()


def test_the_api_acknowledges_with_its_moment(api, council, term, reader, now):
    _user, delegate = reader
    brief = InformationBriefFactory(council=council, sent_on=SENT)
    response = api("delegate", delegate=delegate).post(
        f"/api/v1/information-briefs/{brief.pk}/acknowledge/"
    )
    assert response.status_code == 200
    assert response.json()["delegate"] == delegate.pk


def test_the_recipients_table_reads_a_constant_number_of_queries(client, council, term, now):
    brief = InformationBriefFactory(council=council, sent_on=SENT)
    client.force_login(persona("staff", council))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(brief.get_absolute_url()).status_code == 200
        return len(captured)

    DelegateFactory(term=term)
    few = queries()
    for _ in range(5):
        delegate = DelegateFactory(term=term)
        BriefAcknowledgement.objects.create(
            brief=brief, delegate=delegate, acknowledged_at=dt.datetime(2026, 12, 1, tzinfo=VN)
        )
    assert queries() == few

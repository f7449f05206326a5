"""Joint meetings (họp liên tịch): pages per role, the agreed points, the session's card."""

import datetime as dt

import pytest
from django.urls import reverse

from meetings.models import JointMeeting
from tests.meetings_prep.factories import JointMeetingFactory, PrepSessionFactory

pytestmark = pytest.mark.django_db


def test_staff_record_a_joint_meeting_with_its_agreed_points(staff_client, session, agency):
    response = staff_client.post(
        reverse("meetings-jointmeeting-create"),
        {
            "session": session.pk,
            "held_on": "25/06/2027",
            "place": "Phòng họp UBND xã",
            "participants": [agency.pk],
            "content": "Thống nhất nội dung, thời gian kỳ họp thứ nhất",
            "decisions_text": "Thống nhất chương trình kỳ họp\n- Giao UBND chuẩn bị báo cáo\n\n",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = JointMeeting.objects.get()
    assert [d.text for d in meeting.decisions.all()] == [
        "Thống nhất chương trình kỳ họp",
        "Giao UBND chuẩn bị báo cáo",
    ]
    page = staff_client.get(meeting.get_absolute_url()).content.decode()
    assert "Giao UBND chuẩn bị báo cáo" in page
    assert "UBND" in page
    # Changing the points keeps the meeting's history.
    staff_client.post(
        reverse("meetings-jointmeeting-update", args=[meeting.pk]),
        {
            "session": session.pk,
            "held_on": "25/06/2027",
            "content": "Thống nhất nội dung, thời gian kỳ họp thứ nhất",
            "decisions_text": "Thống nhất chương trình kỳ họp",
        },
    )
    assert meeting.decisions.count() == 1
    history = staff_client.get(reverse("meetings-jointmeeting-history", args=[meeting.pk]))
    assert history.status_code == 200


def test_a_joint_meeting_after_the_opening_is_refused(staff_client, session):
    response = staff_client.post(
        reverse("meetings-jointmeeting-create"),
        {"session": session.pk, "held_on": "20/07/2027", "content": "Muộn"},
    )
    assert response.status_code == 200
    assert "phải diễn ra trước ngày khai mạc" in response.content.decode()
    assert not JointMeeting.objects.exists()


@pytest.mark.parametrize(
    ("role", "list_status", "create_status"),
    [
        ("staff", 200, 200),
        ("standing", 200, 200),
        ("committee", 200, 403),
        ("delegate", 200, 403),
        ("leadership", 200, 403),
        ("agency", 403, 403),
    ],
)
def test_joint_meeting_pages_per_role(
    client, make_persona, council, session, role, list_status, create_status
):
    meeting = JointMeetingFactory(council=council, session=session)
    client.force_login(make_persona(role))
    assert client.get(reverse("meetings-jointmeeting-list")).status_code == list_status
    detail = client.get(meeting.get_absolute_url()).status_code
    assert detail == (200 if list_status == 200 else 403)
    assert client.get(reverse("meetings-jointmeeting-create")).status_code == create_status


def test_another_councils_joint_meeting_is_not_found(staff_client, other_council):
    theirs = JointMeetingFactory(
        council=other_council, session=PrepSessionFactory(council=other_council)
    )
    assert staff_client.get(theirs.get_absolute_url()).status_code == 404
    page = staff_client.get(reverse("meetings-jointmeeting-list")).content.decode()
    assert theirs.content not in page


def test_the_create_page_opened_from_a_session_has_it_chosen(staff_client, session):
    page = staff_client.get(
        reverse("meetings-jointmeeting-create"), {"session": session.pk}
    ).content.decode()
    assert f'<option value="{session.pk}" selected>' in page


def test_the_list_searches_without_diacritics(staff_client, council, session):
    JointMeetingFactory(council=council, session=session, content="Bàn kế hoạch tiếp xúc cử tri")
    JointMeetingFactory(council=council, session=session, content="Thống nhất chương trình")
    page = staff_client.get(reverse("meetings-jointmeeting-list"), {"q": "tiep xuc cu tri"})
    text = page.content.decode()
    assert "Bàn kế hoạch tiếp xúc cử tri" in text
    assert "Thống nhất chương trình" not in text


def test_the_api_keeps_the_agreed_points(api, session):
    client = api("staff")
    response = client.post(
        "/api/v1/joint-meetings/",
        {
            "session": session.pk,
            "held_on": (session.start_date - dt.timedelta(days=10)).isoformat(),
            "content": "Họp liên tịch",
            "decisions": ["Điểm một", "Điểm hai"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["decisions"] == ["Điểm một", "Điểm hai"]
    assert api("delegate").get("/api/v1/joint-meetings/").status_code == 200
    assert api("agency").get("/api/v1/joint-meetings/").status_code == 403


def test_the_form_offers_every_agency_as_its_own_labelled_checkbox(staff_client, session, agency):
    """A many-choice field is a group of checkboxes, one per agency, each with its name as label
    (it was one unlabelled box for the whole field, so no agency could be ticked)."""
    from tests.factories import AgencyFactory

    other = AgencyFactory(council=agency.council, name="Ủy ban MTTQ Việt Nam xã")
    page = staff_client.get(reverse("meetings-jointmeeting-create")).content.decode()
    assert "<legend" in page and "Cơ quan tham dự" in page
    for a in (agency, other):
        assert f'value="{a.pk}"' in page
        assert a.name in page
    meeting = JointMeetingFactory(session=session, council=session.council)
    meeting.participants.set([agency, other])
    edit = staff_client.get(reverse("meetings-jointmeeting-update", args=[meeting.pk]))
    assert edit.status_code == 200
    html = edit.content.decode()
    assert html.count(" checked") >= 2, html[html.find("<legend") : html.find("</fieldset>")]

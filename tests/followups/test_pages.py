"""An item's page and its actions: create, edit, answer, extend, close, reopen, history."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hdnd_portal.followups.models import Answer, DeadlineRule, FollowUp
from hdnd_portal.followups.services import followup_answer, followup_close, followup_create
from tests.factories import AgencyFactory, UserFactory
from tests.followups.support import TODAY, item, seed_rules, travel

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def _today():
    with travel():
        yield


def url(followup, page=""):
    return f"/followups/{followup.pk}/" + (f"{page}/" if page else "")


@pytest.fixture
def complaint(council):
    """A complaint to resolve under Article 28 of the Law on Complaints."""
    seed_rules()
    return followup_create(
        council=council,
        kind="plan_task",
        title="Giải quyết khiếu nại về đất đai của ông Nguyễn Văn A",
        agency=AgencyFactory(council=council, name="Ủy ban nhân dân xã"),
        started_on=D(2026, 10, 1),
        rule_code="complaint.resolve",
        created_by=UserFactory(username="author"),
    )


def test_the_page_cites_the_rule_used(staff_client, complaint):
    body = staff_client.get(url(complaint)).content.decode()
    assert "Căn cứ:</strong> Điều 28, Luật Khiếu nại 02/2011/QH13 — 30 ngày" in body
    assert "02/11/2026" in body and "Quá hạn 14 ngày" in body
    assert "Nhiệm vụ theo kế hoạch" in body


def test_an_unknown_kind_is_shown_by_its_code(staff_client, council):
    followup = item(council, due=5, kind="legacy_kind")
    assert "legacy_kind" in staff_client.get(url(followup)).content.decode()


def test_staff_creates_an_item_from_a_rule(staff_client, council):
    seed_rules()
    agency = AgencyFactory(council=council)
    response = staff_client.post(
        "/followups/new/",
        {
            "kind": "standing_task",
            "title": "Trả lời chất vấn về trường học",
            "agency": agency.pk,
            "started_on": "2026-11-02",
            "rule_code": "supervision.questioning_answer",
        },
    )
    followup = FollowUp.objects.get()
    assert response.status_code == 302 and response["Location"] == url(followup)
    assert followup.due_date == D(2026, 11, 23)  # 22/11 is a Sunday
    assert followup.rule.legal_source.endswith("121/2025/QH15")
    assert followup.created_by.username == "staff-phuc-loc"


def test_the_create_form_asks_for_a_rule_or_a_date(staff_client, council):
    response = staff_client.post(
        "/followups/new/",
        {
            "kind": "plan_task",
            "title": "Không hạn",
            "agency": AgencyFactory(council=council).pk,
            "started_on": "2026-11-02",
        },
    )
    assert response.status_code == 200
    assert "Cần chọn quy tắc thời hạn hoặc nhập hạn xử lý." in response.content.decode()
    assert not FollowUp.objects.exists()


def test_the_create_form_reports_a_rule_not_yet_in_force(staff_client, council):
    seed_rules()
    response = staff_client.post(
        "/followups/new/",
        {
            "kind": "plan_task",
            "title": "Cảnh báo",
            "agency": AgencyFactory(council=council).pk,
            "started_on": "2026-06-01",
            "rule_code": "petition.overdue_alarm",
        },
    )
    page = response.content.decode()
    # The rule by its name, never its code.
    assert "Chưa có quy tắc thời hạn “Cảnh báo: kiến nghị, phản ánh không được xử lý" in page
    assert "có hiệu lực ngày 01/06/2026" in page
    assert "petition.overdue_alarm”" not in page


def test_the_create_form_offers_only_this_councils_agencies(staff_client, council, other_council):
    AgencyFactory(council=other_council, name="Cơ quan xã khác")
    body = staff_client.get("/followups/new/").content.decode()
    assert "Cơ quan xã khác" not in body


@pytest.mark.parametrize("role", ["leadership", "committee", "delegate", "agency"])
def test_only_managers_create_items(client, make_persona, role):
    client.force_login(make_persona(role))
    assert client.get("/followups/new/").status_code == 403


def test_the_edit_form_changes_the_agency(client, make_persona, council):
    followup = item(council, due=5)
    police = AgencyFactory(council=council, name="Công an xã")
    client.force_login(make_persona("standing"))
    response = client.post(
        url(followup, "edit"), {"kind": "plan_task", "title": followup.title, "agency": police.pk}
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.agency == police


def test_an_agency_answers_its_own_item_with_a_file(client, make_persona, council):
    user = make_persona("agency")
    followup = item(council, due=2, agency=user.council_roles.get().agency)
    client.force_login(user)
    response = client.post(
        url(followup, "answer"),
        {
            "answer": "Đã hoàn thành sửa chữa.",
            "files": [SimpleUploadedFile("ket-qua.pdf", b"%PDF-1.4 ket qua")],
        },
        follow=True,
    )
    assert "Đã ghi nhận trả lời" in response.content.decode()
    followup.refresh_from_db()
    assert followup.state == FollowUp.State.ANSWERED
    answer = Answer.objects.get()
    assert answer.on_behalf is False and answer.answered_by == user
    attachment = answer.attachments.get()
    download = client.get(f"/followups/attachments/{attachment.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 ket qua"
    assert 'filename="ket-qua.pdf"' in download["Content-Disposition"]


def test_an_agency_gets_404_for_another_agencys_item_and_its_files(client, make_persona, council):
    other = item(council, due=2)
    followup_answer(
        followup=other, by_user=None, answer="x", files=[SimpleUploadedFile("mat.pdf", b"%PDF")]
    )
    client.force_login(make_persona("agency"))
    assert client.get(url(other)).status_code == 404
    assert (
        client.post(url(other, "answer"), {"answer": "Không phải việc của tôi"}).status_code == 404
    )
    assert client.get(f"/followups/attachments/{other.attachments.get().pk}/").status_code == 404


def test_another_councils_item_is_404(staff_client, other_council):
    foreign = item(other_council, due=2)
    assert staff_client.get(url(foreign)).status_code == 404
    assert staff_client.get(url(foreign, "history")).status_code == 404
    assert (
        staff_client.post(
            url(foreign, "extend"), {"new_due_date": "2026-12-30", "reason": "x"}
        ).status_code
        == 404
    )


def test_staff_answers_on_behalf_of_the_agency(staff_client, council):
    followup = item(council, due=2)
    staff_client.post(url(followup, "answer"), {"answer": "Theo Công văn 45/UBND"})
    answer = Answer.objects.get()
    assert answer.on_behalf is True and answer.agency == followup.agency
    body = staff_client.get(url(followup)).content.decode()
    assert "Văn phòng nhập thay" in body and "Theo Công văn 45/UBND" in body


@pytest.mark.parametrize("role", ["leadership", "standing", "committee", "delegate"])
def test_roles_that_do_not_answer_get_403(client, make_persona, council, role):
    followup = item(council, due=2)
    client.force_login(make_persona(role))
    assert client.get(url(followup)).status_code == 200
    assert client.post(url(followup, "answer"), {"answer": "x"}).status_code == 403
    assert "Trả lời</a>" not in client.get(url(followup)).content.decode()


def test_read_only_roles_cannot_extend_or_close(client, make_persona, council):
    followup = item(council, due=2)
    client.force_login(make_persona("leadership"))
    assert (
        client.post(
            url(followup, "extend"), {"new_due_date": "2026-12-30", "reason": "x"}
        ).status_code
        == 403
    )
    assert client.post(url(followup, "close"), {"reason": "x"}).status_code == 403
    # An agency may not close even its own item; another agency's item does not exist for it.
    agency_user = make_persona("agency")
    client.force_login(agency_user)
    assert client.post(url(followup, "close"), {"reason": "x"}).status_code == 404
    own = item(council, due=2, agency=agency_user.council_roles.get().agency)
    assert client.post(url(own, "close"), {"reason": "x"}).status_code == 403
    followup.refresh_from_db()
    own.refresh_from_db()
    assert followup.state == own.state == FollowUp.State.OPEN


def test_extending_shows_the_original_and_the_previous_date(staff_client, council):
    followup = item(council, due=-3)
    response = staff_client.post(
        url(followup, "extend"),
        {
            "new_due_date": "2026-12-15",
            "reason": "Chờ kết quả đo đạc",
            "document": "Công văn 88/UBND",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "Đã gia hạn." in body
    assert "Hạn ban đầu: 13/11/2026" in body
    assert "Chờ kết quả đo đạc" in body and "Công văn 88/UBND" in body
    assert "15/12/2026" in body


def test_an_extension_to_an_earlier_date_is_refused_on_the_form(staff_client, council):
    followup = item(council, due=10)
    response = staff_client.post(
        url(followup, "extend"), {"new_due_date": "2026-11-20", "reason": "Sớm hơn"}
    )
    assert response.status_code == 200
    assert "Hạn mới phải sau hạn hiện tại (26/11/2026)." in response.content.decode()


def test_closing_then_reopening(client, make_persona, council):
    followup = item(council, due=2)
    client.force_login(make_persona("standing"))
    client.post(url(followup, "close"), {"reason": "Công dân rút đơn"})
    followup.refresh_from_db()
    assert followup.state == FollowUp.State.CLOSED
    assert "Công dân rút đơn" in client.get(url(followup)).content.decode()
    client.post(url(followup, "reopen"), {"reason": "Rút đơn nhầm"})
    followup.refresh_from_db()
    assert followup.state == FollowUp.State.OPEN


def test_a_forbidden_transition_is_explained_in_vietnamese(staff_client, council):
    followup = item(council, due=2)
    followup_close(followup=followup, reason="Rút đơn", by_user=None)
    response = staff_client.get(url(followup, "extend"), follow=True)
    assert response.redirect_chain[-1][0] == url(followup)
    assert (
        "Không thể gia hạn: việc này đang ở trạng thái “Đóng, không có kết quả”."
        in response.content.decode()
    )


def test_the_history_tab_shows_who_did_what_and_why(staff_client, council):
    followup = item(council, due=2)
    staff_client.post(
        url(followup, "extend"), {"new_due_date": "2026-12-30", "reason": "Chờ ý kiến Thành phố"}
    )
    body = staff_client.get(url(followup, "history")).content.decode()
    assert "Gia hạn: Chờ ý kiến Thành phố" in body
    assert "Hạn hiện tại" in body and "30/12/2026" in body


def test_the_rule_of_an_item_survives_a_new_version(staff_client, complaint):
    DeadlineRule.objects.create(
        code="complaint.resolve",
        name="Giải quyết khiếu nại",
        days=25,
        day_kind="calendar",
        legal_source="Luật mới",
        valid_from=D(2027, 1, 1),
    )
    body = staff_client.get(url(complaint)).content.decode()
    assert "Điều 28, Luật Khiếu nại 02/2011/QH13 — 30 ngày" in body
    assert TODAY < D(2027, 1, 1)

"""Preparation tasks under the "5 rõ" rule: each opens a follow-up item with its due date."""

import datetime as dt

import pytest
from django.urls import reverse

from hdnd_portal.followups.models import FollowUp
from meetings.models import PreparationTask
from tests.meetings_prep.factories import PreparationTaskFactory

pytestmark = pytest.mark.django_db


def _post(session, responsible, **extra):
    data = {
        "session": session.pk,
        "title": "Xây dựng báo cáo kinh tế - xã hội 6 tháng",
        "agency": responsible.pk if responsible else "",
        "responsibility": "Văn phòng HĐND&UBND chủ trì, các ngành phối hợp",
        "procedure": "Dự thảo, xin ý kiến, gửi Ban Kinh tế - Ngân sách thẩm tra",
        "expected_result": "Báo cáo trình kỳ họp",
        "due_date": (dt.date.today() + dt.timedelta(days=20)).strftime("%d/%m/%Y"),
    }
    data.update(extra)
    return data


def test_a_task_opens_a_followup_item_due_on_its_date(staff_client, session, agency):
    response = staff_client.post(reverse("meetings-preparationtask-create"), _post(session, agency))
    assert response.status_code == 302
    task = PreparationTask.objects.get()
    followup = task.followup
    assert followup.kind == "session_task"
    assert followup.kind_label == "Nhiệm vụ chuẩn bị kỳ họp"
    assert followup.due_date == dt.date.today() + dt.timedelta(days=20)
    assert followup.agency == agency
    assert followup.source == task
    assert "Rõ quy trình: Dự thảo" in followup.description
    page = staff_client.get(task.get_absolute_url()).content.decode()
    assert "Đang theo dõi" in page  # the item's state on the task's page
    assert "Việc cần đôn đốc liên quan" in page


def test_a_task_needs_a_person_and_a_future_date(staff_client, session, agency):
    yesterday = (dt.date.today() - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    response = staff_client.post(
        reverse("meetings-preparationtask-create"),
        _post(session, agency, agency="", due_date=yesterday),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Rõ người: hãy chọn người, đại biểu hoặc cơ quan thực hiện." in page
    assert "Hạn hoàn thành không được trước hôm nay." in page
    assert not PreparationTask.objects.exists()
    assert not FollowUp.objects.exists()


def test_a_delegate_without_an_account_is_followed_by_who_set_the_task(staff_client, session, term):
    from tests.factories import DelegateFactory

    delegate = DelegateFactory(term=term, full_name="Lê Thị Hoa")
    response = staff_client.post(
        reverse("meetings-preparationtask-create"),
        _post(session, None, agency="", delegate=delegate.pk),
    )
    assert response.status_code == 302
    task = PreparationTask.objects.get()
    assert task.person_label == "Lê Thị Hoa"
    assert task.followup.assignee.username.startswith("staff")


def test_editing_a_task_renames_its_open_item_but_not_its_date(staff_client, session, agency):
    staff_client.post(reverse("meetings-preparationtask-create"), _post(session, agency))
    task = PreparationTask.objects.get()
    due = task.due_date
    response = staff_client.post(
        reverse("meetings-preparationtask-update", args=[task.pk]),
        _post(session, agency, title="Báo cáo đã sửa", due_date="01/01/2030"),
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.due_date == due
    assert task.followup.title == "Báo cáo đã sửa"


def test_the_api_creates_a_task_with_its_item(api, session, agency):
    client = api("staff")
    due = dt.date.today() + dt.timedelta(days=5)
    response = client.post(
        "/api/v1/preparation-tasks/",
        {
            "session": session.pk,
            "title": "Chuẩn bị hội trường",
            "agency": agency.pk,
            "responsibility": "Văn phòng",
            "procedure": "Kiểm tra âm thanh",
            "expected_result": "Hội trường sẵn sàng",
            "due_date": due.isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    task = PreparationTask.objects.get()
    assert task.followup.due_date == due
    assert response.json()["state"] == "Đang theo dõi"
    # Leadership reads, never writes.
    assert api("leadership").post("/api/v1/preparation-tasks/", {}).status_code == 403


def test_the_session_card_lists_tasks_and_offers_links_to_those_who_may_add(
    rf, session, make_persona, council
):
    from councils.middleware import build_access
    from meetings.preparation.context import session_preparation_context

    PreparationTaskFactory(council=council, session=session, title="Rà soát tài liệu")
    staff = rf.get("/")
    staff.access = build_access(make_persona("staff"))
    ctx = session_preparation_context(staff, session)
    assert [t.title for t in ctx["prep_tasks"]] == ["Rà soát tài liệu"]
    assert ctx["prep_can_add_task"] and ctx["prep_can_add_joint"]
    delegate = rf.get("/")
    delegate.access = build_access(make_persona("delegate"))
    ctx = session_preparation_context(delegate, session)
    assert ctx["prep_visible"] and not ctx["prep_can_add_task"]
    agency = rf.get("/")
    agency.access = build_access(make_persona("agency"))
    assert session_preparation_context(agency, session) == {"prep_visible": False}

"""One write path: a preparation task written through the page and through the API gives the
same task, the same follow-up and the same refusal (meetings.preparation.services)."""

import datetime as dt

import pytest
from django.urls import reverse

from hdnd_portal.followups.selectors import followups_for_source
from meetings.models import PreparationTask
from tests.meetings_prep.test_tasks import _post

pytestmark = pytest.mark.django_db


def _api_data(session, agency, **extra):
    data = _post(session, agency, **extra)
    data["due_date"] = dt.datetime.strptime(data["due_date"], "%d/%m/%Y").date().isoformat()
    return data


def test_renaming_a_task_through_the_api_renames_its_follow_up(api, session, agency):
    client = api("staff")
    created = client.post("/api/v1/preparation-tasks/", _api_data(session, agency), format="json")
    assert created.status_code == 201, created.content
    task = PreparationTask.objects.get()
    response = client.patch(
        f"/api/v1/preparation-tasks/{task.pk}/", {"title": "Báo cáo đã sửa"}, format="json"
    )
    assert response.status_code == 200, response.content
    task.refresh_from_db()
    assert task.title == task.followup.title == "Báo cáo đã sửa"
    assert "Báo cáo đã sửa" in task.followup.history.first().title


def test_page_and_api_refuse_a_task_due_yesterday_with_the_same_words(
    api, staff_client, session, agency
):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    page = staff_client.post(
        reverse("meetings-preparationtask-create"),
        _post(session, agency, due_date=f"{yesterday:%d/%m/%Y}"),
    )
    response = api("staff").post(
        "/api/v1/preparation-tasks/",
        _api_data(session, agency, due_date=f"{yesterday:%d/%m/%Y}"),
        format="json",
    )
    assert response.status_code == 400
    message = response.json()["error"]["fields"]["due_date"][0]
    assert message == "Hạn hoàn thành không được trước hôm nay."
    assert message in page.content.decode()
    assert not PreparationTask.objects.exists()


def test_a_task_created_by_page_or_api_opens_one_identical_follow_up(
    api, staff_client, session, agency, make_persona
):
    staff_client.post(reverse("meetings-preparationtask-create"), _post(session, agency))
    api("staff").post(
        "/api/v1/preparation-tasks/", _api_data(session, agency, title="Qua API"), format="json"
    )
    by_page, by_api = PreparationTask.objects.order_by("id")
    from councils.middleware import build_access

    reader = build_access(make_persona("staff"))
    for task in (by_page, by_api):
        items = list(followups_for_source(reader, task))
        assert len(items) == 1
        assert (items[0].kind, items[0].due_date, items[0].agency) == (
            "session_task",
            task.due_date,
            agency,
        )

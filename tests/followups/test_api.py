import datetime as dt

import pytest
from rest_framework.test import APIClient

from hdnd_portal.followups.models import FollowUp
from tests.factories import AgencyFactory
from tests.followups.support import item, seed_rules, travel

pytestmark = pytest.mark.django_db

URL = "/api/v1/followups/"


@pytest.fixture(autouse=True)
def _today():
    with travel():
        yield


@pytest.fixture
def api(db):
    def _as(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return _as


def test_it_lists_open_items_and_filters_overdue(api, make_persona, council):
    item(council, due=-2, title="Quá hạn")
    item(council, due=9, title="Còn hạn")
    done = item(council, due=1, title="Xong")
    done.state = FollowUp.State.DONE
    done.save()
    client = api(make_persona("leadership"))
    response = client.get(URL)
    assert [r["title"] for r in response.json()["results"]] == ["Quá hạn", "Còn hạn"]
    overdue = client.get(URL, {"status": "overdue"}).json()["results"]
    assert [(r["title"], r["is_overdue"], r["days_overdue"]) for r in overdue] == [
        ("Quá hạn", True, 2)
    ]
    assert len(client.get(URL, {"status": "all", "q": "xong"}).json()["results"]) == 1


def test_it_creates_an_item_through_the_service(api, make_persona, council):
    seed_rules()
    agency = AgencyFactory(council=council)
    response = api(make_persona("staff")).post(
        URL,
        {
            "kind": "standing_task",
            "title": "Trả lời chất vấn",
            "agency": agency.pk,
            "started_on": "2026-11-02",
            "rule_code": "supervision.questioning_answer",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["due_date"] == "2026-11-23" and data["original_due_date"] == "2026-11-23"
    assert data["rule"]["code"] == "supervision.questioning_answer"
    assert data["kind_label"] == "Nhiệm vụ Thường trực giao"


def test_create_errors_have_the_portal_shape(api, make_persona, council, other_council):
    client = api(make_persona("staff"))
    response = client.post(
        URL,
        {
            "kind": "plan_task",
            "title": "x",
            "started_on": "2026-11-02",
            "agency": AgencyFactory(council=other_council).pk,
            "due_date": "2026-12-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "agency" in response.json()["error"]["fields"]
    response = client.post(
        URL,
        {
            "kind": "no_such_kind",
            "title": "x",
            "due_date": "2026-12-01",
            "started_on": "2026-11-02",
            "agency": AgencyFactory(council=council).pk,
        },
        format="json",
    )
    assert "kind" in response.json()["error"]["fields"]


@pytest.mark.parametrize("role", ["agency", "leadership", "delegate"])
def test_only_managers_create_items(api, make_persona, council, role):
    response = api(make_persona(role)).post(
        URL,
        {
            "kind": "plan_task",
            "title": "x",
            "started_on": "2026-11-02",
            "due_date": "2026-12-01",
            "agency": AgencyFactory(council=council).pk,
        },
        format="json",
    )
    assert response.status_code == 403


def test_an_agency_answers_its_own_item(api, make_persona, council):
    user = make_persona("agency")
    own = item(council, due=3, agency=user.council_roles.get().agency)
    other = item(council, due=3)
    client = api(user)
    assert [r["id"] for r in client.get(URL).json()["results"]] == [own.pk]
    response = client.post(f"{URL}{own.pk}/answer/", {"answer": "Đã xử lý xong"})
    assert response.status_code == 200
    assert response.json()["state"] == "answered" and response.json()["answer"] == "Đã xử lý xong"
    assert client.post(f"{URL}{other.pk}/answer/", {"answer": "x"}).status_code == 404
    again = client.post(f"{URL}{own.pk}/answer/", {"answer": "Lần hai"})
    assert again.status_code == 400
    assert "chờ Thường trực HĐND xem xét" in again.json()["error"]["fields"]["state"][0]


def test_leadership_cannot_answer_or_extend(api, make_persona, council):
    followup = item(council, due=3)
    client = api(make_persona("leadership"))
    assert client.post(f"{URL}{followup.pk}/answer/", {"answer": "x"}).status_code == 403
    assert (
        client.post(
            f"{URL}{followup.pk}/extend/", {"new_due_date": "2026-12-30", "reason": "x"}
        ).status_code
        == 403
    )


def test_standing_extends_and_closes(api, make_persona, council):
    followup = item(council, due=3)
    client = api(make_persona("standing"))
    response = client.post(
        f"{URL}{followup.pk}/extend/", {"new_due_date": "2026-12-30", "reason": "Chờ ý kiến"}
    )
    assert response.json()["due_date"] == "2026-12-30"
    assert response.json()["original_due_date"] == (followup.due_date).isoformat()
    assert (
        client.post(f"{URL}{followup.pk}/close/", {"reason": "Rút đơn"}).json()["state"] == "closed"
    )
    assert followup.due_date < dt.date(2026, 12, 30)


def test_another_councils_item_is_404(api, make_persona, other_council):
    foreign = item(other_council, due=3)
    assert api(make_persona("staff")).get(f"{URL}{foreign.pk}/").status_code == 404

"""One write path: a training is written by councils.services.training_save through the page
and through the API, with the same refusal for a delegate out of office."""

import datetime as dt

import pytest

from councils.models import Training
from tests.factories import DelegateFactory, TermFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Không phải đại biểu trong thời gian tập huấn: Trần Văn Cũ."


@pytest.fixture
def left(council):
    term = TermFactory(council=council, start_date=dt.date(2021, 3, 15))
    return DelegateFactory(term=term, full_name="Trần Văn Cũ", end_date=dt.date(2026, 3, 14))


def test_page_and_api_refuse_a_trainee_out_of_office_with_the_same_message(staff_client, api, left):
    page = staff_client.post(
        "/councils/training/new/",
        {
            "course": "Kỹ năng chất vấn",
            "organiser": "Thường trực HĐND",
            "start_date": "20/04/2026",
            "mode": "in_person",
            "delegates": [left.pk],
        },
    )
    assert page.status_code == 200
    assert MESSAGE in page.content.decode()
    response = api("staff").post(
        "/api/v1/trainings/",
        {
            "course": "Kỹ năng chất vấn",
            "organiser": "Thường trực HĐND",
            "start_date": "2026-04-20",
            "delegates": [left.pk],
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"]["delegates"] == [MESSAGE]
    assert not Training.objects.exists()


def test_moving_a_training_outside_a_trainee_s_mandate_is_refused_through_the_api(api, left):
    client = api("staff")
    created = client.post(
        "/api/v1/trainings/",
        {
            "course": "Kỹ năng chất vấn",
            "organiser": "Thường trực HĐND",
            "start_date": "2026-03-01",
            "delegates": [left.pk],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert list(Training.objects.get().delegates.all()) == [left]
    response = client.patch(
        f"/api/v1/trainings/{created.json()['id']}/", {"start_date": "2026-04-20"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["delegates"] == [MESSAGE]

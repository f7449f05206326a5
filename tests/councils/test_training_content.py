"""Issue 22.8, training with its content: the skills the plan names (questioning, examination,
voter contact, citizen reception, letters…), hours and form, and "newcomers first" — the
first-term delegates trained this year and those not yet (target 1.3, duty 2.2.1)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from councils.metrics import delegates_trained, first_term_delegates_trained
from councils.models import Training
from tests.factories import DelegateFactory, TermFactory, TrainingFactory, persona

pytestmark = pytest.mark.django_db
YEAR = SimpleNamespace(start=dt.date(2026, 1, 1), as_of=dt.date(2026, 12, 31))


@pytest.fixture
def term(council):
    return TermFactory(council=council, name="2026-2031", start_date=dt.date(2026, 3, 25))


@pytest.mark.parametrize("door", ["page", "api"])
def test_topics_hours_and_form_are_kept_alike_through_page_and_api(
    client, api, council, term, door
):
    delegate = DelegateFactory(term=term)
    values = {
        "course": "Bồi dưỡng kỹ năng chất vấn và tiếp công dân",
        "organiser": "Thường trực HĐND thành phố",
        "start_date": "12/05/2026",
        "topics": ["reception", "questioning"],
        "hours": "7.5",
        "mode": "online",
        "delegates": [delegate.pk],
    }
    if door == "api":
        response = api("staff").post(
            "/api/v1/trainings/", {**values, "start_date": "2026-05-12"}, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["topics"] == ["questioning", "reception"]
    else:
        client.force_login(persona("staff", council))
        response = client.post(reverse("councils-training-create"), values)
        assert response.status_code == 302
    training = Training.objects.get()
    assert (training.topics, str(training.hours), training.mode) == (
        "questioning,reception",
        "7.5",
        "online",
    )
    assert training.topics_display == "Kỹ năng chất vấn, Tiếp công dân"


@pytest.mark.parametrize("door", ["page", "api"])
def test_an_unknown_topic_and_too_many_hours_are_refused_in_vietnamese(client, api, council, door):
    values = {
        "course": "Lớp A",
        "organiser": "HĐND thành phố",
        "start_date": "12/05/2026",
        "topics": ["dancing"],
        "hours": "900",
        "mode": "in_person",
    }
    if door == "api":
        response = api("staff").post(
            "/api/v1/trainings/", {**values, "start_date": "2026-05-12"}, format="json"
        )
        text = str(response.json())
    else:
        client.force_login(persona("staff", council))
        text = client.post(reverse("councils-training-create"), values).content.decode()
    # The page names the field; the API names the value (the kernel's Vietnamese words).
    assert (
        "Nội dung tập huấn không hợp lệ" in text
        or "“dancing” không phải là lựa chọn hợp lệ" in text
    )
    assert "Số giờ không được lớn hơn 500." in text
    assert not Training.objects.exists()


def test_the_list_filters_by_topic(client, council):
    TrainingFactory(council=council, course="Lớp chất vấn", topics="questioning")
    TrainingFactory(council=council, course="Lớp đơn thư", topics="letters")
    client.force_login(persona("delegate", council))
    text = client.get(reverse("councils-training-list"), {"topic": "letters"}).content.decode()
    assert "Lớp đơn thư" in text and "Lớp chất vấn" not in text


def test_newcomers_first_is_shown_and_counted(client, council, term, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 31, 9), tick=False)
    new_trained = DelegateFactory(term=term, is_first_term=True, full_name="Phạm Văn An")
    new_waiting = DelegateFactory(term=term, is_first_term=True, full_name="Đỗ Thị Bình")
    old = DelegateFactory(term=term, is_first_term=False)
    TrainingFactory(council=council, delegates=[new_trained, old], start_date=dt.date(2026, 5, 12))
    TrainingFactory(council=council, delegates=[new_waiting], start_date=dt.date(2025, 11, 1))

    newcomers = first_term_delegates_trained(council, YEAR)
    assert (newcomers.numerator, newcomers.denominator) == (1, 2)
    everyone = delegates_trained(council, YEAR)
    assert (everyone.numerator, everyone.denominator) == (2, 3)

    client.force_login(persona("leadership", council))
    page = client.get(reverse("councils-training-newcomers"), {"year": 2026}).content.decode()
    assert "1/2 đã được tập huấn" in page
    untrained = page[page.index('id="newcomers-untrained"') :]
    assert "Đỗ Thị Bình" in untrained.split("</ul>")[0]
    assert "Phạm Văn An" not in untrained.split("</ul>")[0]

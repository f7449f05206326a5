"""One write path: the commands ``letter_save`` / ``reception_save`` behind the letter's and the
reception's pages and the API give the same record and the same Vietnamese refusal."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from hdnd_portal.core.access import Access
from petitions import services
from petitions.models import Kind, Letter
from tests.petitions.conftest import DENOUNCER

pytestmark = pytest.mark.django_db

SUBJECT = "Tố cáo cán bộ thu tiền trái quy định"


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _form(**values) -> dict:
    data = {
        "source": "post",
        "received_on": "02/11/2026",
        "kind": "petition",
        "sender_name": "Nguyễn Văn Hùng",
        "sender_id_number": "001086012323",
        "sender_address": "Thôn Hạ",
        "group_size": 1,
        "subject": "Kiến nghị sửa đường thôn Hạ",
        "content": "Đường thôn Hạ bị sạt lở sau mưa lũ, đề nghị sửa chữa.",
        "complaint_round": 1,
        "complexity": "normal",
        "eligible": "on",
    }
    data.update(values)
    return data


def _json(**values) -> dict:
    data = _form(received_on="2026-11-02", eligible=True)
    data.update(values)
    return data


def _stored(letter: Letter) -> dict:
    skip = {"id", "number", "duplicate_of", "created_at", "updated_at", "search_text"}
    return {
        f.attname: getattr(letter, f.attname)
        for f in Letter._meta.concrete_fields
        if f.name not in skip
    }


def test_a_letter_created_on_the_page_and_through_the_api_is_the_same(client, council, handler):
    client.force_login(handler)
    api = _api(handler)

    assert client.post(reverse("petitions-letter-create"), _form()).status_code == 302
    response = api.post("/api/v1/letters/", _json(), format="json")

    assert response.status_code == 201, response.json()
    on_page, through_api = Letter.objects.order_by("number")
    assert _stored(through_api) == _stored(on_page)
    assert (on_page.code, through_api.code) == ("1/2026", "2/2026")
    assert through_api.duplicate_of == on_page  # the command's duplicate check ran for both
    assert set(on_page.handlers.all()) == set(through_api.handlers.all()) == {handler}
    assert on_page.created_by == through_api.created_by == handler
    assert response.json()["code"] == "2/2026"
    assert [h.history_change_reason for h in through_api.history.all()] == ["Vào sổ"]


FUTURE = timezone.localdate() + dt.timedelta(days=3)


@pytest.mark.parametrize(
    ("field", "page_values", "api_values"),
    [
        ("complexity", {"complexity": "complex"}, {"complexity": "complex"}),
        ("sender_name", {"sender_name": ""}, {"sender_name": ""}),
        (
            "received_on",
            {"received_on": FUTURE.strftime("%d/%m/%Y")},
            {"received_on": FUTURE.isoformat()},
        ),
        # Duplicate detection relies on the identity number: "abc" is no CCCD.
        ("sender_id_number", {"sender_id_number": "abc"}, {"sender_id_number": "abc"}),
        ("sender_id_number", {"sender_id_number": "12345"}, {"sender_id_number": "12345"}),
        ("sender_phone", {"sender_phone": "gọi tôi"}, {"sender_phone": "gọi tôi"}),
        ("sender_phone", {"sender_phone": "12"}, {"sender_phone": "12"}),
    ],
)
def test_the_page_and_the_api_refuse_a_letter_with_the_same_vietnamese_message(
    client, council, handler, field, page_values, api_values
):
    client.force_login(handler)

    page = client.post(reverse("petitions-letter-create"), _form(**page_values))
    api = _api(handler).post("/api/v1/letters/", _json(**api_values), format="json")

    assert page.status_code == 200 and api.status_code == 400
    page_errors = page.context["form"].errors[field]
    assert api.json()["error"]["fields"][field] == page_errors
    assert not Letter.objects.exists()


def test_identity_and_phone_numbers_are_read_as_people_type_them():
    from django.core.exceptions import ValidationError

    from hdnd_portal.core.validators import validate_identity_number, validate_phone_number

    for number in ("001086012323", "001 086 012 323", "001.086.012.323", "012345678", "C1234567"):
        validate_identity_number(number)
    for phone in (
        "0912345678",
        "0912 345 678",
        "+84 912 345 678",
        "024 3825 1234",
        "(024) 38251234",
    ):
        validate_phone_number(phone)
    for bad in ("abc", "0010860123234", "CC12", "C12"):
        with pytest.raises(ValidationError, match="12 chữ số"):
            validate_identity_number(bad)
    for bad in ("gọi tôi", "091234567", "0912345678901", "1900 1234"):
        with pytest.raises(ValidationError, match="bắt đầu bằng 0 hoặc \\+84"):
            validate_phone_number(bad)


def test_the_letter_command_takes_typed_values_as_an_import_would(council, handler):
    access = Access(user_id=handler.pk, council_id=council.pk, council_name="", role="staff")
    values = {
        "source": Letter.Source.POST,
        "received_on": dt.date(2026, 11, 2),
        "kind": Kind.DENUNCIATION,
        "sender_name": DENOUNCER,
        "subject": SUBJECT,
        "not_a_field": "ignored",
    }

    letter = services.letter_save(access=access, instance=None, values=values)
    corrected = services.letter_save(
        access=access, instance=letter, values={"complexity": Letter.Complexity.COMPLEX}
    )

    assert letter.code == "1/2026" and list(letter.handlers.all()) == [handler]
    assert corrected.complexity == "complex" and corrected.sender_name == DENOUNCER
    with pytest.raises(Exception, match="tương lai"):
        services.letter_save(
            access=access,
            instance=None,
            values={**values, "received_on": FUTURE},
        )


def test_the_reception_command_enters_the_letter_handed_in(council, handler, term):
    access = Access(user_id=handler.pk, council_id=council.pk, council_name="", role="staff")

    reception = services.reception_save(
        access=access,
        instance=None,
        values={
            "received_on": dt.date(2026, 11, 20),
            "place": "Trụ sở",
            "citizen_name": "Trần Thị Mai",
            "kind": Kind.REFLECTION,
            "content": "Phản ánh đổ rác ven kênh",
            "outcome": "accepted",
            "group_size": 1,
            "receivers": [],
            "letter_subject": "Phản ánh đổ rác",
        },
    )

    letter = reception.letters.get()
    assert reception.created_by == handler and list(reception.handlers.all()) == [handler]
    assert (letter.sender_name, letter.subject, letter.code) == (
        "Trần Thị Mai",
        "Phản ánh đổ rác",
        "1/2026",
    )

"""Target 1.1 in full (issues 19 and 22.6): the Party Committee's leadership documents about
the HĐND, and the dissemination counted to party members as well as cells."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from councils.metrics import dissemination_cells, dissemination_members, party_documents
from councils.models import PartyDocument
from tests.factories import (
    DisseminationFactory,
    PartyCellFactory,
    PartyDocumentFactory,
    persona,
)

pytestmark = pytest.mark.django_db
YEAR = SimpleNamespace(start=dt.date(2026, 1, 1), as_of=dt.date(2026, 12, 31))

VALUES = {
    "kind": "directive",
    "number": "02-CT/ĐU",
    "issued_on": "12/01/2026",
    "title": "Chỉ thị về lãnh đạo kỳ họp và giám sát của HĐND xã năm 2026",
    "content": "Tập trung giám sát việc giải quyết đơn thư.",
    "signer": "Bí thư Đảng ủy",
}


@pytest.mark.parametrize(
    ("role", "status"), [("leadership", 302), ("staff", 302), ("delegate", 403)]
)
def test_the_party_leadership_and_the_office_record_a_document(client, council, role, status):
    client.force_login(persona(role, council))
    response = client.post(reverse("councils-partydocument-create"), VALUES)
    assert response.status_code == status
    assert PartyDocument.objects.filter(council=council).count() == (1 if status == 302 else 0)


def test_a_future_date_and_a_repeated_number_are_refused_with_clear_words(client, council):
    client.force_login(persona("leadership", council))
    future = client.post(
        reverse("councils-partydocument-create"), {**VALUES, "issued_on": "01/01/2099"}
    )
    assert "Ngày ban hành không được ở tương lai." in future.content.decode()
    client.post(reverse("councils-partydocument-create"), VALUES)
    again = client.post(reverse("councils-partydocument-create"), VALUES)
    assert "Văn bản có số và ngày ban hành này đã được ghi." in again.content.decode()
    assert PartyDocument.objects.count() == 1


def test_the_list_searches_without_diacritics_and_every_reader_sees_it(client, council):
    PartyDocumentFactory(council=council, title="Kế hoạch triển khai Đề án của Thành ủy")
    PartyDocumentFactory(council=council, title="Thông báo khác")
    client.force_login(persona("delegate", council))
    body = client.get(reverse("councils-partydocument-list"), {"q": "trien khai de an"})
    text = body.content.decode()
    assert "Kế hoạch triển khai Đề án của Thành ủy" in text and "Thông báo khác" not in text


def test_the_documents_of_the_year_count_for_1_1_a(council):
    PartyDocumentFactory(council=council, issued_on=dt.date(2025, 12, 31))
    PartyDocumentFactory(council=council, issued_on=dt.date(2026, 1, 1))
    assert party_documents(council, YEAR).value == 1


def test_members_reached_are_counted_per_cell_up_to_its_members(council):
    big = PartyCellFactory(council=council, member_count=30)
    small = PartyCellFactory(council=council, member_count=10)
    PartyCellFactory(council=council, member_count=10)  # not yet reached
    DisseminationFactory(
        council=council, party_cell=big, attendance=20, held_on=dt.date(2026, 2, 1)
    )
    DisseminationFactory(
        council=council, party_cell=big, attendance=27, held_on=dt.date(2026, 3, 1)
    )
    DisseminationFactory(
        council=council, party_cell=small, attendance=10, held_on=dt.date(2027, 1, 5)
    )  # after the day seen
    members = dissemination_members(council, YEAR)
    assert (members.numerator, members.denominator, members.value) == (27, 50, 54.0)
    cells = dissemination_cells(council, YEAR)
    assert (cells.numerator, cells.denominator) == (1, 3)

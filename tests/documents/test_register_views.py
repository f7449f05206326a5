"""The register of official documents (Sổ văn bản) pages."""

import datetime as dt

import pytest

from hdnd_portal.documents.models import DocumentRegister
from hdnd_portal.documents.services import document_number_issue
from tests.factories import persona

LIST = "/documents/register/"


def issue(council, type_code, on, title, **kwargs):
    return document_number_issue(
        council=council, type_code=type_code, issued_on=on, title=title, **kwargs
    )


@pytest.fixture
def documents(council, other_council):
    return [
        issue(council, "BC", dt.date(2026, 3, 2), "Báo cáo kết quả giám sát chuyên đề"),
        issue(council, "KH", dt.date(2026, 3, 9), "Kế hoạch tiếp xúc cử tri"),
        issue(council, "BC", dt.date(2025, 12, 1), "Báo cáo công tác năm 2025"),
        issue(council, "BC", dt.date(2026, 4, 1), "Báo cáo thẩm tra tờ trình", issuer_code="KTNS"),
        issue(other_council, "BC", dt.date(2026, 3, 2), "Báo cáo của xã khác"),
    ]


def page(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_the_councils_documents_with_their_numbers(staff_client, documents):
    body = page(staff_client)
    for text in ["01/BC-HĐND", "01/KH-HĐND", "Báo cáo công tác năm 2025", "01/BC-KTNS"]:
        assert text in body
    assert "Báo cáo của xã khác" not in body


def test_it_filters_by_type_year_and_issuer_and_searches_without_diacritics(
    staff_client, documents
):
    body = page(staff_client, type_code="KH")
    assert "Kế hoạch tiếp xúc cử tri" in body and "Báo cáo công tác năm" not in body
    body = page(staff_client, year=2025)
    assert "Báo cáo công tác năm 2025" in body and "Kế hoạch tiếp xúc" not in body
    body = page(staff_client, issuer_code="ktns")
    assert "Báo cáo thẩm tra tờ trình" in body and "Kế hoạch tiếp xúc" not in body
    body = page(staff_client, q="giam sat chuyen de")
    assert "Báo cáo kết quả giám sát chuyên đề" in body and "Kế hoạch tiếp xúc" not in body


@pytest.mark.parametrize("role", ["standing", "committee", "leadership"])
def test_readers_see_the_register_but_cannot_add_to_it(client, council, documents, role):
    client.force_login(persona(role, council))
    assert "Báo cáo kết quả giám sát" in page(client)
    assert client.get(f"{LIST}new/").status_code == 403
    assert client.get(f"{LIST}{documents[0].pk}/edit/").status_code == 403


@pytest.mark.parametrize("role", ["delegate", "agency"])
def test_delegates_and_agencies_do_not_see_the_register(client, council, documents, role):
    client.force_login(persona(role, council))
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{documents[0].pk}/").status_code in (403, 404)


def test_another_councils_document_is_not_found(staff_client, documents):
    assert staff_client.get(f"{LIST}{documents[-1].pk}/").status_code == 404


def test_a_clerk_registers_a_document_and_gets_the_next_number(staff_client, council, documents):
    response = staff_client.post(
        f"{LIST}new/",
        {
            "type_code": "BC",
            "issuer_code": "hđnd",
            "issued_on": "2026-05-04",
            "title": "Báo cáo kết quả tiếp công dân quý I",
            "signer": "Trần Văn Bình",
        },
    )
    assert response.status_code == 302
    created = DocumentRegister.objects.latest("id")
    assert created.symbol == "02/BC-HĐND"
    assert created.council == council
    assert created.created_by.username == f"staff-{council.slug}"
    detail = staff_client.get(response.url).content.decode()
    assert "02/BC-HĐND" in detail and "Báo cáo kết quả tiếp công dân quý I" in detail


def test_a_normative_number_is_only_for_resolutions(staff_client, documents):
    response = staff_client.post(
        f"{LIST}new/",
        {
            "type_code": "BC",
            "issuer_code": "HĐND",
            "is_normative": "on",
            "issued_on": "2026-05-04",
            "title": "Báo cáo",
        },
    )
    assert response.status_code == 200
    assert "Chỉ nghị quyết" in response.content.decode()


def test_editing_keeps_the_number_and_its_series(staff_client, documents):
    document = documents[0]
    response = staff_client.post(
        f"{LIST}{document.pk}/edit/",
        {
            "type_code": "KH",
            "issuer_code": "KTNS",
            "issued_on": "2027-01-01",
            "title": "Báo cáo kết quả giám sát chuyên đề (sửa trích yếu)",
            "signer": "Lê Văn An",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.symbol == "01/BC-HĐND"
    assert document.issued_on == dt.date(2026, 3, 2)
    assert document.title.endswith("(sửa trích yếu)")
    assert document.history.count() == 2


def test_the_menu_shows_the_register_to_readers_only(client, council):
    client.force_login(persona("staff", council))
    assert "Sổ văn bản" in client.get("/").content.decode()
    client.force_login(persona("delegate", council))
    assert "Sổ văn bản" not in client.get("/").content.decode()

"""One read model of protected data (``selectors.protected_view``) behind the page, the API,
the exports and search (Luật Tố cáo Art. 8.3, 47.2, 56).

A non-handler reads the same masked values of a denunciation on every output; a handler reads
the identity on a record's own page or endpoint, and each such showing writes exactly one
access-log row; lists (the API's included) never write one."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from hdnd_portal.core.access import Access
from petitions.models import MASKED_DENOUNCER, MASKED_TEXT, IdentityAccess, Letter
from petitions.selectors import protected_view
from tests.factories import persona
from tests.petitions.conftest import DENOUNCER, DENOUNCER_ID, new_letter

pytestmark = pytest.mark.django_db

SUBJECT = "Tố cáo cán bộ thu tiền trái quy định"
MASKED = {
    "sender_name": MASKED_DENOUNCER,
    "sender_id_number": MASKED_TEXT,
    "sender_address": MASKED_TEXT,
    "sender_phone": MASKED_TEXT,
    "subject": MASKED_TEXT,
    "content": MASKED_TEXT,
}
# The detail page's labels of the same fields.
PAGE_LABELS = {
    "sender_name": "Người gửi đơn",
    "sender_id_number": "Số CCCD/hộ chiếu",
    "sender_address": "Địa chỉ người gửi",
    "sender_phone": "Điện thoại người gửi",
    "subject": "Tóm tắt nội dung",
    "content": "Nội dung đơn",
}


@pytest.fixture
def secret(denunciation):
    """The denunciation, its content naming the denouncer ("nội dung làm lộ danh tính")."""
    Letter.objects.filter(pk=denunciation.pk).update(content_reveals_identity=True)
    denunciation.refresh_from_db()
    return denunciation


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _page_values(client, letter) -> dict:
    response = client.get(letter.get_absolute_url())
    assert response.status_code == 200
    fields = dict(response.context["fields"])
    return {name: fields[label] for name, label in PAGE_LABELS.items()}


def _api_list_row(client, letter) -> dict:
    rows = client.get("/api/v1/letters/").json()["results"]
    return next(row for row in rows if row["id"] == letter.pk)


def _export_row(client, letter) -> dict:
    response = client.get(reverse("petitions-letter-list"), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(rows) if "Người gửi" in row)
    header = rows[header_at]
    found = next(row for row in rows[header_at + 1 :] if row[header.index("Số")] == letter.code)
    return dict(zip(header, found, strict=False))


def _search_line(client, letter) -> str:
    response = client.get(reverse("core-search"), {"q": "thu tiền trái quy định"})
    hits = [
        hit
        for group in response.context["groups"]
        if group.key == "petitions.letter"
        for hit in group.hits
    ]
    return next(hit.description for hit in hits if hit.url == letter.get_absolute_url())


@pytest.mark.parametrize("role", ["staff", "standing", "leadership", "delegate"])
def test_a_non_handler_reads_the_same_masked_values_on_every_output(client, council, secret, role):
    user = persona(role, council)
    client.force_login(user)
    api = _api(user)
    pk = secret.pk

    page = _page_values(client, secret)
    detail = api.get(f"/api/v1/letters/{pk}/").json()
    listed = _api_list_row(api, secret)
    export = _export_row(client, secret)
    line = _search_line(client, secret)

    assert page == MASKED
    assert {name: detail[name] for name in MASKED} == MASKED
    assert {name: listed[name] for name in MASKED} == MASKED
    assert (export["Người gửi"], export["CCCD/hộ chiếu"], export["Tóm tắt"]) == (
        MASKED_DENOUNCER,
        MASKED_TEXT,
        MASKED_TEXT,
    )
    assert MASKED_DENOUNCER in line and DENOUNCER not in line and SUBJECT not in line
    assert not IdentityAccess.objects.exists()


def test_the_handler_sees_the_identity_and_each_reveal_writes_one_log_row(client, handler, secret):
    client.force_login(handler)
    api = _api(handler)
    log = IdentityAccess.objects.filter(user=handler, letter=secret).order_by("id").all

    page = _page_values(client, secret)
    assert (page["sender_name"], page["sender_id_number"], page["subject"]) == (
        DENOUNCER,
        DENOUNCER_ID,
        SUBJECT,
    )
    assert [(e.purpose, e.page) for e in log()] == [("page", secret.get_absolute_url())]

    detail = api.get(f"/api/v1/letters/{secret.pk}/").json()
    assert (detail["sender_name"], detail["sender_id_number"], detail["sender_phone"]) == (
        DENOUNCER,
        DENOUNCER_ID,
        "0912345678",
    )
    assert [e.purpose for e in log()] == ["page", "api"]

    history = reverse("petitions-letter-history", args=[secret.pk])
    assert "0912345678" in client.get(history).content.decode()  # the phone added later
    assert [(e.purpose, e.page) for e in log()][2] == ("page", history)
    assert log().count() == 3

    # Lists, exports and search stay masked for the handler, and write nothing.
    assert {name: _api_list_row(api, secret)[name] for name in MASKED} == MASKED
    assert _export_row(client, secret)["Người gửi"] == MASKED_DENOUNCER
    assert MASKED_DENOUNCER in _search_line(client, secret)
    assert DENOUNCER not in client.get(reverse("petitions-letter-list")).content.decode()
    assert log().count() == 3


@pytest.mark.parametrize("role", ["admin", "handler"])
def test_the_api_list_writes_no_access_log_row(council, handler, denunciation, role):
    user = handler if role == "handler" else persona("admin", council)
    api = _api(user)

    assert api.get("/api/v1/letters/").status_code == 200
    assert api.get("/api/v1/letters/", {"q": "thu tien"}).status_code == 200
    assert api.get("/api/v1/receptions/").status_code == 200
    assert not IdentityAccess.objects.exists()


def test_the_reception_reads_through_the_same_view(client, council, handler, denunciation):
    reception = denunciation.reception
    client.force_login(persona("standing", council))
    api = _api(persona("standing", council, username="standing-api"))

    page = dict(client.get(reception.get_absolute_url()).context["fields"])
    detail = api.get(f"/api/v1/receptions/{reception.pk}/").json()
    listed = api.get("/api/v1/receptions/").json()["results"][0]
    view = protected_view(reception)

    assert page["Họ tên công dân"] == detail["citizen_name"] == listed["citizen_name"]
    assert view["citizen_name"] == MASKED_DENOUNCER == page["Họ tên công dân"]
    assert page["Số CCCD/hộ chiếu"] == detail["citizen_id_number"] == MASKED_TEXT
    assert page["Địa chỉ"] == detail["citizen_address"] == MASKED_TEXT
    assert not IdentityAccess.objects.exists()


def test_the_history_of_a_non_handler_hides_what_the_detail_page_hides(
    client, council, handler, secret
):
    Letter.objects.filter(pk=secret.pk).update(sender_phone="0987000111")
    secret.refresh_from_db()
    secret.sender_phone = "0987000222"
    secret.save()
    client.force_login(persona("standing", council))

    body = client.get(reverse("petitions-letter-history", args=[secret.pk])).content.decode()

    assert "0987000222" not in body and "***" in body
    assert not IdentityAccess.objects.exists()


def test_an_edit_form_leaves_out_what_its_reader_may_not_see_and_keeps_it(
    client, council, handler, secret
):
    client.force_login(persona("standing", council))
    url = reverse("petitions-letter-update", args=[secret.pk])

    form = client.get(url).context["form"]
    assert not {"sender_name", "sender_id_number", "subject", "content"} & set(form.fields)
    response = client.post(
        url,
        {
            "source": secret.source,
            "received_on": secret.received_on.strftime("%d/%m/%Y"),
            "kind": secret.kind,
            "group_size": 1,
            "complaint_round": 1,
            "complexity": "complex",
            "eligible": "on",
            "content_reveals_identity": "on",
        },
    )

    assert response.status_code == 302
    secret.refresh_from_db()
    assert secret.complexity == "complex"
    assert (secret.sender_name, secret.sender_id_number, secret.subject) == (
        DENOUNCER,
        DENOUNCER_ID,
        SUBJECT,
    )


def test_a_list_view_reads_no_access_and_runs_no_query(
    council, handler, denunciation, django_assert_num_queries
):
    petition = new_letter(council, handler)
    with django_assert_num_queries(0):
        masked = protected_view(denunciation)
        listed = protected_view(petition)

    assert masked.masked and not masked.revealed
    assert masked["sender_name"] == MASKED_DENOUNCER and masked["subject"] == SUBJECT
    assert listed["sender_name"] == "Nguyễn Văn Hùng"
    assert listed["sender_id_number"] == "0010******23"  # partly masked even for the Office
    assert listed.hidden == {"sender_id_number"}


def test_a_record_view_shows_an_identity_number_to_the_office_only(council, handler):
    petition = new_letter(council, handler)
    office = Access(user_id=0, council_id=council.pk, council_name="", role="staff")
    leadership = Access(user_id=0, council_id=council.pk, council_name="", role="leadership")

    assert protected_view(petition, office, reveal=True)["sender_id_number"] == "001086012323"
    shown = protected_view(petition, leadership, reveal=True)
    assert shown["sender_id_number"] == "0010******23"
    assert shown["sender_name"] == "Nguyễn Văn Hùng" and not shown.revealed

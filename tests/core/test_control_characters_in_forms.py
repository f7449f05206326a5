"""Issue 21, item 5, for what is posted: a form field or a cookie with a control character
never reaches the database; a text box keeps its line breaks (ControlCharactersMiddleware)."""

import pytest
from django.urls import reverse

from councils.models import Term

pytestmark = pytest.mark.django_db


def test_a_posted_form_is_saved_without_control_characters_but_with_its_line_breaks(
    staff_client,
):
    response = staff_client.post(
        reverse("councils-term-create"),
        {
            "name": "2031\x00-2036",
            "number": 30,
            "start_date": "2031-03-15",
            "note": "Dòng một\x07\r\nDòng\x1b hai",
        },
    )

    assert response.status_code == 302
    term = Term.objects.get(number=30)
    assert term.name == "2031-2036"
    assert term.note == "Dòng một\r\nDòng hai"


def test_a_session_cookie_with_a_nul_is_a_logged_out_visitor_not_a_500(client):
    client.cookies["sessionid"] = "abcdefghij\x00klmnop"

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_uploaded_file_name_loses_its_control_characters_on_the_page_and_the_api(
    client, make_persona, council
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from rest_framework.test import APIClient

    from hdnd_portal.followups.models import Attachment
    from tests.followups.support import item, travel

    pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
    agency_user = make_persona("agency")
    with travel():
        agency = agency_user.council_roles.get().agency
        followup, other = item(council, due=3, agency=agency), item(council, due=4, agency=agency)
        client.force_login(agency_user)
        page = client.post(
            f"/followups/{followup.pk}/answer/",
            {"answer": "Đã xử lý", "files": [SimpleUploadedFile("bien\x00ban.pdf", pdf)]},
        )
        api = APIClient()
        api.force_authenticate(agency_user)
        answered = api.post(
            f"/api/v1/followups/{other.pk}/answer/",
            {"answer": "Bổ sung", "files": [SimpleUploadedFile("phu\x01luc.pdf", pdf)]},
            format="multipart",
        )

    assert page.status_code == 302 and answered.status_code == 200, answered.content
    assert sorted(Attachment.objects.values_list("name", flat=True)) == [
        "bienban.pdf",
        "phuluc.pdf",
    ]

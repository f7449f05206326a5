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

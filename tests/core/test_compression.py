"""Pages and API answers are sent gzipped to a browser that accepts it (issue 24), with
``Vary: Accept-Encoding`` so a cache never gives the compressed copy to a client that did not
ask; a client that does not accept gzip gets the plain page."""

import gzip

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_page_is_gzipped_for_a_browser_that_accepts_it(staff_client):
    response = staff_client.get(reverse("home"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "Xin chào" in html
    assert len(response.content) < len(html.encode()) / 3


def test_the_api_answers_gzipped_json(api, council):
    from tests.factories import DelegateFactory, TermFactory

    term = TermFactory(council=council)
    for _ in range(5):
        DelegateFactory(term=term)
    response = api().get("/api/v1/delegates/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "results" in gzip.decompress(response.content).decode()


def test_a_client_without_gzip_gets_the_plain_page(staff_client):
    response = staff_client.get(reverse("home"))
    assert "Content-Encoding" not in response
    assert "Xin chào" in response.content.decode()

"""Vietnamese by default, English on request, from the compiled catalogue."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.mo"


def test_it_has_a_compiled_english_catalogue_that_translates_list_buttons():
    assert CATALOGUE.exists(), "run `make messages` (compilemessages) first"
    with translation.override("en"):
        assert gettext("Xuất Excel") == "Export to Excel"
        assert gettext("Lọc") == "Filter"
        assert gettext("Đăng nhập") == "Log in"
    with translation.override("vi"):
        assert gettext("Xuất Excel") == "Xuất Excel"


@pytest.mark.django_db
def test_it_serves_vietnamese_even_to_an_english_browser(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Tên đăng nhập" in page
    assert response["Content-Language"] == "vi"


@pytest.mark.django_db
def test_it_switches_to_english_when_the_user_picks_it(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302

    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in page
    assert "Username" in page
    assert "Log in to the HĐND Portal" in page


@pytest.mark.django_db
def test_it_keeps_django_validation_messages_in_vietnamese(client):
    response = client.post(
        "/accounts/login/", {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.context["form"].errors["username"] == ["Trường này là bắt buộc."]

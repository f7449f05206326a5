"""Error pages speak Vietnamese, keep the portal's layout and lead back home."""

import pytest
from django.test import Client
from django.urls import path, reverse

from hdnd_portal import urls as portal_urls

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom), *portal_urls.urlpatterns]


def _assert_portal_error_page(response, status: int, heading: str):
    body = response.content.decode()
    assert response.status_code == status
    assert '<html lang="vi">' in body
    assert heading in body
    assert 'href="/"' in body and "Về trang chủ" in body
    for english in ("Not Found", "Forbidden", "Server Error", "CSRF verification failed"):
        assert english not in body


def test_it_answers_an_unknown_address_with_a_vietnamese_404(staff_client):
    response = staff_client.get("/khong-co-trang-nay/")

    _assert_portal_error_page(response, 404, "Không tìm thấy trang hoặc hồ sơ bạn cần")
    assert "Trang chủ" in response.content.decode()  # the menu is there for a logged-in user


def test_it_answers_a_record_of_another_council_with_the_same_404(
    client, make_persona, other_council
):
    from tests.factories import TermFactory

    term = TermFactory(council=other_council)
    client.force_login(make_persona("staff"))

    response = client.get(reverse("councils-term-detail", args=[term.pk]))

    _assert_portal_error_page(response, 404, "Không tìm thấy trang hoặc hồ sơ bạn cần")


def test_it_tells_a_read_only_user_why_with_a_vietnamese_403(client, make_persona):
    client.force_login(make_persona("leadership"))

    response = client.get(reverse("councils-term-create"))

    _assert_portal_error_page(response, 403, "Bạn không có quyền thực hiện thao tác này")
    assert "Lãnh đạo Đảng ủy" in response.content.decode()


def test_it_shows_a_vietnamese_500_page_in_the_layout(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False

    response = client.get("/boom/")

    _assert_portal_error_page(response, 500, "Hệ thống gặp lỗi khi xử lý yêu cầu")


def test_it_explains_an_expired_form_in_vietnamese(make_persona):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_persona("staff"))

    response = client.post(reverse("logout"))

    _assert_portal_error_page(response, 403, "Biểu mẫu đã hết hạn hoặc không hợp lệ")

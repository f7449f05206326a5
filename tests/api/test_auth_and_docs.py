"""Session and token authentication, the OpenAPI schema and the Swagger UI page (no CDN)."""

import re

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from councils.models import PartyCell

pytestmark = pytest.mark.django_db


@pytest.fixture
def token_client(make_persona):
    token = Token.objects.create(user=make_persona("staff"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


class TestTokenAuthentication:
    def test_it_lists_the_councils_records_for_a_token(self, token_client, ours, theirs):
        response = token_client.get("/api/v1/delegates/")

        assert response.status_code == 200
        assert [d["full_name"] for d in response.json()["results"]] == ["Lê Thị Phúc Lộc"]

    def test_it_creates_with_a_token_without_a_csrf_token(self, token_client, council):
        client = APIClient(enforce_csrf_checks=True)
        client.credentials(**token_client._credentials)

        response = client.post(
            "/api/v1/party-cells/", {"name": "Chi bộ thôn Nam", "member_count": 21}, format="json"
        )

        assert response.status_code == 201
        assert PartyCell.objects.get(name="Chi bộ thôn Nam").council == council

    def test_it_refuses_an_unknown_token(self, db):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION="Token khong-hop-le")

        response = client.get("/api/v1/delegates/")

        # 403 rather than 401: the first authentication class (session) sends no challenge.
        assert response.status_code in (401, 403)
        assert response.json()["error"] == {
            "code": "authentication_failed",
            "message": "Thông tin xác thực không hợp lệ.",
            "fields": None,
        }

    def test_it_refuses_a_token_of_a_user_without_a_role(self, db):
        from tests.factories import UserFactory

        token = Token.objects.create(user=UserFactory(username="khong-vai-tro"))
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

        assert client.get("/api/v1/delegates/").status_code == 403


class TestSessionAuthentication:
    def test_it_uses_the_logged_in_session(self, staff_api, ours):
        response = staff_api.get("/api/v1/terms/")

        assert response.status_code == 200
        assert response.json()["results"][0]["name"] == "2026-2031 Phúc Lộc"

    def test_it_requires_the_csrf_token_for_session_writes(self, make_persona):
        client = APIClient(enforce_csrf_checks=True)
        client.force_login(make_persona("staff"))

        response = client.post("/api/v1/party-cells/", {"name": "Chi bộ thôn Nam"}, format="json")

        assert response.status_code == 403
        assert not PartyCell.objects.filter(name="Chi bộ thôn Nam").exists()


class TestSchemaAndDocs:
    def test_it_serves_an_openapi_3_schema_to_signed_in_users(self, staff_api):
        response = staff_api.get("/api/schema/", {"format": "json"})

        assert response.status_code == 200
        schema = response.json()
        assert schema["openapi"].startswith("3.")
        assert schema["info"]["title"] == "API Cổng HĐND"
        for path in ["/api/v1/delegates/", "/api/v1/terms/", "/api/v1/party-cells/{id}/"]:
            assert path in schema["paths"]
        assert "delete" not in schema["paths"]["/api/v1/delegates/{id}/"]

    def test_it_keeps_the_schema_from_anonymous_visitors(self, db):
        assert APIClient().get("/api/schema/").status_code in (401, 403)

    def test_it_renders_swagger_ui_from_local_static_files(self, staff_api):
        response = staff_api.get("/api/docs/")

        assert response.status_code == 200
        page = response.content.decode()
        assert "SwaggerUIBundle" in page or "swagger-ui" in page
        assets = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert assets, page
        external = [a for a in assets if a.startswith(("http:", "https:", "//"))]
        assert external == []
        assert "cdn.jsdelivr.net" not in page
        scripts = [a for a in assets if a.endswith(".js")]
        assert scripts
        for asset in scripts:
            assert staff_api.get(asset).status_code == 200, asset


class TestTokenLifetime:
    def test_it_refuses_a_token_older_than_the_lifetime(self, make_persona, settings):
        import time_machine

        settings.API_TOKEN_TTL_DAYS = 30
        with time_machine.travel("2026-10-01 08:00 +0700", tick=False):
            token = Token.objects.create(user=make_persona("staff"))
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

        with time_machine.travel("2026-10-30 08:00 +0700", tick=False):
            assert client.get("/api/v1/terms/").status_code == 200
        with time_machine.travel("2026-11-01 08:00 +0700", tick=False):
            response = client.get("/api/v1/terms/")
        assert response.status_code in (401, 403)
        assert response.json()["error"]["message"] == "Mã truy cập API đã hết hạn: hãy tạo mã mới."

    def test_changing_the_password_revokes_the_users_tokens(self, client, make_persona):
        user = make_persona("staff")
        user.set_password("mat-khau-cu-2026")
        user.save()
        token = Token.objects.create(user=user)
        client.force_login(user)

        response = client.post(
            "/accounts/password/",
            {
                "old_password": "mat-khau-cu-2026",
                "new_password1": "Phuc-Loc-hdnd-2026!",
                "new_password2": "Phuc-Loc-hdnd-2026!",
            },
        )

        assert response.status_code == 302
        assert not Token.objects.filter(pk=token.pk).exists()
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        assert api.get("/api/v1/terms/").status_code in (401, 403)

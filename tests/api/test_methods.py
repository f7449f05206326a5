"""Every HTTP method an API endpoint does not serve answers 405, never a 500."""

import pytest
from rest_framework.test import APIClient

from hdnd_portal.api_router import router
from tests.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

PREFIXES = sorted(prefix for prefix, _viewset, _basename in router.registry)


@pytest.fixture
def clients(make_persona):
    out = {}
    for role in ("staff", "agency", "leadership"):
        client = APIClient()
        client.force_login(make_persona(role))
        out[role] = client
    return out


def test_every_viewset_is_covered():
    assert "followups" in PREFIXES and len(PREFIXES) >= 8


@pytest.mark.parametrize("role", ["staff", "agency", "leadership"])
@pytest.mark.parametrize("prefix", PREFIXES)
def test_it_answers_405_to_trace_delete_and_unknown_methods(clients, council, role, prefix):
    item = FollowUpFactory(council=council)
    client = clients[role]
    for url in (f"/api/v1/{prefix}/", f"/api/v1/{prefix}/{item.pk}/"):
        for method in ("TRACE", "DELETE", "CONNECT", "PROPFIND", "FOO"):
            response = client.generic(method, url)
            assert response.status_code == 405, (method, url, response.status_code)
            assert response.json()["error"]["code"] == "method_not_allowed"


def test_post_on_a_record_is_405_not_403(clients, council):
    item = FollowUpFactory(council=council)
    for role, client in clients.items():
        assert client.post(f"/api/v1/followups/{item.pk}/", {}).status_code == 405, role
        assert client.put(f"/api/v1/followups/{item.pk}/", {}).status_code == 405, role


def test_an_anonymous_trace_is_refused_as_anonymous():
    assert APIClient().generic("TRACE", "/api/v1/followups/").status_code in (403, 405)

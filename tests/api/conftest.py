import pytest
from rest_framework.test import APIClient

from tests.councils.records import build_records


@pytest.fixture
def ours(council):
    """Every councils record of the user's council (Phúc Lộc)."""
    return build_records(council, "Phúc Lộc", number=9)


@pytest.fixture
def theirs(other_council):
    """Every councils record of another council (Hòa Bình)."""
    return build_records(other_council, "Hòa Bình", number=9)


@pytest.fixture
def api(make_persona):
    """An API client logged in (session) with a role in the ``council`` fixture."""

    def _api(role="staff", **kwargs):
        client = APIClient()
        client.force_login(make_persona(role, **kwargs))
        return client

    return _api


@pytest.fixture
def staff_api(api):
    return api("staff")

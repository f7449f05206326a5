"""A year typed in a link (?year=0, ?year=-2e-313, ?year=99999, ?year=2026.5) is a form error or
ignored, never a server error — on every list page and list API of every app."""

import pytest
from django.urls import get_resolver, reverse

pytestmark = pytest.mark.django_db

BAD_YEARS = ["0", "-2.2250738585e-313", "99999", "2026.5", "abc", "²⁰²⁶"]


def _list_names(prefix: str) -> list[str]:
    return sorted(
        name
        for name in get_resolver().reverse_dict
        if isinstance(name, str) and name.startswith(prefix) and name.endswith("-list")
    )


PAGES = [n for n in _list_names("") if not n.startswith("api-")]
APIS = _list_names("api-")


@pytest.mark.parametrize("name", PAGES)
def test_list_pages_survive_a_hostile_year(client, make_persona, name):
    client.force_login(make_persona("staff"))
    url = reverse(name)
    for year in BAD_YEARS:
        response = client.get(url, {"year": year})
        assert response.status_code < 500, f"{url}?year={year}"


@pytest.mark.parametrize("name", APIS)
def test_list_apis_survive_a_hostile_year(api, name):
    client = api("staff")
    url = reverse(name)
    for year in BAD_YEARS:
        response = client.get(url, {"year": year})
        assert response.status_code < 500, f"{url}?year={year}"


@pytest.mark.parametrize(
    "name", ["supervision-stats", "targets-dashboard", "targets-city", "petitions-shortfall"]
)
@pytest.mark.parametrize("role", ["staff", "leadership"])
def test_yearly_pages_survive_a_hostile_year(client, make_persona, name, role):
    client.force_login(make_persona(role))
    url = reverse(name)
    for year in BAD_YEARS:
        response = client.get(url, {"year": year, "on": year, "month": year})
        assert response.status_code < 500, f"{url}?year={year}"


@pytest.mark.parametrize("params", [{"month": "2026-13"}, {"month": "0-0"}, {"year": "0"}])
def test_the_calendar_survives_a_hostile_month(client, make_persona, params):
    client.force_login(make_persona("staff"))
    assert client.get(reverse("core-calendar"), params).status_code < 500

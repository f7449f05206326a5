"""Dates outside 1945-2100 are a 400 in every serializer, as in every form."""

import pytest

from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", ["0001-01-01", "1944-12-31", "2101-01-01", "9999-12-31"])
def test_a_term_outside_the_window_is_refused(staff_api, day):
    response = staff_api.post(
        "/api/v1/terms/", {"name": "Nhiệm kỳ lạ", "number": 9, "start_date": day}, format="json"
    )
    assert response.status_code == 400
    message = response.json()["error"]["fields"]["start_date"][0]
    assert message == "Ngày phải trong khoảng từ 01/01/1945 đến 31/12/2100."


def test_a_followup_outside_the_window_is_refused(staff_api, council):
    response = staff_api.post(
        "/api/v1/followups/",
        {
            "kind": "plan_task",
            "title": "Việc",
            "agency": AgencyFactory(council=council).pk,
            "started_on": "0001-01-01",
            "due_date": "9999-12-31",
        },
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"started_on", "due_date"}


def test_the_window_edges_are_accepted(staff_api):
    for number, day in ((1, "1945-01-01"), (2, "2100-12-31")):
        response = staff_api.post(
            "/api/v1/terms/", {"name": f"NK {number}", "number": number, "start_date": day}
        )
        assert response.status_code == 201, response.json()


def test_the_schema_states_the_date_window_on_every_date_property(staff_api):
    import re

    from hdnd_portal.core.schema import DATE_WINDOW_PATTERN

    schema = staff_api.get("/api/schema/?format=json").json()
    dates = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("format") == "date":
                dates.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert dates and all(d.get("pattern") == DATE_WINDOW_PATTERN for d in dates)
    pattern = re.compile(DATE_WINDOW_PATTERN)
    assert pattern.match("1945-01-01") and pattern.match("2100-12-31")
    assert pattern.match("2026-03-15")
    assert not pattern.match("1944-12-31") and not pattern.match("2101-01-01")
    assert not pattern.match("0001-01-01") and not pattern.match("9999-12-31")

"""Issue 21, items 5 and 10, on the API: every list documents its search (``q``) and its
filters in the OpenAPI schema, and no documented parameter, given a NUL, a 30-digit number or
a superscript digit, answers a server error.

Generated from the schema the app serves (``/api/schema/``) and the DRF router, so a new list
or filter is covered without touching this file. The schemathesis run
(``tests/api/test_schemathesis.py``) fuzzes the same parameters; this test sends the values
the penetration test found, to every parameter, every time.
"""

import pytest

from hdnd_portal.api_router import router

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
HOSTILE_VALUES = ("a\x00b", HUGE, "-" + HUGE, "²", "1e999999999", "-1e999999999", "thon " * 500)


def documented_lists(client) -> dict[str, list[str]]:
    """Path -> names of the query parameters the schema documents, for every list."""
    schema = client.get("/api/schema/", {"format": "json"}).json()
    return {
        path: [p["name"] for p in ops["get"].get("parameters", []) if p["in"] == "query"]
        for path, ops in schema["paths"].items()
        if "get" in ops and "{" not in path
    }


def list_routes():
    """(path, viewset) of every router entry with a list action."""
    for prefix, viewset, _basename in router.registry:
        if hasattr(viewset, "list"):
            yield f"/api/v1/{prefix}/", viewset


def test_every_api_list_documents_its_search_and_every_filter(api):
    documented = documented_lists(api("staff"))
    routes = list(list_routes())

    missing = {}
    for path, viewset in routes:
        filterset = getattr(viewset, "filterset_class", None)
        expected = {"q", "page", *(filterset.base_filters if filterset else ())}
        if not expected <= set(documented.get(path, ())):
            missing[path] = sorted(expected - set(documented.get(path, ())))
    assert len(routes) > 25
    assert not missing, missing


def test_no_documented_parameter_answers_a_server_error(api, ours):
    client = api("staff")
    failures = []
    requests = 0
    for path, params in documented_lists(client).items():
        for name in params:
            for value in HOSTILE_VALUES:
                requests += 1
                try:
                    status = client.get(path, {name: value}).status_code
                except Exception as exc:  # noqa: BLE001 - a 500: every failure is reported
                    status = f"500 {type(exc).__name__}: {exc}"[:300]
                if status not in (200, 400, 404):
                    failures.append(f"{path}?{name}={value[:40]!r}: {status}")
    assert requests > 500, requests
    assert not failures, f"{len(failures)} of {requests} requests failed:\n" + "\n".join(failures)


def test_a_filter_out_of_the_database_range_is_a_400_in_vietnamese(api, ours):
    response = api("staff").get("/api/v1/delegates/", {"term": HUGE})

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["message"] == "Dữ liệu không hợp lệ."
    assert "term" in error["fields"]


@pytest.mark.parametrize("number", ["-1e999999999", "1e999999999", "-" + HUGE])
def test_a_number_filter_past_64_bits_is_a_400_not_a_billion_digit_lookup(api, ours, number):
    response = api("staff").get("/api/v1/terms/", {"number": number})

    assert response.status_code == 400
    assert "number" in response.json()["error"]["fields"]


def test_a_nul_in_the_search_is_dropped_and_the_rest_searched(api, ours):
    client = api("staff")
    name = ours["delegate"].full_name

    response = client.get("/api/v1/delegates/", {"q": name[:3] + "\x00" + name[3:]})

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [ours["delegate"].pk]


def test_a_nul_in_a_json_body_is_dropped_before_the_command_runs(api, council):
    response = api("staff").post(
        "/api/v1/agencies/",
        {"name": "Ủy ban\x00 nhân dân xã", "kind": "ubnd"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["name"] == "Ủy ban nhân dân xã"

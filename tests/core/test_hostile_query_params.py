"""Issue 21, items 5 and 10: a NUL byte or a 30-digit number in the address is never a 500.

Generated like ``test_every_list.py``: every page that can be built from the council alone gets
``?q=a%00b`` (the top bar's search, every list, every export); every filter of every list gets
a 30-digit number, a NUL and a superscript digit, as a page and as its Excel download. On the
demo commune, as its administrator. On PostgreSQL (CI) a NUL reaching the database is a
``DataError``; on SQLite a number past 64 bits is an ``OverflowError``.
"""

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from hdnd_portal.core.listing import EXPORT_FORMAT
from tests.core.test_every_list import candidate_urls, demo, filter_of, filtered_lists  # noqa: F401

pytestmark = pytest.mark.django_db

NUL = "a\x00b"
HUGE = "9" * 30
HOSTILE_VALUES = (HUGE, NUL, "²", "-" + HUGE, "-1e999999999")


def answer(client, url: str, params: dict) -> tuple[int, str]:
    """(status, "") or (500, what broke): the page, or its download read to the end."""
    try:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
    except Exception as exc:  # noqa: BLE001 - a 500: every failure is collected and reported
        return 500, f"{type(exc).__name__}: {exc}"[:300]
    return response.status_code, ""


def test_no_page_answers_a_nul_in_the_search_with_a_server_error(client, demo):  # noqa: F811
    council, admin = demo
    client.force_login(admin)
    failures = []
    urls = candidate_urls(council)
    for name, url in sorted(urls.items()):
        plain, _ = answer(client, url, {})
        for params in ({"q": NUL}, {"q": NUL, "format": EXPORT_FORMAT}):
            status, error = answer(client, url, params)
            if status >= 500 or (plain == 200 and status != 200):
                failures.append(f"{name} {url}?{urlencode(params)}: {status} {error}")
    assert len(urls) > 100
    assert not failures, "\n".join(failures)


def test_no_filter_answers_a_huge_number_or_a_nul_with_a_server_error(client, demo):  # noqa: F811
    council, admin = demo
    client.force_login(admin)
    failures = []
    requests = 0
    for name, (url, filterset, _exports) in filtered_lists(client, council).items():
        for field_name in filterset.form.fields:
            for value in HOSTILE_VALUES:
                for params in ({field_name: value}, {field_name: value, "format": EXPORT_FORMAT}):
                    requests += 1
                    status, error = answer(client, url, params)
                    if status != 200:
                        failures.append(f"{name} {url}?{urlencode(params)}: {status} {error}")
    assert requests > 500, requests
    assert not failures, f"{len(failures)} of {requests} requests failed:\n" + "\n".join(failures)


def test_a_nul_in_the_top_bar_search_is_dropped_and_the_rest_is_searched(
    client, make_persona, council
):
    from tests.factories import AgencyFactory

    AgencyFactory(council=council, name="Ủy ban nhân dân xã")
    client.force_login(make_persona("staff"))

    response = client.get(reverse("core-search"), {"q": "uy\x00 ban"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Ủy ban nhân dân xã" in body
    assert response.context["q"] == "uy ban"


def test_a_filter_with_a_huge_number_shows_the_whole_list_with_a_message(
    client, make_persona, council, ours
):
    client.force_login(make_persona("staff"))

    response = client.get(reverse("councils-delegate-list"), {"term": HUGE})

    assert response.status_code == 200
    assert filter_of(response).form.errors["term"]


def test_an_address_with_a_control_character_is_not_found(client, make_persona):
    client.force_login(make_persona("staff"))

    assert client.get("/lich/a%00b.ics").status_code == 404
    assert client.get("/councils/delegate%01/").status_code == 404

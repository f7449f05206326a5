"""List pages and exports run the same number of queries for 5 rows as for 40."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.councils.records import RESOURCE_NAMES, build_rows

pytestmark = pytest.mark.django_db


def count_queries(client, url, params=None) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("params", [{}, {"format": "xlsx"}], ids=["page", "excel"])
@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_it_does_not_grow_with_the_number_of_rows(staff_client, council, settings, name, params):
    settings.PAGE_SIZE = 100  # every row on one page
    url = reverse(f"councils-{name}-list")
    build_rows(name, council, 5)
    staff_client.get(url, params)  # warm-up: session, content types
    few, _sql = count_queries(staff_client, url, params)

    build_rows(name, council, 35)
    many, sql = count_queries(staff_client, url, params)

    assert many == few, "\n".join(sql)


def test_it_reads_the_delegate_list_in_a_fixed_number_of_queries(
    staff_client, council, django_assert_num_queries
):
    build_rows("delegate", council, 30)
    staff_client.get(reverse("councils-delegate-list"))  # warm-up

    # 1 session, 2 user, 3 council role (request.access), 4 count, 5 the page of
    # delegates with term/constituency/group joined, 6 follow-up badge, 7 unread
    # notifications (bell), 8 terms for the filter, 9 terms (with their council) for the
    # roster's document menu, 10 the rosters already issued (one query for every term),
    # 11 delegate groups and 12 constituencies for the filter.
    with django_assert_num_queries(12):
        staff_client.get(reverse("councils-delegate-list"))


def test_it_exports_delegates_in_a_fixed_number_of_queries(
    staff_client, council, django_assert_num_queries
):
    build_rows("delegate", council, 30)
    staff_client.get(reverse("councils-delegate-list"))  # warm-up

    # 1 session, 2 user, 3 council role, 4 every delegate of the current term with its
    # relations joined (the term chosen by a subquery), then the sheet's subtitle
    # "Lọc: Nhiệm kỳ: …": 5 the current term's name (a record names itself: the term
    # choices are not read for their labels).
    with django_assert_num_queries(5):
        staff_client.get(reverse("councils-delegate-list"), {"format": "xlsx"})

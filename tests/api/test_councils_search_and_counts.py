"""API search without diacritics, filters, pagination; query counts that do not grow."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import Committee
from tests.councils.records import SPECS, build_rows
from tests.factories import CommitteeFactory, DelegateFactory, TermFactory

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return sorted(row["full_name"] for row in response.json()["results"])


@pytest.fixture
def term(council):
    return TermFactory(council=council, name="2026-2031", number=9)


class TestSearchAndFilters:
    @pytest.fixture
    def people(self, term):
        group = CommitteeFactory(term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ 1")
        return {
            "hung": DelegateFactory(term=term, full_name="Nguyễn Văn Hùng", delegate_group=group),
            "lan": DelegateFactory(term=term, full_name="Đặng Thị Lan", gender="female"),
            "khoa": DelegateFactory(
                term=term, full_name="Trần Đăng Khoa", end_date=dt.date(2026, 6, 30)
            ),
        }

    def test_it_searches_without_diacritics(self, staff_api, people):
        assert names(staff_api.get("/api/v1/delegates/", {"q": "nguyen van"})) == [
            "Nguyễn Văn Hùng"
        ]
        assert names(staff_api.get("/api/v1/delegates/", {"q": "dang"})) == [
            "Trần Đăng Khoa",
            "Đặng Thị Lan",
        ]

    def test_it_filters_by_term_group_and_gender(self, staff_api, council, people, term):
        old = TermFactory(
            council=council, name="2021-2026", number=8, start_date=dt.date(2021, 6, 1)
        )
        DelegateFactory(term=old, full_name="Hoàng Văn Cũ")
        group = people["hung"].delegate_group

        assert names(staff_api.get("/api/v1/delegates/", {"term": old.pk})) == ["Hoàng Văn Cũ"]
        assert names(staff_api.get("/api/v1/delegates/", {"delegate_group": group.pk})) == [
            "Nguyễn Văn Hùng"
        ]
        assert names(staff_api.get("/api/v1/delegates/", {"gender": "female"})) == ["Đặng Thị Lan"]

    def test_it_filters_delegates_in_office(self, staff_api, people):
        assert names(staff_api.get("/api/v1/delegates/", {"in_office": "true"})) == [
            "Nguyễn Văn Hùng",
            "Đặng Thị Lan",
        ]
        assert names(staff_api.get("/api/v1/delegates/", {"in_office": "false"})) == [
            "Trần Đăng Khoa"
        ]

    def test_it_combines_search_and_filters(self, staff_api, people):
        response = staff_api.get("/api/v1/delegates/", {"q": "dang", "gender": "female"})

        assert names(response) == ["Đặng Thị Lan"]

    def test_it_pages_the_results(self, staff_api, term, settings):
        for n in range(60):
            DelegateFactory(term=term, full_name=f"Nguyễn Văn Số {n:02d}")

        first = staff_api.get("/api/v1/delegates/").json()
        second = staff_api.get(first["next"]).json()

        assert first["count"] == 60
        assert len(first["results"]) == 50
        assert len(second["results"]) == 10
        assert second["next"] is None
        assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_it_runs_the_same_queries_for_5_rows_as_for_40(staff_api, council, spec):
    url = f"/api/v1/{spec.api}/"
    build_rows(spec.name, council, 5)
    staff_api.get(url)  # warm-up: session, content types
    with CaptureQueriesContext(connection) as few:
        assert staff_api.get(url).status_code == 200

    build_rows(spec.name, council, 35)
    with CaptureQueriesContext(connection) as many:
        response = staff_api.get(url)

    # A council holds at most 29 more terms (Khóa II … XXX); every other list 40 rows.
    assert response.json()["count"] >= (29 if spec.name == "term" else 40)
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)


def test_it_lists_delegates_in_a_fixed_number_of_queries(
    staff_api, council, django_assert_num_queries
):
    build_rows("delegate", council, 30)
    staff_api.get("/api/v1/delegates/")  # warm-up

    # 1 session, 2 user, 3 council role, 4 count, 5 the page with the group joined.
    with django_assert_num_queries(5):
        staff_api.get("/api/v1/delegates/")

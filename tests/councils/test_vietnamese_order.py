"""Delegates in Vietnamese order, given name first: page, Excel, API (and roster) agree."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from councils.models import Committee, Delegate
from tests.factories import AgencyFactory, CommitteeFactory, DelegateFactory, TermFactory
from tests.xlsx import read_export

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

# The same given name: the family names decide, in the Vietnamese alphabet
# (d < đ, o < ô < u, m < n, đ < v). Then given names Ánh and Bình follow An.
EXPECTED = [
    "Dương Văn An",
    "Đinh Văn An",
    "Ngô Văn An",
    "Nguyễn Văn An",
    "Phạm Văn An",
    "Phan Văn An",
    "Vũ Văn An",
    "Trần Thị Ánh",
    "Lê Văn Bình",
]


@pytest.fixture
def travel():
    with time_machine.travel(AT, tick=False):
        yield


@pytest.fixture
def delegates(council, travel):
    term = TermFactory(council=council, start_date=dt.date(2026, 3, 15))
    for name in sorted(EXPECTED, reverse=True):  # code-point order, reversed
        DelegateFactory(term=term, full_name=name)
    return term


def positions(text: str) -> list[int]:
    return [text.index(name) for name in EXPECTED]


def test_it_keeps_the_given_name_first_in_sort_name(council):
    delegate = DelegateFactory(full_name="Nguyễn Văn Đức")
    assert delegate.sort_name == "Đức Nguyễn Văn"

    delegate.full_name = "Nguyễn Văn Đạt"
    delegate.save(update_fields=["full_name"])
    delegate.refresh_from_db()
    assert delegate.sort_name == "Đạt Nguyễn Văn"


def test_it_lists_delegates_in_vietnamese_order_on_the_page(staff_client, delegates):
    page = staff_client.get(reverse("councils-delegate-list")).content.decode()

    assert positions(page) == sorted(positions(page))


def test_it_exports_delegates_in_the_same_order(staff_client, delegates):
    export = read_export(staff_client.get(reverse("councils-delegate-list"), {"format": "xlsx"}))

    column = export.header.index("Họ và tên")
    assert [row[column] for row in export.rows] == EXPECTED


def test_the_api_lists_delegates_in_the_same_order(staff_api, delegates):
    results = staff_api.get("/api/v1/delegates/").json()["results"]

    assert [d["full_name"] for d in results] == EXPECTED


def test_it_sorts_other_names_in_vietnamese_order(staff_client, council, travel):
    # Agencies of one kind and party cells list by name: "Đội" after "Đoàn", before "Hội".
    for name in ["Hội Nông dân", "Đội Dân phòng", "Đoàn Thanh niên", "Chi hội Cựu chiến binh"]:
        AgencyFactory(council=council, name=name, kind="mttq")
    page = staff_client.get(reverse("councils-agency-list")).content.decode()
    expected = ["Chi hội Cựu chiến binh", "Đoàn Thanh niên", "Đội Dân phòng", "Hội Nông dân"]
    order = [page.index(n) for n in expected]
    assert order == sorted(order)


def test_delegate_model_ordering_is_vietnamese(delegates):
    assert list(Delegate.objects.values_list("full_name", flat=True)) == EXPECTED


def test_committee_names_sort_in_vietnamese_order(council, travel):
    term = TermFactory(council=council)
    for name in ["Tổ đại biểu Ơn", "Tổ đại biểu Ôn", "Tổ đại biểu On"]:
        CommitteeFactory(term=term, name=name)
    names = list(
        Committee.objects.filter(term=term).order_by("name").values_list("name", flat=True)
    )
    assert names == ["Tổ đại biểu On", "Tổ đại biểu Ôn", "Tổ đại biểu Ơn"]

"""Issue 22 (items 6, 8, 10): the new lists (and the trainings' and disseminations' lists with
their new columns) read the same number of queries, page and Excel, for 5 rows as for 35."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    DelegateFactory,
    DisseminationFactory,
    InformationBriefFactory,
    MandateEndFactory,
    PartyCellFactory,
    PartyCellMembersFactory,
    TermFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db


def builder(name, council):
    term = TermFactory(council=council)
    cell = PartyCellFactory(council=council)
    return {
        "partycellmembers": lambda: PartyCellMembersFactory(council=council, party_cell=cell),
        "informationbrief": lambda: InformationBriefFactory(council=council),
        "mandateend": lambda: MandateEndFactory(delegate=DelegateFactory(term=term)),
        "training": lambda: TrainingFactory(
            council=council,
            topics="questioning,letters",
            hours=8,
            delegates=[DelegateFactory(term=term)],
        ),
        "dissemination": lambda: DisseminationFactory(
            council=council,
            party_cell=PartyCellFactory(council=council),
            held_on=dt.date(2026, 9, 10),
            attendance=10,
            cell_members=30,
        ),
    }[name]


def count(client, url, params) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured), [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("params", [{}, {"format": "xlsx"}], ids=["page", "excel"])
@pytest.mark.parametrize(
    "name", ["partycellmembers", "informationbrief", "mandateend", "training", "dissemination"]
)
def test_the_list_does_not_grow_with_its_rows(staff_client, council, settings, name, params):
    settings.PAGE_SIZE = 100
    url = reverse(f"councils-{name}-list")
    make = builder(name, council)
    for _ in range(5):
        make()
    staff_client.get(url, params)  # warm-up
    few, _sql = count(staff_client, url, params)
    for _ in range(30):
        make()
    many, sql = count(staff_client, url, params)
    assert many == few, "\n".join(sql)

"""Issue 22.6, target 1.1 counts party members: a cell's members are dated (admitted, moved,
left), a dissemination records how many attended of how many the cell had, a supplementary
one (for the absent, the newly admitted) adds to the first, and 1.1.c is members reached ÷
members of the commune's cells on the day seen."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from councils.metrics import dissemination_members
from councils.models import Dissemination, PartyCell
from tests.factories import (
    DisseminationFactory,
    PartyCellFactory,
    PartyCellMembersFactory,
    persona,
)

pytestmark = pytest.mark.django_db
D = dt.date


def seen(day):
    return SimpleNamespace(start=D(day.year, 1, 1), as_of=day)


def test_members_are_counted_with_the_cells_count_on_the_day_seen(council, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 1, 9), tick=False)
    cell = PartyCellFactory(council=council, member_count=30)
    PartyCellMembersFactory(council=council, party_cell=cell, since=D(2026, 1, 1), member_count=30)
    PartyCellMembersFactory(council=council, party_cell=cell, since=D(2026, 7, 1), member_count=35)
    assert (cell.members_on(D(2026, 6, 30)), cell.members_on(D(2026, 7, 1))) == (30, 35)

    DisseminationFactory(council=council, party_cell=cell, attendance=28, held_on=D(2026, 3, 1))
    june = dissemination_members(council, seen(D(2026, 6, 30)))
    assert (june.numerator, june.denominator) == (28, 30)
    # Five admitted in July are not reached by March's session…
    august = dissemination_members(council, seen(D(2026, 8, 1)))
    assert (august.numerator, august.denominator) == (28, 35)
    # … until a supplementary one reaches them (and the two absent in March).
    DisseminationFactory(
        council=council,
        party_cell=cell,
        attendance=7,
        supplementary=True,
        held_on=D(2026, 9, 1),
    )
    september = dissemination_members(council, seen(D(2026, 9, 1)))
    assert (september.numerator, september.denominator, september.value) == (35, 35, 100.0)


def test_a_new_dated_count_becomes_the_cells_figure_today(client, council, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 1, 9), tick=False)
    cell = PartyCellFactory(council=council, member_count=30)
    client.force_login(persona("staff", council))
    response = client.post(
        reverse("councils-partycellmembers-create"),
        {"party_cell": cell.pk, "since": "01/07/2026", "member_count": 33, "note": "Kết nạp 3"},
    )
    assert response.status_code == 302
    assert PartyCell.objects.get(pk=cell.pk).member_count == 33
    again = client.post(
        reverse("councils-partycellmembers-create"),
        {"party_cell": cell.pk, "since": "01/07/2026", "member_count": 34},
    )
    assert "Số đảng viên của chi bộ từ ngày này đã được ghi." in again.content.decode()
    future = client.post(
        reverse("councils-partycellmembers-create"),
        {"party_cell": cell.pk, "since": "01/01/2027", "member_count": 34},
    )
    assert "Ngày không được ở tương lai." in future.content.decode()


@pytest.mark.parametrize("door", ["page", "api"])
def test_a_dissemination_records_of_how_many_and_refuses_more(
    client, api, council, time_machine, door
):
    time_machine.move_to(dt.datetime(2026, 12, 1, 9), tick=False)
    cell = PartyCellFactory(council=council, member_count=40)
    PartyCellMembersFactory(council=council, party_cell=cell, since=D(2026, 1, 1), member_count=27)
    values = {
        "party_cell": cell.pk,
        "held_on": "10/09/2026",
        "attendance": 20,
        "document": "Đề án số 15-ĐA/TU",
    }
    too_many = {**values, "attendance": 28}
    message = "Số đảng viên dự (28) lớn hơn số đảng viên của chi bộ (27)."
    if door == "api":
        client_ = api("staff")
        iso = {"held_on": "2026-09-10"}
        assert client_.post("/api/v1/disseminations/", {**values, **iso}).status_code == 201
        refused = client_.post("/api/v1/disseminations/", {**too_many, **iso})
        assert refused.json()["error"]["fields"]["attendance"] == [message]
    else:
        client.force_login(persona("staff", council))
        url = reverse("councils-dissemination-create")
        assert client.post(url, values).status_code == 302
        assert message in client.post(url, too_many).content.decode()
    row = Dissemination.objects.get()
    assert (row.attendance, row.cell_members, row.attendance_label) == (20, 27, "20/27 đảng viên")

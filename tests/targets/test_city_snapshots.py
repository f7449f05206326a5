"""The city view reads the daily job's snapshots: a bounded number of queries whatever the
number of councils, a live figure only for a target without a snapshot, and the date of
the figures on the page."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import CouncilRole
from hdnd_portal.targets.services import snapshot_take
from tests.factories import CouncilFactory, TargetFactory, persona
from tests.targets.conftest import FAKE

AT = dt.datetime(2026, 10, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
CITY = "/targets/city/"


@pytest.fixture(autouse=True)
def travel():
    with time_machine.travel(AT, tick=False):
        yield


def council_with_targets(n: int):
    council = CouncilFactory(commune=f"Thành phố {n:02d}", slug=f"thanh-pho-{n:02d}")
    for code, order in (("1.4.a", 4), ("1.6", 6)):
        TargetFactory(
            council=council,
            code=code,
            metric=FAKE,
            unit="count",
            threshold=2,
            order=order,
            body="council",
        )
    return council


@pytest.fixture
def city(db, fake_count):
    """An overseer (leadership) of six councils, each with two count targets."""
    councils = [council_with_targets(n) for n in range(6)]
    user = persona("leadership", councils[0], username="thanhpho")
    for council in councils[1:]:
        CouncilRole.objects.create(user=user, council=council, role="leadership")
    return user, councils


def _get(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(CITY)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


def test_the_city_view_reads_the_snapshots_not_the_records(client, city, fake_count):
    user, councils = city
    fake_count["value"] = 1
    for council in councils:
        snapshot_take(council=council, on=dt.date(2026, 9, 30), follow_up=False)
    fake_count["value"] = 2  # records added since: the snapshot's figure is what shows
    fake_count["calls"].clear()
    client.force_login(user)
    response, _queries = _get(client)
    assert fake_count["calls"] == []  # no metric computed live
    rows = response.context["rows"]
    assert len(rows) == 6
    assert {row["cells"]["1.6"].measure.value for row in rows} == {1}
    page = response.content.decode()
    assert "Số liệu đến ngày 30/09/2026 (số liệu ghi nhận hằng ngày)." in page
    assert "tính trực tiếp" not in page


def test_its_query_count_does_not_grow_with_the_councils(client, city):
    user, councils = city
    for council in councils:
        snapshot_take(council=council, on=dt.date(2026, 9, 30), follow_up=False)
    client.force_login(user)
    CouncilRole.objects.filter(user=user, council__in=councils[2:]).delete()
    client.get(CITY)  # warm-up
    response, two = _get(client)
    assert len(response.context["rows"]) == 2
    for council in councils[2:]:
        CouncilRole.objects.create(user=user, council=council, role="leadership")
    response, six = _get(client)
    assert len(response.context["rows"]) == 6
    assert six == two


def test_a_target_without_a_snapshot_is_evaluated_live(client, city, fake_count):
    user, councils = city
    fake_count["value"] = 1
    for council in councils:
        snapshot_take(council=council, on=dt.date(2026, 9, 30), follow_up=False)
    TargetFactory(council=councils[0], code="1.7", metric=FAKE, unit="count", threshold=1, order=7)
    fake_count["value"] = 3
    fake_count["calls"].clear()
    client.force_login(user)
    response = client.get(CITY)
    assert [council_id for council_id, _period, _kw in fake_count["calls"]] == [councils[0].pk]
    row = next(r for r in response.context["rows"] if r["council"] == councils[0])
    assert row["cells"]["1.7"].measure.value == 3 and row["cells"]["1.7"].status == "met"
    assert row["cells"]["1.6"].measure.value == 1  # still the stored figure
    assert "1 chỉ tiêu chưa có số liệu ghi nhận được tính trực tiếp đến ngày 01/10/2026" in (
        response.content.decode()
    )


def test_a_snapshot_of_an_earlier_period_is_not_shown_for_this_one(client, city, fake_count):
    user, councils = city
    fake_count["value"] = 2
    snapshot_take(council=councils[0], on=dt.date(2025, 12, 31), follow_up=False)
    fake_count["value"] = 0
    client.force_login(user)
    response = client.get(CITY)
    row = next(r for r in response.context["rows"] if r["council"] == councils[0])
    # Last year's target was met; this year's count is live, and far behind.
    assert row["cells"]["1.6"].status == "at_risk"
    assert "Số liệu đến ngày 01/10/2026 (tính trực tiếp" in response.content.decode()


def test_a_council_whose_snapshots_are_older_says_so(client, city, fake_count):
    user, councils = city
    for council in councils[1:]:
        snapshot_take(council=council, on=dt.date(2026, 9, 30), follow_up=False)
    snapshot_take(council=councils[0], on=dt.date(2026, 9, 20), follow_up=False)
    client.force_login(user)
    page = client.get(reverse("targets-city")).content.decode()
    assert "Số liệu đến ngày 30/09/2026" in page
    assert page.count("(số liệu ngày 20/09/2026)") == 1


def test_a_city_value_is_the_councils_dashboard_of_its_date(client, city, fake_count):
    """Issue 19: the comparison read yesterday's snapshot (2) while today's records say 3; the
    cell says its date, and the council's dashboard of that date shows the same 2."""
    user, councils = city
    fake_count["value"] = 2
    for council in councils:
        snapshot_take(council=council, on=dt.date(2026, 9, 30))
    fake_count["value"] = 3  # a record entered since the daily job ran
    client.force_login(user)

    table = client.get(CITY).content.decode()
    assert "số liệu ngày 30/09/2026" in table
    assert 'value="/targets/?on=30/09/2026"' in table

    recorded = client.get(reverse("targets-dashboard"), {"on": "30/09/2026"})
    cell = {ev.target.code: ev for ev in recorded.context["evaluations"]}["1.6"]
    assert (cell.measure.value, cell.period.on) == (2, dt.date(2026, 9, 30))
    assert "Số liệu ghi nhận hằng ngày đến ngày 30/09/2026" in recorded.content.decode()

    live = client.get(reverse("targets-dashboard"))
    assert {ev.target.code: ev for ev in live.context["evaluations"]}["1.6"].measure.value == 3
    assert "Số liệu ghi nhận hằng ngày" not in live.content.decode()


@pytest.mark.parametrize("bad", ["31/02/2026", "2026-09-30", "01/10/99999", "x", "3O/09/2026"])
def test_a_bad_day_in_the_link_gives_the_live_dashboard(client, city, bad):
    user, _councils = city
    client.force_login(user)
    response = client.get(reverse("targets-dashboard"), {"on": bad})
    assert response.status_code == 200 and response.context["recorded_on"] is None

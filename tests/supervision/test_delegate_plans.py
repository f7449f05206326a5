"""Issue 22, item 9: a delegate's yearly supervision plan (kế hoạch giám sát của đại biểu),
its items and what was done; filed by the delegate from a phone, listed for the Office, shown
on the delegate's profile. Page and API are two doors to one command."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from supervision.models import OWN_PLAN, DelegatePlan, DelegatePlanItem
from tests.factories import DelegateFactory, SupervisionActivityFactory, persona

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 10, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def travel():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def people(council, org):
    own = DelegateFactory(term=org["term"], full_name="Nguyễn Văn An")
    other = DelegateFactory(term=org["term"], full_name="Phạm Thị Bình")
    return {
        "own": own,
        "other": other,
        "delegate": persona("delegate", council, username="daibieu-an", delegate=own),
        "staff": persona("staff", council, username="vanphong-kh"),
        "leadership": persona("leadership", council, username="lanhdao-kh"),
    }


def api_as(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def plan_of(council, delegate, year=2026):
    return DelegatePlan.objects.create(
        council=council, delegate=delegate, year=year, filed_on=dt.date(2026, 1, 15)
    )


def test_a_delegate_files_their_own_plan_from_the_page_and_the_api(client, people):
    client.force_login(people["delegate"])
    page = client.post(
        reverse("supervision-delegateplan-create"),
        {"delegate": people["own"].pk, "year": "2026", "filed_on": "15/01/2026"},
    )
    assert page.status_code == 302
    plan = DelegatePlan.objects.get()
    assert plan.delegate == people["own"]
    # Next year's, through the API.
    api = api_as(people["delegate"]).post(
        "/api/v1/delegate-plans/",
        {"delegate": people["own"].pk, "year": 2027, "filed_on": "2026-06-10"},
        format="json",
    )
    assert api.status_code == 201, api.content
    assert DelegatePlan.objects.get(year=2027).delegate == people["own"]


def test_a_delegate_is_refused_anothers_plan_alike_on_page_and_api(client, people):
    client.force_login(people["delegate"])
    page = client.post(
        reverse("supervision-delegateplan-create"),
        {"delegate": people["other"].pk, "year": "2026", "filed_on": "15/01/2026"},
    )
    assert page.status_code == 200 and OWN_PLAN in page.content.decode()
    api = api_as(people["delegate"]).post(
        "/api/v1/delegate-plans/",
        {"delegate": people["other"].pk, "year": 2026, "filed_on": "2026-01-15"},
        format="json",
    )
    assert api.status_code == 400 and OWN_PLAN in str(api.json())
    # Nor an item in another delegate's plan.
    theirs = plan_of(people["own"].council, people["other"])
    item = {"plan": theirs.pk, "subject": "Rác thải", "planned_month": 3}
    api = api_as(people["delegate"]).post("/api/v1/delegate-plan-items/", item, format="json")
    assert api.status_code == 400 and OWN_PLAN in str(api.json())
    assert not DelegatePlan.objects.filter(delegate=people["other"], year=2027).exists()
    assert not DelegatePlanItem.objects.exists()


def test_the_office_files_a_plan_for_any_delegate_and_the_party_only_reads(client, people):
    client.force_login(people["staff"])
    url = reverse("supervision-delegateplan-create")
    data = {"delegate": people["other"].pk, "year": "2026", "filed_on": "20/01/2026"}
    assert client.post(url, data).status_code == 302
    client.force_login(people["leadership"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("supervision-delegateplan-list")).status_code == 200


def test_one_plan_per_delegate_and_year_in_vietnamese(client, people):
    plan_of(people["own"].council, people["own"])
    client.force_login(people["delegate"])
    page = client.post(
        reverse("supervision-delegateplan-create"),
        {"delegate": people["own"].pk, "year": "2026", "filed_on": "15/01/2026"},
    )
    assert "Đại biểu này đã có kế hoạch giám sát của năm đó." in page.content.decode()


@pytest.mark.parametrize(
    ("done_on", "result", "error"),
    [
        ("2025-12-31", "Đã làm việc", "Ngày thực hiện phải trong năm 2026 của kế hoạch."),
        ("2026-06-11", "Đã làm việc", "Ngày thực hiện không được sau hôm nay."),
        ("2026-06-10", "", "Đã thực hiện: ghi kết quả giám sát."),
        (None, "Đã làm việc", "Ghi ngày thực hiện cùng với kết quả."),
    ],
)
def test_what_was_done_is_dated_within_the_plans_year_and_not_after_today(
    people, done_on, result, error
):
    plan = plan_of(people["own"].council, people["own"])
    values = {"plan": plan.pk, "subject": "Rác thải", "planned_month": 3, "result": result}
    if done_on:
        values["done_on"] = done_on
    api = api_as(people["delegate"]).post("/api/v1/delegate-plan-items/", values, format="json")
    assert api.status_code == 400 and error in str(api.json())


def test_the_first_and_last_days_allowed_are_accepted(people):
    plan = plan_of(people["own"].council, people["own"])
    for day in ("2026-01-01", "2026-06-10"):
        api = api_as(people["delegate"]).post(
            "/api/v1/delegate-plan-items/",
            {
                "plan": plan.pk,
                "subject": f"Ngày {day}",
                "planned_month": 1,
                "done_on": day,
                "result": "Đã làm việc với UBND xã",
            },
            format="json",
        )
        assert api.status_code == 201, api.content


def test_an_item_done_through_an_activity_shows_on_the_plan_and_the_profile(
    client, people, council
):
    activity = SupervisionActivityFactory(council=council, topic="Giám sát thu gom rác")
    plan = plan_of(council, people["own"])
    DelegatePlanItem.objects.create(
        council=council, plan=plan, subject="Rác thải", planned_month=3, activity=activity
    )
    DelegatePlanItem.objects.create(council=council, plan=plan, subject="Đường", planned_month=9)
    client.force_login(people["staff"])
    detail = client.get(plan.get_absolute_url()).content.decode()
    assert "Giám sát thu gom rác" in detail and "Chưa thực hiện" in detail
    profile = client.get(people["own"].get_absolute_url()).content.decode()
    assert "Kế hoạch giám sát của đại biểu" in profile and "Rác thải" in profile
    listing = client.get(reverse("supervision-delegateplan-list")).content.decode()
    assert "Nguyễn Văn An" in listing
    assert (
        client.get(reverse("supervision-delegateplan-list"), {"format": "xlsx"}).status_code == 200
    )
    found = client.get(reverse("core-search"), {"q": "rac thai"}).content.decode()
    assert "Rác thải" in found


def test_the_plan_list_queries_do_not_grow_with_rows(
    client, people, council, django_assert_max_num_queries
):
    client.force_login(people["staff"])

    def fill(n):
        for _ in range(n):
            plan = plan_of(council, DelegateFactory(term=people["own"].term))
            DelegatePlanItem.objects.create(
                council=council, plan=plan, subject="Rác", planned_month=2
            )

    fill(2)
    for name in ("supervision-delegateplan-list", "supervision-delegateplanitem-list"):
        with django_assert_max_num_queries(30) as small:
            client.get(reverse(name))
        fill(8)
        with django_assert_max_num_queries(len(small.captured_queries)):
            client.get(reverse(name))

"""A document completes the obligation that asked for it (issue 20.2): issuing the team's
plan ("Cấp số và in", 01/KH-HĐND) marks "Gửi kế hoạch giám sát" done, once."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from hdnd_portal.documents import printing
from hdnd_portal.documents.models import DocumentRegister
from hdnd_portal.followups.models import FollowUp
from hdnd_portal.followups.selectors import followups_of
from supervision import services
from supervision.models import ActivityKind, Body
from supervision.reports import PLAN_KIND
from tests.factories import SupervisionActivityFactory

pytestmark = pytest.mark.django_db
AT = dt.datetime(2026, 5, 8, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def no_layout(monkeypatch):
    monkeypatch.setattr(printing, "render_pdf", lambda name, ctx, **kw: b"%PDF-1.7 test")
    with time_machine.travel(AT, tick=False):
        yield


def test_issuing_the_plan_completes_its_follow_up_and_a_second_post_changes_nothing(
    client, council, org, make_persona, rules
):
    staff = make_persona("staff")
    activity = SupervisionActivityFactory(
        council=council,
        body=Body.BAN,
        committee=org["ban"],
        kind=ActivityKind.SURVEY,
        start_date=dt.date(2026, 5, 20),
    )
    services.activity_decide(activity=activity, by_user=staff, decided_on=dt.date(2026, 5, 4))
    plan = followups_of(activity, kinds=services.KIND_PLAN).get()
    programme = followups_of(activity, kinds=services.KIND_PROGRAMME).get()
    client.force_login(staff)
    url = reverse("documents-print", kwargs={"kind": PLAN_KIND, "pk": activity.pk})

    client.post(url)
    client.post(url)  # a double click

    document = DocumentRegister.objects.get(type_code="KH")
    plan.refresh_from_db()
    assert plan.state == FollowUp.State.DONE
    # Dated the day of the decision that set the team up (the confirmation form's default).
    assert f"Đã ban hành văn bản số {document.symbol} ngày 04/05/2026." == plan.answer
    assert plan.history.filter(history_change_reason__startswith="Chấp nhận").count() == 1
    programme.refresh_from_db()
    assert programme.state == FollowUp.State.OPEN  # no printed kind fulfils it


def test_the_demo_plans_issued_leave_no_plan_follow_up_overdue(council, org, rules, make_persona):
    """The demo issues the plan of every activity already visited, dated after its decision."""
    from supervision.demo import load_demo

    load_demo(council=council, today=dt.date(2026, 11, 28), created_by=make_persona("staff"))
    overdue = FollowUp.objects.filter(
        kind=services.KIND_PLAN, state="open", due_date__lt=dt.date(2026, 11, 28)
    )
    assert not overdue.exists()
    plans = DocumentRegister.objects.filter(type_code="KH")
    assert plans.exists() and all(p.issued_on < dt.date(2026, 11, 28) for p in plans)

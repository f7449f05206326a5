"""An activity that ends closes its team's own timeline; the agencies' commitments go on."""

import datetime as dt

import pytest

from hdnd_portal.followups.models import FollowUp
from hdnd_portal.followups.selectors import followups_of
from supervision import services
from supervision.models import Activity, ActivityKind, Body
from tests.factories import (
    FollowUpFactory,
    SupervisionActivityFactory,
    SupervisionQuestionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_persona):
    return make_persona("staff")


def test_closing_an_activity_closes_its_own_open_items_with_the_reason(council, org, staff, rules):
    activity = SupervisionActivityFactory(
        council=council,
        body=Body.BAN,
        committee=org["ban"],
        kind=ActivityKind.SURVEY,
        start_date=dt.date(2026, 5, 20),
    )
    services.activity_decide(activity=activity, by_user=staff, decided_on=dt.date(2026, 5, 4))
    plan, programme = followups_of(activity).order_by("kind")
    assert {plan.kind, programme.kind} == {services.KIND_PLAN, services.KIND_PROGRAMME}
    question = SupervisionQuestionFactory(activity__council=council)
    commitment = FollowUpFactory(council=council, kind=services.KIND_COMMITMENT)
    commitment.source = question
    commitment.save()
    Activity.objects.filter(pk=activity.pk).update(state=Activity.State.REPORTED)

    services.activity_transition(activity=activity, action="close", by_user=staff)

    assert followups_of(activity, open_only=True).count() == 0
    for followup in followups_of(activity):
        assert followup.state == FollowUp.State.CLOSED
        assert followup.closed_reason == "Hoạt động giám sát đã kết thúc."
        assert followup.history.first().history_change_reason == (
            "Đóng: Hoạt động giám sát đã kết thúc."
        )
    commitment.refresh_from_db()
    assert commitment.state == FollowUp.State.OPEN  # an agency's promise is followed on

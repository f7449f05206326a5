"""The page and the API are two doors to one command (``supervision.services``): the same input
gives the same record and the same consequences (a follow-up opened, the activity moved on, the
team set), the same bad input the same Vietnamese refusal."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from supervision import services
from supervision.models import Activity, ActivityKind, Body, Recommendation, TeamMember
from supervision.policies import BODY_ONLY
from tests.factories import (
    DelegateFactory,
    SupervisionActivityFactory,
    SupervisionConclusionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_persona):
    return make_persona("staff")


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def reported_activity(council, org) -> tuple[Activity, object]:
    activity = SupervisionActivityFactory(
        council=council,
        body=Body.BAN,
        committee=org["ban"],
        kind=ActivityKind.SURVEY,
        state=Activity.State.REPORTED,
    )
    return activity, SupervisionConclusionFactory(activity=activity)


def consequences(rec: Recommendation) -> tuple:
    """What creating a recommendation does, whichever door it came through."""
    followup = rec.followup
    rec.activity.refresh_from_db()
    return (
        rec.content,
        rec.agency_id,
        rec.due_date,
        followup.kind,
        followup.state,
        followup.agency_id,
        followup.committee_id,
        followup.started_on,
        followup.due_date,
        rec.activity.state,
    )


def test_a_recommendation_opens_the_same_follow_up_from_the_page_and_the_api(
    client, council, org, staff
):
    by_page, by_page_conclusion = reported_activity(council, org)
    by_api, by_api_conclusion = reported_activity(council, org)
    client.force_login(staff)

    page = client.post(
        reverse("supervision-recommendation-create"),
        {
            "activity": by_page.pk,
            "conclusion": by_page_conclusion.pk,
            "agency": org["agency"].pk,
            "content": "Nạo vét kênh mương thôn Đông",
            "due_date": "01/09/2026",
        },
    )
    api = api_as(staff).post(
        "/api/v1/supervision-recommendations/",
        {
            "activity": by_api.pk,
            "conclusion": by_api_conclusion.pk,
            "agency": org["agency"].pk,
            "content": "Nạo vét kênh mương thôn Đông",
            "due_date": "2026-09-01",
        },
        format="json",
    )

    assert page.status_code == 302 and api.status_code == 201, api.content
    from_page = Recommendation.objects.get(activity=by_page)
    from_api = Recommendation.objects.get(pk=api.json()["id"])
    assert consequences(from_page) == consequences(from_api)
    assert consequences(from_api)[3:] == (
        services.KIND_RECOMMENDATION,
        "open",
        org["agency"].pk,
        org["ban"].pk,
        dt.date(2026, 5, 20),  # from the conclusion's date
        dt.date(2026, 9, 1),
        Activity.State.FOLLOWING_UP,
    )


def test_a_recommendation_under_another_ban_is_refused_in_the_same_words(
    client, council, org, ban_member
):
    theirs = SupervisionActivityFactory(
        council=council, body=Body.BAN, committee=org["other_ban"], kind=ActivityKind.SURVEY
    )
    client.force_login(ban_member)

    page = client.post(
        reverse("supervision-recommendation-create"),
        {
            "activity": theirs.pk,
            "agency": org["agency"].pk,
            "content": "Làm ngay",
            "due_date": "01/09/2026",
        },
    )
    api = api_as(ban_member).post(
        "/api/v1/supervision-recommendations/",
        {
            "activity": theirs.pk,
            "agency": org["agency"].pk,
            "content": "Làm ngay",
            "due_date": "2026-09-01",
        },
        format="json",
    )

    assert page.status_code == 200
    assert page.context["form"].errors["activity"] == [BODY_ONLY]
    assert api.status_code == 400
    assert api.json()["error"]["fields"]["activity"] == [BODY_ONLY]
    assert not Recommendation.objects.exists()


def team_of(activity) -> list[tuple[str, str]]:
    return sorted((m.delegate.full_name, m.role) for m in activity.team.select_related("delegate"))


def test_an_activity_gets_the_same_team_from_the_page_and_the_api(client, council, org, staff):
    member = DelegateFactory(term=org["term"], full_name="Phạm Văn Nam")
    client.force_login(staff)

    page = client.post(
        reverse("supervision-activity-create"),
        {
            "body": Body.BAN,
            "committee": org["ban"].pk,
            "kind": ActivityKind.SURVEY,
            "topic": "Khảo sát chợ xã (trang)",
            "start_date": "01/06/2026",
            "leader": org["leader"].pk,
            "members": [member.pk],
        },
    )
    api = api_as(staff).post(
        "/api/v1/supervision-activities/",
        {
            "body": Body.BAN,
            "committee": org["ban"].pk,
            "kind": ActivityKind.SURVEY,
            "topic": "Khảo sát chợ xã (API)",
            "start_date": "2026-06-01",
            "leader": org["leader"].pk,
            "members": [member.pk],
        },
        format="json",
    )

    assert page.status_code == 302 and api.status_code == 201, api.content
    from_page = Activity.objects.get(topic="Khảo sát chợ xã (trang)")
    from_api = Activity.objects.get(pk=api.json()["id"])
    expected = [("Phạm Văn Nam", TeamMember.Role.MEMBER), ("Trần Thị Hoa", TeamMember.Role.LEADER)]
    assert team_of(from_page) == team_of(from_api) == expected

    # A PATCH without the team leaves it as it is; with a leader only, the members stay (the
    # leader replaced leaves the team, as when the page's leader is changed).
    client = api_as(staff)
    url = f"/api/v1/supervision-activities/{from_api.pk}/"
    assert client.patch(url, {"topic": "Khảo sát chợ"}, format="json").status_code == 200
    assert team_of(from_api) == expected
    assert client.patch(url, {"leader": member.pk}, format="json").status_code == 200
    assert team_of(from_api) == [("Phạm Văn Nam", TeamMember.Role.LEADER)]


def test_an_activity_under_another_ban_is_refused_in_the_same_words(client, org, ban_member):
    client.force_login(ban_member)
    page = client.post(
        reverse("supervision-activity-create"),
        {
            "body": Body.BAN,
            "committee": org["other_ban"].pk,
            "kind": ActivityKind.SURVEY,
            "topic": "Khảo sát trường học",
            "start_date": "01/06/2026",
        },
    )
    api = api_as(ban_member).post(
        "/api/v1/supervision-activities/",
        {
            "body": Body.BAN,
            "committee": org["other_ban"].pk,
            "kind": ActivityKind.SURVEY,
            "topic": "Khảo sát trường học",
            "start_date": "2026-06-01",
        },
        format="json",
    )

    # The page also says the Ban is missing, the choice refused being no Ban at all.
    assert BODY_ONLY in page.context["form"].errors["committee"]
    assert api.status_code == 400
    assert api.json()["error"]["fields"]["committee"] == [BODY_ONLY]
    assert not Activity.objects.exists()


def test_the_api_keeps_the_rules_the_form_only_showed(rules, council, org, other_council, staff):
    """A numbered decision keeps its date, a re-supervision needs the activity it follows, a
    team is made of the council's delegates: what the form never offered is refused."""
    client = api_as(staff)
    activity = SupervisionActivityFactory(council=council, start_date=dt.date(2026, 6, 1))
    services.activity_decide(activity=activity, by_user=staff, decided_on=dt.date(2026, 5, 25))
    url = f"/api/v1/supervision-activities/{activity.pk}/"

    moved = client.patch(url, {"decision_date": "2026-05-01"}, format="json")
    assert moved.status_code == 400
    assert moved.json()["error"]["fields"]["decision_date"] == [services.DECISION_DATE_FIXED]

    typed = client.post(
        "/api/v1/supervision-activities/",
        {
            "body": Body.HDND,
            "kind": ActivityKind.RESUPERVISION,
            "topic": "Tái giám sát",
            "start_date": "2026-09-01",
        },
        format="json",
    )
    assert typed.status_code == 400
    fields = typed.json()["error"]["fields"]
    assert fields["parent"] == ["Tái giám sát phải gắn với cuộc giám sát trước."]

    stranger = DelegateFactory(term__council=other_council)
    team = client.patch(url, {"members": [stranger.pk]}, format="json")
    assert team.status_code == 400
    assert team.json()["error"]["fields"]["members"] == ["Đại biểu được chọn thuộc HĐND khác."]
    assert not activity.team.filter(delegate=stranger).exists()


def test_a_new_recommendation_starts_from_the_activity_and_conclusion_in_its_link(
    client, council, org, staff
):
    activity, conclusion = reported_activity(council, org)
    client.force_login(staff)
    url = reverse("supervision-recommendation-create")
    page = client.get(f"{url}?activity={activity.pk}&conclusion={conclusion.pk}&unknown=1")
    form = page.context["form"]
    assert form["activity"].value() == str(activity.pk)
    assert form["conclusion"].value() == str(conclusion.pk)

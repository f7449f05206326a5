"""A Ban member edits only their Ban's records, a group head only the group's, an agency reads
only the recommendations addressed to it — on pages and through the API."""

import datetime as dt

import pytest
from django.urls import reverse

from supervision.models import Activity, ActivityKind, Body
from supervision.policies import BODY_ONLY
from tests.factories import (
    SupervisionActivityFactory,
    SupervisionProgrammeFactory,
    SupervisionRecommendationFactory,
    persona,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def activities(council, org):
    return {
        name: SupervisionActivityFactory(
            council=council, body=body, committee=org[name], kind=ActivityKind.SURVEY
        )
        for name, body in (("ban", Body.BAN), ("other_ban", Body.BAN), ("group", Body.GROUP))
    }


def test_a_ban_member_edits_their_bans_activities_only(client, ban_member, activities):
    client.force_login(ban_member)
    assert (
        client.get(reverse("supervision-activity-update", args=[activities["ban"].pk])).status_code
        == 200
    )
    assert (
        client.get(
            reverse("supervision-activity-update", args=[activities["other_ban"].pk])
        ).status_code
        == 403
    )
    # They still read the other Ban's work.
    assert client.get(activities["other_ban"].get_absolute_url()).status_code == 200
    response = client.post(
        reverse("supervision-activity-transition", args=[activities["other_ban"].pk]),
        {"action": "start"},
    )
    assert response.status_code == 403


def test_a_ban_member_cannot_file_an_activity_under_another_ban(client, council, org, ban_member):
    client.force_login(ban_member)
    data = {
        "body": Body.BAN,
        "committee": org["other_ban"].pk,
        "kind": ActivityKind.SURVEY,
        "topic": "Khảo sát trường học",
        "start_date": "01/06/2026",
    }
    response = client.post(reverse("supervision-activity-create"), data)
    assert response.status_code == 200
    assert not Activity.objects.exists()

    data["committee"] = org["ban"].pk
    data["leader"] = org["leader"].pk
    response = client.post(reverse("supervision-activity-create"), data)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.committee == org["ban"]
    assert activity.team.get().delegate == org["leader"]


def test_a_group_head_edits_the_groups_activities_only(client, group_head, activities):
    client.force_login(group_head)
    assert (
        client.get(
            reverse("supervision-activity-update", args=[activities["group"].pk])
        ).status_code
        == 200
    )
    assert (
        client.get(reverse("supervision-activity-update", args=[activities["ban"].pk])).status_code
        == 403
    )


def test_a_plain_delegate_only_reads(client, make_persona, activities):
    client.force_login(make_persona("delegate"))
    assert client.get(activities["group"].get_absolute_url()).status_code == 200
    assert (
        client.get(
            reverse("supervision-activity-update", args=[activities["group"].pk])
        ).status_code
        == 403
    )


def test_the_hdnd_programme_is_the_offices_and_the_standing_committees(
    client, council, ban_member, make_persona
):
    programme = SupervisionProgrammeFactory(council=council, body=Body.HDND)
    client.force_login(ban_member)
    assert (
        client.get(reverse("supervision-programme-update", args=[programme.pk])).status_code == 403
    )
    client.force_login(make_persona("standing"))
    assert (
        client.get(reverse("supervision-programme-update", args=[programme.pk])).status_code == 200
    )


def test_an_agency_sees_only_the_recommendations_addressed_to_it(client, council, org, activities):
    mine = SupervisionRecommendationFactory(activity=activities["ban"], agency=org["agency"])
    theirs = SupervisionRecommendationFactory(
        activity=activities["ban"], agency=org["other_agency"]
    )
    user = persona("agency", council, agency=org["agency"])
    client.force_login(user)

    html = client.get(reverse("supervision-recommendation-list")).content.decode()
    assert mine.content in html and theirs.content not in html
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(activities["ban"].get_absolute_url()).status_code == 403

    api = client.get("/api/v1/supervision-recommendations/").json()
    assert [r["id"] for r in api["results"]] == [mine.pk]
    assert client.get(f"/api/v1/supervision-recommendations/{theirs.pk}/").status_code == 404


def test_the_api_keeps_a_ban_member_to_their_ban(api, council, org, ban_member, activities):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(ban_member)
    response = client.patch(
        f"/api/v1/supervision-activities/{activities['other_ban'].pk}/",
        {"topic": "Đổi tên"},
        format="json",
    )
    assert response.status_code == 403
    response = client.patch(
        f"/api/v1/supervision-activities/{activities['ban'].pk}/",
        {"topic": "Khảo sát chợ"},
        format="json",
    )
    assert response.status_code == 200
    response = client.post(
        "/api/v1/supervision-activities/",
        {
            "body": "ban",
            "committee": org["other_ban"].pk,
            "kind": "survey",
            "topic": "Khảo sát",
            "start_date": "2026-06-01",
        },
        format="json",
    )
    # Filing under another Ban is a refusal of the value, with the page's words.
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["committee"] == [BODY_ONLY]
    assert not Activity.objects.filter(committee=org["other_ban"], topic="Khảo sát").exists()


def test_another_councils_activity_is_not_found(client, other_council, make_persona):
    theirs = SupervisionActivityFactory(council=other_council, start_date=dt.date(2026, 1, 5))
    client.force_login(make_persona("staff"))
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/supervision-activities/{theirs.pk}/").status_code == 404

"""The page and the API are two doors to one command (``voters.services``): the same meeting or
petition from the same input, saved once when sent again with its client uuid, and the same
Vietnamese refusal for the same bad input."""

import uuid

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import VoterMeetingFactory
from voters.models import VoterMeeting, VoterPetition
from voters.policies import OWN_GROUP, OWN_MEETING

pytestmark = pytest.mark.django_db


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def page_meeting(vw, **changes) -> dict:
    return {
        "kind": "before",
        "session": vw.session.pk,
        "holder": vw.group.pk,
        "held_on": "28/06/2026",
        "place": "Nhà văn hóa thôn Hạ",
        "voter_count": "85",
        "speaker_count": "6",
        "delegates": [vw.delegate.pk],
        **changes,
    }


def api_meeting(vw, **changes) -> dict:
    return {**page_meeting(vw, held_on="2026-06-28", voter_count=85, speaker_count=6), **changes}


def recorded(meeting) -> tuple:
    """What recording a meeting leaves, whichever door it came through."""
    return (
        meeting.council_id,
        meeting.kind,
        meeting.session_id,
        meeting.holder_id,
        meeting.held_on,
        meeting.voter_count,
        meeting.created_by_id,
        sorted(meeting.delegates.values_list("pk", flat=True)),
    )


def test_a_delegate_records_the_same_meeting_from_the_page_and_the_api(client, vw):
    client.force_login(vw.delegate_user)
    page = client.post(
        reverse("voters-votermeeting-create"),
        page_meeting(vw, place="Thôn Hạ (trang)", client_uuid=str(uuid.uuid4())),
    )
    form_id = str(uuid.uuid4())
    api = api_as(vw.delegate_user)
    first = api.post(
        "/api/v1/voter-meetings/",
        api_meeting(vw, place="Thôn Hạ (API)", client_uuid=form_id),
        format="json",
    )
    # The phone lost the answer and sends the same form again: one meeting, the same answer.
    again = api.post(
        "/api/v1/voter-meetings/",
        api_meeting(vw, place="Thôn Hạ (API)", client_uuid=form_id),
        format="json",
    )

    assert page.status_code == 302
    assert first.status_code == 201 and again.status_code == 201, first.content
    assert first.json()["id"] == again.json()["id"]
    by_page = VoterMeeting.objects.get(place="Thôn Hạ (trang)")
    by_api = VoterMeeting.objects.get(place="Thôn Hạ (API)")
    assert recorded(by_page) == recorded(by_api)
    assert by_api.created_by == vw.delegate_user
    assert by_api.client_uuid == uuid.UUID(form_id)
    assert "client_uuid" not in first.json()


def test_another_groups_meeting_is_refused_in_the_same_words(client, vw):
    client.force_login(vw.delegate_user)
    page = client.post(
        reverse("voters-votermeeting-create"), page_meeting(vw, holder=vw.other_group.pk)
    )
    api = api_as(vw.delegate_user).post(
        "/api/v1/voter-meetings/", api_meeting(vw, holder=vw.other_group.pk), format="json"
    )

    assert page.context["form"].errors["holder"] == [OWN_GROUP]
    assert api.status_code == 400
    assert api.json()["error"]["fields"]["holder"] == [OWN_GROUP]
    assert not VoterMeeting.objects.exists()


def test_a_petition_on_someone_elses_meeting_is_refused_in_the_same_words(client, vw):
    theirs = VoterMeetingFactory(holder=vw.group, session=vw.session, created_by=vw.staff)
    data = {"meeting": theirs.pk, "content": "Đề nghị lắp đèn đường", "field": vw.road.pk}
    client.force_login(vw.delegate_user)

    page = client.post(reverse("voters-voterpetition-create"), {**data, "voter_count": "3"})
    api = api_as(vw.delegate_user).post(
        "/api/v1/voter-petitions/", {**data, "voter_count": 3}, format="json"
    )

    assert page.context["form"].errors["meeting"] == [OWN_MEETING]
    assert api.status_code == 400
    assert api.json()["error"]["fields"]["meeting"] == [OWN_MEETING]
    assert not VoterPetition.objects.exists()


def test_a_petition_sent_twice_through_the_api_is_saved_once(vw):
    mine = VoterMeetingFactory(holder=vw.group, session=vw.session, created_by=vw.delegate_user)
    data = {
        "meeting": mine.pk,
        "content": "Đề nghị lắp đèn đường",
        "field": vw.road.pk,
        "voter_count": 4,
        "client_uuid": str(uuid.uuid4()),
    }
    api = api_as(vw.delegate_user)
    answers = [api.post("/api/v1/voter-petitions/", data, format="json") for _ in range(2)]

    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json()["id"] == answers[1].json()["id"]
    petition = VoterPetition.objects.get()
    assert (petition.meeting, petition.created_by) == (mine, vw.delegate_user)


def test_a_new_petition_starts_from_the_meeting_in_its_link(client, vw):
    meeting = VoterMeetingFactory(holder=vw.group, session=vw.session)
    client.force_login(vw.staff)
    page = client.get(reverse("voters-voterpetition-create") + f"?meeting={meeting.pk}")
    assert page.context["form"]["meeting"].value() == str(meeting.pk)


def test_a_petition_refused_on_the_meeting_page_comes_back_with_its_errors(client, vw):
    meeting = VoterMeetingFactory(holder=vw.group, session=vw.session, created_by=vw.delegate_user)
    client.force_login(vw.delegate_user)
    response = client.post(
        reverse("voters-votermeeting-petition-add", args=[meeting.pk]),
        {"content": "Đề nghị lắp đèn đường", "voter_count": "2"},
    )

    assert response.status_code == 400
    assert response.context["object"] == meeting
    form = response.context["petition_form"]
    assert form.data["content"] == "Đề nghị lắp đèn đường" and "field" in form.errors
    assert not VoterPetition.objects.exists()

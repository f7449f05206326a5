"""Synthesis: merging petitions, forwarding with a deadline, answers and states."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hdnd_portal.followups.models import FollowUp
from hdnd_portal.followups.rules import due_date_for
from hdnd_portal.followups.services import followup_answer
from tests.factories import (
    AgencyFactory,
    DeadlineRuleFactory,
    PetitionFieldFactory,
    VoterMeetingFactory,
    VoterPetitionFactory,
)
from voters import services
from voters.models import SynthesizedPetition
from voters.selectors import synth_list

pytestmark = pytest.mark.django_db


def two_meetings_petitions(vw):
    a = VoterMeetingFactory(holder=vw.group, session=vw.session, place="Thôn Hạ")
    b = VoterMeetingFactory(holder=vw.other_group, session=vw.session, place="Thôn Thượng")
    p1 = VoterPetitionFactory(meeting=a, field=vw.road, voter_count=5, raised_by="Ông Lê Văn A")
    p2 = VoterPetitionFactory(meeting=b, field=vw.road, voter_count=7)
    return p1, p2


def test_a_merged_petition_keeps_every_meeting_and_the_voters_behind_it(vw):
    p1, p2 = two_meetings_petitions(vw)
    synth = services.petitions_merge(
        council=vw.council,
        petitions=[p1, p2],
        content="Đề nghị sửa đường liên thôn",
        field=vw.road,
        session=vw.session,
        by_user=vw.staff,
    )
    row = synth_list(access=None).model.objects.with_counts().get(pk=synth.pk)
    assert row.total_voters == 12
    assert row.meeting_count == 2
    assert row.raw_count == 2
    assert {p.meeting.place for p in synth.petitions.all()} == {"Thôn Hạ", "Thôn Thượng"}
    assert synth.state == SynthesizedPetition.State.NEW


def test_merging_petitions_of_two_councils_is_refused_and_nothing_is_saved(vw, other_council):
    p1, _p2 = two_meetings_petitions(vw)
    theirs = VoterPetitionFactory(
        meeting__holder__term__council=other_council,
        field=PetitionFieldFactory(council=other_council),
    )
    with pytest.raises(ValidationError) as exc:
        services.petitions_merge(
            council=vw.council, petitions=[p1, theirs], content="X", field=vw.road, by_user=vw.staff
        )
    assert services.CROSS_COUNCIL in exc.value.messages
    assert SynthesizedPetition.objects.count() == 0
    p1.refresh_from_db()
    assert p1.synthesized_id is None


def test_a_petition_already_merged_is_not_merged_twice(vw):
    p1, p2 = two_meetings_petitions(vw)
    services.petitions_merge(
        council=vw.council, petitions=[p1], content="A", field=vw.road, by_user=vw.staff
    )
    with pytest.raises(ValidationError, match="đã được tổng hợp"):
        services.petitions_merge(
            council=vw.council, petitions=[p1, p2], content="B", field=vw.road, by_user=vw.staff
        )
    assert SynthesizedPetition.objects.count() == 1


def test_staff_merge_on_the_page(client, vw):
    p1, p2 = two_meetings_petitions(vw)
    client.force_login(vw.staff)
    page = client.get(reverse("voters-merge"), {"petitions": [p1.pk, p2.pk]})
    assert page.status_code == 200
    response = client.post(
        reverse("voters-merge"),
        {"petitions": [p1.pk, p2.pk], "content": "Sửa đường liên thôn", "field": vw.road.pk},
    )
    synth = SynthesizedPetition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == synth.get_absolute_url()
    detail = client.get(synth.get_absolute_url())
    assert "Thôn Hạ" in detail.content.decode() and "Thôn Thượng" in detail.content.decode()


def forwarded(vw, started_on=dt.date(2026, 7, 20)):
    p1, p2 = two_meetings_petitions(vw)
    synth = services.petitions_merge(
        council=vw.council, petitions=[p1, p2], content="Sửa đường", field=vw.road, by_user=vw.staff
    )
    return services.synth_assign(
        synth=synth, agency=vw.agency, by_user=vw.staff, started_on=started_on
    )


def test_forwarding_opens_a_follow_up_with_the_voter_petition_rule(vw):
    synth = forwarded(vw)
    followup = synth.followup
    assert synth.state == SynthesizedPetition.State.FORWARDED
    assert followup.kind == "voter_petition"
    assert followup.agency == vw.agency
    assert followup.rule.code == "voter_petition.answer"
    assert followup.source == synth
    rule, due = due_date_for("voter_petition.answer", dt.date(2026, 7, 20), council=vw.council)
    assert followup.rule == rule
    assert followup.due_date == due


def test_forwarding_uses_the_councils_own_deadline(vw):
    DeadlineRuleFactory(
        code="voter_petition.answer",
        council=vw.council,
        name="Trả lời kiến nghị cử tri",
        days=45,
        day_kind="calendar",
        valid_from=dt.date(2026, 1, 1),
    )
    synth = forwarded(vw, started_on=dt.date(2026, 8, 3))
    assert synth.followup.rule.council == vw.council
    assert synth.followup.due_date == dt.date(2026, 9, 17)


def test_an_answer_given_in_the_follow_up_inbox_reaches_the_petition(vw):
    synth = forwarded(vw)
    followup_answer(followup=synth.followup, by_user=vw.agency_user, answer="Đã lập dự toán.")
    synth.refresh_from_db()
    assert synth.state == SynthesizedPetition.State.ANSWERED
    assert synth.answer == "Đã lập dự toán."


def test_staff_record_an_answer_with_its_state_and_the_voters_opinion(vw):
    synth = forwarded(vw)
    services.synth_answer(
        synth=synth,
        by_user=vw.staff,
        answer="Đã sửa xong.",
        state=SynthesizedPetition.State.RESOLVED,
        voter_acceptance=SynthesizedPetition.VoterAcceptance.ACCEPTED,
        on_behalf=True,
    )
    synth.refresh_from_db()
    assert synth.state == SynthesizedPetition.State.RESOLVED
    assert synth.followup.state == FollowUp.State.ANSWERED
    assert synth.followup.answers.get().on_behalf


def test_not_accepted_needs_its_reasons(vw):
    synth = forwarded(vw)
    with pytest.raises(ValidationError, match="lý do"):
        services.synth_answer(
            synth=synth, by_user=vw.staff, answer="Không", state="not_accepted", reason=""
        )
    synth.refresh_from_db()
    assert synth.state == SynthesizedPetition.State.FORWARDED
    assert not synth.followup.answers.exists()  # nothing half-saved


def test_the_agency_answers_on_the_petition_page(client, vw):
    synth = forwarded(vw)
    client.force_login(vw.agency_user)
    url = reverse("voters-synthesizedpetition-answer", args=[synth.pk])
    response = client.post(
        url,
        {
            "answer": "UBND xã đã bố trí vốn.",
            "state": "in_progress",
            "voter_acceptance": "unknown",
        },
    )
    assert response.status_code == 302
    synth.refresh_from_db()
    assert synth.state == SynthesizedPetition.State.IN_PROGRESS
    assert not synth.followup.answers.get().on_behalf


def test_an_agency_never_sees_a_petition_forwarded_to_another(client, vw):
    synth = forwarded(vw)
    other = AgencyFactory(council=vw.council)
    from tests.factories import persona

    user = persona("agency", vw.council, username="other-agency", agency=other)
    client.force_login(user)
    assert client.get(synth.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("voters-synthesizedpetition-list")).context["page"].paginator.count == 0
    )
    client.force_login(vw.agency_user)
    assert client.get(synth.get_absolute_url()).status_code == 200

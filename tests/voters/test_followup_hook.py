"""A voters' petition hears of its follow-up's answer through the kind's hook, never a signal."""

import datetime as dt

import pytest
from django.apps import apps
from django.db.models import signals
from django.urls import reverse

from hdnd_portal.followups.kinds import get_kind, temporary_kind
from hdnd_portal.followups.models import FollowUp
from hdnd_portal.followups.services import followup_answer
from tests.factories import VoterMeetingFactory, VoterPetitionFactory
from voters import services
from voters.models import SynthesizedPetition

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ("councils", "meetings", "supervision", "voters", "petitions")
MODEL_SIGNALS = (
    signals.pre_save,
    signals.post_save,
    signals.pre_delete,
    signals.post_delete,
    signals.m2m_changed,
)


def forwarded(vw) -> SynthesizedPetition:
    meeting = VoterMeetingFactory(holder=vw.group, session=vw.session, place="Thôn Hạ")
    petition = VoterPetitionFactory(meeting=meeting, field=vw.road, voter_count=5)
    synth = services.petitions_merge(
        council=vw.council,
        petitions=[petition],
        content="Sửa đường liên thôn",
        field=vw.road,
        by_user=vw.staff,
    )
    return services.synth_assign(
        synth=synth, agency=vw.agency, by_user=vw.staff, started_on=dt.date(2026, 7, 20)
    )


def test_the_voter_petition_kind_carries_the_answer_hook():
    kind = get_kind(services.FOLLOWUP_KIND)

    assert kind.on_answered is services.mirror_followup_answer


def test_no_domain_app_listens_to_the_follow_up_engines_signals():
    listeners = []
    for model in apps.get_app_config("followups").get_models():
        for signal in MODEL_SIGNALS:
            sync_receivers, async_receivers = signal._live_receivers(model)
            for receiver in [*sync_receivers, *async_receivers]:
                module = getattr(receiver, "__module__", "") or ""
                if module.split(".")[0] in DOMAIN_APPS:
                    listeners.append(f"{module}.{receiver.__qualname__} on {model.__name__}")

    assert listeners == []


def test_the_answer_given_in_the_inbox_reaches_the_petition_through_the_hook(client, vw):
    synth = forwarded(vw)
    client.force_login(vw.agency_user)

    response = client.post(
        reverse("followups-followup-answer", args=[synth.followup_id]),
        {"answer": "UBND xã đã bố trí vốn sửa đường."},
    )

    assert response.status_code == 302
    synth.refresh_from_db()
    assert synth.state == SynthesizedPetition.State.ANSWERED
    assert synth.answer == "UBND xã đã bố trí vốn sửa đường."
    assert synth.answered_on is not None
    assert synth.history.first().history_user == vw.agency_user


def test_without_the_hook_the_petition_hears_nothing(vw):
    """Proof that no signal is left doing the hook's work: with the kind registered without
    its hook, an answer leaves the petition waiting."""
    synth = forwarded(vw)
    with temporary_kind(services.FOLLOWUP_KIND, "Kiến nghị cử tri"):
        followup_answer(followup=synth.followup, by_user=vw.agency_user, answer="Đã lập dự toán.")

    synth.refresh_from_db()
    assert synth.followup.state == FollowUp.State.ANSWERED
    assert synth.state == SynthesizedPetition.State.FORWARDED
    assert synth.answer == ""


def test_a_state_set_by_staff_is_not_overwritten_by_a_later_answer(vw):
    synth = forwarded(vw)
    services.synth_answer(
        synth=synth,
        by_user=vw.staff,
        answer="Đang khảo sát hiện trạng.",
        state=SynthesizedPetition.State.IN_PROGRESS,
        on_behalf=True,
    )

    synth.refresh_from_db()
    assert synth.state == SynthesizedPetition.State.IN_PROGRESS
    assert synth.answer == "Đang khảo sát hiện trạng."

"""At city scale a synthesised petition gathers several voters' petitions (about eight in the
benchmark): the dashboard's pictures count the synthesised petitions, not the rows behind
them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import (
    AgencyFactory,
    FollowUpFactory,
    SynthesizedPetitionFactory,
    VoterMeetingFactory,
    VoterPetitionFactory,
    persona,
)

AT = dt.datetime(2026, 10, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def travel():
    with time_machine.travel(AT, tick=False):
        yield


def test_the_voters_pictures_count_synthesised_petitions_once(client, db):
    meeting = VoterMeetingFactory()
    council = meeting.council
    agency = AgencyFactory(council=council, name="Ủy ban nhân dân xã")
    first = SynthesizedPetitionFactory(
        council=council,
        agency=agency,
        followup=FollowUpFactory(council=council, agency=agency),
        state="forwarded",
    )
    second = SynthesizedPetitionFactory(council=council, field=first.field)
    for synth, raised in ((first, 5), (second, 3)):
        for _ in range(raised):
            VoterPetitionFactory(
                council=council, meeting=meeting, field=synth.field, synthesized=synth
            )
    client.force_login(persona("staff", council))
    panels = {p.label: p.rows for p in client.get("/targets/").context["panels"]}
    by_field = panels["Kiến nghị cử tri theo lĩnh vực"]
    assert [(r.label, r.value) for r in by_field] == [(first.field.name, 2)]
    by_state = {r.label: r.value for r in panels["Kiến nghị cử tri theo trạng thái"]}
    assert by_state == {"Chưa chuyển": 1, "Đã chuyển, chờ trả lời": 1}
    by_agency = panels["Kiến nghị cử tri theo cơ quan trả lời"]
    assert [(r.label, r.value) for r in by_agency] == [("Ủy ban nhân dân xã", 1)]

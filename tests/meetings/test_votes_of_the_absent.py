"""Issue 19, votes of the absent: only delegates present and in office vote; a vote for an absent
delegate is refused with their name; the tally (live and closed) counts only those present."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import Vote
from tests.factories import ResolutionFactory
from tests.meetings.doors import DOORS, attend, refusals


@pytest.fixture
def held(sitting):
    """12 of the 15 delegates present (the last three on leave), the session open."""
    attend(sitting.session, sitting.delegates, 12)
    services.session_open(session=sitting.session)
    return sitting


@pytest.mark.parametrize("door", DOORS)
def test_a_vote_for_an_absent_delegate_is_refused_with_their_name(held, client, door):
    resolution = ResolutionFactory(session=held.session)
    absent = held.delegates[12]
    client.force_login(held.staff)
    messages = refusals(
        door,
        lambda: services.votes_record(resolution=resolution, choices={absent.pk: ("for", False)}),
        client,
        reverse("meetings-resolution-votes", args=[resolution.pk]),
        {f"choice-{absent.pk}": "for"},
    )
    assert messages == [
        f"Đại biểu vắng mặt không biểu quyết: {absent.full_name} (vắng có phép). Chỉ ghi phiếu "
        "của đại biểu có mặt tại kỳ họp; nếu đại biểu đã đến, hãy sửa điểm danh trước."
    ]
    assert not Vote.objects.filter(resolution=resolution).exists()


def test_a_delegate_never_marked_present_cannot_vote_either(held):
    unmarked = held.delegates[14]
    held.session.attendances.filter(delegate=unmarked).delete()
    resolution = ResolutionFactory(session=held.session)
    with pytest.raises(ValidationError, match=r"\(chưa điểm danh\)"):
        services.votes_record(resolution=resolution, choices={unmarked.pk: ("against", False)})


def test_the_vote_sheet_offers_a_choice_to_present_delegates_only(held, client):
    resolution = ResolutionFactory(session=held.session)
    client.force_login(held.staff)
    page = client.get(reverse("meetings-resolution-votes", args=[resolution.pk])).content.decode()
    assert page.count('name="choice-') == 12
    assert page.count("Vắng mặt: không biểu quyết") == 3


@pytest.mark.parametrize("reader", ["page", "api"])
def test_the_tally_counts_only_delegates_present_when_the_vote_closes(held, client, api, reader):
    resolution = ResolutionFactory(session=held.session)
    assert services.votes_all_present_for(resolution=resolution) == 12
    # One voter leaves the hall and is marked absent before the vote is closed: their vote
    # stays recorded but is counted neither live nor at the close.
    leaver = held.delegates[0]
    services.attendance_record(session=held.session, statuses={leaver.pk: "absent"})

    def tally():
        if reader == "api":
            return api("staff").get(f"/api/v1/resolutions/{resolution.pk}/").json()["tally"]["for"]
        client.force_login(held.staff)
        page = client.get(resolution.get_absolute_url()).content.decode()
        return int(re.search(r"[Tt]án thành (\d+), không tán thành", page).group(1))

    assert tally() == 11
    resolution = services.vote_close(resolution=resolution)
    snapshot = resolution.vote_snapshot
    assert (snapshot["for"], len(snapshot["present"]), len(snapshot["entitled"])) == (11, 11, 15)
    assert snapshot["discarded"] == [leaver.pk]
    assert leaver.pk not in snapshot["voting"]
    assert resolution.passed is True  # 11 of all 15 delegates
    assert tally() == 11

"""Issue 19, a mandate that ends at a sitting: a resignation accepted at 10:00 (``ended_at``)
no longer counts for the votes closed from 10:00 that day; the votes closed before still did;
questions asked of the whole day (the opening day's attendance sheet) still list the delegate."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from councils.models import Delegate
from hdnd_portal.core.commands import record_save
from meetings import selectors, services
from tests.factories import ResolutionFactory
from tests.meetings.conftest import OPENING, vn
from tests.meetings.doors import attend


def test_a_resignation_accepted_at_a_sitting_reduces_the_count_for_later_votes_that_day(
    sitting, time_machine
):
    attend(sitting.session, sitting.delegates, 15)
    services.session_open(session=sitting.session)
    leaver = sitting.delegates[0]
    before, after = (ResolutionFactory(session=sitting.session) for _ in range(2))
    services.votes_all_present_for(resolution=before)
    services.votes_all_present_for(resolution=after)  # the leaver votes at 8:00

    time_machine.move_to(vn(OPENING, 9, 30), tick=False)
    before = services.vote_close(resolution=before)
    assert (len(before.vote_snapshot["entitled"]), before.vote_snapshot["for"]) == (15, 15)

    # 10:00: the council accepts the resignation; the day is filled from the moment.
    record_save(access=None, instance=leaver, values={"ended_at": vn(OPENING, 10)})
    leaver = Delegate.objects.get(pk=leaver.pk)
    assert leaver.end_date == OPENING

    time_machine.move_to(vn(OPENING, 10, 0), tick=False)  # the very moment: no longer counted
    with pytest.raises(ValidationError, match="không phải đại biểu đương nhiệm lúc biểu quyết"):
        services.votes_record(resolution=after, choices={leaver.pk: ("against", False)})
    after = services.vote_close(resolution=after)
    snapshot = after.vote_snapshot
    assert (len(snapshot["entitled"]), snapshot["for"], snapshot["minimum"]) == (14, 14, 8)
    assert leaver.pk not in snapshot["entitled"] and snapshot["discarded"] == [leaver.pk]
    # The whole day still counts them (the opening day's attendance sheet); the next day not.
    assert selectors.delegates_in_office(sitting.session, OPENING).filter(pk=leaver.pk).exists()
    assert leaver.in_office(OPENING) and not leaver.in_office(vn(OPENING, 10))
    next_day = OPENING + dt.timedelta(days=1)
    assert not selectors.delegates_in_office(sitting.session, next_day).filter(pk=leaver.pk)


def test_the_moment_of_the_end_must_fall_on_the_last_day(sitting):
    leaver = sitting.delegates[0]
    with pytest.raises(ValidationError) as caught:
        record_save(
            access=None,
            instance=leaver,
            values={"end_date": OPENING, "ended_at": vn(OPENING + dt.timedelta(days=1), 9)},
        )
    assert caught.value.message_dict["ended_at"] == [
        "Thời điểm thôi làm đại biểu phải thuộc ngày thôi làm đại biểu (20/12/2026)."
    ]

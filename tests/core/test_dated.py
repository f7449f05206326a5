"""The kernel's dated-period helper: which rows are in force on a given day."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from councils.models import PartyCell, Term
from hdnd_portal.followups.models import DeadlineRule
from tests.factories import DeadlineRuleFactory, PartyCellFactory, TermFactory

pytestmark = pytest.mark.django_db

D = dt.date
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def terms(council):
    """The 2021-2026 term cut short by the merger, and the term elected on 15 March 2026."""
    old = TermFactory(
        council=council,
        name="2021-2026",
        number=1,
        start_date=D(2025, 7, 1),
        end_date=D(2026, 3, 14),
    )
    new = TermFactory(council=council, name="2026-2031", number=2, start_date=D(2026, 3, 15))
    return old, new


def names(qs) -> set[str]:
    return {row.name for row in qs}


class TestInclusiveEnd:
    def test_it_counts_the_start_day_and_the_end_day(self, terms):
        assert names(Term.objects.on(D(2025, 7, 1))) == {"2021-2026"}
        assert names(Term.objects.on(D(2026, 3, 14))) == {"2021-2026"}

    def test_it_drops_a_row_the_day_after_it_ends(self, terms):
        assert names(Term.objects.on(D(2026, 3, 15))) == {"2026-2031"}

    def test_it_does_not_count_a_row_before_its_start(self, terms):
        assert names(Term.objects.on(D(2025, 6, 30))) == set()

    def test_an_open_end_is_still_in_force_years_later(self, terms):
        assert names(Term.objects.on(D(2040, 1, 1))) == {"2026-2031"}

    def test_current_is_today(self, terms, time_machine):
        # Late on the last day of the old term, Vietnam time.
        time_machine.move_to(dt.datetime(2026, 3, 14, 23, 0, tzinfo=HANOI), tick=False)
        assert names(Term.objects.current()) == {"2021-2026"}
        time_machine.move_to(dt.datetime(2026, 3, 15, 8, 0, tzinfo=HANOI), tick=False)
        assert names(Term.objects.current()) == {"2026-2031"}
        assert names(Term.objects.current(on=D(2026, 1, 1))) == {"2021-2026"}

    def test_one_row_agrees_with_the_query(self, terms):
        old, new = terms
        assert old.in_force(D(2026, 3, 14)) and not old.in_force(D(2026, 3, 15))
        assert new.in_force(D(2026, 3, 15)) and not new.in_force(D(2026, 3, 14))


class TestOverlapping:
    def test_it_finds_rows_whose_period_meets_the_range(self, terms):
        assert names(Term.objects.overlapping(D(2026, 3, 14), D(2026, 3, 14))) == {"2021-2026"}
        assert names(Term.objects.overlapping(D(2026, 3, 1), D(2026, 4, 1))) == {
            "2021-2026",
            "2026-2031",
        }
        assert names(Term.objects.overlapping(D(2026, 3, 15), None)) == {"2026-2031"}
        assert names(Term.objects.overlapping(None, D(2025, 6, 30))) == set()


class TestExclusiveEnd:
    """A legal rule's ``valid_to`` is the day the next version takes over."""

    @pytest.fixture
    def versions(self):
        DeadlineRuleFactory(
            code="complaint.accept", name="cũ", valid_from=D(2012, 7, 1), valid_to=D(2025, 7, 1)
        )
        DeadlineRuleFactory(code="complaint.accept", name="mới", valid_from=D(2025, 7, 1))

    def test_the_end_day_belongs_to_the_next_version(self, versions):
        assert names(DeadlineRule.objects.on(D(2025, 6, 30))) == {"cũ"}
        assert names(DeadlineRule.objects.on(D(2025, 7, 1))) == {"mới"}
        assert DeadlineRule.in_force("complaint.accept", D(2025, 7, 1)).name == "mới"

    def test_a_range_ending_on_valid_to_does_not_meet_the_next_version(self, versions):
        assert names(DeadlineRule.objects.overlapping(D(2025, 6, 1), D(2025, 6, 30))) == {"cũ"}


class TestUnknownStart:
    def test_a_party_cell_without_a_founding_date_counts_since_always(self, council):
        PartyCellFactory(council=council, name="Chi bộ cũ", start_date=None)
        PartyCellFactory(council=council, name="Chi bộ mới", start_date=D(2026, 1, 1))
        assert names(PartyCell.objects.on(D(1990, 1, 1))) == {"Chi bộ cũ"}
        assert names(PartyCell.objects.on(D(2026, 1, 1))) == {"Chi bộ cũ", "Chi bộ mới"}

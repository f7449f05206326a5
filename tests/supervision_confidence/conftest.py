import datetime as dt
from types import SimpleNamespace

import pytest

from hdnd_portal.followups.management.commands.seed_legal_rules import seed_threshold_rules
from tests.factories import (
    ConfidenceCandidateFactory,
    ConfidenceVoteFactory,
    DelegateFactory,
    ElectedPositionFactory,
    PositionHolderFactory,
    TermFactory,
)

VOTE_DAY = dt.date(2025, 12, 10)
TERM_START = dt.date(2021, 6, 1)


@pytest.fixture
def rules(db):
    """The confidence thresholds of LEGAL.md §7 (seed_legal_rules)."""
    seed_threshold_rules()


def build_vote(council, *, delegates=15, procedure="rating", people=2, **vote_fields):
    """A term with ``delegates`` in office on the vote day, ``people`` holders on the ballot."""
    term = TermFactory(council=council, name="2021-2026", number=2, start_date=TERM_START)
    members = [DelegateFactory(term=term, start_date=TERM_START) for _ in range(delegates)]
    vote = ConfidenceVoteFactory(
        term=term, procedure=procedure, vote_date=VOTE_DAY, year=2025, **vote_fields
    )
    candidates = []
    for index in range(people):
        position = ElectedPositionFactory(council=council, name=f"Chức danh số {index + 1}")
        holder = PositionHolderFactory(
            term=term,
            position=position,
            full_name=f"Người thứ {index + 1}",
            start_date=TERM_START,
        )
        candidates.append(ConfidenceCandidateFactory(vote=vote, holder=holder))
    return SimpleNamespace(term=term, delegates=members, vote=vote, candidates=candidates)


@pytest.fixture
def rating(council, rules):
    return build_vote(council)


def tally(vote, candidate, *, issued=None, returned=None, **counts):
    """Save a candidate's tallies (and the ballots) directly, as a closed tally would hold."""
    if issued is not None:
        vote.ballots_issued = issued
    if returned is not None:
        vote.ballots_returned = returned
    vote.save()
    for name, value in counts.items():
        setattr(candidate, name, value)
    candidate.save()
    return candidate

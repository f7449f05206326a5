"""Consequences at the exact boundaries of the threshold rules, shares of ALL delegates."""

import datetime as dt

import pytest

from supervision.confidence.selectors import vote_result
from supervision.confidence.services import vote_close
from tests.supervision_confidence.conftest import build_vote, tally


def _row(setup, **counts):
    vote, candidate = setup.vote, setup.candidates[0]
    tally(vote, candidate, issued=15, returned=15, **counts)
    return vote_result(vote).rows[0]


@pytest.mark.parametrize(
    ("low", "consequence", "needs_vote"),
    [
        (7, "", False),
        (8, "có thể xin từ chức; nếu không, HĐND bỏ phiếu tín nhiệm", True),
        (9, "có thể xin từ chức; nếu không, HĐND bỏ phiếu tín nhiệm", True),
        (10, "đề nghị miễn nhiệm (bãi nhiệm)", False),
        (15, "đề nghị miễn nhiệm (bãi nhiệm)", False),
    ],
)
def test_a_rating_of_15_delegates_has_its_consequence_at_the_exact_boundary(
    rating, low, consequence, needs_vote
):
    row = _row(rating, high=0, confidence=15 - low, low=low)

    assert (consequence in row.consequence) if consequence else row.consequence == ""
    assert row.needs_vote is needs_vote
    if consequence:
        assert "Nghị quyết 96/2023/QH15" in row.citation


@pytest.mark.parametrize(("no", "consequence"), [(7, False), (8, True)])
def test_a_vote_of_confidence_of_15_delegates_asks_to_resign_above_half(
    council, rules, no, consequence
):
    setup = build_vote(council, procedure="vote")
    row = _row(setup, confidence=15 - no, no_confidence=no)

    assert ("từ chức hoặc bị miễn nhiệm" in row.consequence) is consequence
    assert row.needs_vote is False


def test_shares_are_of_all_delegates_in_office_not_of_the_ballots_returned(rating):
    vote, candidate = rating.vote, rating.candidates[0]
    # 10 ballots came back out of 15 delegates: 6 low is 40 % of the council (not 60 %).
    tally(vote, candidate, issued=12, returned=10, high=1, confidence=3, low=6)

    row = vote_result(vote).rows[0]

    assert [(s.label, s.count, s.percent) for s in row.shares] == [
        ("Tín nhiệm cao", 1, "6,67"),
        ("Tín nhiệm", 3, "20,00"),
        ("Tín nhiệm thấp", 6, "40,00"),
    ]
    assert row.consequence == ""


def test_delegates_who_left_before_the_vote_day_do_not_count(council, rules):
    setup = build_vote(council, delegates=16)
    gone = setup.delegates[0]
    gone.end_date = dt.date(2025, 6, 30)
    gone.save()

    row = _row(setup, confidence=7, low=8)

    assert vote_result(setup.vote).total == 15
    assert "có thể xin từ chức" in row.consequence


def test_closing_freezes_the_total_of_the_vote_day(rating, make_persona):
    vote, candidate = rating.vote, rating.candidates[0]
    tally(vote, candidate, issued=15, returned=15, confidence=7, low=8)
    tally(vote, rating.candidates[1], confidence=15)

    vote = vote_close(vote=vote, user=make_persona("staff"))
    late = rating.delegates[1]
    late.end_date = dt.date(2025, 12, 1)  # corrected afterwards
    late.save()

    assert vote.delegates_in_office == 15
    assert vote_result(vote).total == 15


def test_a_missing_rule_is_said_not_guessed(council, db):
    setup = build_vote(council)  # no threshold rules seeded
    tally(setup.vote, setup.candidates[0], issued=15, returned=15, low=12)

    result = vote_result(setup.vote)

    assert result.rows[0].consequence == ""
    assert any("Quản trị viên cần thêm quy tắc" in m for m in result.missing_rules)

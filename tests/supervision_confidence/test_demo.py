"""The demo council's positions, holders and its 2025 rating with one low-confidence outcome."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from supervision.confidence.selectors import counting_board, vote_result
from supervision.models.confidence import ConfidenceVote, PositionHolder

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", "--force", "--today", "2026-11-28", stdout=io.StringIO())


def test_the_demo_rating_has_one_low_outcome_one_exemption_and_is_loaded_once():
    seed()
    seed()

    vote = ConfidenceVote.objects.get(procedure=ConfidenceVote.Procedure.RATING)
    result = vote_result(vote)
    assert vote.state == "closed" and vote.year == 2025
    low = [r for r in result.rows if r.consequence]
    assert [r.name for r in low] == ["Vũ Thị Minh Nguyệt"]
    assert low[0].needs_vote and "có thể xin từ chức" in low[0].consequence
    assert low[0].candidate.low * 2 > result.total  # more than half of ALL delegates
    exempt = [r for r in result.rows if r.candidate.exempt]
    assert [r.name for r in exempt] == ["Phan Thanh Tùng"]
    # The merged commune's 2021-2026 term: its third year was 2023, so the page says so.
    assert vote.session.start_date == vote.vote_date
    assert result.warnings == [result.schedule_warning]
    assert "năm 2023" in result.schedule_warning
    # The counting board: three delegates, none of them rated; every retirement settled.
    board = {delegate.pk for delegate, _role in counting_board(vote)}
    assert len(board) == 3
    assert not board & {r.candidate.holder.delegate_id for r in result.rows}
    assert not PositionHolder.objects.filter(retirement="undecided").exists()
    # Holders of both terms; the current term's too.
    terms = set(PositionHolder.objects.values_list("term__name", flat=True))
    assert terms == {"2021-2026", "2026-2031"}
    # She did not resign: the vote of confidence at the term's next session (10/02/2026),
    # counted by the same board, closed — she keeps the confidence of more than half.
    follow_up = ConfidenceVote.objects.get(origin=vote)
    assert follow_up.procedure == ConfidenceVote.Procedure.VOTE and follow_up.state == "closed"
    assert follow_up.session.start_date == follow_up.vote_date == dt.date(2026, 2, 10)
    (row,) = vote_result(follow_up).rows
    assert row.name == "Vũ Thị Minh Nguyệt" and not row.consequence
    assert row.candidate.confidence * 2 > vote_result(follow_up).total

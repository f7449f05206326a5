"""Issue 19, confidence votes: the counting board (Ban kiểm phiếu) is elected from delegates who
are not on the list of those rated — refused in the same words by the page and the API (one
command, ``services.vote_save``), and by the tally page when a board member would be rated."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from supervision.models.confidence import ConfidenceCandidate, ConfidenceVote
from tests.factories import (
    DelegateFactory,
    ElectedPositionFactory,
    PositionHolderFactory,
    TermFactory,
)

URL = "/api/v1/confidence-votes/"
TERM_START = dt.date(2021, 6, 1)
RATED = (
    "Nguyễn Văn Chủ có tên trong danh sách người được lấy phiếu tín nhiệm nên không được là "
    "thành viên Ban kiểm phiếu."
)


@pytest.fixture
def board(council):
    """A term with six delegates; the first, Nguyễn Văn Chủ, is the rated Chủ tịch HĐND."""
    term = TermFactory(council=council, name="2021-2026", number=2, start_date=TERM_START)
    delegates = [DelegateFactory(term=term, start_date=TERM_START) for _ in range(6)]
    chair = delegates[0]
    chair.full_name = "Nguyễn Văn Chủ"
    chair.save()
    PositionHolderFactory(
        term=term,
        position=ElectedPositionFactory(council=council, name="Chủ tịch HĐND xã"),
        delegate=chair,
        full_name=chair.full_name,
        start_date=TERM_START,
        retirement="none",
    )
    PositionHolderFactory(
        term=term, full_name="Đặng Quốc Hưng", start_date=TERM_START, retirement="none"
    )
    return SimpleNamespace(term=term, delegates=delegates, chair=chair, others=delegates[1:])


def _page_data(board, **fields):
    return {
        "procedure": "rating",
        "term": board.term.pk,
        "vote_date": "08/12/2023",
        "year": 2023,
        **fields,
    }


def _api_data(board, **fields):
    return {
        "procedure": "rating",
        "term": board.term.pk,
        "vote_date": "2023-12-08",
        "year": 2023,
        **fields,
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [("counting_board_head", "chair"), ("counting_board_members", ["chair"])],
)
def test_a_rated_delegate_on_the_board_is_refused_on_the_page_and_in_the_api(
    staff_client, api, board, field, value
):
    chosen = board.chair.pk if value == "chair" else [board.chair.pk]
    others = {"counting_board_members": [board.others[0].pk]}
    if field == "counting_board_members":
        others = {"counting_board_head": board.others[0].pk}

    page = staff_client.post(
        reverse("supervision-confidencevote-create"),
        _page_data(board, **{field: chosen}, **others),
    )
    response = api("staff", username="api-staff").post(
        URL, _api_data(board, **{field: chosen}, **others), format="json"
    )

    assert page.status_code == 200
    assert page.context["form"].errors[field] == [RATED]
    assert RATED in page.content.decode()
    assert response.status_code == 400
    assert response.json()["error"]["fields"][field] == [RATED]
    assert not ConfidenceVote.objects.exists()  # nothing half-saved: no vote, no ballot
    assert not ConfidenceCandidate.objects.exists()


def test_a_board_of_delegates_who_are_not_rated_is_kept_and_shown(staff_client, board):
    head, member = board.others[:2]

    response = staff_client.post(
        reverse("supervision-confidencevote-create"),
        _page_data(board, counting_board_head=head.pk, counting_board_members=[member.pk]),
    )

    assert response.status_code == 302
    vote = ConfidenceVote.objects.get()
    assert vote.counting_board_head == head
    assert list(vote.counting_board_members.all()) == [member]
    page = staff_client.get(vote.get_absolute_url()).content.decode()
    assert f"{head.full_name} — Trưởng ban" in page
    assert f"{member.full_name} — Ủy viên" in page


def test_adding_a_rated_delegate_to_an_open_vote_is_refused_by_both_doors(staff_client, api, board):
    staff_client.post(
        reverse("supervision-confidencevote-create"),
        _page_data(board, counting_board_head=board.others[0].pk),
    )
    vote = ConfidenceVote.objects.get()

    page = staff_client.post(
        reverse("supervision-confidencevote-update", args=[vote.pk]),
        {
            "vote_date": "08/12/2023",
            "year": 2023,
            "counting_board_head": board.others[0].pk,
            "counting_board_members": [board.chair.pk],
        },
    )
    response = api("staff", username="api-staff").patch(
        f"{URL}{vote.pk}/", {"counting_board_members": [board.chair.pk]}, format="json"
    )

    assert page.context["form"].errors["counting_board_members"] == [RATED]
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["counting_board_members"] == [RATED]
    assert not vote.counting_board_members.exists()


def test_a_delegate_exempt_from_the_rating_may_sit_on_the_board(staff_client, api, board):
    """Exempt (elected in the rating year) is not on the list of those rated."""
    newcomer = board.others[0]
    PositionHolderFactory(
        term=board.term,
        position=ElectedPositionFactory(council=board.term.council, name="Trưởng Ban Kinh tế"),
        delegate=newcomer,
        full_name=newcomer.full_name,
        start_date=dt.date(2023, 3, 1),
        retirement="none",
    )

    response = api("staff", username="api-staff").post(
        URL, _api_data(board, counting_board_head=newcomer.pk), format="json"
    )

    assert response.status_code == 201, response.json()
    row = ConfidenceCandidate.objects.get(holder__delegate=newcomer)
    assert row.exempt and row.exemption_reason == "new"
    assert ConfidenceVote.objects.get().counting_board_head == newcomer


def test_rating_a_board_member_on_the_tally_page_is_refused(staff_client, board):
    newcomer = board.others[0]
    PositionHolderFactory(
        term=board.term,
        position=ElectedPositionFactory(council=board.term.council, name="Trưởng Ban Kinh tế"),
        delegate=newcomer,
        full_name=newcomer.full_name,
        start_date=dt.date(2023, 3, 1),
        retirement="none",
    )
    staff_client.post(
        reverse("supervision-confidencevote-create"),
        _page_data(board, counting_board_head=newcomer.pk),
    )
    vote = ConfidenceVote.objects.get()
    rows = list(vote.candidates.order_by("id"))
    data = {
        "ballots_issued": 6,
        "ballots_returned": 6,
        "c-TOTAL_FORMS": len(rows),
        "c-INITIAL_FORMS": len(rows),
        "c-MIN_NUM_FORMS": 0,
        "c-MAX_NUM_FORMS": 1000,
    }
    forms = {
        c.pk: i
        for i, c in enumerate(
            vote.candidates.order_by("holder__position__order", "holder__full_name", "id")
        )
    }
    for candidate in rows:
        i = forms[candidate.pk]
        data[f"c-{i}-id"] = candidate.pk
        data[f"c-{i}-vote"] = vote.pk
        for name in ("high", "low", "invalid"):
            data[f"c-{i}-{name}"] = 0
        data[f"c-{i}-confidence"] = 6  # the newcomer's "không lấy phiếu" is unticked

    response = staff_client.post(reverse("supervision-confidence-tally", args=[vote.pk]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        f"{newcomer.full_name} có tên trong danh sách người được lấy phiếu tín nhiệm nên không "
        "được là thành viên Ban kiểm phiếu." in page
    )
    assert ConfidenceCandidate.objects.get(holder__delegate=newcomer).exempt


def test_a_board_member_must_be_a_delegate_in_office_on_the_vote_day(staff_client, board):
    gone = board.others[0]
    gone.end_date = dt.date(2023, 6, 30)
    gone.save()

    page = staff_client.post(
        reverse("supervision-confidencevote-create"),
        _page_data(board, counting_board_head=gone.pk),
    )

    assert page.context["form"].errors["counting_board_head"] == [
        f"{gone.full_name} không phải đại biểu HĐND của nhiệm kỳ này vào ngày lấy phiếu "
        "08/12/2023: Ban kiểm phiếu gồm các đại biểu HĐND."
    ]
    assert not ConfidenceVote.objects.exists()

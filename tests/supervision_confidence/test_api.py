"""/api/v1/confidence-votes/ and /api/v1/elected-positions/: the pages' permissions; results
read-only."""

import pytest

from supervision.confidence.services import vote_close
from supervision.models.confidence import ConfidenceVote
from tests.supervision_confidence.conftest import tally

URL = "/api/v1/confidence-votes/"


def _close(rating, make_persona):
    tally(rating.vote, rating.candidates[0], issued=15, returned=15, confidence=5, low=10)
    tally(rating.vote, rating.candidates[1], confidence=15)
    return vote_close(vote=rating.vote, user=make_persona("admin", username="closer"))


def test_the_detail_gives_the_computed_result_with_its_citation(api, rating, make_persona):
    vote = _close(rating, make_persona)

    data = api("delegate").get(f"{URL}{vote.pk}/").json()

    assert data["state"] == "closed" and data["delegates_in_office"] == 15
    row = data["result"]["rows"][0]
    assert row["full_name"] == "Người thứ 1"
    assert row["shares"][2] == {"label": "Tín nhiệm thấp", "count": 10, "percent": "66,67"}
    assert "đề nghị miễn nhiệm" in row["consequence"]
    assert "96/2023/QH15" in row["citation"]


@pytest.mark.parametrize(("role", "count"), [("staff", 1), ("standing", 1), ("delegate", 0)])
def test_an_open_vote_is_listed_only_to_those_who_run_it(api, rating, role, count):
    response = api(role).get(URL)

    assert response.status_code == 200
    assert response.json()["count"] == count


def test_agencies_get_nothing(api, rating):
    assert api("agency").get(URL).status_code == 403
    assert api("agency").get("/api/v1/elected-positions/").status_code == 403


def test_results_cannot_be_written_and_a_closed_vote_cannot_be_changed(api, rating, make_persona):
    client = api("staff")
    response = client.patch(
        f"{URL}{rating.vote.pk}/", {"state": "closed", "delegates_in_office": 3, "note": "x"}
    )
    assert response.status_code == 200
    vote = ConfidenceVote.objects.get(pk=rating.vote.pk)
    assert (vote.state, vote.delegates_in_office, vote.note) == ("open", None, "x")

    _close(rating, make_persona)
    assert client.patch(f"{URL}{rating.vote.pk}/", {"note": "y"}).status_code == 403


def test_a_vote_created_through_the_api_gets_its_ballot(api, rating):
    holder = rating.candidates[0].holder
    response = api("staff").post(
        URL,
        {
            "procedure": "vote",
            "term": rating.term.pk,
            "vote_date": "2025-12-11",
            "year": 2025,
            "holders": [holder.pk],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    vote = ConfidenceVote.objects.get(pk=response.json()["id"])
    assert [c.holder for c in vote.candidates.all()] == [holder]


def test_ballots_beyond_the_delegates_are_a_400_in_vietnamese(api, rating):
    response = api("staff").patch(
        f"{URL}{rating.vote.pk}/", {"ballots_issued": 20, "ballots_returned": 20}, format="json"
    )

    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert "không được lớn hơn tổng số đại biểu đương nhiệm" in fields["ballots_issued"][0]


def test_delegates_cannot_write(api, rating):
    response = api("delegate").post(
        URL,
        {"procedure": "rating", "term": rating.term.pk, "vote_date": "2025-12-11", "year": 2025},
    )
    assert response.status_code == 403

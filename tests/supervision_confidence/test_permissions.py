"""Who sees and changes confidence votes: results are published to delegates once closed."""

import pytest
from django.urls import reverse

from supervision.confidence.services import vote_close
from supervision.models.confidence import ConfidenceVote
from tests.supervision_confidence.conftest import tally

MANAGERS = ["admin", "staff", "standing"]
LATE_READERS = ["committee", "delegate", "leadership"]


def _closed(rating, make_persona):
    tally(rating.vote, rating.candidates[0], issued=15, returned=15, confidence=7, low=8)
    tally(rating.vote, rating.candidates[1], confidence=15)
    return vote_close(vote=rating.vote, user=make_persona("admin", username="closer"))


@pytest.mark.parametrize("role", MANAGERS + LATE_READERS + ["agency"])
def test_an_open_vote_is_seen_only_by_those_who_run_it(client, make_persona, rating, role):
    client.force_login(make_persona(role))
    listing = client.get(reverse("supervision-confidencevote-list"))
    detail = client.get(rating.vote.get_absolute_url())

    if role in MANAGERS:
        assert detail.status_code == 200
        assert "Tìm thấy 1 cuộc lấy phiếu" in listing.content.decode()
    elif role == "agency":
        assert (listing.status_code, detail.status_code) == (403, 403)
    else:
        assert detail.status_code == 404
        assert "Tìm thấy 0 cuộc lấy phiếu" in listing.content.decode()


@pytest.mark.parametrize("role", MANAGERS + LATE_READERS)
def test_a_closed_vote_shows_its_result_to_every_reader(client, make_persona, rating, role):
    _closed(rating, make_persona)
    client.force_login(make_persona(role))

    page = client.get(rating.vote.get_absolute_url()).content.decode()

    assert "có thể xin từ chức" in page
    # Only those who run votes open the follow-up vote.
    assert ("Tạo cuộc bỏ phiếu tín nhiệm" in page) is (role in MANAGERS)


@pytest.mark.parametrize("role", LATE_READERS)
def test_readers_neither_enter_tallies_nor_create_votes(client, make_persona, rating, role):
    vote = _closed(rating, make_persona)
    client.force_login(make_persona(role))

    assert client.get(reverse("supervision-confidencevote-create")).status_code == 403
    url = reverse("supervision-confidence-follow-up-vote", args=[vote.pk, rating.candidates[0].pk])
    assert client.post(url).status_code == 403
    assert ConfidenceVote.objects.count() == 1


def test_a_rating_that_calls_for_a_vote_of_confidence_opens_it_in_one_click(
    staff_client, make_persona, rating
):
    vote = _closed(rating, make_persona)
    url = reverse("supervision-confidence-follow-up-vote", args=[vote.pk, rating.candidates[0].pk])

    first = staff_client.post(url)
    again = staff_client.post(url)

    new = ConfidenceVote.objects.get(origin=vote)
    assert first["Location"] == again["Location"] == new.get_absolute_url()
    assert new.procedure == "vote" and new.is_open
    assert [c.holder for c in new.candidates.all()] == [rating.candidates[0].holder]
    # Nobody else's result calls for one.
    other = reverse(
        "supervision-confidence-follow-up-vote", args=[vote.pk, rating.candidates[1].pk]
    )
    staff_client.post(other)
    assert ConfidenceVote.objects.filter(origin=vote).count() == 1


def test_another_councils_vote_is_not_found(client, make_persona, other_council, rules):
    from tests.supervision_confidence.conftest import build_vote

    theirs = build_vote(other_council)
    client.force_login(make_persona("staff"))

    assert client.get(theirs.vote.get_absolute_url()).status_code == 404
    tally_url = reverse("supervision-confidence-tally", args=[theirs.vote.pk])
    assert client.get(tally_url).status_code == 404

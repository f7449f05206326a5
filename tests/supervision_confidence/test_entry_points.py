"""A vote is written by one command (``supervision.confidence.services.vote_save``) behind the page and the
API: the same ballot from the same input, the same refusal for the same bad input; the tally
command takes typed rows, never a formset."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hdnd_portal.core.access import Access
from supervision.confidence import services as services
from supervision.models.confidence import ConfidenceCandidate, ConfidenceVote
from tests.factories import PositionHolderFactory, TermFactory

URL = "/api/v1/confidence-votes/"
OTHER_TERM = "Người được lấy phiếu không thuộc nhiệm kỳ đã chọn."


def ballot(vote) -> list[tuple[str, bool, str]]:
    return [
        (c.holder.full_name, c.exempt, c.exemption_reason)
        for c in vote.candidates.select_related("holder").order_by("holder__full_name")
    ]


def test_a_vote_gets_the_same_ballot_from_the_page_and_the_api(staff_client, api, rating):
    PositionHolderFactory(
        term=rating.term, full_name="Lê Văn Mới", start_date=rating.vote.vote_date.replace(month=5)
    )
    rating.vote.delete()  # a term is rated once: each door makes the term's one rating in turn
    page = staff_client.post(
        reverse("supervision-confidencevote-create"),
        {"procedure": "rating", "term": rating.term.pk, "vote_date": "12/12/2025", "year": 2025},
    )
    assert page.status_code == 302
    by_page = ballot(ConfidenceVote.objects.get())
    ConfidenceVote.objects.get().delete()
    response = api("staff", username="api-staff").post(
        URL,
        {"procedure": "rating", "term": rating.term.pk, "vote_date": "2025-12-12", "year": 2025},
        format="json",
    )

    assert response.status_code == 201, response.content
    by_api = ConfidenceVote.objects.get()
    assert by_api.pk == response.json()["id"]
    assert by_page == ballot(by_api)
    assert ("Lê Văn Mới", True, "new") in ballot(by_api)  # took office in the rating year


def test_a_holder_of_another_term_is_refused_in_the_same_words(staff_client, api, council, rating):
    old_term = TermFactory(council=council, name="2016-2021", number=1)
    stranger = PositionHolderFactory(term=old_term, full_name="Người nhiệm kỳ trước")
    page = staff_client.post(
        reverse("supervision-confidencevote-create"),
        {
            "procedure": "vote",
            "term": rating.term.pk,
            "vote_date": "12/12/2025",
            "year": 2025,
            "holders": [stranger.pk],
        },
    )
    response = api("staff", username="api-staff").post(
        URL,
        {
            "procedure": "vote",
            "term": rating.term.pk,
            "vote_date": "2025-12-12",
            "year": 2025,
            "holders": [stranger.pk],
        },
        format="json",
    )

    assert page.context["form"].errors["holders"] == [OTHER_TERM]
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["holders"] == [OTHER_TERM]
    assert ConfidenceVote.objects.count() == 1


def test_the_tally_command_checks_each_row_against_the_ballots_it_is_given(rating, make_persona):
    staff = make_persona("staff")
    access = Access(
        user_id=staff.pk, council_id=rating.term.council_id, council_name="", role="staff"
    )
    first, second = rating.candidates

    with pytest.raises(ValidationError) as refused:
        services.tally_save(
            access=access,
            vote=rating.vote,
            values={"ballots_issued": 15, "ballots_returned": 12},
            rows={first.pk: {"low": 8, "confidence": 5}, second.pk: {"confidence": 12}},
        )

    key = services.row_error_key(first.pk, "invalid")
    assert refused.value.message_dict == {
        key: ["Tổng số phiếu của Người thứ 1 (13) vượt quá số phiếu thu vào (12)."]
    }
    assert services.parse_row_error_key(key) == (first.pk, "invalid")
    vote = ConfidenceVote.objects.get(pk=rating.vote.pk)
    assert (vote.ballots_issued, vote.ballots_returned) == (0, 0)
    assert not ConfidenceCandidate.objects.filter(vote=vote, confidence__gt=0).exists()

    services.tally_save(
        access=access,
        vote=rating.vote,
        values={"ballots_issued": 15, "ballots_returned": 15},
        rows={first.pk: {"low": 8, "confidence": 7}, second.pk: {"confidence": 15}},
    )
    first.refresh_from_db()
    assert (first.low, first.confidence) == (8, 7)
    assert ConfidenceVote.objects.get(pk=rating.vote.pk).ballots_returned == 15

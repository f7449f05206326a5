"""Issue 19, confidence votes: a term is rated once (a second rating is refused, page and API in
the same words), at the regular year-end session of the term's third year (elsewhere: a
warning on the vote's page and in the API's result, never a refusal)."""

import datetime as dt

import pytest
from django.urls import reverse

from supervision.confidence.selectors import term_third_year
from supervision.models.confidence import ConfidenceVote
from tests.factories import ConfidenceVoteFactory, SessionFactory, TermFactory

URL = "/api/v1/confidence-votes/"
ONCE = "Nhiệm kỳ này đã có cuộc lấy phiếu tín nhiệm: mỗi nhiệm kỳ chỉ lấy phiếu tín nhiệm một lần."
RULE = (
    "lấy phiếu tín nhiệm được tiến hành một lần trong nhiệm kỳ, tại kỳ họp thường lệ cuối năm "
    "thứ ba của nhiệm kỳ — năm 2023 (Nghị quyết 96/2023/QH15)"
)


@pytest.fixture
def term(council):
    return TermFactory(
        council=council,
        name="2021-2026",
        number=2,
        election_date=dt.date(2021, 5, 23),
        start_date=dt.date(2021, 6, 25),
    )


def test_a_second_rating_in_the_same_term_is_refused_on_the_page_and_in_the_api(
    staff_client, api, term
):
    first = ConfidenceVoteFactory(
        term=term, procedure="rating", vote_date=dt.date(2023, 12, 8), year=2023
    )

    page = staff_client.post(
        reverse("supervision-confidencevote-create"),
        {"procedure": "rating", "term": term.pk, "vote_date": "09/12/2023", "year": 2023},
    )
    response = api("staff", username="api-staff").post(
        URL,
        {"procedure": "rating", "term": term.pk, "vote_date": "2023-12-09", "year": 2023},
        format="json",
    )

    assert page.status_code == 200
    assert page.context["form"].errors["term"] == [ONCE]
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["term"] == [ONCE]
    assert list(ConfidenceVote.objects.all()) == [first]


def test_votes_of_confidence_and_another_terms_rating_are_not_limited(api, council, term):
    ConfidenceVoteFactory(term=term, procedure="rating", vote_date=dt.date(2023, 12, 8), year=2023)
    next_term = TermFactory(council=council, name="2026-2031", start_date=dt.date(2026, 3, 25))
    client = api("staff")

    for data in (
        {"procedure": "vote", "term": term.pk, "vote_date": "2024-07-10", "year": 2024},
        {"procedure": "vote", "term": term.pk, "vote_date": "2024-12-10", "year": 2024},
        {"procedure": "rating", "term": next_term.pk, "vote_date": "2028-12-08", "year": 2028},
    ):
        response = client.post(URL, data, format="json")
        assert response.status_code == 201, response.json()

    assert ConfidenceVote.objects.count() == 4


@pytest.fixture
def sessions(term):
    """The third year's regular sessions (mid-year, year-end), an extra one, the fourth year's
    year-end session."""
    return {
        "mid-year": SessionFactory(term=term, kind="regular", start_date=dt.date(2023, 7, 10)),
        "year-end": SessionFactory(term=term, kind="regular", start_date=dt.date(2023, 12, 8)),
        "extra": SessionFactory(term=term, kind="extra", start_date=dt.date(2023, 12, 27)),
        "next year-end": SessionFactory(term=term, kind="regular", start_date=dt.date(2024, 12, 6)),
    }


def test_the_term_s_third_year_counts_from_its_election(council, term):
    merged = TermFactory(
        council=council,
        name="2021-2026 (xã mới)",
        election_date=dt.date(2021, 5, 23),
        start_date=dt.date(2025, 7, 1),
    )
    plain = TermFactory(council=council, name="2026-2031", start_date=dt.date(2026, 3, 25))

    assert term_third_year(term) == 2023
    assert term_third_year(merged) == 2023  # formed by a merger in mid-term: the same term
    assert term_third_year(plain) == 2028


def test_no_warning_at_the_regular_year_end_session_of_the_third_year(
    staff_client, api, term, sessions
):
    response = api("staff", username="api-staff").post(
        URL,
        {
            "procedure": "rating",
            "term": term.pk,
            "session": sessions["year-end"].pk,
            "vote_date": "2023-12-08",
            "year": 2023,
        },
        format="json",
    )
    vote = ConfidenceVote.objects.get(pk=response.json()["id"])

    page = staff_client.get(vote.get_absolute_url()).content.decode()
    result = api("staff", username="api-other").get(f"{URL}{vote.pk}/").json()["result"]
    assert 'data-warning="schedule"' not in page
    assert result["warnings"] == []


@pytest.mark.parametrize(
    ("session", "day", "expected"),
    [
        (
            "mid-year",
            dt.date(2023, 7, 10),
            "Kỳ họp thứ {n} (thường lệ, khai mạc 10/07/2023) không phải kỳ họp thường lệ cuối "
            f"năm 2023: {RULE}.",
        ),
        (
            "extra",
            dt.date(2023, 12, 27),
            "Kỳ họp thứ {n} (bất thường, khai mạc 27/12/2023) không phải kỳ họp thường lệ cuối "
            f"năm 2023: {RULE}.",
        ),
        (
            "next year-end",
            dt.date(2024, 12, 6),
            f"Cuộc lấy phiếu ngày 06/12/2024 không đúng thời điểm: {RULE}.",
        ),
        (None, dt.date(2023, 12, 8), f"Chưa chọn kỳ họp: {RULE}."),
    ],
)
def test_a_rating_elsewhere_is_kept_with_a_warning_on_its_page_and_in_the_api(
    staff_client, api, term, sessions, session, day, expected
):
    chosen = sessions[session] if session else None
    page_response = staff_client.post(
        reverse("supervision-confidencevote-create"),
        {
            "procedure": "rating",
            "term": term.pk,
            "session": chosen.pk if chosen else "",
            "vote_date": f"{day:%d/%m/%Y}",
            "year": day.year,
        },
    )
    assert page_response.status_code == 302  # a warning, not a refusal
    vote = ConfidenceVote.objects.get()
    message = expected.format(n=chosen.number if chosen else "")

    page = staff_client.get(page_response["Location"]).content.decode()
    result = api("staff", username="api-staff").get(f"{URL}{vote.pk}/").json()["result"]
    assert 'data-warning="schedule"' in page and message in page
    assert result["warnings"][0] == message


def test_a_vote_of_confidence_has_no_schedule(staff_client, api, term):
    vote = ConfidenceVoteFactory(term=term, procedure="vote", vote_date=dt.date(2024, 8, 1))

    page = staff_client.get(vote.get_absolute_url()).content.decode()
    result = api("staff", username="api-staff").get(f"{URL}{vote.pk}/").json()["result"]
    assert 'data-warning="schedule"' not in page
    assert result["warnings"] == []

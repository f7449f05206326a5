import pytest
from django.urls import reverse

from tests.factories import (
    ConfidenceCandidateFactory,
    ConfidenceVoteFactory,
    ElectedPositionFactory,
    PositionHolderFactory,
    TermFactory,
)


def _rows(council, n):
    term = TermFactory(council=council)
    for _i in range(n):
        position = ElectedPositionFactory(council=council)
        holder = PositionHolderFactory(term=term, position=position)
        vote = ConfidenceVoteFactory(term=term)
        ConfidenceCandidateFactory(vote=vote, holder=holder)


@pytest.mark.parametrize(
    "name",
    [
        "supervision-confidencevote-list",
        "supervision-positionholder-list",
        "supervision-electedposition-list",
    ],
)
@pytest.mark.parametrize("n", [5, 30])
def test_list_pages_do_not_grow_queries_with_rows(
    staff_client, council, django_assert_max_num_queries, name, n
):
    _rows(council, n)
    url = reverse(name)
    with django_assert_max_num_queries(14):
        response = staff_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("n", [5, 30])
def test_the_api_list_does_not_grow_queries_with_rows(
    api, council, django_assert_max_num_queries, n
):
    client = api("staff")
    _rows(council, n)
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/confidence-votes/")
    assert response.status_code == 200

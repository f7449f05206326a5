"""A POST with a many-to-many value (the supervised agencies of an activity) is validated with
the model's clean() without touching the relation: a 201 or a 400, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_activity_with_agencies_posted_is_created_or_refused_never_a_server_error(api, council):
    from tests.factories import AgencyFactory

    agency = AgencyFactory(council=council)
    client = api("staff")
    response = client.post(
        "/api/v1/supervision-activities/",
        {
            "body": "party",
            "kind": "explanation",
            "topic": "0§",
            "start_date": "2099-07-31",
            "agencies": [agency.pk],
        },
    )
    assert response.status_code in (201, 400), response.content[:500]
    bare = client.post(
        "/api/v1/supervision-activities/",
        {"body": "party", "kind": "explanation", "topic": "0§", "start_date": "2099-07-31"},
    )
    assert bare.status_code in (201, 400), bare.content[:500]

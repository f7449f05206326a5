"""List pages and exports cost the same number of queries for 5 rows as for 30."""

import datetime as dt
import itertools

import pytest
from django.urls import reverse

from hdnd_portal.followups.models import FollowUp
from supervision.models import Body
from tests.factories import (
    AgencyFactory,
    DelegateFactory,
    SupervisionActivityFactory,
    SupervisionConclusionFactory,
    SupervisionItemFactory,
    SupervisionProgrammeFactory,
    SupervisionQuestionFactory,
    SupervisionRecommendationFactory,
)

pytestmark = pytest.mark.django_db


YEARS = itertools.count(2001)  # one programme per body and year


def build(name, council, org, n):
    for _i in range(n):
        agency = AgencyFactory(council=council)
        if name == "programme":
            SupervisionProgrammeFactory(council=council, year=next(YEARS), body=Body.HDND)
        elif name == "programmeitem":
            obj = SupervisionItemFactory(programme__council=council, programme__year=next(YEARS))
            obj.agencies.set([agency])
        elif name == "activity":
            obj = SupervisionActivityFactory(
                council=council, body=Body.BAN, committee=org["ban"], start_date=dt.date(2026, 1, 1)
            )
            obj.agencies.set([agency])
        elif name == "question":
            SupervisionQuestionFactory(
                council=council,
                activity__council=council,
                asked_by=DelegateFactory(term=org["term"]),
                agency=agency,
            )
        elif name == "conclusion":
            SupervisionConclusionFactory(activity__council=council)
        elif name == "recommendation":
            rec = SupervisionRecommendationFactory(activity__council=council, agency=agency)
            rec.followup = FollowUp.objects.create(
                council=council,
                kind="supervision_recommendation",
                title=rec.content,
                agency=agency,
                started_on=dt.date(2026, 1, 1),
                original_due_date=dt.date(2026, 8, 1),
                due_date=dt.date(2026, 8, 1),
            )
            rec.save()


NAMES = ["programme", "programmeitem", "activity", "question", "conclusion", "recommendation"]


@pytest.mark.parametrize("params", [{}, {"format": "xlsx"}], ids=["page", "excel"])
@pytest.mark.parametrize("name", NAMES)
def test_it_does_not_grow_with_the_number_of_rows(
    staff_client, council, org, settings, name, params, django_assert_max_num_queries
):
    settings.PAGE_SIZE = 100
    url = reverse(f"supervision-{name}-list")
    build(name, council, org, 5)
    staff_client.get(url, params)  # warm-up
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(url, params).status_code == 200
    build(name, council, org, 25)
    with django_assert_max_num_queries(len(few)):
        assert staff_client.get(url, params).status_code == 200


def test_the_overlap_filter_reads_a_fixed_number_of_queries(staff_client, council, org, settings):
    settings.PAGE_SIZE = 100
    url = reverse("supervision-programmeitem-list")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build("programmeitem", council, org, 5)
    staff_client.get(url, {"overlap": "true"})
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url, {"overlap": "true"})
    build("programmeitem", council, org, 25)
    with CaptureQueriesContext(connection) as many:
        staff_client.get(url, {"overlap": "true"})
    assert len(many) == len(few)

"""List pages and exports of the preparation part cost the same for 5 rows as for 30."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AgencyFactory
from tests.meetings_prep.factories import (
    CongressGoalFactory,
    JointMeetingFactory,
    PreparationTaskFactory,
    QuarterlyReportFactory,
    StandingMeetingFactory,
)

pytestmark = pytest.mark.django_db


def _rows(name, council, term, session, start, count):
    for i in range(start, start + count):
        if name == "jointmeeting":
            meeting = JointMeetingFactory(council=council, session=session)
            meeting.participants.add(AgencyFactory(council=council))
            meeting.decisions.create(order=0, text=f"Điểm {i}")
        elif name == "preparationtask":
            from meetings.preparation.services import preparationtask_open_followup

            task = PreparationTaskFactory(
                council=council, session=session, due_date=dt.date.today() + dt.timedelta(days=i)
            )
            preparationtask_open_followup(task=task, by_user=None)
        elif name == "standingmeeting":
            StandingMeetingFactory(council=council, term=term)
        elif name == "quarterlyreport":
            QuarterlyReportFactory(council=council, year=2000 + i // 4, quarter=i % 4 + 1)
        else:
            CongressGoalFactory(council=council)


def _count(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("params", [{}, {"format": "xlsx"}], ids=["page", "excel"])
@pytest.mark.parametrize(
    "name",
    ["jointmeeting", "preparationtask", "standingmeeting", "quarterlyreport", "congressgoal"],
)
def test_lists_do_not_grow_with_their_rows(
    staff_client, council, term, session, settings, name, params
):
    settings.PAGE_SIZE = 100
    url = reverse(f"meetings-{name}-list")
    _rows(name, council, term, session, 0, 5)
    staff_client.get(url, params)  # warm-up
    few, _sql = _count(staff_client, url, params)
    _rows(name, council, term, session, 5, 25)
    many, sql = _count(staff_client, url, params)
    assert many == few, "\n".join(sql)

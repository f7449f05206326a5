"""Every list page of every app answers in the same queries for 3 rows as for 8.

Generated over the URL map: each route named ``…-list`` whose view is a kernel ``Resource``'s
list is asked by the Office twice, with 3 and then 8 rows of its model built by the API test's
row builders (``tests/api/test_list_query_counts.ROWS``: each row with the relations its pages
show), so a column, a badge or a permission check reading a relation row by row shows up as a
query per row. A list page whose model has no row builder fails here until it gets one.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hdnd_portal.core.resources import Resource
from tests.api.test_list_query_counts import ROWS, World, _letter
from tests.factories import (
    DeadlineRuleFactory,
    ExaminationFactory,
    PetitionFieldFactory,
    QuestionFactory,
    SessionDocumentFactory,
    SupervisionActivityFactory,
    SupervisionConclusionFactory,
    SupervisionItemFactory,
    SupervisionQuestionFactory,
    persona,
)

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 8
MAX_QUERIES = 25  # session, user, council, menu badges, the page and its count, filters' choices
SQL_SHOWN = 240


def _resource_lists(patterns=None, found=None) -> dict[str, str]:
    """URL name → model label of every Resource list page."""
    found = {} if found is None else found
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            _resource_lists(entry.url_patterns, found)
        elif isinstance(entry, URLPattern) and (entry.name or "").endswith("-list"):
            view = entry.callback
            while hasattr(view, "__wrapped__"):
                view = view.__wrapped__
            owner = getattr(view, "__self__", None)
            if isinstance(owner, Resource) and view.__name__ == "list_view":
                found[entry.name] = owner.model._meta.label
    return found


def _identity_access(w, i):
    from petitions.models import IdentityAccess

    return IdentityAccess.objects.create(
        council=w.council,
        user=w.staff,
        letter=_letter(w, i),
        purpose=IdentityAccess.Purpose.PAGE,
        page="/thu/",
    )


def _schedule(w, i):
    from petitions.models import ReceptionSchedule

    row = ReceptionSchedule.objects.create(
        council=w.council,
        date=dt.date(2026, 3, 2) + dt.timedelta(days=7 * i),
        place="Trụ sở HĐND xã",
        host=ReceptionSchedule.Host.DELEGATE,
    )
    row.delegates.set(w.delegates)
    return row


def _petition_setting(w, i):
    from petitions.models import PetitionSetting

    PetitionSetting.objects.filter(council=w.council, end_date__isnull=True).update(
        end_date=dt.date(2010 + i, 12, 31)
    )
    return PetitionSetting.objects.create(council=w.council, start_date=dt.date(2011 + i, 1, 1))


def _petition_report(w, i):
    from petitions.models import PetitionReport

    return PetitionReport.objects.create(
        council=w.council,
        title=f"Quý {i}",
        period_start=dt.date(2020 + i, 1, 1),
        period_end=dt.date(2020 + i, 3, 31),
    )


def _day_off(w, i):
    from hdnd_portal.followups.models import DayOff

    return DayOff.objects.create(
        council=w.council, date=dt.date(2026, 8, 3) + dt.timedelta(days=i), name=f"Nghỉ bù {i}"
    )


# Models listed by a page but not by the API: their builders live here.
PAGE_ROWS = {
    "documents.DocumentRegister": lambda w, i: w.document(),
    "followups.DayOff": _day_off,
    "followups.DeadlineRule": lambda w, i: DeadlineRuleFactory(council=w.council),
    "meetings.Examination": lambda w, i: ExaminationFactory(
        document=SessionDocumentFactory(session=w.session), committee=w.ban
    ),
    "meetings.Question": lambda w, i: QuestionFactory(session=w.session, asker=w.delegates[0]),
    "petitions.IdentityAccess": _identity_access,
    "petitions.PetitionReport": _petition_report,
    "petitions.PetitionSetting": _petition_setting,
    "petitions.ReceptionSchedule": _schedule,
    "supervision.Conclusion": lambda w, i: SupervisionConclusionFactory(
        activity=SupervisionActivityFactory(council=w.council)
    ),
    "supervision.ProgrammeItem": lambda w, i: SupervisionItemFactory(
        programme=w.programme_item.programme
    ),
    "supervision.Question": lambda w, i: SupervisionQuestionFactory(
        activity__council=w.council, asked_by=w.delegates[0], agency=w.agency
    ),
    "voters.PetitionField": lambda w, i: PetitionFieldFactory(council=w.council),
}
BUILDERS = {**ROWS, **PAGE_ROWS}
# Lists the Office may not read: who does.
READER = {"petitions.IdentityAccess": "standing"}

LISTS = sorted(_resource_lists().items())


def _ask(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(ctx), [q["sql"][:SQL_SHOWN] for q in ctx.captured_queries]


def test_the_walk_finds_every_app_s_lists():
    apps = {label.split(".")[0] for _name, label in LISTS}
    assert {"councils", "meetings", "supervision", "voters", "petitions"} <= apps
    assert len(LISTS) >= 40


@pytest.mark.parametrize(("url_name", "label"), LISTS, ids=[name for name, _label in LISTS])
def test_the_list_page_does_not_grow_with_its_rows(council, client, url_name, label):
    build = BUILDERS.get(label)
    assert build is not None, (
        f"{url_name} lists {label}: give it a row builder (API: tests/api/"
        f"test_list_query_counts.py ROWS; page only: PAGE_ROWS here)"
    )
    world = World(council)
    client.force_login(persona(READER[label], council) if label in READER else world.staff)
    url = reverse(url_name)
    client.get(url)  # warms the per-process caches (menus, legal rules)

    for i in range(FEW):
        build(world, i)
    few, few_sql = _ask(client, url)
    for i in range(FEW, MANY):
        build(world, i)
    many, many_sql = _ask(client, url)

    sql = "\n".join(many_sql)
    assert many == few, f"{url_name}: {few} queries for {FEW} rows, {many} for {MANY}:\n{sql}"
    assert many <= MAX_QUERIES, f"{url_name}: {many} queries:\n{sql}"

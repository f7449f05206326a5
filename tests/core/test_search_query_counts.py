"""The top bar's search costs the same few queries whatever the words and the matches, reads
related records (agencies, delegates…) of the user's council only, and finds what it found
when it searched target by target: the same groups, hits, descriptions and totals, the totals
those of the list pages opened with ``?q=``.

The Office (``staff``) is the role that searches the most targets (43 today). Its page costs
5 queries of its own (session, user, role, the menu's follow-up counts, unread notifications)
and the search 3: the related records matching any word, one UNION ALL over every model a
``through`` names; every target's total, one UNION ALL; the first rows of the targets with a
total, one UNION ALL (none when nothing is found: 2 queries).
"""

import io

import pytest
from django.core.management import call_command
from django.core.paginator import Page
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.middleware import build_access
from councils.models import Agency, Council, User
from hdnd_portal.core.models import RelatedMatches
from hdnd_portal.core.search import SearchGroup, SearchHit, clean_query, targets_for
from hdnd_portal.core.search import search_everything as search
from hdnd_portal.core.text import MAX_TERMS, search_terms
from tests.factories import AgencyFactory, DelegateFactory, FollowUpFactory, TermFactory

pytestmark = pytest.mark.django_db

URL = reverse("core-search")
# Page overhead of a logged-in user (session, user, role, menu counts, notifications) + search.
PAGE_QUERIES = 5
SEARCH_QUERIES = 3
NOTHING_FOUND_QUERIES = 2  # no target has a row: no rows to read
QUERIES = ["thon ha", "xa", "ubnd xa", "nguyen", "ke hoach giam sat", "ky hop thu", "2026"]
# Lists whose total for ?q= differs from the search's: the target searches the activity's
# agencies (many-to-many), which the list's own search does not reach.
LIST_DIFFERS = {
    "supervision.activity",  # the target searches "agencies", the list does not
    "supervision.programmeitem",  # the target searches "agencies", the list does not
}
WORDS = {1: "thon", 3: "thon ha xa", MAX_TERMS: "thon ha xa ubnd ban nhan dan tinh"}


def one_by_one(access, q) -> list[SearchGroup]:
    """The search as it was: per target its first rows, then its count when they fill the limit
    (two queries per target, one per term and relation, related rows of every council)."""
    q = clean_query(q)
    if not search_terms(q):
        return []
    groups = []
    for target in targets_for(access):
        qs = target.queryset(access).search(q, through=target.through)
        rows = list(qs[: target.limit])
        if not rows:
            continue
        groups.append(
            SearchGroup(
                key=target.key,
                label=target.label,
                icon=target.icon,
                hits=[
                    SearchHit(
                        str(target.title(o)),
                        target.url(o),
                        str(target.describe(o)) if target.describe else "",
                    )
                    for o in rows
                ],
                total=len(rows) if len(rows) < target.limit else qs.count(),
                list_url="",
            )
        )
    return groups


def without_links(groups):
    return [g.__class__(**{**g.__dict__, "list_url": ""}) for g in groups]


@pytest.fixture
def demo(settings):
    """The demo commune, seeded as `make run` does, and its Office clerk."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", "--force", "--today", "2026-11-28", stdout=io.StringIO())
    return Council.objects.get(slug="phuc-loc"), User.objects.get(username="vanphong")


def page_count(response) -> int:
    """The number of rows the list page says it holds (its paginator's)."""
    for context in response.context:
        for value in context.flatten().values():
            if isinstance(value, Page):
                return value.paginator.count
    raise AssertionError(f"no paginated list in {response.request['PATH_INFO']}")


class TestOnTheDemoCommune:
    # One demo commune per test (seeding it takes a while): each test loops over its queries.
    def test_it_finds_what_the_search_target_by_target_found(self, demo):
        access = build_access(demo[1])

        for q in QUERIES:
            assert without_links(search(access, q)) == one_by_one(access, q), q

    def test_its_totals_are_those_of_the_list_pages(self, client, demo):
        client.force_login(demo[1])
        groups = search(build_access(demo[1]), "xa")
        shown = {g.key: page_count(client.get(g.list_url)) for g in groups}

        assert len(groups) >= 10
        assert sum(g.total > len(g.hits) for g in groups) >= 3  # full groups, counted
        assert {k: n for k, n in shown.items() if k not in LIST_DIFFERS} == {
            g.key: g.total for g in groups if g.key not in LIST_DIFFERS
        }

    def test_it_costs_the_same_few_queries_whatever_the_words(self, client, demo):
        access = build_access(demo[1])
        client.force_login(demo[1])
        client.get(URL, {"q": "xa"})  # warm: content types, permissions' caches

        for q in [*WORDS.values(), "khong co gi ca", "xyzzy"]:
            with CaptureQueriesContext(connection) as alone:
                found = search(access, q)
            with CaptureQueriesContext(connection) as page:
                response = client.get(URL, {"q": q})

            assert response.status_code == 200
            expected = SEARCH_QUERIES if found else NOTHING_FOUND_QUERIES
            assert bool(found) == (q != "xyzzy"), q
            assert len(alone.captured_queries) == expected, q
            sql = "\n".join(x["sql"] for x in page.captured_queries)
            assert len(page.captured_queries) == PAGE_QUERIES + expected <= 12, sql


class TestQueriesAsMatchesGrow:
    @pytest.mark.parametrize("matches", [2, 30])
    def test_it_costs_three_queries_for_2_or_30_matches_in_several_targets(
        self, make_persona, council, matches
    ):
        term = TermFactory(council=council)
        for n in range(matches):
            agency = AgencyFactory(council=council, name=f"Ban Thôn Hạ {n}")
            DelegateFactory(term=term, full_name=f"Vũ Văn Hạ {n}", address="Thôn Hạ")
            FollowUpFactory(council=council, agency=agency, title=f"Việc số {n}")
        access = build_access(make_persona("staff"))

        with CaptureQueriesContext(connection) as ctx:
            groups = search(access, "thon ha")

        assert len(ctx.captured_queries) == SEARCH_QUERIES
        totals = {g.key: g.total for g in groups}
        assert totals["councils.agency"] == matches
        assert totals["councils.delegate"] == matches
        assert totals["followups.followup"] == matches  # each found through its agency's name
        assert without_links(groups) == one_by_one(access, "thon ha")


class TestOnlyTheUsersCouncil:
    @pytest.fixture
    def agencies(self, council, other_council):
        ours = AgencyFactory(council=council, name="UBND Thôn Hạ")
        theirs = AgencyFactory(council=other_council, name="UBND Thôn Hạ của xã khác")
        FollowUpFactory(council=council, agency=ours, title="Sửa cầu")
        FollowUpFactory(council=other_council, agency=theirs, title="Sửa cống")
        return ours, theirs

    def test_it_reads_agencies_of_the_users_council_only(self, make_persona, council, agencies):
        access = build_access(make_persona("staff"))

        with CaptureQueriesContext(connection) as ctx:
            groups = search(access, "thon ha")

        related = [q["sql"] for q in ctx.captured_queries if "councils_agency" in q["sql"]][0]
        assert f'"councils_agency"."council_id" = {council.pk}' in related
        follow_ups = next(g for g in groups if g.key == "followups.followup")
        assert [h.title for h in follow_ups.hits] == ["Sửa cầu"]
        assert without_links(groups) == one_by_one(access, "thon ha")

    def test_another_councils_agency_named_like_the_term_costs_no_row(self, council, agencies):
        ours, theirs = agencies
        matches = RelatedMatches("thon ha", council_id=council.pk)

        matches.load([Agency])

        assert matches.ids(Agency, "thon") == [ours.pk]
        assert matches.ids(Agency, "ha") == [ours.pk]

    def test_past_the_cap_a_term_becomes_a_subquery_of_the_council(
        self, council, agencies, monkeypatch
    ):
        from hdnd_portal.core import models

        monkeypatch.setattr(models, "EAGER_RELATED_IDS", 0)
        matches = RelatedMatches("thon", council_id=council.pk)

        matches.load([Agency])

        assert list(matches.ids(Agency, "thon").values_list("pk", flat=True)) == [agencies[0].pk]

"""Reports and exports read from the replica; writes and reads after a write stay on the primary.

The test adds a ``replica`` connection to the same test database (as ``TEST: MIRROR`` does when
``DATABASE_REPLICA_URL`` is set) and looks at which connection ran the queries.
"""

import copy

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import Council
from councils.reports import ROSTER_KIND
from hdnd_portal import db_router
from hdnd_portal.db_router import REPLICA, ReplicaRouter, use_replica
from hdnd_portal.documents import printing
from tests.documents.rosterdata import build_term
from tests.factories import CouncilFactory, persona

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def replica(transactional_db, monkeypatch):
    """A second connection to the test database, as the ``replica`` alias."""
    default = connections["default"]
    wrapper = type(default)(copy.deepcopy(default.settings_dict), alias=REPLICA)
    connections[REPLICA] = wrapper
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    try:
        yield wrapper
    finally:
        wrapper.close()
        del connections[REPLICA]


def test_without_a_replica_everything_reads_the_primary():
    router = ReplicaRouter()
    with use_replica():
        assert router.db_for_read(Council) is None
    assert router.db_for_write(Council) == "default"


def test_reads_go_to_the_replica_only_inside_the_block(replica):
    router = ReplicaRouter()
    CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    assert router.db_for_read(Council) is None
    with use_replica():
        assert router.db_for_read(Council) == REPLICA
        with CaptureQueriesContext(replica) as on_replica:
            assert Council.objects.get().commune == "Phúc Lộc"
        assert len(on_replica) == 1
        assert router.db_for_write(Council) == "default"
    assert router.allow_migrate(REPLICA, "councils") is False
    assert router.allow_migrate("default", "councils") is True


def test_a_write_then_read_in_one_transaction_stays_on_the_primary(replica):
    with use_replica(), transaction.atomic():
        council = CouncilFactory(commune="Hòa Bình", slug="hoa-binh")
        with CaptureQueriesContext(replica) as on_replica:
            assert Council.objects.get(pk=council.pk).commune == "Hòa Bình"
        assert len(on_replica) == 0


def test_the_excel_export_reads_its_rows_from_the_replica(replica, client):
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    client.force_login(persona("staff", council))
    with CaptureQueriesContext(replica) as on_replica:
        page = client.get("/followups/")
        assert page.status_code == 200
    assert len(on_replica) == 0  # the page itself reads the primary
    with CaptureQueriesContext(replica) as on_replica:
        export = client.get("/followups/?format=xlsx")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert any("followups_followup" in q["sql"] for q in on_replica.captured_queries)


def test_a_draft_is_printed_from_the_replica_an_issued_copy_from_the_primary(
    replica, client, monkeypatch
):
    monkeypatch.setattr(printing, "render_pdf", lambda name, ctx, **kw: b"%PDF-1.7 test")
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    term, _g, _c = build_term(council)
    client.force_login(persona("staff", council))
    url = reverse("documents-print", kwargs={"kind": ROSTER_KIND, "pk": term.pk})
    with CaptureQueriesContext(replica) as on_replica:
        assert client.get(url).status_code == 200
    assert any("councils_delegate" in q["sql"] for q in on_replica.captured_queries)
    with CaptureQueriesContext(replica) as on_replica:
        issued = client.post(url)
        assert issued.status_code == 302
        assert client.get(issued.url).status_code == 200  # the number just given: primary
    assert len(on_replica) == 0

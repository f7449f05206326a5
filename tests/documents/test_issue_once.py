"""Issue 21.4: one number per record and printed kind, whatever the number of POSTs."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.contrib.messages import get_messages
from django.urls import reverse

from councils.reports import ROSTER_KIND
from hdnd_portal.documents import printing
from hdnd_portal.documents.models import Counter, DocumentRegister
from hdnd_portal.documents.services import document_number_issue
from tests.documents.rosterdata import build_term
from tests.factories import persona

AT = dt.datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def travel(monkeypatch):
    monkeypatch.setattr(printing, "render_pdf", lambda name, ctx, **kw: b"%PDF-1.7 test")
    with time_machine.travel(AT, tick=False):
        yield


def url(pk):
    return reverse("documents-print", kwargs={"kind": ROSTER_KIND, "pk": pk})


def test_a_second_post_shows_the_issued_copy_and_says_so(client, council):
    term, _g, _c = build_term(council)
    client.force_login(persona("staff", council))
    first = client.post(url(term.pk))
    second = client.post(url(term.pk), follow=True)
    document = DocumentRegister.objects.get()
    assert first.url == printing.print_url(
        printing.document_kind(ROSTER_KIND), term.pk, document=document
    )
    assert second.redirect_chain[-1][0] == first.url
    words = [str(m) for m in get_messages(second.wsgi_request)]
    assert any("đã được cấp số 01/DS-HĐND ngày 04/05/2026" in w for w in words), words
    assert Counter.objects.get(series="register:HĐND:DS").last_number == 1


def test_the_race_the_first_read_misses_ends_on_the_issued_copy_and_the_counter_stays(
    council, monkeypatch
):
    """Two clerks at once: both saw no copy; the second one's insert meets the constraint, its
    savepoint (and the number it took) rolls back, and it is given the first one's copy."""
    term, _g, _c = build_term(council)
    kind = printing.document_kind(ROSTER_KIND)
    first, created = printing.document_issue(kind=kind, obj=term, user_id=None)
    assert created
    real = printing.issued_copy
    calls = []

    def blind_then_real(kind, obj):
        calls.append(obj.pk)
        return None if len(calls) == 1 else real(kind, obj)

    monkeypatch.setattr(printing, "issued_copy", blind_then_real)
    again, created = printing.document_issue(kind=kind, obj=term, user_id=None)
    assert (again, created) == (first, False)
    assert DocumentRegister.objects.count() == 1
    assert Counter.objects.get(series="register:HĐND:DS").last_number == 1


def test_entries_issued_before_the_rule_are_named_once_by_the_migration(council):
    """The data migration names the first of two numbers a double click once gave one record;
    the second stays in the register (numbers are never withdrawn) but is not the record's copy."""
    from importlib import import_module

    migration = import_module(
        "hdnd_portal.documents.migrations.0005_one_number_per_record_and_kind"
    )
    term, _g, _c = build_term(council)
    twice = [
        document_number_issue(
            council=council,
            type_code="DS",
            issued_on=dt.date(2026, 5, day),
            title="Danh sách đại biểu",
            source=term,
        )
        for day in (2, 3)
    ]
    migration.name_the_kinds(apps, None)
    named = [DocumentRegister.objects.get(pk=d.pk).kind_code for d in twice]
    assert named == [ROSTER_KIND, ""]
    kind = printing.document_kind(ROSTER_KIND)
    assert printing.issued_copy(kind, term).pk == twice[0].pk

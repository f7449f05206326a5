"""The demo (``manage.py seed_demo``) holds, for every printed kind, a record already issued (dated
on or after its event) and records ready to be issued, each offered on its record's page."""

import io

import pytest
from django.core.management import call_command

from councils.models import Council, User
from hdnd_portal.documents import printing
from hdnd_portal.documents.demo import _candidates
from hdnd_portal.documents.models import DocumentRegister

pytestmark = pytest.mark.django_db
TODAY = "2026-11-28"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_every_printed_kind_has_an_issued_record_and_one_ready_reached_from_its_page(client):
    import datetime as dt

    call_command("seed_demo", "--force", "--today", TODAY, stdout=io.StringIO())
    today = dt.date.fromisoformat(TODAY)
    council = Council.objects.get(slug="phuc-loc")
    client.force_login(User.objects.get(username="vanphong"))
    no_ready = []
    for code, kind in sorted(printing.document_kinds().items()):
        entries = DocumentRegister.objects.filter(council=council, kind_code=code)
        assert entries.exists(), f"{code}: no issued record in the demo"
        document = entries.first()
        obj = kind.model.objects.get(pk=document.source_id)
        earliest = printing.not_before(kind, obj)
        assert earliest is None or document.issued_on >= earliest, code
        page = client.get(printing.record_url(kind, obj))
        assert page.status_code == 200, code
        assert f"Số {document.symbol} ngày {document.issued_on:%d/%m/%Y}" in page.content.decode()

        issued = set(entries.values_list("source_id", flat=True))
        ready = [o for o in _candidates(kind, council, today) if o.pk not in issued]
        if not ready:
            no_ready.append(code)
            continue
        page = client.get(printing.record_url(kind, ready[-1])).content.decode()
        assert printing.print_url(kind, ready[-1].pk, confirm=True) in page, code
    assert not no_ready, f"no record ready to be issued: {sorted(no_ready)}"

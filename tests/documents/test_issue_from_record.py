"""Every printed kind is issued from its record's page (issue 20.1), a test per kind of the
registry: the office clerk finds "Cấp số và in" on the page, confirms the signing date (not
before the event the document records, not after today) and the signer, and gets one number,
printed with that date and signer on the PDF and kept in the register. A role without the
right to issue sees no such button and is refused the POST."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from hdnd_portal.documents import printing
from hdnd_portal.documents.models import DocumentRegister
from hdnd_portal.documents.text import place_date_line
from tests.documents import pdftools
from tests.documents.records import BUILDERS, TODAY
from tests.factories import persona

pytestmark = pytest.mark.django_db
SIGNER = "Hoàng Thị Thư Ký"


@pytest.fixture(autouse=True)
def today():
    at = dt.datetime.combine(TODAY, dt.time(9, 0), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(at, tick=False):
        yield


def test_every_registered_kind_has_a_record_builder():
    missing = sorted(set(printing.document_kinds()) - set(BUILDERS))
    assert not missing, f"tests/documents/records.py has no builder for {missing}"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _date(on: dt.date) -> str:
    return on.strftime("%d/%m/%Y")


@pytest.mark.poppler
@pytest.mark.parametrize("code", sorted(printing.document_kinds()))
def test_a_kind_is_issued_from_its_record_with_the_date_and_signer_confirmed(
    client, council, code, tmp_path
):
    kind = printing.document_kind(code)
    obj = BUILDERS[code](council)
    confirm_url = printing.print_url(kind, obj.pk, confirm=True)
    client.force_login(persona("staff", council))

    # The record's page (reached by the kind's record_url) offers "Cấp số và in".
    page = client.get(printing.record_url(kind, obj))
    assert page.status_code == 200
    body = page.content.decode()
    assert f'href="{confirm_url}"' in body and "Cấp số và in" in body

    # The confirmation page shows the signing date and the signer.
    confirm = client.get(confirm_url)
    assert confirm.status_code == 200
    form = confirm.content.decode()
    assert 'name="issued_on"' in form and 'name="signer"' in form
    assert "Ngày ký" in form and "Người ký" in form

    earliest = printing.not_before(kind, obj)
    if earliest is not None:
        before = client.post(
            confirm_url, {"issued_on": _date(earliest - dt.timedelta(days=1)), "signer": SIGNER}
        )
        assert before.status_code == 400
        assert "không được trước ngày" in before.content.decode()
        assert SIGNER in before.content.decode()  # nothing typed is lost
    after = client.post(
        confirm_url, {"issued_on": _date(TODAY + dt.timedelta(days=1)), "signer": SIGNER}
    )
    assert after.status_code == 400 and "không được sau ngày hôm nay" in after.content.decode()
    blank = client.post(confirm_url, {"issued_on": _date(TODAY), "signer": "  "})
    assert blank.status_code == 400 and "Nhập họ và tên người ký." in blank.content.decode()
    assert not DocumentRegister.objects.exists()

    on = earliest or dt.date(2026, 12, 15)
    response = client.post(confirm_url, {"issued_on": _date(on), "signer": SIGNER})
    document = DocumentRegister.objects.get()
    assert response.status_code == 302
    assert response["Location"] == printing.print_url(kind, obj.pk, document=document)
    assert (document.issued_on, document.signer, document.kind_code) == (on, SIGNER, code)
    assert document.year == on.year  # the number's series is the signing date's year

    pdf = client.get(response["Location"])
    assert pdf.status_code == 200
    text = _flat(pdftools.text(pdftools.write(pdf.content, tmp_path)))
    # A register book (the reception log, DOCUMENTS.md §5) carries no dispatch number: its
    # register entry keeps the date and signer; every other kind prints its number.
    if code == "petitions.reception_log":
        assert "Số:" not in text
    else:
        assert document.symbol in text
    assert place_date_line(council.commune, on) in text
    # Minutes are signed by every member of the counting board (their names are the board's);
    # every other kind prints the signer confirmed.
    if code != "supervision.confidence_minutes":
        assert SIGNER in text

    register_entry = client.get(
        reverse("documents-documentregister-detail", args=[document.pk])
    ).content.decode()
    assert document.symbol in register_entry and SIGNER in register_entry

    # Re-posting (a double click, a second tab) gives the same copy, never a second number.
    again = client.post(confirm_url, {"issued_on": _date(TODAY), "signer": "Người Khác"})
    assert again.status_code == 302 and again["Location"] == response["Location"]
    assert DocumentRegister.objects.count() == 1
    # The record's page now shows the number and date and links to the register entry.
    body = client.get(printing.record_url(kind, obj)).content.decode()
    assert f"Số {document.symbol} ngày {_date(on)}" in body
    assert reverse("documents-documentregister-detail", args=[document.pk]) in body
    assert f'href="{confirm_url}"' not in body


@pytest.mark.parametrize("code", sorted(printing.document_kinds()))
def test_a_role_without_issue_rights_sees_no_issue_button_and_is_refused(client, council, code):
    kind = printing.document_kind(code)
    obj = BUILDERS[code](council)
    confirm_url = printing.print_url(kind, obj.pk, confirm=True)
    client.force_login(persona("standing", council))

    page = client.get(printing.record_url(kind, obj))
    assert page.status_code in (200, 403)
    assert confirm_url not in page.content.decode()
    assert "Cấp số và in" not in page.content.decode()
    response = client.post(confirm_url, {"issued_on": _date(TODAY), "signer": SIGNER})
    assert response.status_code == 403
    assert not DocumentRegister.objects.exists()

"""The agency answering a forwarded letter reads, on its follow-up item, what it needs to act
(issue 23): the letter's content as the law lets it be read, the day it was forwarded, the
deadline's legal basis and the issued forwarding slip — which it may open, and only that copy.
A protected denouncer stays masked for it (it is not the letter's handler)."""

import datetime as dt

import pytest
from django.urls import reverse

from hdnd_portal.documents import printing
from hdnd_portal.followups.models import FollowUp
from petitions import services
from petitions.reports import FORWARDING_SLIP
from petitions.services import LETTER_FOLLOWUP
from tests.documents import pdftools
from tests.factories import AgencyFactory, persona
from tests.petitions.conftest import DENOUNCER, DENOUNCER_ID, new_letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(council, handler, agency, term, rules):
    letter = new_letter(
        council,
        handler,
        kind="complaint",
        subject="Khiếu nại quyết định thu hồi đất",
        content="Ông Hùng khiếu nại Quyết định số 12/QĐ-UBND về thu hồi 120 m² đất vườn.",
        complaint_round=1,
    )
    services.letter_forward(letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 11, 3))
    letter.refresh_from_db()
    return letter


def _slip(letter, handler):
    kind = printing.document_kind(FORWARDING_SLIP)
    entry, _created = printing.document_issue(
        kind=kind, obj=letter, user_id=handler.pk, on=letter.forwarded_on
    )
    return entry


def _item(letter):
    return FollowUp.objects.get(kind=LETTER_FOLLOWUP, source_id=letter.pk)


def test_the_agency_reads_the_complaint_its_slip_and_the_legal_basis(
    client, council, complaint, handler, agency
):
    slip = _slip(complaint, handler)
    client.force_login(persona("agency", council, agency=agency))
    page = client.get(reverse("followups-followup-detail", args=[_item(complaint).pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="source-panel"' in html
    assert "Quyết định số 12/QĐ-UBND về thu hồi 120 m² đất vườn" in html
    assert "Nguyễn Văn Hùng" in html  # a complainant is named to the body that decides
    assert "03/11/2026" in html
    assert 'id="rule-citation"' in html  # the deadline's legal basis
    slip_url = reverse("documents-print", args=[FORWARDING_SLIP, complaint.pk])
    assert f"{slip_url}?document={slip.pk}" in html

    pdf = client.get(slip_url, {"document": slip.pk})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    # The issued copy only: not the draft, not the issuing.
    assert client.get(slip_url).status_code == 403
    assert client.get(slip_url, {"issue": "confirm"}).status_code == 403
    assert client.post(slip_url, {"on": "03/11/2026"}).status_code == 403
    # And not the letter's own page (the agency is no reader of the letters' book).
    assert client.get(complaint.get_absolute_url()).status_code in (403, 404)


def test_another_agency_opens_neither_the_item_nor_the_slip(client, council, complaint, handler):
    slip = _slip(complaint, handler)
    other = AgencyFactory(council=council, name="Công an xã")
    client.force_login(persona("agency", council, username="ca-xa", agency=other))
    assert client.get(
        reverse("followups-followup-detail", args=[_item(complaint).pk])
    ).status_code in (403, 404)
    slip_url = reverse("documents-print", args=[FORWARDING_SLIP, complaint.pk])
    assert client.get(slip_url, {"document": slip.pk}).status_code == 403


def test_a_protected_denouncer_stays_masked_for_the_agency(
    client, council, denunciation, handler, agency, tmp_path
):
    slip = _slip(denunciation, handler)
    client.force_login(persona("agency", council, agency=agency))
    html = client.get(
        reverse("followups-followup-detail", args=[_item(denunciation).pk])
    ).content.decode()
    assert 'id="source-panel"' in html
    assert "giữ bí mật" in html
    for secret in (DENOUNCER, "Bảo Mật", DENOUNCER_ID, "0912345678"):
        assert secret not in html
    pdf = client.get(
        reverse("documents-print", args=[FORWARDING_SLIP, denunciation.pk]),
        {"document": slip.pk},
    )
    assert pdf.status_code == 200
    text = pdftools.text(pdftools.write(pdf.content, tmp_path, "slip.pdf"))
    assert "Bảo Mật" not in text and DENOUNCER_ID not in text

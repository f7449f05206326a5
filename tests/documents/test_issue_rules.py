"""The rules around "Cấp số và in" beyond the generated registry test: the number's year, one
number per forwarding slip, a resolution numbered on itself, a session gathering its documents."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hdnd_portal.documents import printing
from hdnd_portal.documents.models import DocumentRegister
from petitions import services as petition_services
from petitions.models import Letter
from tests.documents import records
from tests.factories import ExaminationFactory, ResolutionFactory, persona

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_layout(monkeypatch):
    monkeypatch.setattr(printing, "render_pdf", lambda name, ctx, **kw: b"%PDF-1.7 test")
    at = dt.datetime.combine(records.TODAY, dt.time(9), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(at, tick=False):
        yield


def _confirm(client, kind_code, obj, on, signer="Nguyễn Văn Ký"):
    kind = printing.document_kind(kind_code)
    return client.post(
        printing.print_url(kind, obj.pk, confirm=True),
        {"issued_on": on.strftime("%d/%m/%Y"), "signer": signer},
    )


def test_a_vote_held_in_2025_recorded_in_2026_is_numbered_in_2025s_series(client, council):
    """The issue's case: counting minutes of a vote held on 10/12/2025, recorded a year on."""
    vote = records.confidence_vote(council)
    vote.vote_date = dt.date(2025, 12, 10)
    vote.year = 2025
    vote.save(update_fields=["vote_date", "year"])
    # The 2026 series has already begun: the 2025 one starts apart from it.
    DocumentRegister.objects.create(
        council=council,
        type_code="BB",
        issuer_code="HĐND",
        year=2026,
        number=1,
        title="Biên bản khác",
        issued_on=dt.date(2026, 3, 1),
    )
    client.force_login(persona("staff", council))
    kind = printing.document_kind("supervision.confidence_minutes")

    form = client.get(printing.print_url(kind, vote.pk, confirm=True)).content.decode()
    assert 'value="10/12/2025"' in form  # the form offers the vote's day

    _confirm(client, kind.code, vote, dt.date(2025, 12, 10))
    document = DocumentRegister.objects.get(kind_code=kind.code)
    assert (document.year, document.number, document.issued_on) == (2025, 1, dt.date(2025, 12, 10))


def test_the_session_report_defaults_to_the_sessions_last_day(client, council):
    session = records.session(council)
    client.force_login(persona("staff", council))
    kind = printing.document_kind("meetings.session_report")
    form = client.get(printing.print_url(kind, session.pk, confirm=True)).content.decode()
    assert f'value="{session.end_date:%d/%m/%Y}"' in form
    assert "không được trước ngày này" in form


def test_a_resolution_issued_from_its_page_keeps_its_number_on_itself(client, council):
    resolution = records.resolution(council)
    client.force_login(persona("staff", council))
    page = client.get(resolution.get_absolute_url()).content.decode()
    kind = printing.document_kind("meetings.resolution")
    assert printing.print_url(kind, resolution.pk, confirm=True) in page

    _confirm(client, kind.code, resolution, records.EVENT)

    resolution.refresh_from_db()
    assert resolution.document.issued_on == records.EVENT
    assert resolution.document.signer == "Nguyễn Văn Ký"
    page = client.get(resolution.get_absolute_url()).content.decode()
    assert f"Nghị quyết số {resolution.document.symbol} ngày 10/12/2026" in page


def test_a_resolution_not_passed_is_not_offered_and_refused(client, council):
    resolution = ResolutionFactory(session=records.session(council))
    client.force_login(persona("staff", council))
    kind = printing.document_kind("meetings.resolution")
    confirm = printing.print_url(kind, resolution.pk, confirm=True)
    assert confirm not in client.get(resolution.get_absolute_url()).content.decode()
    response = _confirm(client, kind.code, resolution, records.EVENT)
    assert response.status_code == 400
    assert "Chỉ cấp số cho nghị quyết đã được biểu quyết thông qua." in response.content.decode()
    assert not DocumentRegister.objects.exists()


def test_the_forwarding_slip_has_one_number_the_registers(client, council):
    letter = records.forwarded_letter(council)
    Letter.objects.filter(pk=letter.pk).update(forward_document="22/PC-HĐND")  # typed before
    client.force_login(persona("staff", council))

    _confirm(client, "petitions.forwarding_slip", letter, records.EVENT)

    letter.refresh_from_db()
    slip = DocumentRegister.objects.get(kind_code="petitions.forwarding_slip")
    assert letter.forward_document == slip.symbol == "01/PC-HĐND"
    assert letter.forward_document_old == "22/PC-HĐND"  # kept, readable, never printed
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "01/PC-HĐND" in page and "Số cũ (nhập tay, không dùng)" in page
    changed = letter.history.filter(history_change_reason__contains="số cũ: 22/PC-HĐND").get()
    assert changed.forward_document == "01/PC-HĐND"


def test_a_typed_forwarding_number_is_refused(council):
    letter = records.forwarded_letter(council)
    Letter.objects.filter(pk=letter.pk).update(state=Letter.State.RECEIVED, agency=None)
    with pytest.raises(ValidationError) as refused:
        petition_services.letter_forward(
            letter=letter,
            agency=letter.agency or _agency(council),
            by_user=None,
            on=records.EVENT,
            document="22/PC-HĐND",
        )
    assert "Không nhập tay số văn bản chuyển đơn (22/PC-HĐND)" in str(refused.value)


def _agency(council):
    from councils.models import Agency

    return Agency.objects.filter(council=council).first()


def test_the_forward_form_has_no_typed_number(client, council):
    letter = records.forwarded_letter(council)
    Letter.objects.filter(pk=letter.pk).update(state=Letter.State.RECEIVED, agency=None)
    client.force_login(persona("staff", council))
    page = client.get(reverse("petitions-letter-forward", args=[letter.pk])).content.decode()
    assert "Số văn bản chuyển đơn" not in page


def test_the_session_page_gathers_its_documents_in_few_queries(client, council):
    session = records.session(council)
    ExaminationFactory(document__session=session, examined_on=records.EVENT)
    ExaminationFactory(document__session=session, examined_on=records.EVENT)
    resolutions = [
        ResolutionFactory(session=session, passed=True, voted_on=records.EVENT) for _ in range(3)
    ]
    vote = records.confidence_vote(council)
    vote.session = session
    vote.save(update_fields=["session"])
    client.force_login(persona("staff", council))
    _confirm(client, "meetings.resolution", resolutions[0], records.EVENT)

    with CaptureQueriesContext(connection) as few:
        page = client.get(session.get_absolute_url()).content.decode()
    assert 'id="session-documents"' in page
    for code in (
        "meetings.session_programme",
        "meetings.session_report",
        "voters.synthesis",
        "voters.answers",
    ):
        assert printing.print_url(printing.document_kind(code), session.pk) in page
    document = DocumentRegister.objects.get()
    assert f"Số {document.symbol} ngày 10/12/2026" in page
    for code in ("supervision.confidence_minutes", "supervision.confidence_resolution"):
        assert printing.print_url(printing.document_kind(code), vote.pk, confirm=True) in page
    ExaminationFactory(document__session=session, examined_on=records.EVENT)
    ResolutionFactory(session=session, passed=True, voted_on=records.EVENT)
    with CaptureQueriesContext(connection) as more:
        client.get(session.get_absolute_url())
    # Two more records on the page: no query per kind or per record for their issued copies.
    assert len(more) - len(few) <= 4

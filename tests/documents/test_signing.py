"""Issue 20.5: an issued copy signed electronically (PAdES, pyHanko), valid for poppler's
pdfsig, shown as the issued copy from then on; tampering is caught; one signature per copy."""

import datetime as dt
import hashlib
import shutil
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from hdnd_portal.documents import printing, signing
from hdnd_portal.documents.models import SignedCopy
from hdnd_portal.documents.services import document_number_issue
from tests.documents.signingdata import PDFSIG_VALID, QUARTERLY, issued_report, pdfsig
from tests.factories import persona

AT = dt.datetime(2026, 7, 6, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_material")]


@pytest.fixture(autouse=True)
def travel():
    with time_machine.travel(AT, tick=False):
        yield


@pytest.fixture
def pdfsig_tool():
    if shutil.which("pdfsig") is None:
        pytest.fail("pdfsig missing: apt-get install poppler-utils", pytrace=False)


def sign(client, entry, **extra):
    return client.post(
        reverse("documents-register-sign", args=[entry.pk]), {"confirmed": "1", **extra}
    )


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_clerk_signs_an_issued_report_and_pdfsig_finds_the_signature_valid(
    client, council, tmp_path, pdfsig_tool
):
    entry, report = issued_report(council)
    client.force_login(persona("staff", council))
    detail = client.get(entry.get_absolute_url()).content.decode()
    assert "Ký số" in detail and "Đã ký số lúc" not in detail

    # The first POST only asks for a confirmation; nothing is signed yet.
    confirm = client.post(reverse("documents-register-sign", args=[entry.pk]))
    assert "không ký lại được" in confirm.content.decode()
    assert not SignedCopy.objects.exists()

    response = sign(client, entry)
    assert response.status_code == 302
    copy = SignedCopy.objects.get(document=entry)
    data = copy.file.read()
    assert hashlib.sha256(data).hexdigest() == copy.sha256
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    said = pdfsig(path)
    assert PDFSIG_VALID in said, said
    assert "Hội đồng nhân dân xã Phúc Lộc" in said  # the certificate's common name

    detail = client.get(entry.get_absolute_url()).content.decode()
    assert "Đã ký số lúc 09:30 ngày 06/07/2026" in detail
    assert "chữ ký hợp lệ" in detail and "không hợp lệ" not in detail
    assert "Kiểm tra lại chữ ký" in detail

    # From then on the issued copy is the signed file.
    kind = printing.document_kind(QUARTERLY)
    issued = client.get(printing.print_url(kind, report.pk, document=entry))
    assert b"".join(issued.streaming_content) == data


def test_the_visible_signature_sits_on_the_signers_space_of_the_last_page(council, tmp_path):
    entry, _report = issued_report(council)
    from hdnd_portal.documents import electronic
    from hdnd_portal.documents.engine import render_document

    kind, obj = printing.document_kind(QUARTERLY), entry.source
    context = printing.document_context(kind=kind, obj=obj, access=None, document=entry)
    context["electronic"] = True
    placement, (width, height) = signing.locate(render_document(kind.template, context))
    assert placement is not None
    x1, y1, x2, y2 = placement.box
    # The signer's column is the right half of the page, above its bottom margin.
    assert width / 2 < (x1 + x2) / 2 < width and 0 < y1 < y2 < height
    assert electronic  # the command module renders with the same context


def test_a_tampered_file_is_reported_invalid(client, council):
    entry, _report = issued_report(council)
    client.force_login(persona("staff", council))
    sign(client, entry)
    copy = SignedCopy.objects.get()
    data = copy.file.read()
    assert signing.signature_check(data).valid

    # One byte of the signed text changed (the document's title in its metadata, say).
    at = data.index(b"/Producer")
    tampered = data[:at] + b"/Producex" + data[at + len(b"/Producer") :]
    check = signing.signature_check(tampered)
    assert not check.valid
    assert "đã bị thay đổi" in check.summary

    # The stored file altered behind the portal's back: the re-check says so on the page.
    with copy.file.storage.open(copy.file.name, "wb") as handle:
        handle.write(tampered)
    response = client.post(
        reverse("documents-register-signature-check", args=[entry.pk]), follow=True
    )
    body = response.content.decode()
    assert "chữ ký không hợp lệ" in body
    assert any("đã bị thay đổi" in m for m in messages_of(response))
    copy.refresh_from_db()
    assert copy.valid is False


def test_signing_twice_keeps_the_one_signed_copy(client, council):
    entry, _report = issued_report(council)
    client.force_login(persona("staff", council))
    sign(client, entry)
    first = SignedCopy.objects.get()
    second = sign(client, entry)
    assert SignedCopy.objects.count() == 1
    assert SignedCopy.objects.get().sha256 == first.sha256
    assert any("không ký lần thứ hai" in m for m in messages_of(second))


@pytest.mark.parametrize("role", ["standing", "committee", "leadership", "city"])
def test_a_role_that_may_not_issue_cannot_sign(client, council, role):
    entry, _report = issued_report(council)
    client.force_login(persona(role, council))
    assert "Ký số" not in client.get(entry.get_absolute_url()).content.decode()
    assert sign(client, entry).status_code == 403
    assert not SignedCopy.objects.exists()


def test_another_councils_entry_is_not_found(client, council, other_council):
    entry, _report = issued_report(other_council)
    client.force_login(persona("staff", council))
    assert sign(client, entry).status_code == 404


def test_an_entry_typed_by_hand_has_no_copy_to_sign(client, council):
    """Only an issued copy the portal prints can be signed: a draft has no register entry at
    all, and an entry typed into the register by hand has no printed copy."""
    entry = document_number_issue(
        council=council, type_code="BC", issued_on=AT.date(), title="Báo cáo vào sổ bằng tay"
    )
    client.force_login(persona("staff", council))
    assert "Ký số" not in client.get(entry.get_absolute_url()).content.decode()
    response = sign(client, entry)
    assert response.status_code == 302
    assert any("không có bản để ký số" in m for m in messages_of(response))
    assert not SignedCopy.objects.exists()


def test_a_draft_stays_unsigned(client, council):
    """The draft print of a record not issued yet is the plain "DỰ THẢO" render."""
    from tests.meetings_prep.factories import QuarterlyReportFactory

    report = QuarterlyReportFactory(council=council, year=2026, quarter=2)
    client.force_login(persona("staff", council))
    kind = printing.document_kind(QUARTERLY)
    draft = client.get(printing.print_url(kind, report.pk))
    assert draft.status_code == 200
    assert b"/ByteRange" not in draft.content
    assert not SignedCopy.objects.exists()


def test_without_a_certificate_signing_is_refused_in_words(client, council, settings, tmp_path):
    settings.DOCUMENT_SIGNING_PKCS12 = str(tmp_path / "none.p12")
    entry, _report = issued_report(council)
    client.force_login(persona("staff", council))
    response = sign(client, entry)
    assert any("Chưa có chứng thư số" in m for m in messages_of(response))
    assert not SignedCopy.objects.exists()


def test_another_validly_signed_file_in_its_place_is_not_the_signed_copy(client, council):
    first, _r = issued_report(council, quarter=1)
    second, _r = issued_report(council, quarter=2)
    client.force_login(persona("staff", council))
    sign(client, first)
    sign(client, second)
    copy = SignedCopy.objects.get(document=first)
    other = SignedCopy.objects.get(document=second).file.read()
    with copy.file.storage.open(copy.file.name, "wb") as handle:
        handle.write(other)
    client.post(reverse("documents-register-signature-check", args=[first.pk]))
    copy.refresh_from_db()
    assert copy.valid is False and "mã băm khác" in copy.check_summary

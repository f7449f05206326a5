"""A denouncer's identity is shown only to the users handling the letter (Luật Tố cáo Art. 8.3,
47.2, 56): every other role reads "Người tố cáo (được bảo mật)" on every output, and every
showing of the identity is logged and visible to the Standing Committee."""

import datetime as dt
import io
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from hdnd_portal.core.text import fold
from hdnd_portal.followups.reminders import run_reminders
from petitions.models import MASKED_DENOUNCER, IdentityAccess, PetitionReport
from tests.factories import persona
from tests.petitions.conftest import DENOUNCER, DENOUNCER_ID

pytestmark = pytest.mark.django_db

OTHER_ROLES = ["staff", "standing", "committee", "delegate", "leadership", "agency", "city"]


def _text(response) -> str:
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        return subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode()
    if "spreadsheet" in kind:
        book = load_workbook(io.BytesIO(response.content))
        return " ".join(
            str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
        )
    if "wordprocessing" in kind:
        doc = Document(io.BytesIO(response.content))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        return " ".join([p.text for p in doc.paragraphs] + cells)
    return response.content.decode()


def _assert_masked(text: str, where: str) -> None:
    for variant in ("Lê Thị Bảo Mật", "Le Thi Bao Mat", "LÊ THỊ BẢO MẬT"):
        assert variant not in text, f"{where} shows {variant!r}"
    assert "le thi bao mat" not in fold(text), f"{where} shows the denouncer (folded)"
    assert DENOUNCER_ID not in text, f"{where} shows the identity number"
    assert "0912345678" not in text, f"{where} shows the phone"


def _outputs(denunciation, report):
    letter, reception = denunciation, denunciation.reception
    item = letter_item(letter)
    yield from [
        reverse("home"),
        reverse("petitions-letter-list"),
        reverse("petitions-letter-list") + "?format=xlsx",
        reverse("petitions-letter-list") + "?q=bao+mat",
        reverse("petitions-reception-list"),
        reverse("petitions-reception-list") + "?format=xlsx",
        reverse("petitions-reception-list") + "?q=le+thi",
        reverse("petitions-letter-detail", args=[letter.pk]),
        reverse("petitions-letter-history", args=[letter.pk]),
        reverse("petitions-letter-update", args=[letter.pk]),
        reverse("petitions-reception-detail", args=[reception.pk]),
        reverse("petitions-reception-history", args=[reception.pk]),
        reverse("petitions-reception-update", args=[reception.pk]),
        reverse("petitions-identityaccess-list"),
        reverse("petitions-shortfall"),
        reverse("petitions-petitionreport-detail", args=[report.pk]),
        reverse("core-search") + "?q=Lê+Thị+Bảo+Mật",
        reverse("core-search") + "?q=bao+mat",
        reverse("core-search") + "?q=" + DENOUNCER_ID,
        "/api/v1/letters/",
        f"/api/v1/letters/{letter.pk}/",
        "/api/v1/letters/?q=bao+mat",
        "/api/v1/receptions/",
        f"/api/v1/receptions/{reception.pk}/",
        "/api/v1/followups/",
        f"/api/v1/followups/{item.pk}/",
        reverse("followups-inbox") + "?state=all",
        reverse("followups-followup-detail", args=[item.pk]),
        reverse("notifications-list"),
        reverse("documents-print", args=["petitions.forwarding_slip", letter.pk]),
        reverse("documents-print", args=["petitions.forwarding_slip", letter.pk]) + "?format=docx",
        reverse("documents-print", args=["petitions.reception_log", report.pk]),
        reverse("documents-print", args=["petitions.reception_log", report.pk]) + "?format=docx",
        reverse("documents-print", args=["petitions.periodic_report", report.pk]),
        reverse("councils-delegate-detail", args=[reception.receivers.get().pk]),
    ]


def letter_item(letter):
    from petitions.services import letter_main_followup

    return letter_main_followup(letter)


@pytest.fixture
def report(council):
    return PetitionReport.objects.create(
        council=council,
        title="Năm 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_no_other_role_finds_the_denouncer_in_any_output(
    client, council, denunciation, report, role
):
    # The reminder job has run: notifications and e-mails exist for the follow-up.
    user = persona(role, council)
    run_reminders(today=letter_item(denunciation).due_date + dt.timedelta(days=1))
    client.force_login(user)
    fetched = 0
    for url in _outputs(denunciation, report):
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code == 200:
            text = _text(response)
            query = parse_qs(urlsplit(url).query).get("q", [""])[0]
            if query:
                text = text.replace(query, "")  # the search box shows what was typed
            _assert_masked(text, f"{role} {url}")
            fetched += 1
    assert fetched >= (6 if role == "agency" else 25)
    for message in mail.outbox:
        _assert_masked(message.subject + message.body, f"e-mail to {message.to}")
    assert not IdentityAccess.objects.filter(user=user).exists()


def test_the_masked_pages_say_the_identity_is_protected(client, council, denunciation):
    client.force_login(persona("leadership", council))
    body = client.get(denunciation.get_absolute_url()).content.decode()

    assert MASKED_DENOUNCER in body
    assert "được bảo mật" in body


def test_the_handler_sees_the_denouncer_and_each_showing_is_logged(client, handler, denunciation):
    client.force_login(handler)
    body = client.get(denunciation.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/letters/{denunciation.pk}/").json()
    slip = _text(
        client.get(reverse("documents-print", args=["petitions.forwarding_slip", denunciation.pk]))
    )

    assert DENOUNCER in body and DENOUNCER_ID in body
    assert api["sender_name"] == DENOUNCER
    assert DENOUNCER in slip
    log = list(IdentityAccess.objects.filter(user=handler, letter=denunciation))
    assert {entry.purpose for entry in log} == {"page", "api", "print"}
    assert any(entry.page == denunciation.get_absolute_url() for entry in log)


def test_a_list_masks_the_denouncer_even_for_the_handler(client, handler, denunciation):
    client.force_login(handler)
    body = client.get(reverse("petitions-letter-list")).content.decode()

    assert DENOUNCER not in body
    assert MASKED_DENOUNCER in body


def test_the_standing_committee_reads_the_access_log(client, council, handler, denunciation):
    client.force_login(handler)
    client.get(denunciation.get_absolute_url())
    client.force_login(persona("standing", council))

    body = client.get(reverse("petitions-identityaccess-list")).content.decode()

    assert handler.username in body or (handler.get_full_name() and handler.get_full_name() in body)
    assert str(denunciation) in body


@pytest.mark.parametrize("role", ["staff", "committee", "delegate", "leadership", "agency"])
def test_only_the_standing_committee_and_admins_open_the_access_log(client, council, role):
    client.force_login(persona(role, council))

    assert client.get(reverse("petitions-identityaccess-list")).status_code == 403


def test_the_chair_assigns_a_handler_who_then_sees_the_identity(client, council, denunciation):
    other = persona("staff", council, username="can-bo-moi")
    client.force_login(persona("standing", council))
    response = client.post(
        reverse("petitions-letter-assign", args=[denunciation.pk]), {"handlers": [other.pk]}
    )
    assert response.status_code == 302

    client.force_login(other)
    assert DENOUNCER in client.get(denunciation.get_absolute_url()).content.decode()


def test_the_search_text_never_holds_the_denouncer(denunciation):
    assert "bao mat" not in denunciation.search_text
    assert "bao mat" not in denunciation.reception.search_text


def test_identity_numbers_are_encrypted_at_rest(denunciation):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sender_id_number FROM petitions_letter WHERE id = %s", [denunciation.pk]
        )
        stored = cursor.fetchone()[0]
    assert stored.startswith("f1:")
    assert DENOUNCER_ID not in stored
    denunciation.refresh_from_db()
    assert denunciation.sender_id_number == DENOUNCER_ID


def test_a_rotated_key_still_reads_old_numbers_and_a_lost_key_raises(settings):
    from petitions.crypto import DecryptionError, decrypt, encrypt

    settings.FIELD_ENCRYPTION_KEY = "old-key"
    token = encrypt("001086012323")
    settings.FIELD_ENCRYPTION_KEY = "new-key,old-key"
    assert decrypt(token) == "001086012323"
    assert encrypt("001086012323") != token
    settings.FIELD_ENCRYPTION_KEY = "new-key"
    with pytest.raises(DecryptionError):
        decrypt(token)

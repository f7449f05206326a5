"""Rotating FIELD_ENCRYPTION_KEY (README "Production"): the old key in FIELD_ENCRYPTION_KEYS_OLD
keeps every number readable and findable, `reencrypt_fields --apply` moves records and history to
the new key, then the old key goes. A value no key decrypts fails loudly, never reads as blank."""

import io
import json
import logging

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from petitions.crypto import DecryptionError, blind_index, encrypt, key_index
from petitions.models import Letter, Reception
from tests.petitions.conftest import DENOUNCER_ID, new_letter

pytestmark = pytest.mark.django_db

NUMBER = "001086012323"
OLD, NEW = "the-old-field-key-" + "o" * 20, "the-new-field-key-" + "n" * 20


def _raw(table: str, column: str, pk: int, pk_column: str = "id") -> str:
    """The stored token, as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE {pk_column} = %s", [pk])
        return cursor.fetchone()[0]


def _reencrypt(*args) -> str:
    out = io.StringIO()
    call_command("reencrypt_fields", *args, stdout=out)
    return out.getvalue()


def _exported(client) -> list[str]:
    response = client.post(reverse("petitions-citizen-export"), {"query": NUMBER})
    return sorted(x["so"] for x in json.loads(response.content)["letters"])


@pytest.fixture
def old_key(settings):
    """Everything the test writes before the rotation is under OLD (requested first)."""
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_KEYS_OLD = OLD, []


def test_a_rotation_reads_finds_reencrypts_then_drops_the_old_key(
    old_key, settings, client, council, handler, denunciation
):
    client.force_login(handler)
    letter = new_letter(council, handler)
    letter.sender_address = "Thôn Thượng"
    letter.save()  # a second history row
    reception = denunciation.reception
    assert key_index(_raw("petitions_reception", "citizen_id_number", reception.pk)) == 0

    # 1. Rotate: the new key encrypts, the old one still decrypts and still finds.
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_KEYS_OLD = NEW, [OLD]
    assert Letter.objects.get(pk=letter.pk).sender_id_number == NUMBER
    assert {h.sender_id_number for h in letter.history.all()} == {NUMBER}
    assert _exported(client) == [letter.code]  # found by the old key's hash
    again = new_letter(council, handler, sender_name="Nguyen Van Hung")
    assert again.duplicate_of_id == letter.pk  # matched on the old key's hash
    assert key_index(_raw("petitions_letter", "sender_id_number", again.pk)) == 0

    # 2. The dry run counts what is left under the old key, and writes nothing.
    dry = _reencrypt()
    assert "petitions.Letter: " in dry and "petitions.HistoricalLetter: " in dry
    assert "Thêm --apply" in dry
    assert key_index(_raw("petitions_letter", "sender_id_number", letter.pk)) == 1

    # 3. Re-encrypt records and history; hashes follow; history gains no row.
    history_rows = letter.history.count()
    assert "Đã ghi lại" in _reencrypt("--apply")
    assert key_index(_raw("petitions_letter", "sender_id_number", letter.pk)) == 0
    assert key_index(_raw("petitions_reception", "citizen_id_number", reception.pk)) == 0
    for h in letter.history.all():
        token = _raw("petitions_historicalletter", "sender_id_number", h.pk, "history_id")
        assert key_index(token) == 0
    assert letter.history.count() == history_rows
    assert "có thể bỏ khóa cũ" in _reencrypt()

    # 4. Drop the old key: everything reads, and finds, with the new key alone.
    settings.FIELD_ENCRYPTION_KEYS_OLD = []
    letter.refresh_from_db()
    assert letter.sender_id_number == NUMBER
    assert letter.sender_id_hash == blind_index(NUMBER)
    assert Reception.objects.get(pk=reception.pk).citizen_id_number == DENOUNCER_ID
    assert {h.sender_id_number for h in letter.history.all()} == {NUMBER}
    assert _exported(client) == sorted([letter.code, again.code])


def _tamper(letter):
    """The letter's number as if written under a key the portal no longer has."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE petitions_letter SET sender_id_number = %s WHERE id = %s",
            [_under_lost_key(), letter.pk],
        )


def _under_lost_key() -> str:
    from django.test import override_settings

    with override_settings(FIELD_ENCRYPTION_KEY="a-key-nobody-kept-" + "x" * 20):
        return encrypt(NUMBER)


def test_a_number_no_key_decrypts_raises_naming_the_field(council, handler):
    letter = new_letter(council, handler)
    _tamper(letter)

    with pytest.raises(DecryptionError, match=r"petitions\.Letter\.sender_id_number"):
        Letter.objects.get(pk=letter.pk)


def test_a_page_with_a_number_no_key_decrypts_shows_the_error_page_not_a_blank(
    client, council, handler, caplog
):
    letter = new_letter(council, handler)
    _tamper(letter)
    client.force_login(handler)
    client.raise_request_exception = False

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(reverse("petitions-letter-detail", args=[letter.pk]))

    assert response.status_code == 500
    assert "Hệ thống gặp lỗi khi xử lý yêu cầu" in response.content.decode()
    assert NUMBER not in response.content.decode()
    assert "petitions.Letter.sender_id_number" in caplog.text


def test_the_reencryption_stops_on_a_number_no_key_decrypts_and_writes_nothing(
    old_key, settings, council, handler
):
    good = new_letter(council, handler)
    bad = new_letter(council, handler, subject="Khác hẳn", content="Nội dung khác hẳn.")
    _tamper(bad)
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_KEYS_OLD = NEW, [OLD]

    with pytest.raises(CommandError, match=rf"petitions\.Letter #{bad.pk}, sender_id_number"):
        _reencrypt("--apply")
    assert key_index(_raw("petitions_letter", "sender_id_number", good.pk)) == 1

"""Issue 21, item 2: the duplicate check is no oracle of a denouncer's identity.

A new letter of the same sender as a protected one is still linked to it (its handlers see the
link both ways), but anyone else reads only "Có thể trùng với một đơn do Văn phòng xử lý": no
number, no kind, no link, on the page, the API and the Excel export; every such match is a row
of the identity access log."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from petitions.models import IdentityAccess, Kind
from petitions.selectors import POSSIBLE_DUPLICATE
from tests.factories import persona
from tests.petitions.conftest import (
    DENOUNCER,
    DENOUNCER_ID,
    OTHER_ROLES,
    assert_denouncer_nowhere,
    new_letter,
    outputs_of,
)

pytestmark = pytest.mark.django_db

SUBJECT = "Tố cáo cán bộ thu tiền trái quy định"


def _probe_form(**values) -> dict:
    data = {
        "source": "post",
        "received_on": "25/11/2026",
        "kind": "complaint",
        "sender_name": DENOUNCER,
        "group_size": 1,
        "subject": SUBJECT,
        "content": SUBJECT,
        "complaint_round": 1,
        "complexity": "normal",
        "eligible": "on",
    }
    data.update(values)
    return data


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _links(body: str, letter) -> bool:
    """Whether a page names ``letter`` or links to it."""
    return f'href="{letter.get_absolute_url()}"' in body or str(letter) in body


def _export_duplicates(client) -> dict:
    """The letter export's "Trùng với" cell of each letter, by its number."""
    response = client.get(reverse("petitions-letter-list"), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if "Trùng với" in row)
    header = rows[at]
    return {row[header.index("Số")]: row[header.index("Trùng với")] or "" for row in rows[at + 1 :]}


def _assert_unlinked_for_others(client, council, denunciation, other):
    """Every role but the handlers: neither letter's page, API record or export row ties the
    two together."""
    for role in OTHER_ROLES:
        if role == "agency":
            continue  # agencies open no letter at all
        user = persona(role, council, username=f"doc-{role}")
        client.force_login(user)
        api = _api(user)
        for page_of, target in ((other, denunciation), (denunciation, other)):
            body = client.get(page_of.get_absolute_url()).content.decode()
            assert not _links(body, target), f"{role}: {page_of} names {target}"
            detail = api.get(f"/api/v1/letters/{page_of.pk}/").json()
            assert detail["duplicate_of"] is None, role
        assert POSSIBLE_DUPLICATE in client.get(other.get_absolute_url()).content.decode()
        exported = _export_duplicates(client)
        assert denunciation.code not in exported.values() and other.code not in exported.values()
        rows = api.get("/api/v1/letters/").json()["results"]
        assert {r["id"]: r["duplicate_of"] for r in rows} == {denunciation.pk: None, other.pk: None}


def test_a_delegates_probe_by_a_guessed_name_learns_no_number_kind_or_link(
    client, council, handler, denunciation
):
    delegate = persona("delegate", council, username="dai-bieu-do-tim")
    client.force_login(delegate)

    response = client.post(reverse("petitions-letter-create"), _probe_form(), follow=True)

    body = response.content.decode()
    probe = response.context["object"]
    assert POSSIBLE_DUPLICATE in body
    assert not _links(body, denunciation) and "(tố cáo)" not in body
    assert probe.duplicate_of == denunciation  # kept for the handlers
    entry = IdentityAccess.objects.get(purpose="duplicate")
    assert (entry.user, entry.letter, entry.page) == (
        delegate,
        denunciation,
        probe.get_absolute_url(),
    )
    assert "người vào sổ không xử lý đơn này" in entry.detail
    _assert_unlinked_for_others(client, council, denunciation, probe)
    # The handler sees the match both ways.
    client.force_login(handler)
    assert _links(client.get(denunciation.get_absolute_url()).content.decode(), probe)
    assert _links(client.get(probe.get_absolute_url()).content.decode(), denunciation)


def test_a_probe_by_a_guessed_identity_number_through_the_api_is_logged_and_masked(
    client, council, handler, denunciation
):
    delegate = persona("delegate", council, username="dai-bieu-api")

    response = _api(delegate).post(
        "/api/v1/letters/",
        {
            **_probe_form(sender_name="Nguyễn Văn Dò", sender_id_number=DENOUNCER_ID),
            "received_on": "2026-11-25",
            "eligible": True,
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["duplicate_of"] is None
    assert answer["duplicate_note"] == POSSIBLE_DUPLICATE
    probe = denunciation.duplicates.get()
    assert IdentityAccess.objects.filter(
        purpose="duplicate", user=delegate, letter=denunciation
    ).exists()
    # No role reads the denouncer in the lists, exports, search and the two letters' pages.
    assert_denouncer_nowhere(client, council, outputs_of(denunciation))
    assert_denouncer_nowhere(client, council, outputs_of(probe), id_number=False)


def test_the_office_links_the_denouncers_own_complaint_only_for_the_handlers(
    client, council, handler, denunciation
):
    complaint = new_letter(
        council,
        handler,
        kind=Kind.COMPLAINT,
        sender_name=DENOUNCER,
        sender_id_number=DENOUNCER_ID,
        subject=SUBJECT,
        content=SUBJECT,
    )

    assert complaint.duplicate_of == denunciation
    entry = IdentityAccess.objects.get(purpose="duplicate")
    assert entry.user == handler and "không xử lý" not in entry.detail
    _assert_unlinked_for_others(client, council, denunciation, complaint)
    client.force_login(handler)
    api = _api(handler)
    assert api.get(f"/api/v1/letters/{complaint.pk}/").json()["duplicate_of"] == denunciation.pk
    body = client.get(denunciation.get_absolute_url()).content.decode()
    assert "Đơn trùng với đơn này" in body and _links(body, complaint)
    # Lists and exports stay masked for the handler too.
    assert _export_duplicates(client)[complaint.code] == POSSIBLE_DUPLICATE


def test_a_denunciation_matching_an_earlier_complaint_does_not_point_at_it(
    client, council, handler, term, rules
):
    complaint = new_letter(
        council,
        handler,
        kind=Kind.COMPLAINT,
        sender_name=DENOUNCER,
        subject=SUBJECT,
        content=SUBJECT,
    )
    denunciation = new_letter(
        council,
        handler,
        kind=Kind.DENUNCIATION,
        sender_name=DENOUNCER,
        subject=SUBJECT,
        content=SUBJECT,
    )

    assert denunciation.duplicate_of == complaint
    assert not IdentityAccess.objects.exists()  # the match was not against a protected letter
    client.force_login(persona("standing", council, username="chu-tich-doc"))
    assert not _links(client.get(denunciation.get_absolute_url()).content.decode(), complaint)
    assert "Đơn trùng với đơn này" not in client.get(complaint.get_absolute_url()).content.decode()

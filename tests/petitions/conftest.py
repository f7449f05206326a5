import datetime as dt
import itertools

import pytest
from django.core.management import call_command

from councils.models import Agency
from petitions import services
from petitions.models import Kind, Letter, Reception
from tests.factories import AgencyFactory, DelegateFactory, TermFactory, persona

DENOUNCER = "Lê Thị Bảo Mật"
VARIANTS = ("Lê Thị Bảo Mật", "Le Thi Bao Mat", "LÊ THỊ BẢO MẬT", "le thi bao mat", "Bảo Mật")
DENOUNCER_ID = "001186004321"


@pytest.fixture
def rules(db):
    call_command("seed_legal_rules", stdout=__import__("io").StringIO())


@pytest.fixture
def agency(council):
    """The commune UBND: its chair decides complaints, so letters of every kind go to it."""
    return AgencyFactory(
        council=council, name="Ủy ban nhân dân xã", kind=Agency.Kind.UBND, decides_complaints=True
    )


@pytest.fixture
def term(council):
    return TermFactory(council=council)


@pytest.fixture
def handler(council):
    """The Office user who received the denunciation and handles it."""
    return persona("staff", council, username="can-bo-xu-ly")


def new_letter(council, by_user, **fields):
    values = {
        "source": Letter.Source.POST,
        "received_on": dt.date(2026, 11, 2),
        "kind": Kind.PETITION,
        "sender_name": "Nguyễn Văn Hùng",
        "sender_id_number": "001086012323",
        "sender_address": "Thôn Hạ",
        "subject": "Kiến nghị sửa đường thôn Hạ",
        "content": "Đường thôn Hạ bị sạt lở sau mưa lũ, đề nghị sửa chữa.",
    }
    values.update(fields)
    return services.letter_register(letter=Letter(council=council, **values), by_user=by_user)


@pytest.fixture
def denunciation(council, handler, agency, term, rules):
    """The demo's protected denunciation: a reception by the handler, its letter forwarded."""
    delegate = DelegateFactory(term=term, full_name="Đinh Công Tiếp")
    reception = Reception(
        council=council,
        received_on=dt.date(2026, 11, 20),
        place="Trụ sở HĐND và UBND xã",
        citizen_name=DENOUNCER,
        citizen_id_number=DENOUNCER_ID,
        citizen_address="Thôn Đông",
        kind=Kind.DENUNCIATION,
        content="Tố cáo cán bộ thu tiền trái quy định",
        outcome=Reception.Outcome.ACCEPTED,
    )
    services.reception_record(
        reception=reception,
        by_user=handler,
        receivers=[delegate],
        letter_subject="Tố cáo cán bộ thu tiền trái quy định",
    )
    letter = reception.letters.get()
    letter.sender_phone = "0912345678"
    letter.save()
    services.letter_forward(letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 11, 21))
    letter.refresh_from_db()
    return letter


# -- issue 21: every output of every role that does not handle the denunciation ----------------

_SWEEPS = itertools.count(1)
OTHER_ROLES = ("staff", "standing", "committee", "delegate", "leadership", "agency", "city")
DENOUNCER_PHONE = "0912345678"


def output_text(response) -> str:
    """What a reader reads in a page, a JSON answer or an Excel export."""
    if "spreadsheet" in response.get("Content-Type", ""):
        import io

        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.content))
        return " ".join(
            str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
        )
    return response.content.decode()


def outputs_of(letter, *others) -> list[str]:
    """The list page, detail page, API list and detail, Excel export, top-bar search and history
    page of ``letter`` (and its reception), and the detail pages of ``others``."""
    from django.urls import reverse

    urls = [
        reverse("petitions-letter-list"),
        reverse("petitions-letter-list") + "?format=xlsx",
        reverse("petitions-letter-list") + "?q=bao+mat",
        reverse("petitions-letter-detail", args=[letter.pk]),
        reverse("petitions-letter-history", args=[letter.pk]),
        reverse("petitions-letter-update", args=[letter.pk]),
        "/api/v1/letters/",
        f"/api/v1/letters/{letter.pk}/",
        reverse("core-search") + "?q=Lê+Thị+Bảo+Mật",
        reverse("core-search") + "?q=bao+mat",
        reverse("core-search") + "?q=" + DENOUNCER_ID,
    ]
    if letter.reception_id:
        urls += [
            reverse("petitions-reception-list"),
            reverse("petitions-reception-list") + "?format=xlsx",
            reverse("petitions-reception-detail", args=[letter.reception_id]),
            reverse("petitions-reception-history", args=[letter.reception_id]),
            "/api/v1/receptions/",
            f"/api/v1/receptions/{letter.reception_id}/",
        ]
    for other in others:
        urls += [other.get_absolute_url(), f"/api/v1/letters/{other.pk}/"]
    return urls


def assert_denouncer_nowhere(client, council, urls, *, roles=OTHER_ROLES, id_number=True):
    """Log in as each role in turn and read every URL: no name (with or without diacritics,
    in capitals), no phone, no identity number (``id_number``) of the denouncer. Returns how many
    outputs each role could open."""
    from urllib.parse import parse_qs, urlsplit

    from hdnd_portal.core.text import fold
    from tests.factories import persona

    opened = {}
    sweep = next(_SWEEPS)
    for role in roles:
        client.force_login(persona(role, council, username=f"sweep{sweep}-{role}"))
        opened[role] = 0
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, url
            if response.status_code != 200:
                continue
            text = output_text(response)
            query = parse_qs(urlsplit(url).query).get("q", [""])[0]
            if query:
                text = text.replace(query, "")  # the search box shows what was typed
            where = f"{role} {url}"
            for variant in ("Lê Thị Bảo Mật", "Le Thi Bao Mat", "LÊ THỊ BẢO MẬT"):
                assert variant not in text, f"{where} shows {variant!r}"
            assert "le thi bao mat" not in fold(text), f"{where} shows the denouncer"
            assert DENOUNCER_PHONE not in text, f"{where} shows the phone"
            if id_number:
                assert DENOUNCER_ID not in text, f"{where} shows the identity number"
            opened[role] += 1
    return opened

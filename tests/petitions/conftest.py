import datetime as dt

import pytest
from django.core.management import call_command

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
    return AgencyFactory(council=council, name="Ủy ban nhân dân xã")


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
    services.letter_forward(
        letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 11, 21), document="5/PC"
    )
    letter.refresh_from_db()
    return letter

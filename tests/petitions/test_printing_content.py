"""The printed kinds of citizen reception and letters read as a commune writes them (issue 20,
item 4; DOCUMENTS.md §5): the reception log is a register book on A4 landscape, the forwarding
slip cites the laws and is signed for the Chair, the periodic report assesses and plans."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from councils.models import Committee, Membership
from petitions.models import PetitionReport
from tests.documents import pdftools
from tests.factories import CommitteeFactory, DelegateFactory, MembershipFactory, persona
from tests.petitions.conftest import DENOUNCER, DENOUNCER_ID, new_letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(council):
    return PetitionReport.objects.create(
        council=council,
        title="Quý IV/2026",
        period_start=dt.date(2026, 10, 1),
        period_end=dt.date(2026, 12, 31),
    )


def _read(client, kind, pk, tmp_path, **kwargs):
    response = client.get(reverse("documents-print", args=[kind, pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = pdftools.write(response.content, tmp_path, f"{kind}.pdf")
    return path, pdftools.text(path, **kwargs)


def _recipients(text: str) -> list[str]:
    lines = text.split("Nơi nhận:", 1)[1].splitlines()
    left = (re.split(r"\s{2,}", line.strip())[0] for line in lines)
    return [item[2:] for item in left if item.startswith("- ")]


def test_the_reception_log_is_a_landscape_register_book_with_its_letterhead(
    client, handler, denunciation, quarter, tmp_path
):
    client.force_login(handler)
    path, text = _read(client, "petitions.reception_log", quarter.pk, tmp_path)

    width, height = pdftools.page_sizes(path)[0]
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    assert "HĐND XÃ PHÚC LỘC" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "SỔ TIẾP CÔNG DÂN" in text
    # A book, not a dispatch: no number line, no "Nơi nhận".
    assert "Số:" not in text and "/DS-HĐND" not in text and "Nơi nhận" not in text
    # The HĐND receives and forwards; it never accepts a case for resolution.
    assert "thụ lý" not in text.lower()
    assert "Tiếp nhận, xem xét theo thẩm quyền" in " ".join(text.split())


def test_the_reception_logs_columns_fit_inside_the_page(
    client, handler, denunciation, quarter, tmp_path
):
    client.force_login(handler)
    path, _text = _read(client, "petitions.reception_log", quarter.pk, tmp_path)
    width, height = pdftools.page_sizes(path)[0]
    # Only what lies inside the right margin (15 mm) is read: every column, the last included.
    inside = pdftools.text(
        path, first=1, last=1, crop=(0, 0, int(width - 15 * 72 / 25.4), int(height))
    )
    flat = " ".join(inside.split())
    for header in (
        "STT",
        "Ngày tiếp",
        "CCCD/Hộ chiếu",
        "Hướng xử lý",
        "Theo dõi kết quả",
        "Ghi chú",
    ):
        assert header in flat, header


def test_the_reception_log_keeps_the_denouncer_masked_for_others(
    client, council, handler, denunciation, quarter, tmp_path
):
    client.force_login(persona("standing", council, username="chu-tich-log"))
    _path, text = _read(client, "petitions.reception_log", quarter.pk, tmp_path)
    assert DENOUNCER not in text and DENOUNCER_ID not in text


def test_the_forwarding_slip_cites_the_laws_and_is_signed_for_the_chair(
    client, council, term, handler, denunciation, tmp_path
):
    standing = CommitteeFactory(term=term, kind=Committee.Kind.STANDING, name="Thường trực HĐND")
    vice = DelegateFactory(term=term, full_name="Vũ Thị Phó")
    MembershipFactory(committee=standing, delegate=vice, role=Membership.Role.VICE_CHAIR)
    client.force_login(handler)
    _path, text = _read(client, "petitions.forwarding_slip", denunciation.pk, tmp_path)
    flat = " ".join(text.split())

    assert "PHIẾU CHUYỂN ĐƠN" in flat and "Kính gửi: Ủy ban nhân dân xã" in flat
    assert "Căn cứ Luật Tiếp công dân số 42/2013/QH13 và Luật Tố cáo số 25/2018/QH14" in flat
    assert "chuyển đơn đến Ủy ban nhân dân xã để xem xét giải quyết theo quy định" in flat
    assert "TM. THƯỜNG TRỰC HĐND" in flat and "KT. CHỦ TỊCH" in flat
    assert "PHÓ CHỦ TỊCH" in flat and "Vũ Thị Phó" in flat
    assert "Nơi nhận: - Như trên; - Người tố cáo (để biết); - Lưu: VT, hồ sơ đơn." in flat


def test_a_petitions_slip_cites_the_citizen_reception_law_only(
    client, council, handler, agency, rules, tmp_path
):
    from petitions import services

    letter = new_letter(council, handler)
    services.letter_forward(letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 11, 3))
    client.force_login(handler)
    _path, text = _read(client, "petitions.forwarding_slip", letter.pk, tmp_path)
    flat = " ".join(text.split())
    assert "Căn cứ Luật Tiếp công dân số 42/2013/QH13, Thường trực HĐND" in flat
    assert "Người có đơn (để biết);" in flat
    assert "CHỦ TỊCH" in flat and "PHÓ CHỦ TỊCH" not in flat  # no Vice-Chair: the Chair signs


def test_the_periodic_report_assesses_and_plans_and_goes_up_to_the_city(
    client, council, handler, denunciation, tmp_path
):
    new_letter(council, handler, received_on=dt.date(2026, 11, 3))
    report = PetitionReport.objects.create(
        council=council,
        title="Năm 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    client.force_login(persona("standing", council))
    path, text = _read(client, "petitions.periodic_report", report.pk, tmp_path, layout=True)
    flat = " ".join(text.split())

    for part in (
        "I. KẾT QUẢ CÔNG TÁC TIẾP CÔNG DÂN, XỬ LÝ ĐƠN THƯ",
        "II. ĐÁNH GIÁ",
        "1. Ưu điểm",
        "2. Tồn tại, hạn chế",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    ):
        assert part in flat, part
    # One of the two eligible letters is not yet forwarded: the assessment says so.
    assert "Còn 1 đơn đủ điều kiện xử lý chưa được chuyển hoặc hướng dẫn." in flat
    recipients = _recipients(text)
    assert "Thường trực HĐND thành phố Hà Nội;" in recipients
    assert not any(line.startswith("Thường trực HĐND xã") for line in recipients)
    # Each count table starts on the page of its title.
    pages = int(pdftools.info(path)["Pages"])
    for page in range(1, pages + 1):
        page_text = pdftools.text(path, first=page, last=page)
        for title in ("1. Đơn thư theo loại", "2. Đơn thư theo tình trạng xử lý"):
            if title in page_text:
                assert "Số đơn" in page_text.split(title, 1)[1], (title, page)

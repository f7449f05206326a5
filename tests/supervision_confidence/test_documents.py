"""The counting minutes and the result resolution (DOCUMENTS.md §7), PDF and Word."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document

from hdnd_portal.documents.models import DocumentRegister
from supervision.confidence.services import vote_close
from tests.documents import pdftools
from tests.supervision_confidence.conftest import tally

MINUTES = "supervision.confidence_minutes"
RESOLUTION = "supervision.confidence_resolution"


@pytest.fixture
def closed(rating, make_persona):
    vote = rating.vote
    head, member = rating.delegates[:2]
    head.full_name, member.full_name = "Nguyễn Văn Kiểm", "Lê Thị Phiếu"
    head.save()
    member.save()
    vote.counting_board_head = head
    vote.counting_board_members.set([member])
    vote.delegates_present = 14
    tally(
        vote, rating.candidates[0], issued=14, returned=14, high=2, confidence=3, low=8, invalid=1
    )
    tally(vote, rating.candidates[1], high=10, confidence=4)
    return vote_close(vote=vote, user=make_persona("admin", username="closer"))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _pdf(client, kind, vote, tmp_path, query=""):
    response = client.get(reverse("documents-print", args=[kind, vote.pk]) + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return _flat(pdftools.text(pdftools.write(response.content, tmp_path)))


def test_the_minutes_carry_the_board_the_totals_and_shares_of_all_delegates(
    staff_client, closed, tmp_path
):
    text = _pdf(staff_client, MINUTES, closed, tmp_path)

    assert "BIÊN BẢN" in text and "Kiểm phiếu lấy phiếu tín nhiệm" in text
    assert "Số: /BB-HĐND" in text.replace("  ", " ") or "/BB-HĐND" in text
    assert "I. Ban kiểm phiếu" in text and "Nguyễn Văn Kiểm — Trưởng ban" in text
    assert "Lê Thị Phiếu — Ủy viên" in text
    assert "Tổng số đại biểu Hội đồng nhân dân xã: 15 đại biểu." in text
    assert "Số đại biểu có mặt: 14." in text
    assert "Số phiếu phát ra: 14; số phiếu thu vào: 14." in text
    assert "Số phiếu hợp lệ: 13; số phiếu không hợp lệ: 1." in text
    # 8 low of 15 delegates (not of 14 ballots): 53,33 %.
    assert "8 (53,33%)" in text and "2 (13,33%)" in text
    assert "TRƯỞNG BAN KIỂM PHIẾU" in text and "ỦY VIÊN" in text


def test_every_member_of_the_counting_board_signs_the_minutes(
    staff_client, closed, rating, tmp_path
):
    third = rating.delegates[2]
    third.full_name = "Đỗ Văn Đếm"
    third.save()
    closed.counting_board_members.add(third)
    url = reverse("documents-print", args=[MINUTES, closed.pk])
    path = pdftools.write(staff_client.get(url).content, tmp_path)
    text = pdftools.text(path)
    # The signature block follows the closing sentence: a title, room to sign, then the name,
    # for the head and for each member of the board read from the vote's structured board.
    block = text.split("thống nhất ký tên dưới đây.", 1)[1]
    flat = _flat(block)
    assert "TRƯỞNG BAN KIỂM PHIẾU" in flat and flat.count("ỦY VIÊN") == 2
    for name in ("Nguyễn Văn Kiểm", "Lê Thị Phiếu", "Đỗ Văn Đếm"):
        assert name in flat
    assert "Ủy viên" not in flat  # the board's list is above, not in the signatures


def test_the_resolution_confirms_the_result_with_its_consequence_and_citation(
    staff_client, closed, tmp_path
):
    text = _pdf(staff_client, RESOLUTION, closed, tmp_path)

    assert "NGHỊ QUYẾT" in text and "Xác nhận kết quả lấy phiếu tín nhiệm" in text
    assert "QUYẾT NGHỊ:" in text
    assert "Căn cứ Nghị quyết số 96/2023/QH15" in text
    assert "Điều 1." in text and "Điều 2." in text and "Điều 3." in text
    assert "8 (53,33%)" in text
    assert "có thể xin từ chức; nếu không, HĐND bỏ phiếu tín nhiệm" in text
    assert "Nghị quyết 96/2023/QH15 về lấy phiếu tín nhiệm" in text
    assert "Nơi nhận:" in text and "CHỦ TỊCH" in text


def test_the_resolution_is_numbered_from_the_register_when_issued(staff_client, closed, tmp_path):
    url = reverse("documents-print", args=[RESOLUTION, closed.pk])

    response = staff_client.post(url)

    document = DocumentRegister.objects.get(type_code="NQ")
    assert response.status_code == 302 and f"document={document.pk}" in response["Location"]
    assert "Nghị quyết xác nhận kết quả lấy phiếu tín nhiệm" in document.title
    text = _pdf(staff_client, RESOLUTION, closed, tmp_path, f"?document={document.pk}")
    assert f"{document.number:02d}/NQ-HĐND" in text


@pytest.mark.parametrize("kind", [MINUTES, RESOLUTION])
def test_each_document_has_its_word_twin(staff_client, closed, kind):
    response = staff_client.get(reverse("documents-print", args=[kind, closed.pk]) + "?format=docx")

    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    words = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        cell.text for table in doc.tables for row in table.rows for cell in row.cells
    )
    assert "8 (53,33%)" in words
    assert "Tỷ lệ phần trăm tính trên tổng số" in words


def test_the_detail_page_offers_both_documents_once_closed(staff_client, closed):
    page = staff_client.get(closed.get_absolute_url()).content.decode()

    assert reverse("documents-print", args=[MINUTES, closed.pk]) in page
    assert reverse("documents-print", args=[RESOLUTION, closed.pk]) in page
    confirm = reverse("documents-print", args=[RESOLUTION, closed.pk]) + "?issue=confirm"
    assert f'href="{confirm}"' in page and "Cấp số và in" in page


def test_no_resolution_number_is_issued_before_the_result_is_closed(staff_client, rating):
    response = staff_client.post(reverse("documents-print", args=[RESOLUTION, rating.vote.pk]))

    assert response.status_code == 403
    assert not DocumentRegister.objects.exists()

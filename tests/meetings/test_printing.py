"""The printed documents render as PDF (text read back with poppler) and as Word."""

import datetime as dt
import io

from django.urls import reverse
from docx import Document

from meetings import services
from tests.documents import pdftools
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    ExaminationFactory,
    SessionDocumentFactory,
)
from tests.meetings.test_rules import passed_resolution


def pdf_text(client, url, tmp_path) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return pdftools.text(pdftools.write(response.content, tmp_path))


def test_the_issued_resolution_prints_with_its_number_and_the_vote_day(sitting, client, tmp_path):
    resolution = passed_resolution(sitting, title="Về việc phê duyệt dự toán ngân sách xã năm 2027")
    resolution = services.resolution_issue(
        resolution=resolution, issued_by=sitting.staff, on=dt.date(2026, 12, 21)
    )
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=["meetings.resolution", resolution.pk])
    text = pdf_text(client, f"{url}?document={resolution.document.pk}", tmp_path)
    flat = " ".join(text.split())
    assert "01/NQ-HĐND" in flat
    assert "NGHỊ QUYẾT" in flat
    assert "QUYẾT NGHỊ" in flat
    assert "kỳ họp thứ ba thông qua ngày 20 tháng 12 năm 2026" in flat
    docx = client.get(f"{url}?document={resolution.document.pk}&format=docx")
    words = " ".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "QUYẾT NGHỊ:" in words
    # The same PDF is public, without login.
    client.logout()
    public = reverse(
        "meetings-public-resolution-pdf", args=[sitting.term.council.slug, resolution.pk]
    )
    assert "01/NQ-HĐND" in " ".join(pdf_text(client, public, tmp_path).split())


def test_the_programme_lists_the_agenda(sitting, client, tmp_path):
    AgendaItemFactory(session=sitting.session, number=1, title="Khai mạc kỳ họp", time_label="8h00")
    AgendaItemFactory(session=sitting.session, number=2, title="Thông qua dự toán ngân sách")
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=["meetings.session_programme", sitting.session.pk])
    flat = " ".join(pdf_text(client, url, tmp_path).split())
    assert "CHƯƠNG TRÌNH" in flat and "Khai mạc kỳ họp" in flat and "DỰ THẢO" in flat
    assert client.get(f"{url}?format=docx").status_code == 200


def test_the_results_report_gives_attendance_and_the_share_for(sitting, client, tmp_path):
    passed_resolution(sitting, title="Về việc thu chi ngân sách")
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=["meetings.session_report", sitting.session.pk])
    flat = " ".join(pdf_text(client, url, tmp_path).split())
    assert "Kết quả kỳ họp thứ ba" in flat
    assert "Đại biểu có mặt: 12/15" in flat
    assert "10/15 (66,7%)" in flat


def test_the_examination_report_is_issued_by_the_ban(sitting, client, tmp_path):
    ban = CommitteeFactory(term=sitting.term, name="Ban Kinh tế - Ngân sách")
    exam = ExaminationFactory(
        document=SessionDocumentFactory(session=sitting.session),
        committee=ban,
        recommendation="amend",
    )
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=["meetings.examination_report", exam.pk])
    flat = " ".join(pdf_text(client, url, tmp_path).split())
    assert "BAN KINH TẾ - NGÂN SÁCH" in flat
    assert "TRƯỞNG BAN" in flat
    assert "đề nghị chỉnh sửa rồi thông qua" in flat
    assert client.get(f"{url}?format=docx").status_code == 200

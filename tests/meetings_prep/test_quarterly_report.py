"""The Standing Committee's quarterly activity report, printed (PDF) and as its Word twin."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from meetings.models import StandingMeeting
from tests.documents import pdftools
from tests.meetings_prep.factories import (
    JointMeetingFactory,
    QuarterlyReportFactory,
    StandingMeetingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(council, term, session):
    # The third quarter of 2027: the session opens on 10/07/2027.
    StandingMeetingFactory(
        council=council, term=term, held_on=dt.date(2027, 7, 3), topic="Rà soát chuẩn bị kỳ họp"
    )
    StandingMeetingFactory(
        council=council,
        term=term,
        kind=StandingMeeting.Kind.BRIEFING,
        held_on=dt.date(2027, 8, 14),
        topic="Giao ban chuyên đề 6 tháng cuối năm",
    )
    JointMeetingFactory(council=council, session=session, held_on=dt.date(2027, 7, 1))
    return QuarterlyReportFactory(
        council=council,
        year=2027,
        quarter=3,
        strengths="Chuẩn bị kỳ họp chu đáo",
        next_quarter="Tổ chức kỳ họp cuối năm",
    )


def test_the_quarterly_report_prints_its_sections(staff_client, report, tmp_path):
    response = staff_client.get(
        reverse("documents-print", args=["meetings.quarterly_report", report.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdftools.text(pdftools.write(response.content, tmp_path))
    flat = " ".join(text.split())
    for expected in (
        "BÁO CÁO",
        "Kết quả hoạt động quý III năm 2027",
        "I. KẾT QUẢ HOẠT ĐỘNG",
        "1. Công tác chuẩn bị và tổ chức kỳ họp",
        "Kỳ họp thứ nhất",
        "1 cuộc họp liên tịch",
        "1 phiên họp thường kỳ, 1 cuộc giao ban chuyên đề",
        "Giao ban chuyên đề 6 tháng cuối năm",
        "II. ĐÁNH GIÁ CHUNG",
        "Chuẩn bị kỳ họp chu đáo",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2027",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
        "TM. THƯỜNG TRỰC HĐND",
        "/BC-HĐND",
    ):
        assert expected in flat, expected


def test_the_word_twin_has_the_same_words(staff_client, report):
    from docx import Document

    response = staff_client.get(
        reverse("documents-print", args=["meetings.quarterly_report", report.pk]),
        {"format": "docx"},
    )
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "I. KẾT QUẢ HOẠT ĐỘNG" in text
    assert "IV. KIẾN NGHỊ, ĐỀ XUẤT" in text
    assert "Giao ban chuyên đề 6 tháng cuối năm" in cells


def test_only_council_readers_print_it(client, make_persona, report):
    url = reverse("documents-print", args=["meetings.quarterly_report", report.pk])
    client.force_login(make_persona("agency"))
    assert client.get(url).status_code in (403, 404)

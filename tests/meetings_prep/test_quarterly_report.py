"""The Standing Committee's quarterly activity report, printed (PDF) and as its Word twin."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from councils.models import Committee
from meetings.models import StandingMeeting
from supervision.models import Activity, Body
from tests.documents import pdftools
from tests.factories import CommitteeFactory, SupervisionActivityFactory, VoterMeetingFactory
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


def test_the_report_gives_supervision_voters_and_reception_from_the_apps_counts(
    staff_client, report, council, term, session, tmp_path
):
    SupervisionActivityFactory(
        council=council,
        body=Body.HDND,
        topic="Việc quản lý, sử dụng đất công ích",
        start_date=dt.date(2027, 8, 5),
        state=Activity.State.REPORTED,
    )
    # Planned only, and one of the next quarter: neither counts.
    SupervisionActivityFactory(council=council, start_date=dt.date(2027, 9, 5))
    SupervisionActivityFactory(
        council=council, start_date=dt.date(2027, 10, 5), state=Activity.State.REPORTED
    )
    group = CommitteeFactory(term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 1")
    VoterMeetingFactory(
        holder=group, session=session, held_on=dt.date(2027, 7, 5), voter_count=80, speaker_count=6
    )
    response = staff_client.get(
        reverse("documents-print", args=["meetings.quarterly_report", report.pk])
    )
    flat = " ".join(pdftools.text(pdftools.write(response.content, tmp_path)).split())
    for expected in (
        "2. Hoạt động giám sát, khảo sát",
        "Trong quý đã tiến hành 1 cuộc giám sát",
        "theo chủ thể: HĐND xã: 1.",
        "Giám sát chuyên đề việc quản lý, sử dụng đất công ích (HĐND xã)",
        "05/08/2027 Đã báo cáo, kết luận",
        "3. Công tác tiếp xúc cử tri",
        "tổ chức 1 cuộc tiếp xúc cử tri với 80 lượt cử tri tham dự, 6 lượt cử tri phát biểu",
        "Tổng hợp 0 ý kiến, kiến nghị của cử tri",
        "4. Công tác tiếp công dân, tiếp nhận và xử lý đơn thư",
        "Tiếp nhận 0 đơn",
        "5. Phiên họp Thường trực, giao ban với các Ban, Tổ đại biểu HĐND",
        "6. Hoạt động khác",
        "khai mạc ngày 10 tháng 7 năm 2027",
    ):
        assert expected in flat, expected
    recipients = flat.split("Nơi nhận:")[1]
    assert (
        "Thường trực Đảng ủy xã (để báo cáo); - Thường trực HĐND thành phố Hà Nội; - UBND thành phố Hà Nội;"
        in recipients
    )
    assert "Thường trực HĐND xã" not in recipients

"""The supervision plan, results report and conclusion notice print in the Decree 30 layout,
as a draft, numbered from the register, and as Word twins (DOCUMENTS.md §3)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from hdnd_portal.documents.models import DocumentRegister
from supervision import services
from supervision.models import Body, ScheduleEntry, TeamMember
from tests.documents import pdftools
from tests.factories import SupervisionActivityFactory, SupervisionConclusionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.poppler]


@pytest.fixture
def activity(council, org):
    activity = SupervisionActivityFactory(
        council=council,
        body=Body.BAN,
        committee=org["ban"],
        topic="việc quản lý chợ Phúc Lộc",
        start_date=dt.date(2026, 6, 2),
    )
    activity.agencies.set([org["agency"]])
    TeamMember.objects.create(activity=activity, delegate=org["leader"], role="leader")
    ScheduleEntry.objects.create(
        activity=activity,
        date=dt.date(2026, 6, 3),
        agency=org["agency"],
        content="Làm việc tại chợ",
    )
    return activity


@pytest.fixture
def conclusion(activity, org, make_persona):
    conclusion = SupervisionConclusionFactory(
        activity=activity,
        results="Chợ được quản lý nề nếp.",
        shortcomings="Thu phí chưa công khai.",
    )
    services.recommendation_create(
        activity=activity,
        conclusion=conclusion,
        agency=org["agency"],
        content="Niêm yết công khai mức thu phí",
        due_date=dt.date(2026, 7, 15),
        by_user=make_persona("staff", username="thuky"),
    )
    return conclusion


def pdf_text(response, tmp_path) -> str:
    assert response["Content-Type"] == "application/pdf"
    return pdftools.text(pdftools.write(response.content, tmp_path), layout=True)


def url(kind, pk):
    return reverse("documents-print", kwargs={"kind": kind, "pk": pk})


def test_the_plan_has_its_six_parts_the_schedule_and_the_bans_header(
    staff_client, activity, tmp_path
):
    text = pdf_text(staff_client.get(url("supervision.plan", activity.pk)), tmp_path)
    assert "BAN KINH TẾ - NGÂN SÁCH" in text
    assert "/KH-HĐND" in text and "DỰ THẢO" in text
    for part in (
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG, PHẠM VI, ĐỐI TƯỢNG",
        "III. HÌNH THỨC",
        "IV. THÀNH PHẦN ĐOÀN",
        "V. THỜI GIAN, LỊCH TRÌNH",
        "VI. TỔ CHỨC THỰC HIỆN",
    ):
        assert part in text
    assert "Trần Thị Hoa - Trưởng đoàn" in text
    assert "03/06/2026" in text and "Làm việc tại chợ" in text
    assert "ĐỀ CƯƠNG BÁO CÁO" in text.upper()
    assert "TM. BAN KINH TẾ - NGÂN SÁCH" in text


def test_the_results_report_is_signed_by_the_team_leader(staff_client, conclusion, tmp_path):
    text = pdf_text(staff_client.get(url("supervision.report", conclusion.pk)), tmp_path)
    flat = " ".join(text.split())
    assert "ĐOÀN GIÁM SÁT" in text and "/BC-HĐND" in text
    assert "III. KIẾN NGHỊ" in text
    assert "Niêm yết công khai mức thu phí (thời hạn báo cáo kết quả: 15/07/2026)" in flat
    assert "TM. ĐOÀN GIÁM SÁT" in text and "TRƯỞNG ĐOÀN" in text and "Trần Thị Hoa" in text


def test_the_conclusion_notice_is_numbered_from_the_register(staff_client, conclusion, tmp_path):
    response = staff_client.post(url("supervision.notice", conclusion.pk))
    assert response.status_code == 302
    entry = DocumentRegister.objects.get(type_code="TB")
    assert entry.symbol == "01/TB-HĐND"
    text = pdf_text(staff_client.get(response["Location"]), tmp_path)
    assert "Số: 01/TB-HĐND" in " ".join(text.split())
    assert "Trưởng đoàn kết luận" in " ".join(text.split())
    assert "DỰ THẢO" not in text


def test_each_document_has_a_word_twin(staff_client, activity, conclusion):
    for kind, pk, words in (
        ("supervision.plan", activity.pk, "IV. THÀNH PHẦN ĐOÀN"),
        ("supervision.report", conclusion.pk, "III. KIẾN NGHỊ"),
        ("supervision.notice", conclusion.pk, "3. Đề nghị"),
    ):
        response = staff_client.get(url(kind, pk), {"format": "docx"})
        assert response.status_code == 200
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        assert words in text


def test_an_agency_cannot_print_a_plan(client, council, activity, make_persona):
    client.force_login(make_persona("agency"))
    assert client.get(url("supervision.plan", activity.pk)).status_code == 403

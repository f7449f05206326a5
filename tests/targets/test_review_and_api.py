"""The plan review report (PDF, Word) and the API of target status."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from councils.models import CouncilRole
from hdnd_portal.targets.models import PlanReview
from tests.documents import pdftools
from tests.factories import CouncilFactory, DisseminationFactory, TrainingFactory, persona

AT = dt.datetime(2026, 10, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def travel():
    with time_machine.travel(AT, tick=False):
        yield


@pytest.fixture
def records(plan, council):
    TrainingFactory(
        council=council, start_date=dt.date(2026, 5, 12), delegates=plan["delegates"][:2]
    )
    for cell in plan["cells"]:
        DisseminationFactory(council=council, party_cell=cell, held_on=dt.date(2026, 2, 1))
    return plan


@pytest.mark.poppler
def test_leadership_prints_the_six_month_review_with_its_table_and_chart(
    client, records, council, tmp_path
):
    client.force_login(persona("leadership", council))
    response = client.post(reverse("targets-review", args=[2026, 1]))
    review = PlanReview.objects.get(council=council, year=2026, half=1)
    assert response.status_code == 302
    assert response["Location"] == f"/documents/print/targets.review/{review.pk}/"
    pdf = client.get(response["Location"])
    assert pdf["Content-Type"] == "application/pdf"
    path = pdftools.write(pdf.content, tmp_path)
    text = " ".join(pdftools.text(path).split())
    assert "BÁO CÁO" in text
    assert "Sơ kết 6 tháng đầu năm 2026 thực hiện Kế hoạch" in text
    assert "Số: /BC-HĐND" in text.replace("  ", " ") or "/BC-HĐND" in text
    assert "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in text
    assert "(Số liệu tính đến ngày 30 tháng 6 năm 2026)" in text
    # Over the first half: every cell reached (1.1 met), half of the delegates trained by
    # 30/06, the year's target seen at mid-year: on track.
    assert "100% (4/4)" in text and "Đạt" in text
    assert "50% (2/4)" in text
    assert "TM. THƯỜNG TRỰC HĐND" in text
    assert "Thường trực Đảng ủy xã (để báo cáo)" in text
    # No plan recorded: its number and date are left blank for the clerk, never invented.
    assert "Thực hiện Kế hoạch số …-KH/ĐU ngày … tháng … năm … của Ban Thường vụ Đảng ủy" in text
    assert all(f["emb"] == "yes" for f in pdftools.fonts(path))
    # The second visit prints the same review (one record per council, year and half).
    again = client.get(reverse("targets-review", args=[2026, 1]) + "?format=pdf")
    assert again["Location"] == f"/documents/print/targets.review/{review.pk}/"
    client.post(reverse("targets-review", args=[2026, 1]))
    assert PlanReview.objects.filter(council=council).count() == 1


def test_opening_a_review_not_drawn_up_writes_nothing_and_offers_to_draw_it_up(
    client, records, council
):
    client.force_login(persona("leadership", council))
    url = reverse("targets-review", args=[2026, 2])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Báo cáo sơ kết thực hiện Kế hoạch — 6 tháng cuối năm 2026" in body
    assert "Kỳ này chưa lập báo cáo" in body
    assert '<form method="post" class="d-flex flex-wrap gap-2" id="review-start">' in body
    assert not PlanReview.objects.exists()
    # Drawn up as Word from that page: the record, then the Word print.
    response = client.post(url, {"format": "docx"})
    review = PlanReview.objects.get(council=council, year=2026, half=2)
    assert response["Location"] == f"/documents/print/targets.review/{review.pk}/?format=docx"


def test_the_dashboard_draws_up_reviews_by_post(client, records, council):
    client.force_login(persona("staff", council))
    body = client.get(reverse("targets-dashboard")).content.decode()
    for half in (0, 1, 2):
        assert f'<form method="post" action="/targets/review/2026/{half}/"' in body
    # The links reach each period's page (its report, "Cấp số và in"): a GET never writes.
    client.get("/targets/review/2026/0/")
    assert not PlanReview.objects.exists()


def test_the_year_review_as_word(client, records, council):
    client.force_login(persona("staff", council))
    response = client.post(reverse("targets-review", args=[2026, 0]), {"format": "docx"})
    assert response["Location"].endswith("?format=docx")
    docx = client.get(response["Location"])
    doc = Document(io.BytesIO(docx.content))
    words = "\n".join(p.text for p in doc.paragraphs)
    assert "Tổng kết năm 2026 thực hiện Kế hoạch" in words
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "Mức phải đạt",
        "Kết quả",
        "Đánh giá",
    ]
    assert table.rows[2].cells[4].text == "Có nguy cơ không đạt"


def test_an_agency_may_not_print_the_review(client, records, council):
    client.force_login(persona("agency", council))
    assert client.get(reverse("targets-review", args=[2026, 1])).status_code == 403
    assert client.post(reverse("targets-review", args=[2026, 1])).status_code == 403
    assert not PlanReview.objects.exists()


def test_a_review_of_another_council_is_not_found(client, records, council, other_council):
    review = PlanReview.objects.create(council=council, year=2026, half=2)
    client.force_login(persona("staff", other_council))
    url = reverse("documents-print", kwargs={"kind": "targets.review", "pk": review.pk})
    assert client.get(url).status_code == 404


# -- API ----------------------------------------------------------------------------------
STATUS = "/api/v1/targets/status/"


def test_the_api_gives_each_targets_status_for_the_period(api, records):
    body = api("leadership").get(STATUS).json()
    by_code = {row["code"]: row for row in body}
    assert by_code["1.1"]["status"] == "met"
    assert by_code["1.3"]["status"] == "at_risk"
    assert by_code["1.3"]["numerator"] == 2 and by_code["1.3"]["denominator"] == 4
    assert by_code["1.3"]["period"] == {
        "kind": "year",
        "start": "2026-01-01",
        "end": "2026-12-31",
        "label": "Năm 2026",
    }
    assert by_code["1.3"]["records_url"] == "/councils/training/?year=2026"


def test_the_api_replays_a_day_and_judges_a_past_year(api, records):
    client = api("standing")
    body = client.get(STATUS, {"on": "2026-03-01"}).json()
    assert {row["code"]: row["status"] for row in body}["1.1"] == "met"
    body = client.get(STATUS, {"year": 2025}).json()
    assert {row["code"]: row["status"] for row in body}["1.1"] == "missed"
    assert client.get(STATUS, {"year": "abc"}).status_code == 400
    assert client.get(STATUS, {"on": "01/03/2026"}).status_code == 400


def test_the_api_answers_for_an_overseen_council_only(client, records, council):
    from rest_framework.test import APIClient

    other = CouncilFactory(commune="Hòa Bình", slug="hoa-binh")
    third = CouncilFactory(commune="An Khánh", slug="an-khanh")
    user = persona("leadership", council, username="thanhpho")
    CouncilRole.objects.create(user=user, council=other, role="standing")
    api = APIClient()
    api.force_login(user)
    assert api.get(STATUS, {"council": other.pk}).status_code == 200
    assert api.get(STATUS, {"council": third.pk}).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("agency", 403), ("delegate", 200)])
def test_who_may_read_the_status(api, records, role, status):
    assert api(role).get(STATUS).status_code == status


def test_targets_are_listed_and_changed_by_the_office_only(api, records):
    assert [t["code"] for t in api("leadership").get("/api/v1/targets/").json()["results"]] == [
        "1.1",
        "1.3",
    ]
    pk = records["t13"].pk
    assert api("leadership").patch(f"/api/v1/targets/{pk}/", {"threshold": 90}).status_code == 403
    response = api("staff").patch(f"/api/v1/targets/{pk}/", {"threshold": 120}, format="json")
    assert response.status_code == 400
    assert "100%" in str(response.json())


@pytest.mark.poppler
def test_the_review_names_the_plan_and_has_assessment_and_next_tasks(
    client, records, council, tmp_path
):
    from councils.models import PartyDocument

    PartyDocument.objects.create(
        council=council,
        kind=PartyDocument.Kind.PLAN,
        number="05-KH/ĐU",
        issued_on=dt.date(2025, 9, 3),
        title="Kế hoạch triển khai thực hiện Đề án số 15-ĐA/TU của Thành ủy",
    )
    client.force_login(persona("leadership", council))
    response = client.post(reverse("targets-review", args=[2026, 1]))
    path = pdftools.write(client.get(response["Location"]).content, tmp_path)
    text = " ".join(pdftools.text(path).split())
    assert (
        "Thực hiện Kế hoạch số 05-KH/ĐU ngày 03 tháng 9 năm 2025 của Ban Thường vụ Đảng ủy về "
        "triển khai thực hiện Đề án số 15-ĐA/TU của Thành ủy, Thường trực Hội đồng nhân dân xã "
        "báo cáo sơ kết 6 tháng đầu năm 2026 thực hiện Kế hoạch như sau:"
    ) in text
    sections = [
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "II. ĐÁNH GIÁ CHUNG",
        "1. Kết quả đạt được",
        "2. Hạn chế",
        "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
        "Nơi nhận:",
    ]
    positions = [text.index(section) for section in sections]
    assert positions == sorted(positions)
    assert "- Chỉ tiêu 1.1" in text.split("1. Kết quả đạt được")[1]
    assert (
        "Thường trực HĐND thành phố Hà Nội; - UBND thành phố Hà Nội;" in text.split("Nơi nhận:")[1]
    )

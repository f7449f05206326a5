"""The supervision plan, results report and conclusion notice print in the Decree 30 layout,
as a draft, numbered from the register, and as Word twins (DOCUMENTS.md §3)."""

import datetime as dt
import io
import re

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
    assert "Trần Thị Hoa, Đại biểu HĐND xã - Trưởng đoàn." in " ".join(text.split())
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


# -- the content a commune writes (issue 20, item 4; DOCUMENTS.md §3) ------------------------


@pytest.fixture
def named(council, org, activity):
    """The Ban's head and the team with positions; the activity carries out a programme item."""
    from councils.models import Delegate, Membership
    from tests.factories import (
        DelegateFactory,
        MembershipFactory,
        SupervisionItemFactory,
        SupervisionProgrammeFactory,
    )

    leader = org["leader"]
    leader.gender, leader.position = Delegate.Gender.FEMALE, "Phó Chủ tịch HĐND xã Phúc Lộc"
    leader.save()
    head = DelegateFactory(term=org["term"], full_name="Phạm Văn Trưởng")
    MembershipFactory(committee=org["ban"], delegate=head, role=Membership.Role.HEAD)
    member = DelegateFactory(
        term=org["term"], full_name="Lê Văn Thành", position="Trưởng thôn Thượng"
    )
    TeamMember.objects.create(activity=activity, delegate=member, role="member")
    programme = SupervisionProgrammeFactory(
        council=council,
        body=Body.HDND,
        title="Chương trình giám sát năm 2026",
        reference="Nghị quyết số 15/NQ-HĐND",
        adopted_on=dt.date(2025, 7, 10),
    )
    activity.programme_item = SupervisionItemFactory(programme=programme, council=council)
    # A supervised body that is also a standing recipient: named once in "Nơi nhận".
    from tests.factories import AgencyFactory

    activity.agencies.add(AgencyFactory(council=council, name="UBND xã Phúc Lộc"))
    activity.save()
    return activity


def _recipients(text: str) -> list[str]:
    """The lines of "Nơi nhận" as the reader sees them: the left column of the layout text."""
    lines = text.split("Nơi nhận:", 1)[1].splitlines()
    left = (re.split(r"\s{2,}", line.strip())[0] for line in lines)
    return [item[2:].rstrip(";.") for item in left if item.startswith("- ")]


def test_the_plan_cites_the_laws_in_force_and_the_programme_by_number(
    staff_client, named, tmp_path
):
    text = " ".join(pdf_text(staff_client.get(url("supervision.plan", named.pk)), tmp_path).split())
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in text
    # A draft printed on 07/12/2026: Law 121/2025 has replaced Law 87/2015 since 01/3/2026.
    assert "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 121/2025/QH15;" in text
    assert "87/2015" not in text
    assert (
        "Căn cứ Nghị quyết số 15/NQ-HĐND ngày 10 tháng 7 năm 2025 của Hội đồng nhân dân xã "
        "về Chương trình giám sát năm 2026;"
    ) in text


def test_the_plan_names_the_signer_and_each_member_with_their_position(
    staff_client, named, tmp_path
):
    text = " ".join(pdf_text(staff_client.get(url("supervision.plan", named.pk)), tmp_path).split())
    assert "1. Bà Trần Thị Hoa, Phó Chủ tịch HĐND xã - Trưởng đoàn;" in text
    assert "2. Ông Lê Văn Thành, Trưởng thôn Thượng - Thành viên." in text
    assert "TM. BAN KINH TẾ - NGÂN SÁCH" in text and "TRƯỞNG BAN" in text
    assert "Phạm Văn Trưởng" in text


def test_recipients_are_each_named_once_and_never_the_issuer(staff_client, named, tmp_path):
    raw = pdf_text(staff_client.get(url("supervision.plan", named.pk)), tmp_path)
    recipients = _recipients(raw)
    assert recipients[-1] == "Lưu: VT"
    assert len(recipients) == len(set(recipients))
    assert recipients.count("UBND xã") + recipients.count("UBND xã Phúc Lộc") == 1
    assert not any("Ban Kinh tế" in line for line in recipients)  # the Ban issues the plan
    assert "Thường trực HĐND xã" in recipients


def test_the_standing_committees_plan_is_not_sent_to_itself(staff_client, council, org, tmp_path):
    activity = SupervisionActivityFactory(
        council=council, body=Body.HDND, topic="việc thu gom rác thải"
    )
    recipients = _recipients(
        pdf_text(staff_client.get(url("supervision.plan", activity.pk)), tmp_path)
    )
    assert "Thường trực HĐND xã" not in recipients
    assert "Thường trực Đảng ủy xã" in recipients


def test_the_report_goes_up_to_the_city_and_not_to_the_team_that_issues_it(
    staff_client, conclusion, tmp_path
):
    raw = pdf_text(staff_client.get(url("supervision.report", conclusion.pk)), tmp_path)
    recipients = _recipients(raw)
    assert "Thường trực HĐND thành phố Hà Nội" in recipients
    assert "Đoàn giám sát" not in recipients
    text = " ".join(raw.split())
    assert "Căn cứ Luật Tổ chức chính quyền địa phương" in text
    assert "Thực hiện Kế hoạch giám sát chuyên đề việc quản lý chợ Phúc Lộc" in text


def test_the_issuing_bodys_name_is_printed_with_whole_words(staff_client, activity, tmp_path):
    raw = pdf_text(staff_client.get(url("supervision.plan", activity.pk)), tmp_path)
    head = raw.split("KẾ HOẠCH")[0]
    # One line holds the Ban's whole name; no word of it is cut, hyphenated or pushed alone
    # onto the next line.
    assert any(line.strip().startswith("BAN KINH TẾ - NGÂN SÁCH") for line in head.splitlines())
    for word in ("NGÂN", "SÁCH", "KINH"):
        assert all(line.split()[0] != word for line in head.splitlines() if line.split()), (
            f"{word} alone at the start of a line"
        )
    assert "-\n" not in head


def test_an_explanation_session_is_not_printed_as_a_team_plan(staff_client, council, org, tmp_path):
    session = SupervisionActivityFactory(
        council=council,
        body=Body.STANDING,
        committee=org["standing"],
        kind="explanation",
        topic="việc cấp giấy chứng nhận quyền sử dụng đất",
    )
    session.agencies.set([org["agency"]])
    text = " ".join(
        pdf_text(staff_client.get(url("supervision.plan", session.pk)), tmp_path).split()
    )
    assert "Tổ chức phiên giải trình về việc cấp giấy chứng nhận quyền sử dụng đất" in text
    assert "Đoàn giám sát" not in text and "ĐOÀN GIÁM SÁT" not in text
    assert "CƠ QUAN, NGƯỜI GIẢI TRÌNH" in text and "Người đứng đầu Phòng Kinh tế." in text
    assert "10 ngày" in text
    assert "TM. THƯỜNG TRỰC HĐND" in text
    conclusion = SupervisionConclusionFactory(activity=session)
    notice = " ".join(
        pdf_text(staff_client.get(url("supervision.notice", conclusion.pk)), tmp_path).split()
    )
    assert "Kết luận phiên giải trình về việc cấp giấy" in notice
    assert "Đoàn giám sát" not in notice and "TRƯỞNG ĐOÀN" not in notice
    assert "Thường trực HĐND xã kết luận như sau:" in notice


def test_a_survey_is_not_called_a_supervision_team(staff_client, council, org, tmp_path):
    survey = SupervisionActivityFactory(
        council=council, body=Body.HDND, kind="survey", topic="tình hình trường học"
    )
    TeamMember.objects.create(activity=survey, delegate=org["leader"], role="leader")
    text = " ".join(
        pdf_text(staff_client.get(url("supervision.plan", survey.pk)), tmp_path).split()
    )
    assert "KẾ HOẠCH Khảo sát tình hình trường học" in text
    assert "IV. THÀNH PHẦN ĐOÀN KHẢO SÁT" in text
    assert "Đoàn giám sát" not in text and "chịu sự giám sát" not in text
    conclusion = SupervisionConclusionFactory(activity=survey, kind="report")
    report = " ".join(
        pdf_text(staff_client.get(url("supervision.report", conclusion.pk)), tmp_path).split()
    )
    assert "ĐOÀN KHẢO SÁT" in report and "TM. ĐOÀN KHẢO SÁT" in report
    assert "Kết quả khảo sát tình hình trường học" in report
    assert "Đoàn giám sát" not in report and "ĐOÀN GIÁM SÁT" not in report


def test_the_notice_names_the_issued_plan_by_number(staff_client, activity, conclusion, tmp_path):
    assert staff_client.post(url("supervision.plan", activity.pk)).status_code == 302
    plan = DocumentRegister.objects.get(type_code="KH")
    text = " ".join(
        pdf_text(staff_client.get(url("supervision.notice", conclusion.pk)), tmp_path).split()
    )
    assert (
        f"Thực hiện Kế hoạch số {plan.symbol} ngày {plan.issued_on:%d/%m/%Y} của Ban Kinh tế - "
        "Ngân sách HĐND xã" in text
    )
    assert "Kết luận của Đoàn giám sát về việc quản lý chợ Phúc Lộc tại Phòng Kinh tế" in text

"""The records targets 1.1 and 1.3 count: delegates' training and the Scheme's dissemination."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from councils.models import Dissemination, Training, TrainingParticipant
from tests.factories import (
    DelegateFactory,
    DisseminationFactory,
    PartyCellFactory,
    TermFactory,
    TrainingFactory,
    persona,
)


def xlsx(headers, rows, name="danh-sach.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("params", [{}, {"format": "xlsx"}], ids=["page", "excel"])
@pytest.mark.parametrize("name", ["training", "dissemination"])
def test_the_lists_do_not_grow_with_their_rows(staff_client, council, settings, name, params):
    settings.PAGE_SIZE = 100
    term = TermFactory(council=council)

    def add(n):
        for _ in range(n):
            if name == "training":
                TrainingFactory(
                    council=council,
                    delegates=[DelegateFactory(term=term), DelegateFactory(term=term)],
                )
            else:
                DisseminationFactory(council=council)

    url = reverse(f"councils-{name}-list")
    add(5)
    staff_client.get(url, params)
    few = _count(staff_client, url, params)
    add(25)
    assert _count(staff_client, url, params) == few


def test_the_training_list_counts_the_trainees_and_filters_by_year(staff_client, council):
    term = TermFactory(council=council)
    TrainingFactory(
        council=council,
        course="Bồi dưỡng kỹ năng chất vấn",
        start_date=dt.date(2026, 5, 12),
        delegates=[DelegateFactory(term=term) for _ in range(3)],
    )
    TrainingFactory(council=council, course="Lớp năm trước", start_date=dt.date(2025, 9, 1))
    response = staff_client.get(reverse("councils-training-list"), {"year": 2026})
    rows = response.context["rows"]
    assert [r["obj"].course for r in rows] == ["Bồi dưỡng kỹ năng chất vấn"]
    assert rows[0]["cells"][-1] == 3
    found = staff_client.get(reverse("councils-training-list"), {"q": "chat van"})
    assert len(found.context["rows"]) == 1


def test_a_training_form_keeps_each_trainee_as_a_row_with_history(staff_client, council):
    term = TermFactory(council=council, start_date=dt.date(2026, 3, 15))
    a, b = DelegateFactory(term=term), DelegateFactory(term=term)
    response = staff_client.post(
        reverse("councils-training-create"),
        {
            "course": "Tập huấn đại biểu khóa mới",
            "organiser": "Thường trực HĐND xã",
            "start_date": "12/05/2026",
            "mode": "in_person",
            "end_date": "13/05/2026",
            "delegates": [a.pk, b.pk],
        },
    )
    assert response.status_code == 302
    training = Training.objects.get()
    assert set(training.delegates.all()) == {a, b}
    staff_client.post(
        reverse("councils-training-update", args=[training.pk]),
        {
            "course": "Tập huấn đại biểu khóa mới",
            "organiser": "Thường trực HĐND xã",
            "start_date": "12/05/2026",
            "mode": "in_person",
            "delegates": [a.pk],
        },
    )
    assert list(training.delegates.all()) == [a]
    removed = TrainingParticipant.history.filter(delegate_id=b.pk, history_type="-")
    assert removed.count() == 1  # the removal is kept
    page = staff_client.get(reverse("councils-training-detail", args=[training.pk]))
    assert "1 đại biểu: " + a.full_name in page.content.decode()


def test_a_training_refuses_a_delegate_not_in_office_then(staff_client, council):
    term = TermFactory(council=council, start_date=dt.date(2026, 3, 15))
    late = DelegateFactory(term=term, start_date=dt.date(2026, 8, 1))
    response = staff_client.post(
        reverse("councils-training-create"),
        {
            "course": "Tập huấn",
            "organiser": "Thường trực HĐND xã",
            "start_date": "12/05/2026",
            "mode": "in_person",
            "delegates": [late.pk],
        },
    )
    assert response.status_code == 200
    assert "Không phải đại biểu trong thời gian tập huấn" in response.content.decode()


def test_a_dissemination_checks_the_cell_and_its_members(staff_client, council, other_council):
    cell = PartyCellFactory(council=council, member_count=30, end_date=dt.date(2026, 6, 30))
    url = reverse("councils-dissemination-create")
    data = {"party_cell": cell.pk, "held_on": "10/09/2026", "document": "Đề án", "attendance": 40}
    page = staff_client.post(url, data).content.decode()
    assert "ngoài thời gian hoạt động của chi bộ" in page
    data["held_on"] = "10/06/2026"
    page = staff_client.post(url, data).content.decode()
    assert "Số đảng viên dự (40) lớn hơn số đảng viên của chi bộ (30)." in page
    data["attendance"] = 28
    assert staff_client.post(url, data).status_code == 302
    theirs = PartyCellFactory(council=other_council)
    data["party_cell"] = theirs.pk
    assert staff_client.post(url, data).status_code == 200
    assert Dissemination.objects.count() == 1


DISSEMINATION_HEADERS = [
    "STT",
    "Chi bộ",
    "Ngày quán triệt",
    "Văn bản được quán triệt",
    "Người quán triệt",
    "Số đảng viên dự",
]


def test_disseminations_import_from_excel_after_a_preview(staff_client, council):
    PartyCellFactory(council=council, name="Chi bộ thôn Đông", member_count=40)
    PartyCellFactory(council=council, name="Chi bộ Trường Tiểu học", member_count=12)
    url = reverse("councils-dissemination-import")
    upload = xlsx(
        DISSEMINATION_HEADERS,
        [
            [1, "chi bo thon dong", "15/09/2025", "", "Bí thư Đảng ủy", 35],
            [2, "Chi bộ Trường Tiểu học", "16/09/2025", "", "", 10],
        ],
    )
    response = staff_client.post(url, {"file": upload})
    assert "2 dòng sẵn sàng để nhập" in response.content.decode()
    assert not Dissemination.objects.exists()
    assert staff_client.post(url, {"token": response.context["token"]}).status_code == 302
    assert Dissemination.objects.filter(council=council).count() == 2
    assert Dissemination.objects.get(attendance=35).party_cell.name == "Chi bộ thôn Đông"


def test_a_dissemination_sheet_with_an_unknown_cell_saves_nothing(staff_client, council):
    PartyCellFactory(council=council, name="Chi bộ thôn Đông", member_count=40)
    upload = xlsx(
        DISSEMINATION_HEADERS,
        [[1, "Chi bộ thôn Đông", "15/09/2025", "", "", 50], [2, "Chi bộ thôn Tây", "", "", "", 1]],
    )
    page = staff_client.post(reverse("councils-dissemination-import"), {"file": upload})
    text = page.content.decode()
    assert "lớn hơn số đảng viên của chi bộ" in text
    assert "Ngày quán triệt" in text and "bắt buộc" in text
    assert not Dissemination.objects.exists()


def test_trainees_import_from_excel_into_one_training_per_course(staff_client, council):
    term = TermFactory(council=council, start_date=dt.date(2026, 3, 15))
    hoa = DelegateFactory(term=term, full_name="Nguyễn Thị Hoa")
    binh = DelegateFactory(term=term, full_name="Trần Văn Bình")
    headers = [
        "Tên lớp",
        "Đơn vị tổ chức",
        "Từ ngày",
        "Đến ngày",
        "Địa điểm",
        "Họ tên đại biểu",
        "Giấy chứng nhận",
    ]
    course = "Bồi dưỡng kỹ năng hoạt động"
    rows = [
        [
            course,
            "Thường trực HĐND thành phố",
            "12/05/2026",
            "13/05/2026",
            "",
            "nguyen thi hoa",
            "",
        ],
        [course, "Thường trực HĐND thành phố", "12/05/2026", "13/05/2026", "", "Trần Văn Bình", ""],
    ]
    url = reverse("councils-training-import")
    response = staff_client.post(url, {"file": xlsx(headers, rows)})
    assert "2 dòng sẵn sàng để nhập" in response.content.decode()
    staff_client.post(url, {"token": response.context["token"]})
    training = Training.objects.get()
    assert set(training.delegates.all()) == {hoa, binh}
    bad = [[course, "Thường trực HĐND thành phố", "12/05/2026", "", "", "Lê Văn Không", ""]]
    page = staff_client.post(url, {"file": xlsx(headers, bad)}).content.decode()
    assert "không có đại biểu “Lê Văn Không” đang hoạt động ngày 12/05/2026" in page


@pytest.mark.parametrize("role", ["standing", "leadership", "delegate"])
def test_only_the_office_imports_and_adds(client, council, role):
    client.force_login(persona(role, council))
    assert client.get(reverse("councils-training-import")).status_code == 403
    assert client.get(reverse("councils-dissemination-create")).status_code == 403
    assert client.get(reverse("councils-training-list")).status_code == 200


def test_the_api_refuses_a_trainee_of_another_council(staff_api, council, other_council):
    theirs = DelegateFactory(term=TermFactory(council=other_council))
    response = staff_api.post(
        "/api/v1/trainings/",
        {
            "course": "Tập huấn",
            "organiser": "Thường trực HĐND xã",
            "start_date": "2026-05-12",
            "delegates": [theirs.pk],
        },
        format="json",
    )
    assert response.status_code == 400


def test_the_api_writes_the_trainees(staff_api, council):
    term = TermFactory(council=council)
    ours = DelegateFactory(term=term)
    response = staff_api.post(
        "/api/v1/trainings/",
        {
            "course": "Tập huấn",
            "organiser": "Thường trực HĐND xã",
            "start_date": "2026-05-12",
            "delegates": [ours.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["delegates"] == [ours.pk]
    assert list(Training.objects.get().delegates.all()) == [ours]

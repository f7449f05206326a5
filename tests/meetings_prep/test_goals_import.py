"""The Party Congress goals and targets from Excel: preview, refused rows, one transaction,
re-import by code."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from meetings.models import CongressGoal

pytestmark = pytest.mark.django_db

URL = "/meetings/congressgoal/import/"
HEADERS = ["Số hiệu", "Loại", "Lĩnh vực", "Nội dung", "Giá trị chỉ tiêu"]
GOOD = [
    ["1", "Mục tiêu", "Tổng quát", "Xây dựng xã Phúc Lộc phát triển nhanh, bền vững", ""],
    ["2.1", "Chỉ tiêu", "Kinh tế", "Thu nhập bình quân đầu người năm 2030", "≥ 85 triệu đồng"],
    ["2.2", "chi tieu", "Xã hội", "Tỷ lệ người dân tham gia bảo hiểm y tế", "≥ 95%"],
]


def xlsx(rows, headers=HEADERS, name="muc-tieu.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def _import(client, upload):
    preview = client.post(URL, {"file": upload})
    assert preview.status_code == 200
    return preview, client.post(URL, {"token": preview.context["token"]})


def test_a_valid_file_is_previewed_then_saved(staff_client, council):
    preview = staff_client.post(URL, {"file": xlsx(GOOD)})
    page = preview.content.decode()
    assert "3 dòng sẵn sàng để nhập" in page
    assert not CongressGoal.objects.exists()
    confirmed = staff_client.post(URL, {"token": preview.context["token"]})
    assert confirmed.status_code == 302
    goals = list(CongressGoal.objects.filter(council=council).order_by("order"))
    assert [(g.code, g.kind, g.target_value) for g in goals] == [
        ("1", "goal", ""),
        ("2.1", "target", "≥ 85 triệu đồng"),
        ("2.2", "target", "≥ 95%"),
    ]


def test_reimporting_updates_by_code_without_duplicates(staff_client, council):
    _import(staff_client, xlsx(GOOD))
    changed = [GOOD[0], [*GOOD[1][:4], "≥ 90 triệu đồng"], GOOD[2]]
    _preview, confirmed = _import(staff_client, xlsx(changed))
    assert confirmed.status_code == 302
    assert CongressGoal.objects.filter(council=council).count() == 3
    assert CongressGoal.objects.get(code="2.1").target_value == "≥ 90 triệu đồng"
    assert CongressGoal.objects.get(code="2.1").history.count() == 2


def test_a_bad_row_is_named_and_nothing_is_saved(staff_client):
    rows = [
        *GOOD,
        ["3", "Nhiệm vụ", "", "Sai loại", ""],
        ["4", "Chỉ tiêu", "", "Thiếu giá trị", ""],
    ]
    preview = staff_client.post(URL, {"file": xlsx(rows)})
    page = preview.content.decode()
    assert "“Nhiệm vụ” không có trong danh sách: Mục tiêu, Chỉ tiêu." in page
    assert "Chỉ tiêu cần có “Giá trị chỉ tiêu”" in page
    assert "5" in page and "6" in page  # their Excel row numbers
    assert not CongressGoal.objects.exists()


def test_wrong_columns_are_refused(staff_client):
    preview = staff_client.post(URL, {"file": xlsx([["1", "x"]], headers=["Mã", "Tên"])})
    assert preview.status_code == 400
    assert "Số hiệu" in " ".join(preview.context["sheet"].errors)
    assert not CongressGoal.objects.exists()


def test_a_pdf_renamed_xlsx_is_refused_clearly(staff_client):
    fake = SimpleUploadedFile("muc-tieu.xlsx", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    preview = staff_client.post(URL, {"file": fake})
    assert preview.status_code == 400
    assert "không phải là tệp Excel" in preview.context["sheet"].errors[0]
    assert not CongressGoal.objects.exists()


def test_the_template_has_the_documented_columns(staff_client):
    response = staff_client.get(reverse("meetings-congressgoal-import-template"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    headers = [c.value for c in next(sheet.iter_rows(max_row=5)) if c.value]
    assert all(h in headers for h in HEADERS) or any(
        all(h in [c.value for c in row] for h in HEADERS) for row in sheet.iter_rows(max_row=5)
    )


def test_only_the_office_imports(client, make_persona):
    client.force_login(make_persona("standing"))
    assert client.get(URL).status_code == 403
    client.force_login(make_persona("staff"))
    assert client.get(URL).status_code == 200

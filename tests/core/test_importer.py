"""The kernel's Excel import with preview, through its first user: the agencies list."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from councils.imports import AgencyImport
from councils.models import Agency
from hdnd_portal.core.importer import choice_parser, parse_date, parse_int, read_sheet
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

URL = "/councils/agency/import/"
HEADERS = ["STT", "Tên cơ quan", "Tên viết tắt", "Loại", "Thư điện tử", "Đang hoạt động"]


def xlsx(rows, headers=HEADERS, name="co-quan.xlsx", title_rows=0):
    wb = Workbook()
    ws = wb.active
    for _ in range(title_rows):
        ws.append(["DANH SÁCH CƠ QUAN"])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


GOOD = [
    [1, "Công an xã Phúc Lộc", "CA", "Công an", "ca@phucloc.vn", "Có"],
    [2, "Trạm Y tế xã", "", "don vi thuoc ubnd", "", ""],
]


def preview(client, upload):
    return client.post(URL, {"file": upload})


def test_a_valid_sheet_is_previewed_and_nothing_is_saved_until_confirmed(staff_client, council):
    response = preview(staff_client, xlsx(GOOD, title_rows=2))
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 dòng sẵn sàng để nhập" in page and "Trạm Y tế xã" in page
    assert not Agency.objects.filter(council=council).exists()

    token = response.context["token"]
    confirmed = staff_client.post(URL, {"token": token})
    assert confirmed.status_code == 302
    agencies = {a.name: a for a in Agency.objects.filter(council=council)}
    assert agencies["Công an xã Phúc Lộc"].kind == Agency.Kind.POLICE
    assert agencies["Trạm Y tế xã"].kind == Agency.Kind.UBND_UNIT
    # The token is spent: confirming twice saves nothing more.
    again = staff_client.post(URL, {"token": token})
    assert again.status_code == 400 and "hết hạn" in again.content.decode()
    assert Agency.objects.filter(council=council).count() == 2


def test_a_bad_row_is_shown_with_its_excel_row_number_and_nothing_is_saved(staff_client, council):
    rows = [*GOOD, [3, "Hội Nông dân", "", "Hợp tác xã", "khong-phai-email", "Có lẽ"]]
    response = preview(staff_client, xlsx(rows))
    page = response.content.decode()
    assert response.status_code == 400
    bad = response.context["bad_rows"]
    assert [r.number for r in bad] == [4]  # header on row 1, third data row on row 4
    assert any("“Hợp tác xã” không có trong danh sách" in e for e in bad[0].errors)
    assert any("thư điện tử" in e for e in bad[0].errors)
    assert any("Có hoặc Không" in e for e in bad[0].errors)
    assert "Chưa có gì được lưu" in page and not response.context["token"]
    assert not Agency.objects.filter(council=council).exists()


def test_wrong_columns_and_a_pdf_renamed_xlsx_are_refused_in_one_clear_message(staff_client):
    wrong = preview(staff_client, xlsx(GOOD, headers=["STT", "Tên", "Kiểu"]))
    assert wrong.status_code == 400
    assert "Không tìm thấy dòng tiêu đề" in wrong.context["sheet"].errors[0]

    extra = preview(
        staff_client, xlsx([["A", "Công an", "x"]], headers=["Tên cơ quan", "Loại", "Ghi chú lạ"])
    )
    assert "Có cột không thuộc mẫu: “Ghi chú lạ”" in extra.context["sheet"].errors[0]

    pdf = preview(staff_client, SimpleUploadedFile("co-quan.xlsx", b"%PDF-1.4 not a sheet"))
    assert pdf.status_code == 400
    assert "không phải là tệp Excel" in pdf.context["sheet"].errors[0]

    csv = preview(staff_client, SimpleUploadedFile("co-quan.csv", b"a,b"))
    assert "không phải tệp Excel .xlsx" in csv.context["sheet"].errors[0]


def test_a_name_repeated_in_the_file_is_refused_and_an_existing_name_is_updated(
    staff_client, council
):
    AgencyFactory(council=council, name="Công an xã Phúc Lộc", kind=Agency.Kind.OTHER)
    dup = preview(staff_client, xlsx([*GOOD, [3, "CÔNG AN XÃ PHÚC LỘC", "", "Công an", "", ""]]))
    assert "Trùng với dòng 2" in dup.context["bad_rows"][0].errors[0]

    ok = preview(staff_client, xlsx(GOOD))
    staff_client.post(URL, {"token": ok.context["token"]})
    police = Agency.objects.get(council=council, name="Công an xã Phúc Lộc")
    assert police.kind == Agency.Kind.POLICE
    assert Agency.objects.filter(council=council).count() == 2
    assert police.history.first().history_change_reason == "Nhập từ Excel"


def test_too_many_rows_are_refused_before_anything_is_checked(staff_client, monkeypatch):
    monkeypatch.setattr(AgencyImport, "max_rows", 3)
    rows = [[i, f"Cơ quan {i}", "", "Khác", "", ""] for i in range(5)]
    response = preview(staff_client, xlsx(rows))
    assert "mỗi lần chỉ nhập tối đa 3 dòng" in response.context["sheet"].errors[0]


def test_the_template_has_the_columns_and_a_guide(staff_client):
    response = staff_client.get(reverse("councils-agency-import-template"))
    wb = load_workbook(BytesIO(response.content))
    headers = [c.value for c in wb.worksheets[0][1]]
    assert headers[:3] == ["Tên cơ quan", "Tên viết tắt", "Loại"]
    assert wb.sheetnames[1] == "Hướng dẫn"


def test_a_token_of_another_user_is_refused(client, staff_client, make_persona):
    token = preview(staff_client, xlsx(GOOD)).context["token"]
    client.force_login(make_persona("admin"))
    response = client.post(URL, {"token": token})
    assert response.status_code == 400
    assert not Agency.objects.exists()


@pytest.mark.parametrize("role", ["standing", "committee", "delegate", "leadership", "agency"])
def test_only_writers_may_import(client, make_persona, role):
    client.force_login(make_persona(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": xlsx(GOOD)}).status_code == 403


def test_cell_parsers_say_what_is_wrong_in_vietnamese():
    from django.core.exceptions import ValidationError

    assert parse_date("05/03/2026") == dt.date(2026, 3, 5)
    assert parse_date(dt.datetime(2026, 3, 5, 0, 0)) == dt.date(2026, 3, 5)
    assert parse_int("1.200") == 1200 and parse_int(None) is None
    with pytest.raises(ValidationError, match="tháng 2 năm 2026 chỉ có 28 ngày, không có ngày 31"):
        parse_date("31/02/2026")
    with pytest.raises(ValidationError, match="tháng 2 năm 2028 chỉ có 29 ngày"):
        parse_date("30-02-2028")
    assert parse_date("29/02/2028") == dt.date(2028, 2, 29)
    with pytest.raises(ValidationError, match="không có tháng 13"):
        parse_date("12/13/2026")
    with pytest.raises(ValidationError, match="ngày/tháng/năm"):
        parse_date("hôm qua")
    with pytest.raises(ValidationError, match="Ngày phải trong khoảng"):
        parse_date("01/01/1900")
    with pytest.raises(ValidationError, match="số nguyên"):
        parse_int("mười")
    assert choice_parser(Agency.Kind)("cong an") == Agency.Kind.POLICE


def test_read_sheet_saves_nothing(council, make_persona):
    from hdnd_portal.core.access import Access

    access = Access(user_id=1, council_id=council.pk, council_name="x", role="staff")
    sheet = read_sheet(AgencyImport(), xlsx(GOOD), access=access)
    assert sheet.ok and len(sheet.rows) == 2
    assert not Agency.objects.exists()


def test_the_templates_example_row_left_in_is_refused_and_nothing_is_saved(staff_client, council):
    """The clerk fills the template below its example row and forgets to delete it."""
    template = load_workbook(BytesIO(staff_client.get(URL + "template/").content))
    ws = template.worksheets[0]
    assert ws["A2"].font.italic and "xóa dòng này" in ws["A2"].comment.text
    ws.append(["Trạm Y tế xã", "", "Đơn vị thuộc UBND", "", "", "", "", "Có"])
    buf = BytesIO()
    template.save(buf)
    response = preview(staff_client, SimpleUploadedFile("mau.xlsx", buf.getvalue()))
    assert response.status_code == 400
    bad = response.context["bad_rows"]
    assert [r.number for r in bad] == [2]
    assert "dòng ví dụ của tệp mẫu" in bad[0].errors[0]
    assert not Agency.objects.filter(council=council).exists()


def test_one_pass_reports_every_error_of_a_row_and_refuses_an_overlong_name(staff_client, council):
    """A 5,000-character name is refused with its limit (never cut to 200), and in the same
    pass as the row's other errors."""
    rows = [[1, "Đ" * 5000, "", "Hợp tác xã", "khong-phai-email", "Có"]]
    response = preview(staff_client, xlsx(rows))
    errors = response.context["bad_rows"][0].errors
    assert any("dài 5000 ký tự, quá giới hạn 200 ký tự" in e for e in errors)
    assert any("Hợp tác xã" in e for e in errors) and any("thư điện tử" in e for e in errors)
    assert not Agency.objects.filter(council=council).exists()

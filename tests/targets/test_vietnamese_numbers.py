"""Issue 19: figures are written the Vietnamese way in every output — "28,6%", "1.234" on the
dashboard (in either language of the portal), in the review PDF and its Word twin, and Excel
cells stay numbers with a percentage format."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from hdnd_portal.core.export import xlsx_response
from hdnd_portal.core.numbers import Percent, vi_number, vi_percent
from tests.documents import pdftools
from tests.factories import DelegateFactory, TrainingFactory, persona

AT = dt.datetime(2026, 10, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.mark.parametrize(
    ("value", "number", "percent"),
    [
        (1234, "1.234", "1.234%"),
        (82.44, "82,4", "82,4%"),
        (97.45, "97,5", "97,5%"),
        (100.0, "100", "100%"),
        (0.05, "0,1", "0,1%"),
        (1234567.8, "1.234.567,8", "1.234.567,8%"),
        (None, "—", "—"),
    ],
)
def test_one_way_of_writing_numbers(value, number, percent):
    assert vi_number(value) == number
    assert vi_percent(value) == percent
    rendered = Template("{% load portal %}{{ v|num }} {{ v|pct }}").render(Context({"v": value}))
    assert rendered == f"{number} {percent}"


def test_excel_cells_stay_numbers_with_their_formats():
    response = xlsx_response(
        "so-lieu", "Số liệu", ["Tỷ lệ", "Số", "Thập phân"], [[Percent(82.4), 1234, 2.5]]
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    last = sheet.max_row
    share, count, decimal = (sheet.cell(row=last, column=c) for c in (1, 2, 3))
    assert share.value == pytest.approx(0.824) and share.number_format == "0.0%"
    assert count.value == 1234 and count.number_format == "#,##0"
    assert decimal.value == 2.5 and decimal.number_format == "#,##0.0##"


@pytest.fixture
def two_of_seven(plan, council):
    """Seven delegates, two trained: target 1.3 stands at 28,6%."""
    extra = [DelegateFactory(term=plan["term"], start_date=dt.date(2026, 3, 15)) for _ in range(3)]
    TrainingFactory(council=council, start_date=dt.date(2026, 5, 12), delegates=extra[:2])
    return plan


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_dashboard_writes_shares_with_a_decimal_comma_in_both_languages(
    client, council, two_of_seven, language, settings
):
    client.force_login(persona("leadership", council))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with time_machine.travel(AT, tick=False):
        body = client.get(reverse("targets-dashboard"), {"year": 2026}).content.decode()
    assert "28,6% (2/7)" in body
    assert "28.6" not in body


def test_the_dashboard_export_holds_the_share_as_a_percentage_cell(client, council, two_of_seven):
    client.force_login(persona("leadership", council))
    with time_machine.travel(AT, tick=False):
        response = client.get(reverse("targets-dashboard"), {"year": 2026, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows())
    headers = next([c.value for c in r] for r in rows if r[0].value == "Mã")
    row = next(r for r in rows if r[0].value == "1.3")
    result = row[headers.index("Kết quả")]
    assert result.value == pytest.approx(0.286) and result.number_format == "0.0%"
    assert row[headers.index("Đạt/tổng số")].value == "2/7"
    assert row[headers.index("Mức phải đạt")].value == 1


@pytest.mark.poppler
def test_the_review_report_and_its_word_twin_write_28_comma_6(
    client, council, two_of_seven, tmp_path
):
    client.force_login(persona("leadership", council))
    with time_machine.travel(AT, tick=False):
        location = client.post(reverse("targets-review", args=[2026, 2]))["Location"]
        pdf = client.get(location)
        word = client.get(location, {"format": "docx"})
    assert pdf["Content-Type"] == "application/pdf"
    printed = " ".join(pdftools.text(pdftools.write(pdf.content, tmp_path)).split())
    assert "28,6% (2/7)" in printed and "28.6" not in printed
    document = Document(io.BytesIO(word.content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    text = " ".join([p.text for p in document.paragraphs] + cells)
    assert "28,6%" in text and "28.6%" not in text

"""Excel export of any list, streamed row by row (write-only workbook).

What a clerk opens: a title row (the list and the council), a line with the filters applied,
bold column headers with sensible widths, real date cells shown dd/mm/yyyy, "Có"/"Không" for
yes/no, and text that can never run as a formula in Excel or LibreOffice (OWASP "CSV/formula
injection": a value starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
stored as plain text with Excel's quote prefix).
"""

import datetime as dt
import decimal
from collections.abc import Iterable, Sequence
from io import BytesIO
from itertools import islice

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from hdnd_portal.core.numbers import Percent
from hdnd_portal.core.text import fold

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
# Numbers stay numbers; Excel writes the separators of the reader's own locale ("1.234,5" in
# Vietnamese), so a sum still works (hdnd_portal.core.numbers for the text outputs).
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0##"
# Column widths are measured on the first rows only: the rest streams without being held.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 60


def export_filename(text: str, default: str = "danh-sach") -> str:
    """An ASCII file name that keeps the Vietnamese letters' base ("Đại biểu" -> "dai-bieu")."""
    return slugify(fold(text)) or default


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_TRIGGERS)


def _value(value):
    """(value, number_format) as the cell should hold it."""
    if value is None:
        return "", None
    if isinstance(value, bool):  # before int: bool is an int
        return ("Có" if value else "Không"), None
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value, DATETIME_FORMAT
    if isinstance(value, dt.date):
        return value, DATE_FORMAT
    if isinstance(value, dt.time):
        return value, "hh:mm"
    if isinstance(value, Percent):
        if value.value is None:
            return "", None
        return value.value / 100, value.excel_format
    if isinstance(value, int):
        return value, INTEGER_FORMAT
    if isinstance(value, (float, decimal.Decimal)):
        return value, DECIMAL_FORMAT
    return str(value), None


def _cell(ws, value, *, bold=False) -> WriteOnlyCell:
    value, number_format = _value(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        # Always a string cell: openpyxl would otherwise store "=..." as a formula.
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def _width(value) -> int:
    value, number_format = _value(value)
    if number_format and not isinstance(value, (int, float, decimal.Decimal)):
        return len(number_format)
    longest = max((len(line) for line in str(value).splitlines()), default=0)
    return min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))


def xlsx_response(
    filename: str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    subtitle: Sequence[str] = (),
) -> HttpResponse:
    """The rows as an .xlsx download named ``filename`` (folded to ASCII, ".xlsx" added).

    ``title`` heads the sheet (and names it); ``subtitle`` lines follow it, e.g. the council and
    the filters applied; then the header row and the rows.
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_title(title))
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE_ROWS))
    widths = [_width(h) for h in headers]
    for row in sample:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _width(value))
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    header_row = len(subtitle) + 3
    ws.freeze_panes = f"A{header_row + 1}"

    title_cell = _cell(ws, title)
    title_cell.font = Font(bold=True, size=14)
    ws.append([title_cell])
    for line in subtitle:
        ws.append([_cell(ws, line)])
    ws.append([])
    header_cells = []
    for header in headers:
        cell = _cell(ws, str(header), bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header_cells.append(cell)
    ws.append(header_cells)
    for row in sample:
        ws.append([_cell(ws, v) for v in row])
    for row in rows:
        ws.append([_cell(ws, v) for v in row])

    buf = BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{export_filename(filename)}.xlsx"
    )
    # Exports hold personal data: no shared cache may keep them.
    response["Cache-Control"] = "private, no-store"
    return response


def _sheet_title(title: str) -> str:
    # Excel forbids []:*?/\ in sheet names and limits them to 31 characters.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(title)).strip()
    return cleaned[:31] or "Danh sách"

"""Excel export of any list, streamed row by row (write-only workbook)."""

import datetime as dt
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (dt.date, int, float)):
        return value
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


def xlsx_response(filename: str, title: str, headers: list[str], rows) -> HttpResponse:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31] or "Danh sach")
    bold = Font(bold=True)
    from openpyxl.cell import WriteOnlyCell

    header_cells = []
    for h in headers:
        c = WriteOnlyCell(ws, value=str(h))
        c.font = bold
        header_cells.append(c)
    ws.append(header_cells)
    for row in rows:
        ws.append([_cell(v) for v in row])
    buf = BytesIO()
    wb.save(buf)
    response = HttpResponse(
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response

"""Reading the portal's Excel exports in tests: title, subtitle lines, header row, data rows."""

from dataclasses import dataclass
from io import BytesIO

from openpyxl import load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Export:
    title: str
    subtitle: list[str]
    header: tuple
    rows: list[tuple]
    sheet: object
    first_row: int  # the sheet row number (1-based) of rows[0]

    def cells(self, column_header: str) -> list:
        """The cells (not values) of one column, for checking types and formats."""
        column = self.header.index(column_header) + 1
        last = self.first_row + len(self.rows)
        return [self.sheet.cell(row=r, column=column) for r in range(self.first_row, last)]


def read_export(response) -> Export:
    """The export's parts: the header is the first row after the blank line under the title."""
    assert response["Content-Type"].startswith(XLSX), response["Content-Type"]
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    blank = next(i for i, row in enumerate(values) if not any(v not in (None, "") for v in row))
    return Export(
        title=values[0][0],
        subtitle=[row[0] for row in values[1:blank]],
        header=values[blank + 1],
        rows=values[blank + 2 :],
        sheet=sheet,
        first_row=blank + 3,
    )

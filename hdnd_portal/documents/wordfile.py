"""The DOCX twin of an official document (python-docx), in the Decree 30/2020 layout.

Offices exchange Word files and edit them before signing, so every printed
document has a Word copy with the same words as its PDF. That copy is converted
from the very HTML the PDF is printed from (``htmldocx.docx_from_html``), which
uses :class:`DocxWriter` for the page, the Normal style and the headers here.

Nghị định 30/2020/NĐ-CP, Phụ lục I: A4; margins top and bottom 20-25 mm, left
30-35 mm, right 15-20 mm; Times New Roman; the issuing body on the left and the
national title on the right; number and place-date on one line; page numbers
centred at the top from page 2.
"""

import io
from collections.abc import Sequence

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
# A4 minus the left (30 mm) and right (15 mm) margins.
TEXT_WIDTH_MM = 165
DRAFT_MARK = "DỰ THẢO"

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


class DocxWriter:
    """A python-docx Document with the few helpers the document kinds need."""

    def __init__(self):
        self.document = Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance = Mm(10)
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(14)
        # Word picks the East Asian slot for some Vietnamese letters: name the font there too.
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)

    # -- paragraphs ------------------------------------------------------------------
    def paragraph(
        self,
        text: str = "",
        *,
        container=None,
        size: float = 14,
        bold: bool = False,
        italic: bool = False,
        align=None,
        space_after: float = 0,
        keep_with_next: bool = False,
    ):
        container = container if container is not None else self.document
        paragraph = container.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(space_after)
        paragraph.paragraph_format.keep_with_next = keep_with_next
        if text:
            self.run(paragraph, text, size=size, bold=bold, italic=italic)
        return paragraph

    @staticmethod
    def run(paragraph, text: str, *, size: float = 14, bold=False, italic=False):
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        return run

    @staticmethod
    def rule(paragraph, *, indent_mm: float):
        """A short line under a centred paragraph: its bottom border, narrowed by indents."""
        paragraph.paragraph_format.left_indent = Mm(indent_mm)
        paragraph.paragraph_format.right_indent = Mm(indent_mm)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in {
            "w:val": "single",
            "w:sz": "6",
            "w:space": "1",
            "w:color": "000000",
        }.items():
            bottom.set(qn(key), value)
        borders.append(bottom)
        # Word rejects a pPr whose children are out of the schema's order: pBdr comes
        # before shd, tabs, spacing, ind and jc.
        paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)

    # -- tables ------------------------------------------------------------------------
    def table(self, widths_mm: Sequence[float], *, grid: bool = True):
        table = self.document.add_table(rows=0, cols=len(widths_mm))
        if grid:
            table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        table._widths = [Mm(w) for w in widths_mm]
        for column, width in zip(table.columns, table._widths, strict=True):
            column.width = width  # the grid, read by LibreOffice (Word reads the cells)
        return table

    @staticmethod
    def row(table, cells: Sequence[str], *, size=12, bold=False, aligns=None, header=False):
        """Append a row; ``header`` repeats it on every page, and no row splits across pages."""
        row = table.add_row()
        properties = row._tr.get_or_add_trPr()
        properties.append(_on("w:cantSplit"))
        if header:
            properties.append(_on("w:tblHeader"))
        for index, (cell, text) in enumerate(zip(row.cells, cells, strict=False)):
            cell.width = table._widths[index]
            paragraph = cell.paragraphs[0]
            if aligns and aligns[index] is not None:
                paragraph.alignment = aligns[index]
            if text:
                DocxWriter.run(paragraph, str(text), size=size, bold=bold)
        return row

    @staticmethod
    def keep_with_next(row):
        """Keep this row on the page of the next one (Word's rule for rows is per paragraph)."""
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True

    # -- output -------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


# Children of w:pPr that follow w:pBdr (ECMA-376, CT_PPrBase sequence).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _on(tag: str):
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    return element


def _page_number_field(paragraph):
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _headers(writer: DocxWriter, *, draft: bool):
    """Page numbers centred from page 2; a draft carries "DỰ THẢO" on every page."""
    section = writer.document.sections[0]
    section.different_first_page_header_footer = True
    for header, numbered in ((section.first_page_header, False), (section.header, True)):
        paragraph = header.paragraphs[0]
        paragraph.alignment = CENTER
        if numbered:
            _page_number_field(paragraph)
        if draft:
            writer.paragraph(DRAFT_MARK, container=header, size=13, bold=True, align=RIGHT)


def docx_response(content: bytes, filename: str) -> HttpResponse:
    """An HTTP response carrying a Word file (always downloaded: browsers do not show DOCX)."""
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Length"] = str(len(content))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

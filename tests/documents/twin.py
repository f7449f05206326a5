"""Checks that a kind's Word twin is its PDF: the same words (pdftotext of the PDF against every
paragraph of the .docx) and the Decree 30 body (justified, indented, 6 pt after)."""

import io
import unicodedata
from collections import Counter
from unittest import mock

import lxml.html
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from hdnd_portal.documents import engine, printing
from tests.documents import pdftools

HEADER_WORDS = ("DỰ", "THẢO")


def _words(text: str) -> Counter:
    return Counter(unicodedata.normalize("NFC", text).split())


def docx_paragraphs(document) -> list:
    """Every paragraph of the body, in order, tables (nested too) included; headers left out."""
    found = []

    def walk(container):
        for block in container.iter_inner_content():
            if hasattr(block, "rows"):
                for row in block.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)
            else:
                found.append(block)

    walk(document)
    return found


def fetch(client, url: str, tmp_path):
    """(PDF text, pages, the Word document, the HTML it was converted from) of a print URL."""
    pdf = client.get(url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    path = pdftools.write(pdf.content, tmp_path, "twin.pdf")
    pages = int(pdftools.info(path)["Pages"])
    separator = "&" if "?" in url else "?"
    rendered = []

    def render_html(*args, **kwargs):
        rendered.append(engine.render_html(*args, **kwargs))
        return rendered[-1]

    with mock.patch.object(printing, "render_html", render_html):
        word = client.get(f"{url}{separator}format=docx")
    assert word.status_code == 200
    return pdftools.text(path), pages, Document(io.BytesIO(word.content)), rendered[0]


def assert_same_words(client, url: str, tmp_path, *, pdf_only: str = "") -> Document:
    """The Word twin has exactly the PDF's words (as multisets), apart from the page numbers and
    "DỰ THẢO" printed in the PDF's margins and ``pdf_only`` (e.g. an SVG chart's labels)."""
    text, pages, document, html = fetch(client, url, tmp_path)
    pdf = _words(text)
    for number in range(2, pages + 1):
        pdf[str(number)] -= 1
    draft = "DỰ THẢO" in " ".join(p.text for p in document.sections[0].header.paragraphs)
    if draft:
        for word in HEADER_WORDS:
            pdf[word] -= pages
    pdf.subtract(_words(pdf_only))
    docx = _words("\n".join(p.text for p in docx_paragraphs(document)))
    # A table's header row is printed again on every page it runs over; Word repeats it too,
    # from the one row marked as header.
    for header in repeated_headers(html):
        while all(pdf[word] - docx[word] >= count for word, count in header.items()):
            pdf.subtract(header)
    pdf = +pdf
    # pdftotext takes a dash that ends a line ("BAN KINH TẾ -" above "NGÂN SÁCH") for a
    # hyphenated word and drops it: a lone dash is compared only as far as the PDF's text has it.
    docx["-"] = min(docx["-"], pdf["-"])
    docx = +docx
    # An SVG chart's labels are printed in the PDF; the Word copy leaves pictures out.
    assert (pdf - docx) - svg_words(html) == Counter() and docx - pdf == Counter(), (
        pdf - docx,
        docx - pdf,
    )
    return document


def svg_words(html: str) -> Counter:
    """The words an SVG picture draws (its ``<text>``; not its title or description)."""
    root = lxml.html.document_fromstring(html)
    return _words(" ".join(" ".join(text.itertext()) for text in root.iter("text")))


def repeated_headers(html: str) -> list[Counter]:
    """The words of each table's ``thead`` (the rows a PDF repeats on every page)."""
    root = lxml.html.document_fromstring(html)
    return [_words(" ".join(head.itertext())) for head in root.iter("thead")]


def body_paragraphs(document) -> list:
    """The paragraphs of the body text (justified with a first-line indent), outside tables."""
    return [
        p
        for p in document.paragraphs
        if p.text.strip() and p.paragraph_format.first_line_indent is not None
    ]


def assert_decree_30_body(document, *, at_least: int = 1) -> None:
    """The body paragraphs are justified, indented 1.27 cm, with 6 pt after (or more; the
    lines of a list, "- …", may be closer)."""
    body = body_paragraphs(document)
    assert len(body) >= at_least, [p.text for p in document.paragraphs]
    for paragraph in body:
        fmt = paragraph.paragraph_format
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, paragraph.text
        assert abs(fmt.first_line_indent.cm - 1.27) < 0.02, paragraph.text
        if not paragraph.text.startswith("- "):
            assert fmt.space_after is not None and fmt.space_after.pt >= 6, paragraph.text


def assert_letterhead(document) -> None:
    """The issuing body and the motto are there, each with its short rule right under it."""
    letterhead = document.tables[0]
    issuer, national = letterhead.rows[0].cells
    for cell, words in ((issuer, ""), (national, "Độc lập - Tự do - Hạnh phúc")):
        paragraphs = cell.paragraphs
        ruled = [
            index
            for index, p in enumerate(paragraphs)
            if p._p.pPr is not None
            and p._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr")
            is not None
        ]
        assert ruled, f"no rule in {cell.text!r}"
        above = paragraphs[ruled[-1] - 1]
        assert above.paragraph_format.keep_with_next
        assert words in cell.text

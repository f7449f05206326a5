"""The counting minutes and the confidence resolution as Word: the PDF's words, the counting
board's signatures, bold articles and italic bases."""

import re

import pytest
from django.urls import reverse

from tests.documents.twin import (
    assert_decree_30_body,
    assert_letterhead,
    assert_same_words,
    docx_paragraphs,
)
from tests.supervision_confidence.test_documents import closed  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db  # reads the PDF with poppler-utils (pdftotext)
ARTICLE = re.compile(r"^Điều \d+\.")


def test_the_minutes_keep_every_member_of_the_counting_board(staff_client, closed, tmp_path):  # noqa: F811
    url = reverse("documents-print", args=["supervision.confidence_minutes", closed.pk])
    document = assert_same_words(staff_client, url, tmp_path)
    assert_letterhead(document)
    # Every member of the board signs under their own title, head first, with room to sign.
    board = document.tables[-1]
    cells = [cell for row in board.rows for cell in row.cells]
    text = "\n".join(cell.text for cell in cells)
    assert "TRƯỞNG BAN KIỂM PHIẾU" in text and "Nguyễn Văn Kiểm" in text
    assert "Lê Thị Phiếu" in text
    assert text.index("Nguyễn Văn Kiểm") < text.index("Lê Thị Phiếu")
    for cell in cells:
        if cell.text.strip():
            texts = [p.text for p in cell.paragraphs]
            assert texts.count("") >= 3


def test_the_resolution_has_bold_articles_and_italic_bases(staff_client, closed, tmp_path):  # noqa: F811
    url = reverse("documents-print", args=["supervision.confidence_resolution", closed.pk])
    document = assert_same_words(staff_client, url, tmp_path)
    assert_letterhead(document)
    assert_decree_30_body(document, at_least=3)
    paragraphs = docx_paragraphs(document)
    articles = [p for p in paragraphs if ARTICLE.match(p.text)]
    assert len(articles) == 3
    for paragraph in articles:
        first = paragraph.runs[0]
        assert ARTICLE.match(first.text) and first.bold
        assert not any(run.bold for run in paragraph.runs[1:] if run.text.strip())
    bases = [p for p in paragraphs if p.text.startswith("Căn cứ")]
    assert bases and all(run.italic for p in bases for run in p.runs if run.text.strip())

"""The roster lists delegates in the delegate list's order (Vietnamese, given name first)."""

import pytest

from councils.reports import ROSTER_KIND
from hdnd_portal.documents.printing import document_context, document_kind, document_pdf
from tests.councils.test_vietnamese_order import EXPECTED, delegates, positions, travel  # noqa: F401
from tests.documents import pdftools

pytestmark = pytest.mark.django_db


@pytest.mark.poppler
def test_it_prints_the_roster_in_the_order_of_the_list_and_the_export(delegates, tmp_path):  # noqa: F811
    kind = document_kind(ROSTER_KIND)
    pdf = document_pdf(document_context(kind=kind, obj=delegates, access=None, document=None))
    text = pdftools.text(pdftools.write(pdf, tmp_path))

    assert positions(text) == sorted(positions(text))
    assert "Đại biểu chưa phân tổ" in text

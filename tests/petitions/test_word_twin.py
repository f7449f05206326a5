"""The forwarding slip, the reception log (landscape) and the periodic report as Word."""

import datetime as dt

import pytest
from django.urls import reverse
from docx.enum.section import WD_ORIENT

from petitions.models import PetitionReport
from tests.documents.twin import assert_decree_30_body, assert_letterhead, assert_same_words

pytestmark = pytest.mark.django_db  # reads the PDF with poppler-utils (pdftotext)


@pytest.fixture
def report(council):
    return PetitionReport.objects.create(
        council=council,
        title="Năm 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )


def test_the_petition_documents_have_the_words_of_their_pdfs(
    client, handler, denunciation, report, tmp_path
):
    client.force_login(handler)
    slip = reverse("documents-print", args=["petitions.forwarding_slip", denunciation.pk])
    for url in (slip, reverse("documents-print", args=["petitions.periodic_report", report.pk])):
        document = assert_same_words(client, url, tmp_path)
        assert_letterhead(document)
        assert_decree_30_body(document)


def test_the_reception_log_is_landscape_with_its_letterhead(
    client, handler, denunciation, report, tmp_path
):
    client.force_login(handler)
    url = reverse("documents-print", args=["petitions.reception_log", report.pk])
    document = assert_same_words(client, url, tmp_path)
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert_letterhead(document)
    log = document.tables[1]
    assert log.style.name == "Table Grid"
    width = sum(col.w.mm for col in log._tbl.tblGrid.gridCol_lst)
    text_width = (section.page_width - section.left_margin - section.right_margin) / 36000
    assert abs(width - text_width) < 1

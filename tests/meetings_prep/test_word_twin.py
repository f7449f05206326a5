"""The quarterly report's Word twin is its PDF, with the Decree 30 body."""

import pytest
from django.urls import reverse

from tests.documents.twin import assert_decree_30_body, assert_letterhead, assert_same_words
from tests.meetings_prep.test_quarterly_report import report  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db  # reads the PDF with poppler-utils (pdftotext)


def test_the_quarterly_report_twin_has_the_pdfs_words(staff_client, report, tmp_path):  # noqa: F811
    url = reverse("documents-print", args=["meetings.quarterly_report", report.pk])
    document = assert_same_words(staff_client, url, tmp_path)
    assert_letterhead(document)
    assert_decree_30_body(document, at_least=2)

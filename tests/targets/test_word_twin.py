"""The plan review's Word twin is its PDF, less the chart's labels (the chart is a picture)."""

import pytest
from django.urls import reverse

from hdnd_portal.targets.models import PlanReview
from tests.documents.twin import assert_letterhead, assert_same_words
from tests.factories import persona
from tests.targets.test_review_and_api import records, travel  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db  # reads the PDF with poppler-utils (pdftotext)


def test_the_review_twin_has_the_pdfs_words_and_its_table(client, records, council, tmp_path):  # noqa: F811
    client.force_login(persona("staff", council))
    client.post(reverse("targets-review", args=[2026, 0]))
    review = PlanReview.objects.get(council=council, year=2026, half=0)
    url = reverse("documents-print", args=["targets.review", review.pk])
    document = assert_same_words(client, url, tmp_path)
    assert_letterhead(document)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert table.style.name == "Table Grid"
    assert (
        table.rows[0]._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
        )
        is not None
    )

"""The supervision plan, report and conclusion notice: Word twins with their PDFs' words."""

import pytest
from django.urls import reverse

from tests.documents.twin import assert_decree_30_body, assert_letterhead, assert_same_words
from tests.supervision.test_printing import activity, conclusion  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db  # reads the PDF with poppler-utils (pdftotext)


def test_each_supervision_document_has_the_words_of_its_pdf(staff_client, conclusion, tmp_path):  # noqa: F811
    for kind, pk in (
        ("supervision.plan", conclusion.activity.pk),
        ("supervision.report", conclusion.pk),
        ("supervision.notice", conclusion.pk),
    ):
        document = assert_same_words(
            staff_client, reverse("documents-print", args=[kind, pk]), tmp_path
        )
        assert_letterhead(document)
        assert_decree_30_body(document)

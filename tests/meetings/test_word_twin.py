"""The Word twins of the session documents are their PDFs (DOCUMENTS.md §1, 2, 6)."""

import datetime as dt

import pytest
from django.urls import reverse

from meetings import services
from tests.documents.twin import assert_decree_30_body, assert_letterhead, assert_same_words
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    ExaminationFactory,
    SessionDocumentFactory,
)
from tests.meetings.test_rules import passed_resolution

pytestmark = pytest.mark.django_db  # reads the PDF with poppler-utils (pdftotext)


def test_every_session_document_has_the_words_of_its_pdf(sitting, client, tmp_path):
    AgendaItemFactory(session=sitting.session, number=1, title="Khai mạc kỳ họp", time_label="8h00")
    resolution = passed_resolution(sitting, title="Về việc phê duyệt dự toán ngân sách xã năm 2027")
    resolution = services.resolution_issue(
        resolution=resolution, issued_by=sitting.staff, on=dt.date(2026, 12, 21)
    )
    ban = CommitteeFactory(term=sitting.term, name="Ban Kinh tế - Ngân sách")
    exam = ExaminationFactory(
        document=SessionDocumentFactory(session=sitting.session),
        committee=ban,
        recommendation="amend",
    )
    client.force_login(sitting.staff)
    for kind, pk, query in (
        ("meetings.session_programme", sitting.session.pk, ""),
        ("meetings.session_report", sitting.session.pk, ""),
        ("meetings.resolution", resolution.pk, f"?document={resolution.document.pk}"),
        ("meetings.examination_report", exam.pk, ""),
    ):
        url = reverse("documents-print", args=[kind, pk]) + query
        document = assert_same_words(client, url, tmp_path)
        assert_letterhead(document)
        if kind != "meetings.session_programme":  # the programme is its agenda's table
            assert_decree_30_body(document)

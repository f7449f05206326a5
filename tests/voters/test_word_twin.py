"""The voters' synthesis and answers reports: Word twins with their PDFs' words."""

import pytest
from django.urls import reverse

from councils.models import Agency
from tests.documents.twin import assert_letterhead, assert_same_words
from tests.factories import AgencyFactory
from tests.voters.test_lists_reports_counts import fill
from voters import services
from voters.models import SynthesizedPetition

pytestmark = pytest.mark.django_db  # reads the PDF with poppler-utils (pdftotext)


def test_the_voters_reports_have_the_words_of_their_pdfs(client, vw, tmp_path):
    fill(vw, 4)
    synth = SynthesizedPetition.objects.filter(state="forwarded").first()
    services.synth_answer(
        synth=synth, by_user=vw.staff, answer="Đã sửa xong đoạn đường.", state="resolved"
    )
    # A petition beyond the commune: part III of the synthesis, forwarded to the city.
    city = AgencyFactory(council=vw.council, name="UBND thành phố", kind=Agency.Kind.UPPER)
    upward = SynthesizedPetition.objects.filter(state="new").first()
    services.synth_assign(synth=upward, agency=city, by_user=vw.staff, reference="CV 12/HĐND")
    client.force_login(vw.staff)
    for kind in ("voters.synthesis", "voters.answers"):
        url = reverse("documents-print", args=[kind, vw.session.pk])
        assert_letterhead(assert_same_words(client, url, tmp_path))

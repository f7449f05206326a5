"""The roster's Word twin is its PDF: same words, the letterhead's rules, the signature."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from councils.reports import ROSTER_KIND
from tests.documents.rosterdata import build_term
from tests.documents.twin import assert_letterhead, assert_same_words, docx_paragraphs
from tests.factories import persona

pytestmark = [pytest.mark.django_db, pytest.mark.poppler]

AT = dt.datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def travel():
    with time_machine.travel(AT, tick=False):
        yield


def test_the_roster_twin_has_the_pdfs_words_table_and_signature(client, council, tmp_path):
    term, _groups, _chair = build_term(council, extra_delegates=40)
    client.force_login(persona("staff", council))
    url = reverse("documents-print", args=[ROSTER_KIND, term.pk])
    document = assert_same_words(client, url, tmp_path)
    assert_letterhead(document)
    roster = document.tables[1]
    assert roster.style.name == "Table Grid"
    assert [c.text for c in roster.rows[0].cells] == [
        "STT",
        "Họ và tên",
        "Năm sinh",
        "Chức vụ, nơi công tác",
        "Đơn vị bầu cử",
        "Ghi chú",
    ]
    widths = [round(c.w.mm) for c in roster._tbl.tblGrid.gridCol_lst]
    assert widths == [12, 41, 15, 48, 18, 31]
    texts = [p.text for p in docx_paragraphs(document)]
    assert texts[-1] == "Trần Văn Bình"  # the chair signs under the room for the signature
    assert "TM. THƯỜNG TRỰC HĐND" in texts and "CHỦ TỊCH" in texts

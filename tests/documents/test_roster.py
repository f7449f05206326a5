"""The delegate roster: selector, PDF, Word twin, printed through /documents/print/."""

import datetime as dt
import re
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import Delegate
from councils.reports import ROSTER_KIND, roster_date, roster_for_term
from hdnd_portal.documents.models import DocumentRegister
from hdnd_portal.documents.printing import document_context, document_kind, document_pdf
from hdnd_portal.documents.services import document_number_issue
from tests.documents import pdftools
from tests.documents.rosterdata import TERM_START, build_term
from tests.factories import DelegateFactory, persona

ON = dt.date(2026, 5, 4)
AT = dt.datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def travel():
    with time_machine.travel(AT, tick=False):
        yield


def url(term) -> str:
    return reverse("documents-print", kwargs={"kind": ROSTER_KIND, "pk": term.pk})


def roster_pdf(term, document=None) -> bytes:
    """The roster as the print view renders it (a draft unless ``document`` is given)."""
    kind = document_kind(ROSTER_KIND)
    return document_pdf(document_context(kind=kind, obj=term, access=None, document=document))


def login(client, role, council, **links):
    client.force_login(persona(role, council, **links))
    return client


# -- selector ---------------------------------------------------------------------------


def test_it_groups_delegates_in_office_by_delegate_group(council):
    term, groups, chair = build_term(council)
    DelegateFactory(
        term=term,
        full_name="Đỗ Văn Cũ",
        delegate_group=groups[0],
        start_date=TERM_START,
        end_date=dt.date(2026, 4, 30),
    )
    DelegateFactory(
        term=term, full_name="Bùi Thị Mới", delegate_group=groups[1], start_date=dt.date(2026, 6, 1)
    )
    DelegateFactory(term=term, full_name="Ngô Văn Tự Do")

    roster = roster_for_term(term=term, on=ON)

    assert [(g.numeral, g.name) for g in roster.groups] == [
        ("I", "Tổ đại biểu số 1 (thôn Đông, thôn Đoài)"),
        ("II", "Tổ đại biểu số 2 (thôn Thượng)"),
        ("III", "Đại biểu chưa phân tổ"),
    ]
    names = [[r.delegate.full_name for r in g.rows] for g in roster.groups]
    # Sorted by given name (Bình before Hương), numbered across the groups.
    assert names == [
        ["Trần Văn Bình", "Nguyễn Thị Hương"],
        ["Lê Thị Ngọc Ánh", "Phạm Đức Thắng"],
        ["Ngô Văn Tự Do"],
    ]
    assert [r.number for g in roster.groups for r in g.rows] == [1, 2, 3, 4, 5]
    assert roster.chair == chair
    assert (roster.total, roster.full_time, roster.women, roster.first_term) == (5, 2, 2, 2)
    first = roster.groups[0].rows[1]
    assert (first.birth_year, first.position_workplace, first.note) == (
        1970,
        "Phó Bí thư Đảng ủy, Đảng ủy xã",
        "Kiêm nhiệm; lần đầu",
    )


def test_it_reads_the_roster_in_two_queries_whatever_its_size(council, django_assert_num_queries):
    term, _groups, _chair = build_term(council, extra_delegates=30)
    # 1: delegates with their group and constituency; 2: the Standing Committee chair.
    with django_assert_num_queries(2):
        roster = roster_for_term(term=term, on=ON)
        [
            (r.delegate.delegate_group.name, r.delegate.constituency.number)
            for g in roster.groups
            for r in g.rows
        ]


def test_it_keeps_the_report_date_within_the_term(council):
    term, _g, _c = build_term(council)
    term.end_date = dt.date(2026, 10, 1)
    assert roster_date(term, dt.date(2026, 1, 1)) == TERM_START
    assert roster_date(term, ON) == ON
    assert roster_date(term, dt.date(2027, 1, 1)) == dt.date(2026, 10, 1)


# -- the PDF ----------------------------------------------------------------------------


@pytest.mark.poppler
def test_it_prints_the_roster_with_names_grouped_and_the_chair_signing(council, travel, tmp_path):
    term, _groups, _chair = build_term(council)
    path = pdftools.write(roster_pdf(term), tmp_path)
    text = pdftools.text(path)
    for expected in [
        "HĐND XÃ PHÚC LỘC",
        "THƯỜNG TRỰC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "DANH SÁCH",
        "ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN XÃ PHÚC LỘC",
        "KHÓA II, NHIỆM KỲ 2026-2031",
        "(Tính đến ngày 04 tháng 5 năm 2026)",
        "Họ và tên",
        "Chức vụ, nơi công tác",
        "TM. THƯỜNG TRỰC HĐND",
        "CHỦ TỊCH",
        "Tổng số: 4 đại biểu",
    ]:
        assert expected in text, expected
    # A draft: blank number, blank day and month, on one line.
    layout = pdftools.text(path, layout=True)
    assert re.search(r"Số:\s+/DS-HĐND\s+Phúc Lộc, ngày\s+tháng\s+năm 2026", layout)
    order = [
        text.index(s)
        for s in [
            "Tổ đại biểu số 1",
            "Trần Văn Bình",
            "Nguyễn Thị Hương",
            "Tổ đại biểu số 2",
            "Lê Thị Ngọc Ánh",
            "Phạm Đức Thắng",
        ]
    ]
    assert order == sorted(order)
    # The chair's name closes the document, under the signature block.
    assert text.rstrip().endswith("Trần Văn Bình")


@pytest.mark.poppler
def test_the_position_column_does_not_repeat_the_councils_own_name(council, travel, tmp_path):
    term, groups, _chair = build_term(council)
    DelegateFactory(
        term=term,
        full_name="Hoàng Văn Phó",
        delegate_group=groups[0],
        position="Phó Chủ tịch HĐND xã",
        workplace="HĐND xã Phúc Lộc",
    )
    DelegateFactory(
        term=term,
        full_name="Vũ Thị Ủy",
        delegate_group=groups[1],
        position="Chủ tịch UBND xã Phúc Lộc",
        workplace="Ủy ban nhân dân xã Phúc Lộc",
    )
    text = pdftools.text(pdftools.write(roster_pdf(term), tmp_path), layout=True)
    assert re.search(r"Hoàng Văn Phó\s+\d{4}\s+Phó Chủ tịch HĐND xã\s+", text)
    assert re.search(r"Vũ Thị Ủy\s+\d{4}\s+Chủ tịch UBND xã\s+", text)
    assert "HĐND xã Phúc Lộc" not in text and "Phúc Lộc, HĐND" not in text
    assert "Ủy ban nhân dân xã" not in text


@pytest.mark.poppler
def test_the_recipients_do_not_include_the_standing_committee_that_issues_it(
    council, travel, tmp_path
):
    term, _groups, _chair = build_term(council)
    text = pdftools.text(pdftools.write(roster_pdf(term), tmp_path))
    recipients = text[text.index("Nơi nhận:") :]
    flat = " ".join(recipients.split())
    assert (
        "Nơi nhận: - Thường trực HĐND thành phố Hà Nội (để báo cáo); - Thường trực Đảng ủy xã;"
        in flat
    )
    assert "Các đại biểu HĐND xã;" in flat
    assert "Thường trực HĐND xã" not in flat
    assert "TM. THƯỜNG TRỰC HĐND" in flat


ROW = re.compile(r"^\s*(\d+)\s{2,}\S", re.MULTILINE)
BODY = (0, 57, 596, 785)  # the page below the 20 mm top margin (page number, draft mark)


def row_numbers_per_page(path) -> list[list[int]]:
    """The STT of the roster rows on each page, read from the printed text."""
    pages = int(pdftools.info(path)["Pages"])
    return [
        [int(n) for n in ROW.findall(pdftools.text(path, first=p, last=p, crop=BODY, layout=True))]
        for p in range(1, pages + 1)
    ]


@pytest.mark.poppler
def test_the_last_page_never_holds_a_single_row(council, travel, tmp_path):
    # 26 delegates: 25 one-line rows fit on the first page under the header, so the last
    # row, the totals and the signature would spill onto page 2 with one row alone.
    # Names are fixed (not the factory's sequence) so that every row keeps one line.
    term, groups, _chair = build_term(council)
    for n in range(22):
        DelegateFactory(
            term=term,
            full_name=f"Đỗ Văn Tư {n:02d}",
            delegate_group=groups[n % 2],
            position="Cán bộ",
            workplace="UBND xã",
        )
    path = pdftools.write(roster_pdf(term), tmp_path)
    rows = row_numbers_per_page(path)
    assert len(rows) == 2
    assert [n for page in rows for n in page] == list(range(1, 27))
    assert rows[-1] == [25, 26]
    last_page = pdftools.text(path, first=2)
    assert "Tổng số: 26 đại biểu" in last_page and "CHỦ TỊCH" in last_page


@pytest.mark.poppler
def test_a_long_roster_repeats_the_table_header_and_numbers_pages_from_two(
    council, travel, tmp_path
):
    term, _groups, _chair = build_term(council, extra_delegates=76)
    started = time.perf_counter()
    pdf = roster_pdf(term)
    elapsed = time.perf_counter() - started
    path = pdftools.write(pdf, tmp_path)
    pages = int(pdftools.info(path)["Pages"])
    assert pages >= 2
    assert all((round(w), round(h)) == (595, 842) for w, h in pdftools.page_sizes(path))
    band = (200, 0, 196, 50)  # the middle of the 20 mm top margin
    assert pdftools.text(path, first=1, last=1, crop=band).strip() == ""
    assert pdftools.text(path, first=2, last=2, crop=band).strip() == "2"
    page_two = pdftools.text(path, first=2, last=2)
    assert "Họ và tên" in page_two and "Năm" in page_two
    text = pdftools.text(path)
    assert "Tổng số: 80 đại biểu" in text
    assert text.count("Nguyễn Văn Đức") == 76
    assert elapsed < 20, f"80 delegates took {elapsed:.1f} s"


# -- the view ---------------------------------------------------------------------------


@pytest.mark.poppler
def test_it_previews_a_draft_marked_as_such_without_issuing_a_number(
    client, council, travel, tmp_path
):
    term, _groups, _chair = build_term(council)
    response = login(client, "staff", council).get(url(term))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "du-thao" in response["Content-Disposition"]
    path = pdftools.write(response.content, tmp_path)
    text = pdftools.text(path)
    assert "/DS-HĐND" in text and "01/DS-HĐND" not in text
    assert "Phúc Lộc, ngày" in text and "năm 2026" in text
    assert "Nguyễn Thị Hương" in text
    # "DỰ THẢO" in the top margin, right.
    assert pdftools.text(path, first=1, last=1, crop=(300, 0, 296, 50)).strip() == "DỰ THẢO"
    assert not DocumentRegister.objects.exists()


@pytest.mark.poppler
def test_it_issues_a_number_on_post_and_prints_it(client, council, travel, tmp_path):
    term, _groups, _chair = build_term(council)
    client = login(client, "staff", council)
    response = client.post(url(term))
    document = DocumentRegister.objects.get()
    assert response.status_code == 302
    assert response.url == f"{url(term)}?document={document.pk}"
    assert (document.symbol, document.issued_on, document.signer, document.source) == (
        "01/DS-HĐND",
        ON,
        "Trần Văn Bình",
        term,
    )
    assert document.title == (
        "Danh sách đại biểu Hội đồng nhân dân xã Phúc Lộc khóa II, nhiệm kỳ 2026-2031"
    )

    issued = client.get(response.url)
    assert "so-01-2026" in issued["Content-Disposition"]
    path = pdftools.write(issued.content, tmp_path)
    text = pdftools.text(path)
    assert "Số: 01/DS-HĐND" in text
    assert "Phúc Lộc, ngày 04 tháng 5 năm 2026" in text
    assert "DỰ THẢO" not in text

    # A second POST (a double click) shows the same copy: one roster, one number.
    assert client.post(url(term)).url == response.url
    assert list(DocumentRegister.objects.values_list("number", flat=True)) == [1]


def test_a_reader_who_may_not_keep_the_register_cannot_issue_a_number(client, council, travel):
    term, _groups, chair = build_term(council)
    client = login(client, "delegate", council, delegate=chair)
    assert client.get(url(term)).status_code == 200
    assert client.post(url(term)).status_code == 403
    assert not DocumentRegister.objects.exists()


def test_an_agency_user_may_not_print_the_roster(client, council, travel):
    term, _groups, _chair = build_term(council)
    assert login(client, "agency", council).get(url(term)).status_code == 403


def test_it_asks_anonymous_users_to_log_in(client, council, travel):
    term, _groups, _chair = build_term(council)
    response = client.get(url(term))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_another_councils_term_or_document_is_not_found(client, council, other_council, travel):
    other_term, _g, _c = build_term(other_council)
    term, _g, _c = build_term(council)
    other_document = document_number_issue(
        council=other_council, type_code="DS", issued_on=ON, title="Danh sách", source=other_term
    )
    client = login(client, "staff", council)
    assert client.get(url(other_term)).status_code == 404
    assert client.post(url(other_term)).status_code == 404
    assert client.get(url(term), {"document": "abc"}).status_code == 404
    assert client.get(url(term), {"document": other_document.pk}).status_code == 404
    assert DocumentRegister.objects.filter(council=council).count() == 0


def test_a_document_of_another_term_is_not_reprinted_as_this_one(client, council, travel):
    term, _g, _c = build_term(council)
    old_term, _g, _c = build_term(council, name="2021-2026", number=1)
    old = document_number_issue(
        council=council, type_code="DS", issued_on=ON, title="Danh sách khóa I", source=old_term
    )
    response = login(client, "staff", council).get(url(term), {"document": old.pk})
    assert response.status_code == 404


def test_the_views_query_count_does_not_grow_with_the_delegates(
    client, council, travel, monkeypatch
):
    # Layout time is not under test here: count the queries, not the PDF.
    monkeypatch.setattr(
        "hdnd_portal.documents.printing.render_pdf", lambda name, ctx, **kw: b"%PDF"
    )
    term, groups, _chair = build_term(council)
    client = login(client, "staff", council)
    client.get(url(term))  # warm the session and content-type caches

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(term)).status_code == 200
        return len(queries)

    few = count()
    for i in range(40):
        DelegateFactory(term=term, delegate_group=groups[i % 2])
    assert Delegate.objects.filter(term=term).count() == 44
    assert count() == few


def test_the_delegate_list_offers_printing_and_issuing(client, council, other_council, travel):
    term, _groups, chair = build_term(council)
    other_term, _g, _c = build_term(other_council)
    body = login(client, "staff", council).get("/councils/delegate/").content.decode()
    assert "Danh sách đại biểu: in, cấp số" in body
    assert f'href="{url(term)}"' in body
    assert f'href="{url(term)}?format=docx"' in body
    assert url(other_term) not in body
    assert f'href="{url(term)}?issue=confirm"' in body and "Cấp số và in" in body
    # The button first names the consequence; the confirmation page posts to the print view.
    confirm = client.get(f"{url(term)}?issue=confirm").content.decode()
    assert "số đã cấp không thu hồi được" in confirm
    assert f'action="{url(term)}?issue=confirm"' in confirm
    assert not DocumentRegister.objects.exists()
    client.post(url(term), {"confirmed": "1"})
    issued = client.get(f"{url(term)}?issue=confirm")
    assert issued.status_code == 302 and "document=" in issued["Location"]
    client.logout()
    body = (
        login(client, "delegate", council, delegate=chair)
        .get("/councils/delegate/")
        .content.decode()
    )
    assert "Danh sách đại biểu: in, cấp số" in body
    assert "Cấp số và in" not in body

"""The printing registry and its one view, /documents/print/<kind>/<pk>/."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from councils.models import Committee, Term
from councils.reports import ROSTER_KIND
from hdnd_portal.documents import printing
from hdnd_portal.documents.models import DocumentRegister
from hdnd_portal.documents.printing import DocumentKind
from hdnd_portal.documents.services import document_number_issue
from hdnd_portal.documents.text import Heading, Signature
from hdnd_portal.documents.wordfile import DOCX_CONTENT_TYPE
from tests.documents.rosterdata import build_term
from tests.factories import TermFactory, persona

AT = dt.datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
ON = AT.date()


@pytest.fixture(autouse=True)
def travel():
    with time_machine.travel(AT, tick=False):
        yield


@pytest.fixture
def no_layout(monkeypatch):
    """Permission tests count statuses, not pages: skip WeasyPrint."""
    monkeypatch.setattr(printing, "render_pdf", lambda name, ctx, **kw: b"%PDF-1.7 test")


def url(kind: str, pk: int) -> str:
    return reverse("documents-print", kwargs={"kind": kind, "pk": pk})


def login(client, role, council, **links):
    client.force_login(persona(role, council, **links))
    return client


def docx_text(content: bytes) -> str:
    """Every word of a Word file: body paragraphs, tables (nested too), headers."""
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]

    def cells(table):
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    cells(inner)

    for table in document.tables:
        cells(table)
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            parts.extend(p.text for p in header.paragraphs)
    return "\n".join(parts)


# -- the registry ----------------------------------------------------------------------


def test_the_roster_is_registered_by_the_councils_app():
    kind = printing.document_kind(ROSTER_KIND)
    assert (kind.model, kind.type_code, kind.template) == (Term, "DS", "councils/roster.html")
    assert kind.print_policy == ("councils.delegate", "export")
    assert kind.issue_policy == ("documents.documentregister", "add")


def test_an_unknown_kind_is_not_found(client, council):
    term, _g, _c = build_term(council)
    client = login(client, "staff", council)
    assert client.get(url("councils.nothing", term.pk)).status_code == 404
    assert client.post(url("councils.nothing", term.pk)).status_code == 404


def test_an_unknown_record_or_format_is_not_found(client, council, no_layout):
    term, _g, _c = build_term(council)
    client = login(client, "staff", council)
    assert client.get(url(ROSTER_KIND, term.pk + 1000)).status_code == 404
    assert client.get(url(ROSTER_KIND, term.pk), {"format": "odt"}).status_code == 404


@pytest.mark.parametrize(
    ("role", "may_print", "may_issue"),
    [
        ("admin", 200, 302),
        ("staff", 200, 302),
        ("standing", 200, 403),
        ("committee", 200, 403),
        ("leadership", 200, 403),
        ("delegate", 200, 403),
        ("agency", 403, 403),
    ],
)
def test_each_role_prints_and_issues_as_the_gate_says(
    client, council, no_layout, role, may_print, may_issue
):
    term, _g, _c = build_term(council)
    client = login(client, role, council)
    assert client.get(url(ROSTER_KIND, term.pk)).status_code == may_print
    assert client.post(url(ROSTER_KIND, term.pk)).status_code == may_issue
    assert DocumentRegister.objects.count() == (1 if may_issue == 302 else 0)


def test_a_kinds_own_print_policy_is_enforced(client, council, monkeypatch, no_layout):
    """A committee's letter only register readers may print: delegates are refused."""
    term, _g, _c = build_term(council)
    committee = Committee.objects.filter(term=term).first()
    letter = DocumentKind(
        code="tests.letter",
        model=Committee,
        type_code="TB",
        template="councils/roster.html",
        build_context=lambda **kw: {
            "heading": Heading("Thông báo", ("Thư thử",)),
            "signature": Signature("", "CHỦ TỊCH"),
            "recipients": [],
        },
        title=lambda obj: f"Thông báo của {obj.name}",
        signer=lambda obj, on: "",
        print_policy=("documents.documentregister", "view"),
    )
    monkeypatch.setitem(printing._KINDS, letter.code, letter)
    assert login(client, "standing", council).get(url("tests.letter", committee.pk)).status_code
    assert (
        login(client, "delegate", council).get(url("tests.letter", committee.pk)).status_code == 403
    )
    # A Term's pk given to a Committee kind finds no committee: not found.
    response = login(client, "staff", council).get(url("tests.letter", 10_000))
    assert response.status_code == 404


# -- issuing and reprinting --------------------------------------------------------------


def test_post_issues_one_number_per_record_and_the_next_record_the_next(client, council, no_layout):
    """A double click, a second tab: the record keeps its one number; the next term takes 02."""
    term, _g, _c = build_term(council)
    other = TermFactory(council=council, name="2031-2036", number=3, start_date=dt.date(2031, 3, 1))
    client = login(client, "staff", council)
    locations = {client.post(url(ROSTER_KIND, term.pk)).url for _ in range(3)}
    assert len(locations) == 1
    client.post(url(ROSTER_KIND, other.pk))
    documents = DocumentRegister.objects.order_by("number")
    assert [d.symbol for d in documents] == ["01/DS-HĐND", "02/DS-HĐND"]
    assert [d.source for d in documents] == [term, other]
    assert all(d.issued_on == ON and d.kind_code == ROSTER_KIND for d in documents)


@pytest.mark.poppler
def test_a_reprint_shows_the_same_number_and_date(client, council, tmp_path):
    from tests.documents import pdftools

    term, _g, _c = build_term(council)
    clerk = persona("staff", council)
    client.force_login(clerk)
    location = client.post(url(ROSTER_KIND, term.pk)).url
    with time_machine.travel(AT + dt.timedelta(days=40), tick=False):
        client.force_login(clerk)  # a new working session, weeks later
        reprint = client.get(location)
    assert reprint.status_code == 200
    text = pdftools.text(pdftools.write(reprint.content, tmp_path))
    assert "Số: 01/DS-HĐND" in text and "Phúc Lộc, ngày 04 tháng 5 năm 2026" in text
    assert DocumentRegister.objects.count() == 1


# -- the Word twin ----------------------------------------------------------------------


def test_the_word_twin_of_an_issued_roster_has_its_number_title_and_names(client, council):
    term, _g, _c = build_term(council)
    client = login(client, "staff", council)
    location = client.post(url(ROSTER_KIND, term.pk)).url
    response = client.get(location + "&format=docx")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    assert "danh-sach-dai-bieu-khoa-II-so-01-2026.docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    for expected in [
        "HĐND XÃ PHÚC LỘC",
        "THƯỜNG TRỰC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 01/DS-HĐND",
        "Phúc Lộc, ngày 04 tháng 5 năm 2026",
        "DANH SÁCH",
        "ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN XÃ PHÚC LỘC",
        "KHÓA II, NHIỆM KỲ 2026-2031",
        "I. Tổ đại biểu số 1 (thôn Đông, thôn Đoài)",
        "Trần Văn Bình",
        "Nguyễn Thị Hương",
        "Lê Thị Ngọc Ánh",
        "Phạm Đức Thắng",
        "Phó Bí thư Đảng ủy, Đảng ủy xã",
        "Tổng số: 4 đại biểu",
        "Nơi nhận:",
        "TM. THƯỜNG TRỰC HĐND",
        "CHỦ TỊCH",
    ]:
        assert expected in text, expected
    assert "DỰ THẢO" not in text
    assert "Thường trực HĐND xã" not in text


def test_the_word_twin_keeps_the_decree_30_page_and_font(client, council):
    term, _g, _c = build_term(council)
    response = login(client, "staff", council).get(url(ROSTER_KIND, term.pk), {"format": "docx"})
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    mm = [
        round(length.mm)
        for length in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.right_margin,
            section.bottom_margin,
            section.left_margin,
        )
    ]
    assert mm == [210, 297, 20, 15, 20, 30]
    assert document.styles["Normal"].font.name == "Times New Roman"
    # A draft: "DỰ THẢO" on every page, blank number and day and month.
    assert "DỰ THẢO" in docx_text(response.content)
    assert [p.text for p in section.header.paragraphs if p.text] == ["DỰ THẢO"]
    letterhead = document.tables[0]
    symbol, place_date = (cell.text for cell in letterhead.rows[1].cells)
    assert symbol.replace("\u00a0", " ").split() == ["Số:", "/DS-HĐND"]
    assert place_date.replace("\u00a0", " ").split() == [
        "Phúc",
        "Lộc,",
        "ngày",
        "tháng",
        "năm",
        "2026",
    ]
    # The table header repeats on every page.
    roster = document.tables[1]
    assert [c.text for c in roster.rows[0].cells][:2] == ["STT", "Họ và tên"]
    assert roster.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert not DocumentRegister.objects.exists()


# -- the register links to its copies -----------------------------------------------------


def test_a_register_entry_links_to_its_issued_pdf_and_word_copies(client, council):
    term, _g, _c = build_term(council)
    client = login(client, "staff", council)
    client.post(url(ROSTER_KIND, term.pk))
    issued = DocumentRegister.objects.get()
    by_hand = document_number_issue(
        council=council, type_code="BC", issued_on=ON, title="Báo cáo nhập tay"
    )
    body = client.get(f"/documents/register/{issued.pk}/").content.decode()
    pdf = f"{url(ROSTER_KIND, term.pk)}?document={issued.pk}"
    assert "Mở bản PDF" in body and f'href="{pdf}"' in body
    assert f'href="{pdf}&amp;format=docx"' in body and "Bản Word" in body
    body = client.get(f"/documents/register/{by_hand.pk}/").content.decode()
    assert "Mở bản PDF" not in body

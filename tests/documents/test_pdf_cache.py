"""A printed PDF is kept for a repeat print of the same HTML (hdnd_portal.documents.pdfcache)."""

import datetime as dt
import os
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse

from councils.reports import ROSTER_KIND
from hdnd_portal.documents import engine, pdfcache
from hdnd_portal.documents.engine import render_pdf
from hdnd_portal.documents.text import Letterhead, Signature
from tests.documents.rosterdata import build_term
from tests.factories import DelegateFactory, persona

TEST_TEMPLATES = Path(__file__).parent / "templates"
DENOUNCER = "Người tố cáo Hoàng Văn Kín"


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}
    ]
    settings.DOCUMENT_PDF_CACHE_SECONDS = 3600
    settings.CACHES = {
        **settings.CACHES,
        "documents": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "test-pdf-cache",
        },
    }
    store = caches["documents"]
    store.clear()
    yield
    store.clear()


@pytest.fixture
def layouts(monkeypatch):
    """How many times WeasyPrint laid a document out."""
    calls = []
    real = engine._layout

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "_layout", counting)
    return calls


class Doc:
    number = 5
    issued_on = dt.date(2026, 2, 5)
    symbol = "05/BC-HĐND"


def letter(council, text=DENOUNCER, **kwargs) -> bytes:
    return render_pdf(
        "documents_tests/letter.html",
        {
            "letterhead": Letterhead.build(council=council, type_code="BC", document=Doc()),
            "signature": Signature("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "Trần Văn Bình"),
            "recipients": ["Lưu: VT."],
            "paragraphs": [text],
        },
        **kwargs,
    )


def test_the_same_html_printed_again_is_not_laid_out_again(council, layouts):
    first = letter(council)
    again = letter(council)
    assert first.startswith(b"%PDF") and again == first
    assert len(layouts) == 1


def test_a_change_to_the_content_prints_anew(council, layouts):
    first = letter(council)
    changed = letter(council, text="Nội dung đã sửa.")
    assert changed != first and len(layouts) == 2
    # Both are kept: the first prints from the cache again.
    assert letter(council) == first and len(layouts) == 2


def test_a_replaced_font_file_prints_anew(council, layouts, tmp_path, monkeypatch):
    static = tmp_path / "static"
    shutil.copytree(engine.static_root() / "fonts", static / "fonts")
    monkeypatch.setattr(engine, "static_root", lambda: static)
    letter(council)
    letter(council)
    assert len(layouts) == 1
    font = static / "fonts" / "LiberationSerif-Regular.ttf"
    later = font.stat().st_mtime_ns + 10**9
    os.utime(font, ns=(later, later))  # a deployment brings a new copy of the font
    letter(council)
    assert len(layouts) == 2


def test_a_changed_image_the_document_loads_prints_anew(council, layouts, tmp_path, settings):
    image = tmp_path / "seal.svg"
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect {}/></svg>'
    image.write_text(svg.format('width="10" height="10"'))

    def seal_letter():
        return render_pdf(
            "documents_tests/letter.html",
            {
                "letterhead": Letterhead.build(council=council, type_code="BC", document=Doc()),
                "signature": Signature("", "CHỦ TỊCH", "Trần Văn Bình"),
                "paragraphs": ["Có dấu."],
                "image": "seal.svg",
            },
            base_url=tmp_path,
        )

    seal_letter()
    seal_letter()
    assert len(layouts) == 1
    image.write_text(svg.format('width="5" height="10"'))  # another size on disk
    seal_letter()
    assert len(layouts) == 2


def test_the_cache_holds_nothing_readable_without_the_html(council):
    pdf = letter(council)
    store = caches["documents"]
    keys = [key for key in store._cache if pdfcache.KEY_PREFIX in key]  # LocMemCache's dict
    assert len(keys) == 1
    raw = store._cache[keys[0]]
    # Neither the PDF, nor the name in it, nor the key that opens it is in the store.
    assert b"%PDF" not in raw and pdf[-200:] not in raw
    assert DENOUNCER.encode() not in raw
    secret = pdfcache.digest("<p>anything else</p>", engine.static_root())
    assert pdfcache.get(secret) is None
    assert secret.hex() not in keys[0]


def test_off_when_the_setting_is_zero(council, layouts, settings):
    settings.DOCUMENT_PDF_CACHE_SECONDS = 0
    letter(council)
    letter(council)
    assert len(layouts) == 2


def test_a_pdf_too_big_to_keep_is_rendered_each_time(council, layouts, monkeypatch):
    monkeypatch.setattr(pdfcache, "MAX_BYTES", 100)
    letter(council)
    letter(council)
    assert len(layouts) == 2


def test_a_broken_cache_never_stops_a_print(council, layouts, monkeypatch, caplog):
    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("Redis is down")

        set = get

    monkeypatch.setattr(pdfcache, "_cache", lambda: Down())
    assert letter(council).startswith(b"%PDF")
    assert letter(council).startswith(b"%PDF")
    assert len(layouts) == 2
    assert "PDF cache could not be read" in caplog.text


def test_the_print_view_serves_a_repeat_draft_from_the_cache(client, council, layouts):
    term, groups, _chair = build_term(council)
    client.force_login(persona("staff", council))
    url = reverse("documents-print", kwargs={"kind": ROSTER_KIND, "pk": term.pk})
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        first = client.get(url)
        again = client.get(url)
        assert first.status_code == again.status_code == 200
        assert first["Content-Type"] == "application/pdf"
        assert again.content == first.content and len(layouts) == 1
        # A delegate joins: the roster's draft shows it, printed anew.
        DelegateFactory(term=term, full_name="Đỗ Thị Mới", delegate_group=groups[0])
        changed = client.get(url)
    assert changed.status_code == 200
    assert changed.content != first.content and len(layouts) == 2


def test_the_nodes_shared_cache_carries_an_entry(council, layouts, settings):
    """Without a "documents" cache the entry goes to "default": Redis when REDIS_URL is set
    (CI), shared by every node; this process's memory otherwise."""
    settings.CACHES = {"default": settings.CACHES["default"]}
    first = letter(council, text="Bản in dùng chung giữa các máy chủ.")
    again = letter(council, text="Bản in dùng chung giữa các máy chủ.")
    assert again == first and len(layouts) == 1
    secret = pdfcache.digest(
        engine.render_html(
            "documents_tests/letter.html",
            {
                "letterhead": Letterhead.build(council=council, type_code="BC", document=Doc()),
                "signature": Signature("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "Trần Văn Bình"),
                "recipients": ["Lưu: VT."],
                "paragraphs": ["Bản in dùng chung giữa các máy chủ."],
            },
        ),
        engine.static_root(),
    )
    assert pdfcache.get(secret) == first
    caches["default"].delete(pdfcache._key(secret))

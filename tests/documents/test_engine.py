import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from hdnd_portal.documents.engine import pdf_response, render_pdf, static_root
from hdnd_portal.documents.text import IssuingBody, Letterhead, Signature, place_date_line
from tests.documents import pdftools

TEST_TEMPLATES = Path(__file__).parent / "templates"
PARAGRAPH = (
    "Thực hiện Kế hoạch số 58/KH-HĐND, Đoàn giám sát đã làm việc với Ủy ban nhân dân "
    "xã về việc giải quyết ý kiến, kiến nghị của cử tri; kết quả cho thấy phần lớn kiến "
    "nghị đã được trả lời đúng hạn, một số nội dung còn chậm, cần tiếp tục đôn đốc."
)


@pytest.fixture(autouse=True)
def _test_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}
    ]


class Doc:
    number = 5
    issued_on = dt.date(2026, 2, 5)
    symbol = "05/BC-HĐND"


def letter(council, *, paragraphs=3, **extra) -> bytes:
    return render_pdf(
        "documents_tests/letter.html",
        {
            "letterhead": Letterhead.build(council=council, type_code="BC", document=Doc()),
            "signature": Signature("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "Trần Văn Bình"),
            "recipients": ["Thường trực Đảng ủy xã;", "Lưu: VT."],
            "paragraphs": [PARAGRAPH] * paragraphs,
            **extra,
        },
    )


@pytest.mark.poppler
def test_it_renders_a4_with_only_liberation_serif_embedded(council, tmp_path):
    path = pdftools.write(letter(council), tmp_path)
    assert pdftools.info(path)["Page size"].endswith("(A4)")
    width, height = pdftools.page_sizes(path)[0]
    assert (round(width), round(height)) == (595, 842)
    fonts = pdftools.fonts(path)
    # The bundled Liberation Serif, under the family name the base template gives it.
    assert {f["name"] for f in fonts} == {
        "Liberation-Serif-HDND",
        "Liberation-Serif-HDND-Bold",
        "Liberation-Serif-HDND-Italic",
        "Liberation-Serif-HDND-Bold-Italic",
    }
    assert all(f["emb"] == "yes" for f in fonts), fonts


@pytest.mark.poppler
def test_it_writes_the_decree_30_header_with_correct_diacritics(council, tmp_path):
    text = pdftools.text(pdftools.write(letter(council), tmp_path))
    for expected in [
        "HỘI ĐỒNG NHÂN DÂN",
        "XÃ PHÚC LỘC",
        "Số: 05/BC-HĐND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Phúc Lộc, ngày 05 tháng 02 năm 2026",
        "BÁO CÁO",
        "Kết quả giám sát chuyên đề",
        "Nơi nhận:",
        "TM. THƯỜNG TRỰC HĐND",
        "CHỦ TỊCH",
        "Trần Văn Bình",
        "kiến nghị của cử tri",
    ]:
        assert expected in text, expected


@pytest.mark.poppler
def test_it_numbers_pages_in_the_top_margin_from_page_two(council, tmp_path):
    path = pdftools.write(letter(council, paragraphs=40), tmp_path)
    assert int(pdftools.info(path)["Pages"]) >= 3
    # The top margin is 20 mm (56.7 pt): read only the band above the text.
    band = (0, 0, 596, 50)
    assert pdftools.text(path, first=1, last=1, crop=band).strip() == ""
    assert pdftools.text(path, first=2, last=2, crop=band).strip() == "2"
    assert pdftools.text(path, first=3, last=3, crop=band).strip() == "3"


def _text_width(path: Path) -> float:
    """The summed width of every word on the first page, in points."""
    bbox = pdftools.run("pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-")
    return sum(
        float(x1) - float(x0)
        for x0, x1 in re.findall(r'<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"', bbox)
    )


@pytest.mark.poppler
def test_it_takes_the_fonts_from_the_project_files_not_the_system(council, tmp_path, settings):
    normal = _text_width(pdftools.write(letter(council), tmp_path, "a.pdf"))
    # A static folder whose "regular" face is really the bold one: if the text
    # widens, the PDF was set with the project's files, not an installed font.
    fonts = tmp_path / "static" / "fonts"
    fonts.mkdir(parents=True)
    shipped = static_root() / "fonts"
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        source = "Bold" if style == "Regular" else style
        shutil.copy(
            shipped / f"LiberationSerif-{source}.ttf", fonts / f"LiberationSerif-{style}.ttf"
        )
    settings.STATICFILES_DIRS = [tmp_path / "static", *settings.STATICFILES_DIRS]
    swapped = _text_width(pdftools.write(letter(council), tmp_path, "b.pdf"))
    assert swapped > normal * 1.02


def test_it_refuses_to_render_when_a_font_file_is_missing(council, tmp_path, settings):
    fonts = tmp_path / "static" / "fonts"
    fonts.mkdir(parents=True)
    shutil.copy(static_root() / "fonts" / "LiberationSerif-Regular.ttf", fonts)
    settings.STATICFILES_DIRS = [tmp_path / "static", *settings.STATICFILES_DIRS]
    with pytest.raises(BaseException, match="LiberationSerif-Bold.ttf"):
        letter(council)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/seal.png", "https://example.com/seal.png", "file:///etc/hostname"]
)
def test_it_loads_nothing_from_the_network_or_outside_its_folders(council, url):
    with pytest.raises(BaseException, match="Error fetching"):
        letter(council, image=url)


def test_it_loads_images_from_the_given_local_folder(council, tmp_path):
    image = tmp_path / "seal.svg"
    image.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10"/></svg>'
    )
    pdf = render_pdf(
        "documents_tests/letter.html",
        {
            "letterhead": Letterhead(
                IssuingBody.for_council(council),
                "01/BC-HĐND",
                place_date_line("Phúc Lộc", dt.date(2026, 3, 2)),
            ),
            "signature": Signature("", "CHỦ TỊCH", "Trần Văn Bình"),
            "paragraphs": [PARAGRAPH],
            "image": "seal.svg",
        },
        base_url=tmp_path,
    )
    assert pdf.startswith(b"%PDF")


def test_pdf_response_shows_the_pdf_inline_or_as_a_download():
    inline = pdf_response(b"%PDF-1.7 x", "danh-sách.pdf")
    assert inline["Content-Type"] == "application/pdf"
    assert inline["Content-Disposition"].startswith("inline;")
    assert "filename*=utf-8''danh-s%C3%A1ch.pdf" in inline["Content-Disposition"]
    assert "no-store" in inline["Cache-Control"]
    download = pdf_response(b"%PDF-1.7 x", "bao-cao.pdf", inline=False)
    assert download["Content-Disposition"] == 'attachment; filename="bao-cao.pdf"'


def test_a_one_page_letter_reads_only_the_bundled_fonts(council, monkeypatch):
    """Speed is the benches' business (bench/); what makes a page slow here is a file fetched
    from elsewhere or a layout run over more pages than it has. One letter: one page, and
    nothing read but the bundled fonts."""
    from hdnd_portal.documents import engine

    seen = []
    real_layout = engine._layout

    def spy(*args, **kwargs):
        document, fetcher = real_layout(*args, **kwargs)
        seen.append((document, fetcher))
        return document, fetcher

    monkeypatch.setattr(engine, "_layout", spy)
    letter(council, paragraphs=1)
    [(document, fetcher)] = seen
    assert len(document.pages) == 1
    fonts = static_root() / "fonts"
    assert all(path.parent == fonts for path in fetcher.fetched)


def test_a_rendering_collects_little_then_frees_what_it_left(council, monkeypatch):
    import gc

    from hdnd_portal.documents import engine

    during, collected = [], []
    real_collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation) or 0)
    real_layout = engine._layout

    def spy(*args, **kwargs):
        during.append(gc.get_threshold())
        return real_layout(*args, **kwargs)

    monkeypatch.setattr(engine, "_layout", spy)
    before = gc.get_threshold()
    try:
        letter(council, paragraphs=1)
    finally:
        monkeypatch.setattr(gc, "collect", real_collect)

    young, middle = during[0][:2]
    assert young >= engine.YOUNG_THRESHOLD and middle >= engine.MIDDLE_THRESHOLD
    # Put back as found, and one collection of the two younger generations, at the end.
    assert gc.get_threshold() == before
    assert collected == [1]

"""The Word twin converter (documents.htmldocx): each honoured CSS property and element, on
small synthetic documents read back with python-docx."""

import io

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from hdnd_portal.documents.htmldocx import WORD_SINGLE_LINE_EM, docx_from_html


def convert(body: str, css: str = "", *, draft: bool = False):
    html = (
        "<!doctype html><html><head><style>"
        "html { font-size: 14pt; line-height: 1.2 } body { margin: 0 }"
        f"{css}</style></head><body{' data-draft' if draft else ''}>{body}</body></html>"
    )
    return Document(io.BytesIO(docx_from_html(html)))


def paragraphs(document):
    return [p for p in document.paragraphs if p.text]


def only(document):
    (paragraph,) = paragraphs(document)
    return paragraph


def bottom_border(paragraph):
    properties = paragraph._p.pPr
    borders = properties.find(qn("w:pBdr")) if properties is not None else None
    return borders.find(qn("w:bottom")) if borders is not None else None


# -- paragraphs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("justify", WD_ALIGN_PARAGRAPH.JUSTIFY),
        ("center", WD_ALIGN_PARAGRAPH.CENTER),
        ("right", WD_ALIGN_PARAGRAPH.RIGHT),
        ("left", WD_ALIGN_PARAGRAPH.LEFT),
    ],
)
def test_text_align_is_the_paragraphs_alignment_and_is_inherited(value, expected):
    document = convert('<div class="box"><p>Nội dung</p></div>', f".box {{ text-align: {value} }}")
    assert only(document).alignment == expected


def test_the_decree_30_body_paragraph_is_justified_indented_with_6_pt_after():
    document = convert(
        '<div class="content"><p>Một.</p><p>Hai.</p></div>',
        ".content p { text-align: justify; text-indent: 1.27cm; margin: 0 0 6pt; line-height: 1.3 }",
    )
    for paragraph in paragraphs(document):
        fmt = paragraph.paragraph_format
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert fmt.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
        assert fmt.space_after.pt == 6
        assert not fmt.space_before
        assert fmt.line_spacing == pytest.approx(1.3 / WORD_SINGLE_LINE_EM, abs=0.01)


@pytest.mark.parametrize(("value", "cm"), [("10mm", 1.0), ("28.35pt", 1.0), ("2cm", 2.0)])
def test_text_indent_in_any_unit(value, cm):
    document = convert("<p>Đoạn</p>", f"p {{ text-indent: {value} }}")
    assert only(document).paragraph_format.first_line_indent.cm == pytest.approx(cm, abs=0.01)


def test_bold_italic_and_sizes_are_on_the_runs_and_inherited_by_their_children():
    document = convert(
        '<p><strong>Điều 1.</strong> Thông qua <em>Căn cứ</em> <span class="small">nhỏ</span></p>'
        '<div class="title">Tiêu đề <span>con</span></div>',
        ".small { font-size: 0.5em } .title { font-weight: 700; font-style: italic; font-size: 13pt }",
    )
    first, title = paragraphs(document)
    runs = {run.text.strip(): run for run in first.runs if run.text.strip()}
    assert runs["Điều 1."].bold and not runs["Điều 1."].italic
    assert not runs["Thông qua"].bold
    assert runs["Căn cứ"].italic
    assert runs["nhỏ"].font.size.pt == 7
    assert all(run.bold and run.italic and run.font.size.pt == 13 for run in title.runs)
    assert title.text == "Tiêu đề con"


def test_text_transform_uppercase_writes_capitals():
    document = convert(
        '<p class="up">Thường trực Hội đồng nhân dân</p>', ".up { text-transform: uppercase }"
    )
    assert only(document).text == "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN"


def test_margins_are_space_before_and_after_and_adjacent_margins_collapse():
    document = convert(
        '<p class="a">A</p><p class="b">B</p><p class="c">C</p>',
        "p { margin: 0 } .a { margin-bottom: 6pt } .b { margin-top: 12pt; margin-bottom: 3pt }"
        " .c { margin-top: 2pt }",
    )
    a, b, c = paragraphs(document)
    assert a.paragraph_format.space_after.pt == 6
    # CSS keeps the larger of two touching margins (12), not their sum: 6 after + 6 before.
    assert b.paragraph_format.space_before.pt == 6
    assert b.paragraph_format.space_after.pt == 3
    assert not c.paragraph_format.space_before


def test_the_browser_default_margin_of_a_paragraph_and_a_heading():
    document = convert("<h2>Mục</h2><p>Đoạn</p>")
    heading, paragraph = paragraphs(document)
    assert heading.runs[0].bold and heading.runs[0].font.size.pt == 21
    assert heading.paragraph_format.keep_with_next
    assert paragraph.paragraph_format.space_after.pt == 14


def test_line_height_is_a_multiple_over_words_single_line():
    document = convert('<p class="x">A</p><p>B</p>', "p { margin: 0 } .x { line-height: 1.5 }")
    x, plain = paragraphs(document)
    assert x.paragraph_format.line_spacing == pytest.approx(1.5 / WORD_SINGLE_LINE_EM, abs=0.01)
    assert document.styles["Normal"].paragraph_format.line_spacing == pytest.approx(
        1.2 / WORD_SINGLE_LINE_EM, abs=0.01
    )
    assert plain.paragraph_format.line_spacing is None  # the Normal style's, as the html's


def test_an_inline_style_attribute_wins_over_the_stylesheet():
    document = convert(
        '<p class="c" style="text-align: right; font-weight: bold">X</p>',
        ".c { text-align: center }",
    )
    paragraph = only(document)
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT and paragraph.runs[0].bold


def test_whitespace_collapses_as_in_html_and_br_breaks_the_line():
    document = convert("<p>  Một   hai\n  ba <br> bốn  </p>")
    paragraph = only(document)
    assert paragraph.text == "Một hai ba\nbốn"
    assert any(run._r.find(qn("w:br")) is not None for run in paragraph.runs)


def test_preformatted_text_keeps_its_line_breaks():
    document = convert("<pre>Dòng một\nDòng  hai</pre>", "pre { margin: 0 }")
    assert only(document).text == "Dòng một\nDòng  hai"


def test_display_none_is_left_out():
    document = convert(
        '<p>Thấy</p><p class="x">Ẩn</p><p>Cũng <span class="x">ẩn</span>thấy</p>',
        ".x { display: none }",
    )
    assert [p.text for p in paragraphs(document)] == ["Thấy", "Cũng thấy"]


def test_page_breaks_before_and_after():
    document = convert(
        '<p>Một</p><p class="before">Hai</p><p class="after">Ba</p><p>Bốn</p>',
        ".before { break-before: page } .after { page-break-after: always }",
    )
    one, two, three, four = paragraphs(document)
    assert two.paragraph_format.page_break_before and four.paragraph_format.page_break_before
    assert (
        not one.paragraph_format.page_break_before and not three.paragraph_format.page_break_before
    )


def test_a_blocks_bottom_border_is_its_paragraphs():
    document = convert(
        '<div class="ruled">Tiêu đề</div>', ".ruled { border-bottom: 1pt solid #000 }"
    )
    border = bottom_border(only(document))
    assert (
        border is not None and border.get(qn("w:val")) == "single" and border.get(qn("w:sz")) == "8"
    )


def test_short_rules_under_the_issuer_and_the_motto_stay_with_their_text():
    document = convert(
        '<div class="body"><span class="underlined">HỘI ĐỒNG NHÂN DÂN</span></div>'
        '<div class="motto"><span>Độc lập - Tự do - Hạnh phúc</span></div>',
        ".body, .motto { text-align: center; font-weight: 700 }"
        ".underlined { display: inline-block }"
        '.underlined::after { content: ""; display: block; width: 40%; border-bottom: 0.75pt solid #000 }'
        ".motto span { display: inline-block; border-bottom: 0.75pt solid #000 }",
    )
    issuer, issuer_rule, motto, motto_rule = document.paragraphs
    assert issuer.text == "HỘI ĐỒNG NHÂN DÂN" and motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert issuer.paragraph_format.keep_with_next and motto.paragraph_format.keep_with_next
    for rule in (issuer_rule, motto_rule):
        assert rule.text == "" and bottom_border(rule) is not None
        fmt = rule.paragraph_format
        # centred: the same indent on both sides
        assert fmt.left_indent.mm == pytest.approx(fmt.right_indent.mm, abs=0.1)
    width = 165 - 2 * issuer_rule.paragraph_format.left_indent.mm
    motto_width = 165 - 2 * motto_rule.paragraph_format.left_indent.mm
    # The issuer's rule is 40% of its line; the motto's as wide as the motto.
    assert 10 < width < 30
    assert 55 < motto_width < 80


# -- lists ------------------------------------------------------------------------------


def test_lists_with_and_without_markers():
    document = convert(
        '<ul class="plain"><li>- Như trên;</li><li>- Lưu: VT.</li></ul><ul><li>Một</li></ul><ol><li>A</li><li>B</li></ol>',
        ".plain { list-style: none; padding: 0; margin: 0 }",
    )
    texts = [p.text for p in paragraphs(document)]
    assert texts == ["- Như trên;", "- Lưu: VT.", "• Một", "1. A", "2. B"]
    plain, _second, bullet, *_ = paragraphs(document)
    assert not plain.paragraph_format.left_indent
    assert bullet.paragraph_format.left_indent.pt == pytest.approx(30)


# -- tables -----------------------------------------------------------------------------


DATA_CSS = (
    "table.data { width: 100%; } table.data th, table.data td { border: 0.5pt solid #000;"
    " padding: 2pt 4pt; vertical-align: top } table.data th { vertical-align: middle }"
    " table.data tr { break-inside: avoid } col.a { width: 15mm } col.b { width: 40% }"
)


def test_a_data_table_is_a_grid_with_a_repeated_header_and_rows_that_do_not_split():
    document = convert(
        '<table class="data"><colgroup><col class="a"><col class="b"><col></colgroup>'
        "<thead><tr><th>STT</th><th>Họ và tên</th><th>Ghi chú</th></tr></thead>"
        "<tbody><tr><td>1</td><td>Trần Văn Bình</td><td><p>Đoạn</p><p>hai</p></td></tr>"
        '<tr><td colspan="3">Cộng</td></tr></tbody></table>',
        DATA_CSS,
    )
    (table,) = document.tables
    assert table.style.name == "Table Grid"
    widths = [round(col.w.mm, 1) for col in table._tbl.tblGrid.gridCol_lst]
    assert widths == [15.0, 66.0, 84.0]
    header, row, total = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert row._tr.trPr.find(qn("w:tblHeader")) is None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    assert [c.text for c in header.cells] == ["STT", "Họ và tên", "Ghi chú"]
    assert header.cells[0].paragraphs[0].runs[0].bold
    assert header.cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert header.cells[0].vertical_alignment == WD_CELL_VERTICAL_ALIGNMENT.CENTER
    # Blocks inside a cell are its paragraphs, the first one taking the cell's empty paragraph.
    assert [p.text for p in row.cells[2].paragraphs] == ["Đoạn", "hai"]
    assert total._tr.tc_lst[0].grid_span == 3 and total.cells[0].text == "Cộng"
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    assert margins.find(qn("w:left")).get(qn("w:w")) == "80"  # 4 pt


def test_a_table_without_cell_borders_is_borderless_and_widths_come_from_cells():
    document = convert(
        '<table class="closing"><tr><td class="l">Nơi nhận:</td><td class="r">CHỦ TỊCH</td></tr></table>',
        ".closing { width: 100% } .l { width: 45% } .r { width: 55% }",
    )
    (table,) = document.tables
    assert table.style is None or table.style.name != "Table Grid"
    widths = [col.w.mm for col in table._tbl.tblGrid.gridCol_lst]
    assert widths == [pytest.approx(74.25, abs=0.05), pytest.approx(90.75, abs=0.05)]


def test_a_table_with_auto_side_margins_is_centred():
    document = convert(
        '<table class="c"><tr><td>A</td></tr></table><table><tr><td>B</td></tr></table>',
        ".c { width: 50%; margin: 0 auto }",
    )
    centred, plain = document.tables
    assert centred._tbl.tblPr.find(qn("w:jc")).get(qn("w:val")) == "center"
    assert plain._tbl.tblPr.find(qn("w:jc")) is None
    assert round(sum(col.w.mm for col in centred._tbl.tblGrid.gridCol_lst)) == 82


def test_rowspan_merges_cells_down():
    document = convert(
        '<table class="data"><tr><td rowspan="2">A</td><td>B</td></tr><tr><td>C</td></tr></table>',
        DATA_CSS,
    )
    (table,) = document.tables
    first, second = table.rows
    assert first._tr.tc_lst[0].vMerge == "restart" and second._tr.tc_lst[0].vMerge == "continue"
    assert second._tr.tc_lst[1].xpath("string(.)") == "C"


def test_a_table_nested_in_a_cell():
    document = convert(
        '<table><tr><td><p class="t">Ban kiểm phiếu</p><table class="data"><tr><td>X</td></tr></table></td></tr></table>',
        DATA_CSS,
    )
    (outer,) = document.tables
    cell = outer.rows[0].cells[0]
    assert cell.paragraphs[0].text == "Ban kiểm phiếu"
    assert cell.tables[0].rows[0].cells[0].text == "X"


def test_the_room_for_a_signature_is_empty_lines_and_names_follow():
    document = convert(
        '<div class="sig">CHỦ TỊCH</div><div class="space"></div><div class="sig">Trần Văn Bình</div>',
        ".space { height: 28mm }",
    )
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "CHỦ TỊCH" and texts[-1] == "Trần Văn Bình"
    assert 4 <= texts.count("") <= 6


def test_images_and_svg_are_left_out():
    document = convert(
        '<p>Trước<img src="x.png" alt="ảnh"></p><div><svg><text>nhãn</text></svg></div><p>Sau</p>'
    )
    assert [p.text for p in paragraphs(document)] == ["Trước", "Sau"]


# -- the page -------------------------------------------------------------------------------


def test_a_pictures_own_css_does_not_style_the_document():
    document = convert(
        "<div><svg><style>p { text-align: right }</style><text>1.1</text></svg></div><p>Đoạn</p>"
    )
    assert only(document).alignment is None


def test_the_page_is_a4_portrait_with_the_decree_30_margins_and_times_new_roman():
    document = convert("<p>X</p>", "@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm }")
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert [round(x.mm) for x in (section.page_width, section.page_height)] == [210, 297]
    assert [
        round(x.mm)
        for x in (
            section.top_margin,
            section.right_margin,
            section.bottom_margin,
            section.left_margin,
        )
    ] == [20, 15, 20, 30]
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_a_landscape_page_swaps_the_sizes_and_widens_the_tables():
    document = convert(
        '<table class="data"><tr><td>A</td><td>B</td></tr></table>',
        "@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm } @page { size: A4 landscape }"
        " @page :first { margin: 0 }" + DATA_CSS,
    )
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert [round(x.mm) for x in (section.page_width, section.page_height)] == [297, 210]
    assert round(section.left_margin.mm) == 30
    (table,) = document.tables
    assert round(sum(col.w.mm for col in table._tbl.tblGrid.gridCol_lst)) == 252


def test_a_draft_says_so_in_the_header_and_pages_are_numbered_from_the_second():
    draft = convert("<p>X</p>", draft=True)
    section = draft.sections[0]
    assert section.different_first_page_header_footer
    assert "DỰ THẢO" in [p.text for p in section.header.paragraphs]
    assert section.header._element.xpath(".//w:fldSimple[@w:instr='PAGE']")
    issued = convert("<p>X</p>")
    assert "DỰ THẢO" not in "".join(p.text for p in issued.sections[0].header.paragraphs)

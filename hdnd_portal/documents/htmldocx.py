"""The Word twin of an official document, converted from the HTML its PDF is printed from.

A document kind writes its body once, as the HTML template WeasyPrint prints
(``documents/official_base.html`` + the kind's template). :func:`docx_from_html`
turns that same rendered HTML into a python-docx document, so the PDF and the
Word copy cannot drift: same words, same order, same tables, same signature blocks.

Only a small subset of CSS is honoured, read from the document's own ``<style>``
(and ``style=""`` attributes) with tinycss2 + cssselect2 — the subset a Decree 30
document needs and a Word paragraph can express:

- inherited: ``font-size``, ``font-weight``, ``font-style``, ``text-align``,
  ``text-indent``, ``line-height`` (a multiple of the font size, as Word's
  "Multiple" spacing over Times New Roman's single line of 1.15 em),
  ``text-transform: uppercase``, ``list-style-type`` (``white-space: nowrap`` is
  not: no-break spaces would hide the words from the Office's searches);
- per element: ``margin-top``/``margin-bottom`` (space before/after; adjacent
  margins collapse as in CSS), ``margin-left``/``padding-left`` (left indent),
  ``border-bottom`` (a block's bottom border; on an ``inline-block`` or an empty
  ``::after`` block, a short rule under the text, as wide as the text or the
  given percentage of it), ``display: none``, ``break-before``/``break-after:
  page | avoid``, ``break-inside: avoid`` on rows (a row never splits),
  ``height`` of an empty block (room for a signature: empty lines), ``width`` on
  ``col``/``td``/``th``/``table`` (``%``, ``mm``, ``cm``, ``pt``),
  ``vertical-align`` of cells, borders on cells (a table whose cells have borders
  is a "Table Grid", others are borderless), ``padding`` of cells;
- ``@page``: ``size`` (``A4``, ``landscape``) and ``margin``; page numbers from
  page 2 and "DỰ THẢO" on a draft (``<body data-draft>``) as in ``wordfile``.

Elements: ``p``, ``div`` and the other blocks, ``h1``-``h6``, ``span``,
``strong``/``b``, ``em``/``i``, ``u``, ``br``, ``ul``/``ol``/``li``, ``table``
(``thead`` rows repeat on every page), ``colspan``/``rowspan``, blocks and tables
nested in cells. Images and SVG are left out (the Word copy is for editing text).
Floats, positioning and generated text (``content: "…"``) are not honoured: a template
must carry its words in its HTML.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import cssselect2
import lxml.html
import tinycss2
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from lxml import etree

from hdnd_portal.documents.wordfile import DocxWriter, _headers

# Word's single line for Times New Roman (ascent + descent + line gap) in em:
# CSS ``line-height: 1.3`` is Word's "Multiple 1.3 / 1.15".
WORD_SINGLE_LINE_EM = 1.15
A4_MM = (210.0, 297.0)
DEFAULT_MARGINS_MM = (20.0, 15.0, 20.0, 30.0)  # top, right, bottom, left (Decree 30)

# What a browser (WeasyPrint's html5_ua.css) gives every document, reduced to the honoured subset.
USER_AGENT_CSS = """
p, ul, ol, blockquote, dl, figure, pre { margin-top: 1em; margin-bottom: 1em }
h1 { font-size: 2em; margin-top: .67em; margin-bottom: .67em }
h2 { font-size: 1.5em; margin-top: .83em; margin-bottom: .83em }
h3 { font-size: 1.17em; margin-top: 1em; margin-bottom: 1em }
h4 { margin-top: 1.33em; margin-bottom: 1.33em }
h5 { font-size: .83em; margin-top: 1.67em; margin-bottom: 1.67em }
h6 { font-size: .67em; margin-top: 2.33em; margin-bottom: 2.33em }
h1, h2, h3, h4, h5, h6 { font-weight: bold; break-after: avoid }
b, strong, th { font-weight: bold }
th { text-align: center }
i, em, cite, var, dfn, address { font-style: italic }
u, ins { text-decoration: underline }
s, strike, del { text-decoration: line-through }
small { font-size: smaller }
center { text-align: center }
ul, ol { padding-left: 40px }
blockquote, figure { margin-left: 40px; margin-right: 40px }
ul { list-style-type: disc }
ol { list-style-type: decimal }
td, th { padding: 1px }
pre { white-space: pre }
"""

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd div dl dt figure figcaption footer "
    "form h1 h2 h3 h4 h5 h6 header hr html main nav ol p pre section ul".split()
)
SKIPPED_TAGS = frozenset(
    "head style script title meta link img svg picture video audio canvas iframe object "
    "input select textarea button template noscript".split()
)
INHERITED = (
    "font-size",
    "font-weight",
    "font-style",
    "text-align",
    "text-indent",
    "line-height",
    "text-transform",
    "white-space",
    "list-style-type",
    "text-decoration",
)
ALIGNMENTS = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "end": WD_ALIGN_PARAGRAPH.RIGHT,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "start": WD_ALIGN_PARAGRAPH.LEFT,
}
PT_PER = {
    "pt": 1.0,
    "px": 0.75,
    "mm": 72 / 25.4,
    "cm": 72 / 2.54,
    "in": 72.0,
    "pc": 12.0,
    "q": 18 / 25.4,
}
MM_PER_PT = 25.4 / 72
SPACES = re.compile(r"[ \t\n\r\f]+")
FONT_FILES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}


# -- CSS: parsing and cascade ------------------------------------------------------------


def _declarations(tokens) -> list[tuple[str, list, bool]]:
    result = []
    for item in tinycss2.parse_blocks_contents(tokens, skip_whitespace=True, skip_comments=True):
        if item.type == "declaration":
            values = [t for t in item.value if t.type not in ("whitespace", "comment")]
            result.append((item.lower_name, values, item.important))
    return result


@dataclass
class PageSetup:
    width_mm: float = A4_MM[0]
    height_mm: float = A4_MM[1]
    margins_mm: tuple[float, float, float, float] = DEFAULT_MARGINS_MM

    @property
    def landscape(self) -> bool:
        return self.width_mm > self.height_mm

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.margins_mm[1] - self.margins_mm[3]


@dataclass
class Stylesheet:
    matcher: cssselect2.Matcher = field(default_factory=cssselect2.Matcher)
    page: PageSetup = field(default_factory=PageSetup)

    def add(self, css: str) -> None:
        rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
        for rule in rules:
            if rule.type == "qualified-rule":
                declarations = _declarations(rule.content)
                try:
                    selectors = cssselect2.compile_selector_list(rule.prelude)
                except cssselect2.SelectorError:
                    continue
                for selector in selectors:
                    self.matcher.add_selector(selector, declarations)
            elif rule.type == "at-rule" and rule.lower_at_keyword == "page" and rule.content:
                if any(t.type not in ("whitespace", "comment") for t in rule.prelude):
                    continue  # @page :first, :left …: only the page's size and margins matter
                self._page(_declarations(rule.content))
            elif rule.type == "at-rule" and rule.lower_at_keyword == "media":
                continue

    def _page(self, declarations) -> None:
        for name, values, _important in declarations:
            if name == "size":
                words = {v.lower_value for v in values if v.type == "ident"}
                lengths = [_length_pt(v, 0) for v in values if v.type == "dimension"]
                width, height = A4_MM
                if len(lengths) == 2 and None not in lengths:
                    width, height = (x * MM_PER_PT for x in lengths)
                if "landscape" in words:
                    width, height = max(width, height), min(width, height)
                elif "portrait" in words:
                    width, height = min(width, height), max(width, height)
                self.page.width_mm, self.page.height_mm = width, height
            elif name == "margin":
                sides = _box(values, 14)
                if sides:
                    self.page.margins_mm = tuple(x * MM_PER_PT for x in sides)


def _length_pt(token, font_size: float, reference: float | None = None) -> float | None:
    """A CSS length in points (``em`` of ``font_size``, ``%`` of ``reference``)."""
    if token.type == "number" and token.value == 0:
        return 0.0
    if token.type == "dimension":
        unit = token.lower_unit
        if unit in PT_PER:
            return token.value * PT_PER[unit]
        if unit in ("em", "rem"):
            return token.value * font_size
        if unit == "ex":
            return token.value * font_size / 2
    if token.type == "percentage" and reference is not None:
        return token.value / 100 * reference
    return None


def _box(values, font_size) -> list[float] | None:
    """The four sides (top, right, bottom, left) of a margin or padding shorthand, in pt."""
    sides = [0.0 if v.type == "ident" else _length_pt(v, font_size) for v in values]
    if not sides or len(sides) > 4 or None in sides:
        return None
    top = sides[0]
    right = sides[1] if len(sides) > 1 else top
    bottom = sides[2] if len(sides) > 2 else top
    left = sides[3] if len(sides) > 3 else right
    return [top, right, bottom, left]


def _has_border(values) -> bool:
    """Whether a ``border`` value draws a line (a style other than none/hidden, width > 0)."""
    idents = {v.lower_value for v in values if v.type == "ident"}
    if idents & {"none", "hidden"}:
        return False
    styles = {"solid", "dotted", "dashed", "double", "groove", "ridge", "inset", "outset"}
    widths = [v.value for v in values if v.type in ("dimension", "number")]
    return bool(idents & styles) and not (widths and widths[0] == 0)


def _border_width_pt(values) -> float:
    for v in values:
        if v.type == "dimension":
            return _length_pt(v, 14) or 0.75
        if v.type == "ident" and v.lower_value in ("thin", "medium", "thick"):
            return {"thin": 0.75, "medium": 2.25, "thick": 3.75}[v.lower_value]
    return 0.75


class Style(dict):
    """The computed subset of one element's style (missing keys: the initial value)."""

    @property
    def size(self) -> float:
        return self["font-size"]

    @property
    def bold(self) -> bool:
        return self.get("font-weight", 400) >= 600

    @property
    def italic(self) -> bool:
        return self.get("font-style") in ("italic", "oblique")

    @property
    def display(self) -> str:
        return self.get("display", "inline")


ROOT_STYLE = Style({"font-size": 16 * 0.75, "font-weight": 400, "line-height": None})


def _compute(declarations, parent: Style, *, tag: str) -> Style:
    style = Style({key: parent[key] for key in INHERITED if key in parent})
    style["display"] = (
        "block"
        if tag in BLOCK_TAGS
        else {
            "table": "table",
            "tr": "table-row",
            "td": "table-cell",
            "th": "table-cell",
            "li": "list-item",
        }.get(tag, "inline")
    )
    parent_size = parent.size
    # font-size first: em lengths of the other properties are of this element's size.
    ordered = sorted(declarations, key=lambda d: (d[2], d[0] != "font-size"))
    for name, values, _important in ordered:
        if not values:
            continue
        first = values[0]
        ident = first.lower_value if first.type == "ident" else None
        if ident == "inherit":
            if name in parent:
                style[name] = parent[name]
            continue
        if name == "font-size":
            keywords = {"smaller": parent_size / 1.2, "larger": parent_size * 1.2}
            size = keywords.get(ident) if ident else _length_pt(first, parent_size, parent_size)
            if size:
                style["font-size"] = size
        elif name == "font-weight":
            if ident in ("bold", "bolder"):
                style["font-weight"] = 700
            elif ident in ("normal", "lighter"):
                style["font-weight"] = 400
            elif first.type == "number":
                style["font-weight"] = first.value
        elif name == "font-style" and ident:
            style["font-style"] = ident
        elif name == "font":
            idents = {v.lower_value for v in values if v.type == "ident"}
            style["font-weight"] = 700 if "bold" in idents else 400
            style["font-style"] = "italic" if "italic" in idents else "normal"
        elif name in ("text-align", "text-transform", "white-space", "list-style-type") and ident:
            style[name] = ident
        elif name == "list-style" and ident:
            style["list-style-type"] = ident
        elif name in ("text-decoration", "text-decoration-line") and ident:
            style["text-decoration"] = ident
        elif name == "display" and ident:
            style["display"] = ident
        elif name == "line-height":
            if ident == "normal":
                style["line-height"] = None
            elif first.type == "number":
                style["line-height"] = first.value
            else:
                length = _length_pt(first, style.size, style.size)
                if length:
                    style["line-height"] = length / style.size
        elif name in ("margin", "padding"):
            sides = _box(values, style.size)
            if sides:
                for side, value in zip(("top", "right", "bottom", "left"), sides, strict=True):
                    style[f"{name}-{side}"] = value
                if name == "margin":  # "margin: 0 auto" centres a table
                    autos = [v.type == "ident" and v.lower_value == "auto" for v in values]
                    right = autos[1] if len(autos) > 1 else autos[0]
                    left = autos[3] if len(autos) > 3 else right
                    for side, auto in (("right", right), ("left", left)):
                        if auto:
                            style[f"margin-{side}"] = "auto"
        elif name in ("text-indent", "height") or name.startswith(("margin-", "padding-")):
            length = _length_pt(first, style.size)
            if length is not None:
                style[name] = length
            elif ident == "auto" and name.startswith("margin-"):
                style[name] = "auto"
        elif name in ("width",):
            style["width"] = first if first.type in ("dimension", "percentage") else None
        elif name in ("border", "border-bottom", "border-top"):
            drawn = _has_border(values)
            for side in ("bottom", "top") if name == "border" else (name.split("-")[1],):
                style[f"border-{side}"] = _border_width_pt(values) if drawn else None
            if name == "border":
                style["border-all"] = drawn
        elif name in ("break-before", "page-break-before", "break-after", "page-break-after"):
            key = "break-before" if "before" in name else "break-after"
            style[key] = "page" if ident in ("page", "always", "left", "right") else ident
        elif name in ("break-inside", "page-break-inside") and ident:
            style["break-inside"] = ident
        elif name == "vertical-align" and ident:
            style["vertical-align"] = ident
        elif name == "content":
            style["content"] = "".join(v.value for v in values if v.type == "string")
    return style


# -- text measuring (the width of a short rule under a line) ------------------------------


@functools.cache
def _font(bold: bool, italic: bool, size: float):
    from PIL import ImageFont

    from hdnd_portal.documents.engine import static_root

    path = Path(static_root()) / "fonts" / FONT_FILES[(bold, italic)]
    # Measured at 10x for precision, scaled back in _text_width_mm.
    return ImageFont.truetype(str(path), size=max(1, round(size * 10)))


def _text_width_mm(text: str, style: Style) -> float:
    return _font(style.bold, style.italic, style.size).getlength(text) / 10 * MM_PER_PT


# -- the writer --------------------------------------------------------------------------
# Paragraphs, runs and cells are written as WordprocessingML elements directly (lxml
# SubElement, in the schema's order), not through python-docx's proxies, which look up
# and insert each property one by one: a 20-page document would take seconds.

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
JC = {
    WD_ALIGN_PARAGRAPH.JUSTIFY: "both",
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.LEFT: "left",
}
V_ALIGN = {"middle": "center", "bottom": "bottom"}


def _sub(parent, tag: str, **attributes):
    element = etree.SubElement(parent, W + tag)
    for key, value in attributes.items():
        element.set(W + key, str(value))
    return element


def _twips(points: float) -> int:
    return round(points * 20)


def _mm_twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


@dataclass
class _Rule:
    width_mm: float
    thickness_pt: float


@dataclass
class _Para:
    """One paragraph being written: its element and the properties its ``w:pPr`` will get."""

    p: object
    align: object = None
    first_line_pt: float | None = None
    left_pt: float = 0.0
    right_pt: float = 0.0
    before_pt: float = 0.0
    after_pt: float = 0.0
    line: float | None = None
    keep_next: bool = False
    page_break: bool = False
    border_pt: float | None = None
    mark_half_points: int | None = None
    last_text: object = None  # the last w:t, for the trailing space a line end drops

    @property
    def has_text(self) -> bool:
        return self.last_text is not None

    def finish(self) -> None:
        """Write ``w:pPr`` first in the paragraph, its children in the schema's order."""
        properties = etree.Element(W + "pPr")
        if self.keep_next:
            _sub(properties, "keepNext")
        if self.page_break:
            _sub(properties, "pageBreakBefore")
        if self.border_pt:
            borders = _sub(properties, "pBdr")
            eighths = max(2, min(96, round(self.border_pt * 8)))
            _sub(borders, "bottom", val="single", sz=eighths, space=1, color="000000")
        spacing = {}
        if self.before_pt:
            spacing["before"] = _twips(self.before_pt)
        if self.after_pt:
            spacing["after"] = _twips(self.after_pt)
        if self.line is not None:
            spacing["line"] = round(240 * self.line)
            spacing["lineRule"] = "auto"
        if spacing:
            _sub(properties, "spacing", **spacing)
        indent = {}
        if self.left_pt:
            indent["left"] = _twips(self.left_pt)
        if self.right_pt:
            indent["right"] = _twips(self.right_pt)
        if self.first_line_pt:
            indent["firstLine" if self.first_line_pt > 0 else "hanging"] = abs(
                _twips(self.first_line_pt)
            )
        if indent:
            _sub(properties, "ind", **indent)
        if self.align in JC:
            _sub(properties, "jc", val=JC[self.align])
        if self.mark_half_points:
            mark = _sub(properties, "rPr")
            _sub(mark, "sz", val=self.mark_half_points)
        if len(properties):
            self.p.insert(0, properties)


class _Flow:
    """Paragraphs being written into one container (the document body or a table cell)."""

    def __init__(self, append, width_mm: float, *, base_line: float | None, cell=None):
        self.append = append  # puts a new block element (w:p, w:tbl) at the container's end
        self.width_mm = width_mm
        self.base_line = base_line  # the html's line-height: the Normal style's spacing
        self.cell = cell  # the w:tc, in a table cell
        self.paragraph: _Para | None = None
        self.left_pt = 0.0
        self.paragraphs: list[_Para] = []
        self.pending_before = 0.0
        self.pending_page_break = False
        self.rules: list[_Rule] = []
        self.line_start = True
        self.last_block = None  # "p" or "tbl": a cell must end with a paragraph

    def new_paragraph(self) -> _Para:
        p = etree.Element(W + "p")
        self.append(p)
        self.last_block = "p"
        para = _Para(p)
        self.paragraphs.append(para)
        return para

    def open(self, owner: Style, left_pt: float) -> _Para:
        if self.paragraph is None:
            previous = self.paragraphs[-1] if self.paragraphs else None
            para = self.new_paragraph()
            para.align = ALIGNMENTS.get(owner.get("text-align"))
            para.first_line_pt = owner.get("text-indent") or None
            para.left_pt = left_pt
            if owner.get("line-height") not in (None, self.base_line):
                para.line = round(owner["line-height"] / WORD_SINGLE_LINE_EM, 3)
            before = self.pending_before
            if previous is not None and before:
                # Adjacent margins collapse: the larger wins, not their sum.
                before = max(0.0, before - previous.after_pt)
            para.before_pt = before
            self.pending_before = 0.0
            if self.pending_page_break:
                para.page_break = True
                self.pending_page_break = False
            self.paragraph, self.left_pt = para, left_pt
            self.line_start = True
        return self.paragraph

    def close(self) -> None:
        para = self.paragraph
        if para is not None:
            if para.last_text is not None and para.last_text.text.endswith(" "):
                para.last_text.text = para.last_text.text.rstrip(" ")
            self.paragraph = None
            for rule in self.rules:
                self._rule(para, rule)
        self.rules = []

    def _rule(self, above: _Para, rule: _Rule) -> None:
        """A short line under ``above``: the bottom border of a tiny empty paragraph kept with it."""
        above.keep_next = True
        para = self.new_paragraph()
        free = max(0.0, self.width_mm - self.left_pt * MM_PER_PT - rule.width_mm)
        align = above.align
        left = (
            free / 2
            if align == WD_ALIGN_PARAGRAPH.CENTER
            else (free if align == WD_ALIGN_PARAGRAPH.RIGHT else 0)
        )
        para.align = align
        para.left_pt = (left / MM_PER_PT) + self.left_pt
        para.right_pt = (free - left) / MM_PER_PT
        para.line = 1.0
        para.border_pt = rule.thickness_pt
        para.mark_half_points = 2  # a 1 pt paragraph mark: the line sits right under the text

    def finish(self) -> None:
        self.close()
        for para in self.paragraphs:
            para.finish()


class _Converter:
    def __init__(self, html: str):
        self.root = lxml.html.document_fromstring(html)
        self.sheet = Stylesheet()
        self.sheet.add(USER_AGENT_CSS)
        for style in self.root.iter("style"):
            if not any(parent.tag == "svg" for parent in style.iterancestors()):
                self.sheet.add(style.text or "")  # a picture's own CSS is not the document's
        self.wrapper = cssselect2.ElementWrapper.from_html_root(self.root)
        self.writer = DocxWriter()
        self.document = self.writer.document
        self.base_size = 14.0
        self.base_line_height = None
        self.flows: list[_Flow] = []

    # styles
    def style(self, wrapper, parent: Style) -> tuple[Style, Style | None]:
        """The element's computed style and that of its ``::after`` (None without one)."""
        element = wrapper.etree_element
        own, after = [], []
        for _specificity, _order, pseudo, declarations in self.sheet.matcher.match(wrapper):
            if pseudo is None:
                own.extend(declarations)
            elif pseudo == "after":
                after.extend(declarations)
        inline = element.get("style")
        if inline:
            own.extend(_declarations(inline))
        tag = element.tag if isinstance(element.tag, str) else ""
        style = _compute(own, parent, tag=tag.lower())
        after_style = _compute(after, style, tag="") if after else None
        return style, after_style

    # the document
    def convert(self) -> bytes:
        body = self.root.find("body")
        html_wrapper = self.wrapper
        html_style, _ = self.style(html_wrapper, ROOT_STYLE)
        self._page_setup(html_style)
        _headers(self.writer, draft=body is not None and body.get("data-draft") is not None)
        if body is not None:
            body_wrapper = next(w for w in html_wrapper.iter_children() if w.etree_element is body)
            body_style, _ = self.style(body_wrapper, html_style)
            # Written in a detached plain lxml tree (python-docx's element classes cost a Python
            # look-up per element), moved into the document's body at the end.
            scratch = etree.Element(W + "body")
            flow = self._flow(scratch.append, self.sheet.page.text_width_mm)
            self.block(body_wrapper, body_style, flow, 0.0)
            for flow in self.flows:
                flow.finish()
            section = self.document.element.body.sectPr
            for child in list(scratch):
                section.addprevious(child)
        return self.writer.to_bytes()

    def _flow(self, append, width_mm: float, cell=None) -> _Flow:
        flow = _Flow(append, width_mm, base_line=self.base_line_height, cell=cell)
        self.flows.append(flow)
        return flow

    def _page_setup(self, html_style: Style) -> None:
        page = self.sheet.page
        section = self.document.sections[0]
        if page.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
        top, right, bottom, left = page.margins_mm
        section.top_margin, section.right_margin = Mm(top), Mm(right)
        section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
        normal = self.document.styles["Normal"]
        self.base_size = round(html_style.size * 2) / 2
        normal.font.size = Pt(self.base_size)
        if html_style.get("line-height") is not None:
            normal.paragraph_format.line_spacing = round(
                html_style["line-height"] / WORD_SINGLE_LINE_EM, 3
            )
        self.base_line_height = html_style.get("line-height")

    # blocks
    def children(self, wrapper, style: Style):
        for child in wrapper.iter_children():
            element = child.etree_element
            if not isinstance(element.tag, str):
                continue
            yield child, element.tag.lower()

    def block(
        self, wrapper, style: Style, flow: _Flow, left_pt: float, after: Style | None = None
    ) -> None:
        element = wrapper.etree_element
        if style.display != "table-cell":  # a cell's padding is its cell margins
            left_pt += style.get("margin-left", 0) if style.get("margin-left") != "auto" else 0
            left_pt += style.get("padding-left", 0)
        flow.close()
        start = len(flow.paragraphs)
        flow.pending_before = max(flow.pending_before, style.get("margin-top", 0))
        if style.get("break-before") == "page":
            flow.pending_page_break = True
        elif style.get("break-before") == "avoid" and flow.paragraphs:
            flow.paragraphs[-1].keep_next = True
        if style.display == "list-item":
            marker = self._marker(element, style)
            if marker:
                self.text(marker, style, flow, style, left_pt)
        self.inline_content(wrapper, style, flow, style, left_pt)
        flow.close()
        created = flow.paragraphs[start:]
        height = style.get("height")
        if not created and height and not element.text_content().strip():
            self._spacer(flow, style, height, left_pt)
            created = flow.paragraphs[start:]
        if after is not None and after.get("border-bottom") and after.get("display") == "block":
            # An empty ::after block drawn as a line under the element (the issuer's rule).
            width = self._width_mm(after.get("width"), flow.width_mm - left_pt * MM_PER_PT)
            flow.paragraph = created[-1] if created else None
            flow.rules.append(_Rule(width, after["border-bottom"]))
            flow.close()
            created = flow.paragraphs[start:]
        if not created:
            flow.pending_before = max(flow.pending_before, style.get("margin-bottom", 0))
            return
        last = created[-1]
        last.after_pt = max(last.after_pt, style.get("margin-bottom", 0))
        if style.get("border-bottom") and not style.get("border-all"):
            last.border_pt = style["border-bottom"]
        if style.get("break-inside") == "avoid":
            for para in created[:-1]:
                para.keep_next = True
        if style.get("break-after") == "page":
            flow.pending_page_break = True
        elif style.get("break-after") == "avoid":
            last.keep_next = True

    def _marker(self, element, style: Style) -> str:
        kind = style.get("list-style-type", "none")
        if kind in ("none", None):
            return ""
        if kind == "decimal":
            parent = element.getparent()
            items = (
                [c for c in parent if isinstance(c.tag, str) and c.tag.lower() == "li"]
                if parent is not None
                else [element]
            )
            return f"{items.index(element) + 1}. "
        return {"disc": "• ", "circle": "◦ ", "square": "▪ "}.get(kind, "• ")

    def _spacer(self, flow: _Flow, style: Style, height_pt: float, left_pt: float) -> None:
        """Room a block keeps empty (a signature's): empty lines of the block's font."""
        line = style.size * (style.get("line-height") or self.base_line_height or 1.2)
        for _ in range(max(1, round(height_pt / line))):
            para = flow.open(style, left_pt)
            para.first_line_pt = None
            if round(style.size * 2) != round(self.base_size * 2):
                para.mark_half_points = round(style.size * 2)
            flow.close()

    def inline_content(
        self, wrapper, style: Style, flow: _Flow, owner: Style, left_pt: float
    ) -> None:
        element = wrapper.etree_element
        if element.text:
            self.text(element.text, style, flow, owner, left_pt)
        for child, tag in self.children(wrapper, style):
            self.node(child, tag, style, flow, owner, left_pt)
            if child.etree_element.tail:
                self.text(child.etree_element.tail, style, flow, owner, left_pt)

    def node(
        self, wrapper, tag: str, parent: Style, flow: _Flow, owner: Style, left_pt: float
    ) -> None:
        if tag in SKIPPED_TAGS or tag in ("col", "colgroup"):
            return
        style, after = self.style(wrapper, parent)
        display = style.display
        if display == "none":
            return
        if tag == "br":
            para = flow.open(owner, left_pt)
            if para.last_text is not None and para.last_text.text.endswith(" "):
                para.last_text.text = para.last_text.text.rstrip(" ")  # no space before a break
            _sub(_sub(para.p, "r"), "br")
            flow.line_start = True
            return
        if display == "table" or tag == "table":
            self.table(wrapper, style, flow, left_pt)
        elif display in ("block", "list-item", "table-row", "table-cell", "flex", "grid"):
            self.block(wrapper, style, flow, left_pt, after)
            flow.line_start = True
        else:
            self.inline(wrapper, style, after, flow, owner, left_pt)

    def inline(
        self, wrapper, style: Style, after: Style | None, flow: _Flow, owner: Style, left_pt: float
    ) -> None:
        self.inline_content(wrapper, style, flow, owner, left_pt)
        border = style.get("border-bottom") if style.display == "inline-block" else None
        ruled = after is not None and after.get("border-bottom") and after.get("display") == "block"
        if border or ruled:
            text = SPACES.sub(" ", wrapper.etree_element.text_content()).strip()
            if style.get("text-transform") == "uppercase":
                text = text.upper()
            width = _text_width_mm(text, style)
            if border:
                width += (style.get("padding-left", 0) + style.get("padding-right", 0)) * MM_PER_PT
                flow.rules.append(_Rule(width, border))
            if ruled:
                flow.rules.append(
                    _Rule(self._width_mm(after.get("width"), width), after["border-bottom"])
                )

    def text(self, raw: str, style: Style, flow: _Flow, owner: Style, left_pt: float) -> None:
        space = style.get("white-space")
        if space not in ("pre", "pre-wrap"):
            raw = SPACES.sub(" ", raw)
            if flow.line_start or flow.paragraph is None:
                raw = raw.lstrip(" ")
        if not raw:
            return
        para = flow.paragraph
        if para is not None and not flow.line_start and raw.startswith(" "):
            if para.last_text is not None and para.last_text.text.endswith(" "):
                raw = raw.lstrip(" ")
                if not raw:
                    return
        if style.get("text-transform") == "uppercase":
            raw = raw.upper()
        elif style.get("text-transform") == "lowercase":
            raw = raw.lower()
        para = flow.open(owner, left_pt)
        for index, line in enumerate(raw.split("\n")):  # only preformatted text keeps newlines
            if index:
                _sub(_sub(para.p, "r"), "br")
            if line:
                self._run(para, line, style)
        flow.line_start = False

    def _run(self, para: _Para, raw: str, style: Style) -> None:
        run = _sub(para.p, "r")
        decoration = style.get("text-decoration")
        half_points = round(style.size * 2)
        size = half_points != round(self.base_size * 2)
        if style.bold or style.italic or size or decoration in ("underline", "line-through"):
            properties = _sub(run, "rPr")
            if style.bold:
                _sub(properties, "b")
            if style.italic:
                _sub(properties, "i")
            if decoration == "line-through":
                _sub(properties, "strike")
            if size:
                _sub(properties, "sz", val=half_points)
                _sub(properties, "szCs", val=half_points)
            if decoration == "underline":
                _sub(properties, "u", val="single")
        text = _sub(run, "t")
        text.text = raw
        text.set(XML_SPACE, "preserve")
        para.last_text = text

    # tables
    def _width_mm(self, token, reference_mm: float) -> float:
        if token is None:
            return reference_mm
        if token.type == "percentage":
            return token.value / 100 * reference_mm
        length = _length_pt(token, 14)
        return length * MM_PER_PT if length is not None else reference_mm

    def table(self, wrapper, style: Style, flow: _Flow, left_pt: float) -> None:
        flow.close()
        available = flow.width_mm - left_pt * MM_PER_PT
        top = style.get("margin-top", 0)
        if top and flow.paragraphs:
            flow.paragraphs[-1].after_pt = max(flow.paragraphs[-1].after_pt, top)
        if style.get("break-before") == "avoid" and flow.paragraphs:
            flow.paragraphs[-1].keep_next = True
        cols: list = []
        rows: list = []  # (row style, in thead, [(cell wrapper, cell style, colspan, rowspan)])
        for child, tag in self.children(wrapper, style):
            if tag == "colgroup":
                group_style, _ = self.style(child, style)
                found = False
                for col, col_tag in self.children(child, group_style):
                    if col_tag == "col":
                        found = True
                        col_style, _ = self.style(col, group_style)
                        cols.extend([col_style.get("width")] * _span(col.etree_element, "span"))
                if not found:
                    cols.extend([group_style.get("width")] * _span(child.etree_element, "span"))
            elif tag == "col":
                col_style, _ = self.style(child, style)
                cols.extend([col_style.get("width")] * _span(child.etree_element, "span"))
            elif tag in ("thead", "tbody", "tfoot"):
                group_style, _ = self.style(child, style)
                if group_style.display == "none":
                    continue
                for tr, tr_tag in self.children(child, group_style):
                    if tr_tag == "tr":
                        self._row(tr, group_style, rows, header=tag == "thead")
            elif tag == "tr":
                self._row(child, style, rows, header=False)
        if not rows:
            return
        ncols = max(
            len(cols),
            *(sum(colspan for _w, _s, colspan, _r in cells) for _st, _h, cells in rows),
        )
        widths = self._column_widths(cols, rows, ncols, style, available)
        grid = any(
            cell_style.get("border-all") for *_x, cells in rows for _w, cell_style, _c, _r in cells
        )

        tbl = etree.Element(W + "tbl")
        flow.append(tbl)
        flow.last_block = "tbl"
        default_top = self._table_properties(tbl, rows, widths, style, grid=grid)
        split_rows = style.get("break-inside") == "avoid" or grid

        occupied: dict[int, int] = {}  # column → rows still covered by a rowspan above
        for tr_style, header, cells in rows:
            tr = _sub(tbl, "tr")
            can_split = tr_style.get("break-inside") == "avoid" or split_rows
            if can_split or header:
                properties = _sub(tr, "trPr")
                if can_split:
                    _sub(properties, "cantSplit")
                if header:
                    _sub(properties, "tblHeader")
            column = 0
            row_flows = []
            queue = list(cells)
            while column < ncols:
                if occupied.get(column, 0) > 0:
                    occupied[column] -= 1
                    tc = self._tc(tr, widths[column], v_merge="continue")
                    _sub(tc, "p")
                    column += 1
                    continue
                if not queue:
                    _sub(self._tc(tr, widths[column]), "p")  # a short row: fill the grid
                    column += 1
                    continue
                cell_wrapper, cell_style, colspan, rowspan = queue.pop(0)
                colspan = min(colspan, ncols - column)
                width = sum(widths[column : column + colspan])
                tc = self._tc(
                    tr,
                    width,
                    span=colspan,
                    v_merge="restart" if rowspan > 1 else None,
                    v_align=V_ALIGN.get(cell_style.get("vertical-align")),
                )
                if rowspan > 1:
                    for spanned in range(column, column + colspan):
                        occupied[spanned] = rowspan - 1
                cell_flow = self._flow(tc.append, width - _padding_mm(cell_style), cell=tc)
                # A cell padded more than the table's default cells: space before its text.
                cell_flow.pending_before = max(0.0, cell_style.get("padding-top", 0) - default_top)
                self.block(cell_wrapper, cell_style, cell_flow, 0.0)
                cell_flow.close()
                if cell_flow.last_block != "p":  # Word wants every cell to end with a paragraph
                    cell_flow.new_paragraph()
                row_flows.append(cell_flow)
                column += colspan
            if tr_style.get("break-after") == "avoid":
                for cell_flow in row_flows:
                    for para in cell_flow.paragraphs:
                        para.keep_next = True
        flow.pending_before = max(flow.pending_before, style.get("margin-bottom", 0))
        flow.line_start = True

    @staticmethod
    def _tc(
        tr,
        width_mm: float,
        *,
        span: int = 1,
        v_merge: str | None = None,
        v_align: str | None = None,
    ):
        tc = _sub(tr, "tc")
        properties = _sub(tc, "tcPr")
        _sub(properties, "tcW", w=_mm_twips(width_mm), type="dxa")
        if span > 1:
            _sub(properties, "gridSpan", val=span)
        if v_merge == "restart":
            _sub(properties, "vMerge", val="restart")
        elif v_merge:
            _sub(properties, "vMerge")
        if v_align:
            _sub(properties, "vAlign", val=v_align)
        return tc

    def _row(self, tr_wrapper, parent: Style, rows: list, *, header: bool) -> None:
        tr_style, _ = self.style(tr_wrapper, parent)
        if tr_style.display == "none":
            return
        cells = []
        for cell, tag in self.children(tr_wrapper, tr_style):
            if tag not in ("td", "th"):
                continue
            cell_style, _ = self.style(cell, tr_style)
            if cell_style.display == "none":
                continue
            element = cell.etree_element
            cells.append((cell, cell_style, _span(element, "colspan"), _span(element, "rowspan")))
        rows.append((tr_style, header, cells))

    def _column_widths(self, cols, rows, ncols, style: Style, available: float) -> list[float]:
        table_width = self._width_mm(style.get("width"), available) if style.get("width") else None
        basis = table_width or available
        given: list[float | None] = [None] * ncols
        for index, token in enumerate(cols[:ncols]):
            if token is not None:
                given[index] = self._width_mm(token, basis)
        if rows:
            column = 0
            for _wrapper, cell_style, colspan, _rowspan in rows[0][2]:
                token = cell_style.get("width")
                if token is not None and column < ncols and given[column] is None:
                    width = self._width_mm(token, basis) / colspan
                    for spanned in range(column, min(ncols, column + colspan)):
                        given[spanned] = width
                column += colspan
        known = sum(w for w in given if w is not None)
        missing = [i for i, w in enumerate(given) if w is None]
        if missing:
            share = max(basis - known, 10.0 * len(missing)) / len(missing)
            widths = [w if w is not None else share for w in given]
        else:
            widths = [float(w) for w in given]
            total = sum(widths)
            if table_width and total and abs(total - table_width) > 0.5:
                widths = [w * table_width / total for w in widths]
        total = sum(widths)
        if total > available and total:  # never wider than the text
            widths = [w * available / total for w in widths]
        return widths

    def _table_properties(self, tbl, rows, widths, style: Style, *, grid: bool) -> float:
        """``w:tblPr`` and ``w:tblGrid`` (fixed layout, the columns' widths, the first cell's
        padding as every cell's margins); returns that padding's top."""
        properties = _sub(tbl, "tblPr")
        if grid:
            _sub(properties, "tblStyle", val=self.document.styles["Table Grid"].style_id)
        _sub(properties, "tblW", w=sum(_mm_twips(w) for w in widths), type="dxa")
        if style.get("margin-left") == "auto" and style.get("margin-right") == "auto":
            _sub(properties, "jc", val="center")
        _sub(properties, "tblLayout", type="fixed")
        first = rows[0][2][0][1] if rows[0][2] else Style()
        margins = _sub(properties, "tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            _sub(margins, side, w=_twips(first.get(f"padding-{side}", 0)), type="dxa")
        _sub(
            properties,
            "tblLook",
            val="04A0",
            firstRow=1,
            lastRow=0,
            firstColumn=1,
            lastColumn=0,
            noHBand=0,
            noVBand=1,
        )
        columns = _sub(tbl, "tblGrid")
        for width in widths:
            _sub(columns, "gridCol", w=_mm_twips(width))
        return first.get("padding-top", 0)


def _span(element, attribute: str) -> int:
    try:
        return max(1, min(1000, int(element.get(attribute, 1))))
    except (TypeError, ValueError):
        return 1


def _padding_mm(style: Style) -> float:
    return (style.get("padding-left", 0) + style.get("padding-right", 0)) * MM_PER_PT


def docx_from_html(html: str) -> bytes:
    """The Word document (.docx bytes) of an official document's rendered HTML."""
    return _Converter(html).convert()

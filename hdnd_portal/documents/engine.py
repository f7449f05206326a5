"""The official-document engine: a Django template → PDF with WeasyPrint.

Fonts and images load from local files only: the fetcher refuses every URL that
is not a ``file:`` inside the allowed folders (or ``data:``), and a resource that
fails to load stops the rendering rather than silently falling back to another
font. Layout lives in the templates (``documents/official_base.html``), never here.
"""

import functools
import gc
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

from hdnd_portal.documents import pdfcache

# The one font shipped with the project (SIL OFL), referenced by the base template.
FONT_PROBE = "fonts/LiberationSerif-Regular.ttf"


@functools.cache
def _fetcher_class():
    # Imported lazily: importing weasyprint parses its stylesheets, which every
    # management command would otherwise pay for (and log) when the URLconf loads.
    from weasyprint.urls import URLFetcher

    class LocalFileFetcher(URLFetcher):
        """Fetch ``file:`` URLs under the given folders and ``data:`` URLs; nothing else."""

        def __init__(self, roots: list[Path]):
            super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)
            self.roots = [Path(root).resolve() for root in roots]
            self.fetched: set[Path] = set()  # the files loaded (the PDF cache checks them)

        def fetch(self, url, headers=None):
            if url.lower().startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in self.roots):
                    raise ValueError(f"File outside the document folders: {url}")
                self.fetched.add(path)
            return super().fetch(url, headers)

    return LocalFileFetcher


def local_file_fetcher(roots: list[Path]):
    """A WeasyPrint URL fetcher limited to local files under ``roots`` (and ``data:``)."""
    return _fetcher_class()(roots)


def static_root() -> Path:
    """The static folder holding ``fonts/`` (found through the staticfiles finders)."""
    found = finders.find(FONT_PROBE)
    if not found:
        raise RuntimeError(f"{FONT_PROBE} not found in the static folders.")
    return Path(found).resolve().parent.parent


def render_html(template_name: str, context: dict) -> str:
    """The HTML of a template extending ``documents/official_base.html``: what the PDF is
    printed from and the Word twin converted from (``htmldocx.docx_from_html``).

    The template gets ``document_static_url`` (the static folder as a ``file:`` URL) for
    the fonts."""
    static = static_root()
    return render_to_string(
        template_name, {**context, "document_static_url": static.as_uri() + "/"}
    )


def render_pdf(template_name: str, context: dict, *, base_url: str | Path | None = None) -> bytes:
    """Render a template extending ``documents/official_base.html`` to PDF bytes.

    The template gets ``document_static_url`` (the static folder as a ``file:``
    URL) for the fonts. Relative URLs resolve against ``base_url``, a local
    folder (default: the static folder), which is allowed to the fetcher too.
    """
    static, base = _folders(base_url)
    return pdf_from_html(render_html(template_name, context), static=static, base=base)


def pdf_from_html(html: str, *, static: Path, base: Path) -> bytes:
    """The PDF of ``html``: from the PDF cache when the same HTML was printed before
    (``documents.pdfcache``: same HTML, same fonts, same engine, same bytes), else laid out."""
    secret = pdfcache.digest(html, base)
    pdf = pdfcache.get(secret)
    if pdf is not None:
        return pdf
    with fewer_collections():
        document, fetcher = _layout(html, static=static, base=base)
        pdf = document.write_pdf()
    # The fonts are fetched by the first rendering of a thread only (its font configuration
    # keeps them): the entry records them whether or not this rendering fetched them.
    pdfcache.put(secret, pdf, fetcher.fetched | set((static / "fonts").iterdir()))
    return pdf


# WeasyPrint makes objects by the hundred thousand for a long table (a box per element and
# per line, their styles, a Pango layout per line); Python's cyclic collector, run every 700 new
# objects, walks the growing heap again and again: about a quarter of the CPU of a 35-page table.
# During a rendering the youngest generation is collected every YOUNG_THRESHOLD new objects and
# the middle one never (a middle collection walks every box laid out so far, 0.4 s of a 2.5 s
# table); the last rendering out collects the middle generation once, which frees what the
# rendering left in reference cycles (about 260,000 objects for 500 petitions, 0.3 s) while it
# is still young, rather than letting it age into the oldest generation that every full
# collection walks again (bench/bench_voters_synthesis.py counts this collection in the CPU).
YOUNG_THRESHOLD = 100_000
MIDDLE_THRESHOLD = 1_000_000  # in young collections: never during one rendering
_gc_lock = threading.Lock()
_gc_renders = 0
_gc_saved: tuple[int, ...] = ()


@contextmanager
def fewer_collections():
    """Collect less while a document renders (threads share the collector: the first rendering
    in changes the thresholds, the last one out puts them back and collects what was left)."""
    global _gc_renders, _gc_saved
    with _gc_lock:
        if _gc_renders == 0:
            _gc_saved = gc.get_threshold()
            if _gc_saved[0]:  # 0: collection disabled, leave it so
                gc.set_threshold(
                    max(_gc_saved[0], YOUNG_THRESHOLD),
                    max(_gc_saved[1], MIDDLE_THRESHOLD),
                    *_gc_saved[2:],
                )
        _gc_renders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_renders -= 1
            last = _gc_renders == 0
            if last:
                gc.set_threshold(*_gc_saved)
        if last and _gc_saved[0] and gc.isenabled():
            gc.collect(1)


_fonts = threading.local()


def font_configuration(static: Path):
    """This thread's WeasyPrint font configuration for the fonts of ``static``, kept from one
    document to the next: the ``@font-face`` files are registered with fontconfig once (not
    read and copied to a temporary folder for every document) and Pango's font caches stay
    warm. One per thread (Pango's font map is not shared between threads) and per static
    folder: another folder's files of the same family are other fonts, never the first ones."""
    configs = getattr(_fonts, "configs", None)
    if configs is None:
        configs = _fonts.configs = {}
    if static not in configs:
        from weasyprint.text.fonts import FontConfiguration

        configs[static] = FontConfiguration()
    return configs[static]


def render_document(template_name: str, context: dict, *, base_url: str | Path | None = None):
    """The laid-out WeasyPrint document of :func:`render_pdf` (its pages' boxes tell where the
    signer's space fell: ``documents.signing.locate``)."""
    static, base = _folders(base_url)
    return _layout(render_html(template_name, context), static=static, base=base)[0]


def _folders(base_url: str | Path | None) -> tuple[Path, Path]:
    """The static folder (the fonts) and the folder relative URLs resolve against."""
    static = static_root()
    return static, static if base_url is None else _local_path(base_url)


def _layout(html: str, *, static: Path, base: Path):
    """The laid-out document of ``html`` and the fetcher that loaded its files."""
    from weasyprint import HTML

    fetcher = local_file_fetcher([static, base])
    # A trailing slash makes the folder itself the base of relative URLs.
    document = HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=fetcher)
    with fewer_collections():
        return document.render(font_config=font_configuration(static)), fetcher


def _local_path(base_url: str | Path) -> Path:
    text = str(base_url)
    if text.startswith("file:"):
        return Path(url2pathname(urlsplit(text).path)).resolve()
    if "://" in text:
        raise ValueError(f"Documents load local files only, not {text}")
    return Path(text).resolve()


def pdf_response(pdf_bytes: bytes, filename: str, inline: bool = True) -> HttpResponse:
    """An HTTP response carrying a PDF, shown in the browser (inline) or downloaded."""
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["Content-Length"] = str(len(pdf_bytes))
    # The document holds personal data: do not let shared caches keep it.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

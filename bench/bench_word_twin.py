"""Benchmark (not a test): convert a long official document's HTML to its Word twin (htmldocx).

Renders documents/official_base.html with 60 body paragraphs and a 300-row data table (about
40 A4 pages as PDF; BENCH_ROWS and BENCH_PARAGRAPHS change the size), then prints the wall and
CPU time of ``docx_from_html``: the first conversion and the best of the next ones. No database.

    .venv/bin/python bench/bench_word_twin.py
    BENCH_PDF=1 .venv/bin/python bench/bench_word_twin.py   # also counts the PDF's pages
"""

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROWS = int(os.environ.get("BENCH_ROWS", "300"))
PARAGRAPHS = int(os.environ.get("BENCH_PARAGRAPHS", "60"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))

sys.path.insert(0, str(REPO))
os.chdir(REPO)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")  # test-only keys

import django  # noqa: E402

django.setup()

from django.template import engines  # noqa: E402

from hdnd_portal.documents.engine import static_root  # noqa: E402
from hdnd_portal.documents.htmldocx import docx_from_html  # noqa: E402
from hdnd_portal.documents.text import Heading, IssuingBody, Letterhead, Signature  # noqa: E402


def html() -> str:
    rows = "".join(
        f"<tr><td class='center'>{i}</td><td>Nguyễn Văn {i}</td><td class='center'>1970</td>"
        f"<td>Phó Chủ tịch UBND xã, công chức văn phòng</td><td class='center'>Số {i % 5}</td>"
        "<td></td></tr>"
        for i in range(1, ROWS + 1)
    )
    body = "".join(
        f"<p>{'Nội dung báo cáo của Thường trực HĐND xã. ' * 12}</p>" for _ in range(PARAGRAPHS)
    )
    source = (
        '{% extends "documents/official_base.html" %}{% block content %}'
        + body
        + '<table class="data"><thead><tr><th>STT</th><th>Họ và tên</th><th>Năm sinh</th>'
        "<th>Chức vụ</th><th>Đơn vị</th><th>Ghi chú</th></tr></thead><tbody>"
        + rows
        + "</tbody></table>{% endblock %}"
    )
    letterhead = Letterhead(
        issuing_body=IssuingBody(
            parent="HĐND XÃ PHÚC LỘC", name=("THƯỜNG TRỰC",), signing_for="TM. THƯỜNG TRỰC HĐND"
        ),
        symbol="01/BC-HĐND",
        place_date="Phúc Lộc, ngày 04 tháng 5 năm 2026",
    )
    context = {
        "letterhead": letterhead,
        "heading": Heading("Báo cáo", ("Kết quả hoạt động",)),
        "signature": Signature("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "Nguyễn Văn A"),
        "recipients": ["Như trên;", "Lưu: VT."],
        "draft": True,
        "document_static_url": static_root().as_uri() + "/",
    }
    return engines["django"].from_string(source).render(context)


def main() -> None:
    document = html()
    if os.environ.get("BENCH_PDF"):
        import subprocess
        import tempfile

        from weasyprint import HTML

        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
            pdf.write(HTML(string=document).write_pdf())
            pdf.flush()
            info = subprocess.run(["pdfinfo", pdf.name], capture_output=True, text=True).stdout
            print("PDF pages:", info.split("Pages:")[1].split()[0])
    timings = []
    for _ in range(REPEAT):
        wall, cpu = time.perf_counter(), time.process_time()
        size = len(docx_from_html(document))
        timings.append((time.perf_counter() - wall, time.process_time() - cpu))
    first, best = timings[0], min(timings[1:] or timings)
    print(f"{ROWS} rows, {PARAGRAPHS} paragraphs, {size // 1024} KiB of DOCX")
    print(f"first: {first[0]:.3f} s wall, {first[1]:.3f} s CPU")
    print(f"best:  {best[0]:.3f} s wall, {best[1]:.3f} s CPU")


if __name__ == "__main__":
    main()

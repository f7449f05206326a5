"""Reading a PDF the way a user's viewer would, through poppler-utils."""

import subprocess
from pathlib import Path

# A4 in PostScript points.
A4 = (595.28, 841.89)


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def write(pdf: bytes, tmp_path: Path, name: str = "document.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def info(path: Path) -> dict[str, str]:
    out = run("pdfinfo", str(path))
    return {
        k.strip(): v.strip()
        for k, _s, v in (line.partition(":") for line in out.splitlines())
        if _s
    }


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Width and height of every page, in points."""
    pages = int(info(path)["Pages"])
    out = run("pdfinfo", "-f", "1", "-l", str(pages), str(path))
    sizes = []
    for line in out.splitlines():
        if line.startswith("Page") and "size:" in line:
            dims = line.split("size:")[1].split("pts")[0].split("x")
            sizes.append((float(dims[0]), float(dims[1])))
    return sizes


def fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts rows: name (subset prefix removed), type, embedded."""
    lines = run("pdffonts", str(path)).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        name = parts[0].split("+", 1)[-1]
        # Columns from the right: emb sub uni object-id generation.
        rows.append({"name": name, "emb": parts[-5], "line": line})
    return rows


def text(
    path: Path,
    *,
    first: int | None = None,
    last: int | None = None,
    crop: tuple[int, int, int, int] | None = None,
    layout: bool = False,
) -> str:
    """The text of the PDF (or of some pages, or of a region x, y, width, height in pt).

    ``layout`` keeps the physical layout (words of one line stay on one line).
    """
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    if crop:
        x, y, w, h = crop
        args += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    return run(*args, str(path), "-")

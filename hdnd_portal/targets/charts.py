"""Charts drawn on the server as SVG strings: readable without JavaScript, printed, and
embedded in the PDF. Every chart has a <title> and <desc>; the pages put the same numbers
in a table beside it for screen readers (the SVG itself is ``role="img"``).

Colours are presentation attributes (no ``style=``: the Content-Security-Policy forbids
inline styles), the text is Vietnamese, numbers use the comma as decimal separator.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hdnd_portal.core.numbers import vi_number

STATUS_COLOURS = {
    "met": "#198754",
    "on_track": "#0d6efd",
    "at_risk": "#c35a00",
    "missed": "#dc3545",
    "no_data": "#adb5bd",
}
DEFAULT_COLOUR = "#0d6efd"
TEXT = "#212529"
GRID = "#dee2e6"
FONT = 'font-family="Liberation Serif HDND, Liberation Serif, Times New Roman, serif"'


def number(value: float | None) -> str:
    return vi_number(value)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    maximum: float
    status: str = ""
    text: str = ""  # what is written at the end of the bar ("75% / 100%")
    marker: float | None = None  # a thin line: the threshold, or the expected so far

    @property
    def share(self) -> float:
        """How much of the plot the bar fills, 0 to 1."""
        if self.value is None or not self.maximum:
            return 0.0
        return max(0.0, min(1.0, self.value / self.maximum))

    @property
    def colour(self) -> str:
        return STATUS_COLOURS.get(self.status, DEFAULT_COLOUR)


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" class="chart" {FONT} font-size="13">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{''.join(body)}</svg>"
    )


def bar_chart(
    bars: list[Bar], *, title: str, label_width: int = 150, narrow: bool = False
) -> SafeString:
    """Horizontal bars, one per row: the label, the bar (coloured by status), its text.

    ``narrow``: drawn for a phone (about 340 px across, so 13-unit text stays ≥ 12 px): the
    label on its own line above its bar."""
    if narrow:
        return _narrow_bar_chart(bars, title=title)
    width, row, top = 640, 28, 6
    plot = width - label_width - 130
    height = top * 2 + row * max(1, len(bars))
    body = []
    for i, bar in enumerate(bars):
        y = top + i * row
        share, colour = bar.share, bar.colour
        body.append(
            f'<text x="{label_width - 6}" y="{y + 18}" text-anchor="end" fill="{TEXT}">'
            f"{escape(bar.label)}</text>"
            f'<rect x="{label_width}" y="{y + 5}" width="{plot}" height="16" fill="#f1f3f5" '
            f'stroke="{GRID}"/>'
            f'<rect x="{label_width}" y="{y + 5}" width="{plot * share:.1f}" height="16" '
            f'fill="{colour}"/>'
        )
        if bar.marker is not None and bar.maximum:
            mx = label_width + plot * max(0.0, min(1.0, bar.marker / bar.maximum))
            body.append(
                f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{y + 2}" y2="{y + 24}" stroke="{TEXT}" '
                f'stroke-width="2" stroke-dasharray="3 2"/>'
            )
        text = bar.text or number(bar.value)
        body.append(
            f'<text x="{label_width + plot + 8}" y="{y + 18}" fill="{TEXT}">{escape(text)}</text>'
        )
    desc = "; ".join(f"{b.label}: {b.text or number(b.value)}" for b in bars) or "Không có số liệu"
    return _svg(width, height, title, desc, body)


NARROW_WIDTH = 340


def _narrow_bar_chart(bars: list[Bar], *, title: str) -> SafeString:
    width, row, top, text_width = NARROW_WIDTH, 44, 4, 96
    plot = width - text_width - 4
    height = top * 2 + row * max(1, len(bars))
    body = []
    for i, bar in enumerate(bars):
        y = top + i * row
        share, colour = bar.share, bar.colour
        label = bar.label if len(bar.label) <= 46 else bar.label[:45] + "…"
        body.append(
            f'<text x="0" y="{y + 14}" fill="{TEXT}">{escape(label)}</text>'
            f'<rect x="0" y="{y + 20}" width="{plot}" height="16" fill="#f1f3f5" stroke="{GRID}"/>'
            f'<rect x="0" y="{y + 20}" width="{plot * share:.1f}" height="16" fill="{colour}"/>'
        )
        if bar.marker is not None and bar.maximum:
            mx = plot * max(0.0, min(1.0, bar.marker / bar.maximum))
            body.append(
                f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{y + 17}" y2="{y + 39}" stroke="{TEXT}" '
                f'stroke-width="2" stroke-dasharray="3 2"/>'
            )
        text = bar.text or number(bar.value)
        body.append(f'<text x="{plot + 6}" y="{y + 33}" fill="{TEXT}">{escape(text)}</text>')
    desc = "; ".join(f"{b.label}: {b.text or number(b.value)}" for b in bars) or "Không có số liệu"
    return _svg(width, height, title, desc, body)


def responsive(wide: SafeString, narrow: SafeString) -> SafeString:
    """The wide chart from the md breakpoint up, the narrow one on a phone (the other is
    ``display: none``, so a screen reader meets one)."""
    return mark_safe(
        f'<div class="d-none d-md-block">{wide}</div><div class="d-md-none">{narrow}</div>'
    )


def small_multiples(
    labels: list[str], series: list[tuple[str, list[float | None]]], *, maximum=None
) -> list[tuple[str, SafeString]]:
    """One small line chart per series (a target's months), each readable on a phone,
    rather than a dozen lines in a few colours on one chart."""
    return [
        (
            name,
            line_chart(
                labels,
                [(name, values)],
                title=f"{name}: tiến độ theo tháng",
                maximum=maximum,
                compact=True,
            ),
        )
        for name, values in series
    ]


def line_chart(
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    *,
    title: str,
    maximum=None,
    compact: bool = False,
) -> SafeString:
    """Lines over the months (one per series; a gap where a month has no value).
    ``compact``: one series in a small chart (no legend; the card names it)."""
    width, height, left, right, top, bottom = 640, 240, 44, 150, 12, 30
    if compact:
        width, height, left, right = NARROW_WIDTH, 180, 40, 8
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _name, vs in series for v in vs if v is not None]
    top_value = maximum or max([1.0, *values])
    step = plot_w / max(1, len(labels) - 1)
    body = []
    for k in range(5):
        value = top_value * k / 4
        y = top + plot_h - plot_h * k / 4
        body.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}" '
            f'font-size="12">{number(value)}</text>'
        )
    for i, label in enumerate(labels):
        x = left + i * step
        body.append(
            f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle" fill="{TEXT}" '
            f'font-size="12">{escape(label)}</text>'
        )
    palette = ["#0d6efd", "#198754", "#c35a00", "#6f42c1", "#dc3545", "#0dcaf0", "#6c757d"]
    for s, (name, vs) in enumerate(series):
        colour = palette[s % len(palette)]
        points, path = [], []
        for i, v in enumerate(vs):
            if v is None:
                if path:
                    points.append(path)
                path = []
                continue
            x = left + i * step
            y = top + plot_h - plot_h * min(1.0, max(0.0, v / top_value))
            path.append(f"{x:.1f},{y:.1f}")
        if path:
            points.append(path)
        for p in points:
            body.append(
                f'<polyline points="{" ".join(p)}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
            for xy in p:
                x, y = xy.split(",")
                body.append(f'<circle cx="{x}" cy="{y}" r="2.5" fill="{colour}"/>')
        if compact:
            continue
        ly = top + 14 + s * 18
        body.append(
            f'<rect x="{left + plot_w + 12}" y="{ly - 9}" width="12" height="4" fill="{colour}"/>'
            f'<text x="{left + plot_w + 28}" y="{ly - 3}" fill="{TEXT}" font-size="12">'
            f"{escape(name)}</text>"
        )
    desc = "; ".join(
        f"{name}: " + ", ".join(f"{lab} {number(v)}" for lab, v in zip(labels, vs, strict=False))
        for name, vs in series
    )
    return _svg(width, height, title, desc or "Không có số liệu", body)

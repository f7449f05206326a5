"""Numbers written the Vietnamese way, once for every output: "1.234", "82,4%".

Pages, PDFs, Word twins and follow-up texts call :func:`vi_number` and :func:`vi_percent`
(templates: ``{{ value|num }}`` and ``{{ value|pct }}``); Excel cells stay numbers and carry a
number format (:class:`Percent` is written as a fraction formatted ``0.0%``), so the reader's
Excel shows its own separators and can still sum them. Django's own formatter does the work
(``django.utils.numberformat``), with the Vietnamese separators whatever the active language.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.numberformat import format as number_format

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."


def vi_number(value, decimals: int | None = 1) -> str:
    """``1234`` -> "1.234"; ``82.44`` -> "82,4" (at most ``decimals`` places, trailing zeros
    dropped: ``100.0`` -> "100"); ``None`` -> "—"."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and decimals is not None:
        value = round(value, decimals)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = number_format(
        Decimal(str(value)) if isinstance(value, float) else value,
        DECIMAL_SEPARATOR,
        decimal_pos=None,
        grouping=3,
        thousand_sep=THOUSAND_SEPARATOR,
        force_grouping=True,
        use_l10n=False,
    )
    if DECIMAL_SEPARATOR in text:
        text = text.rstrip("0").rstrip(DECIMAL_SEPARATOR)
    return text


def vi_percent(value, decimals: int = 1) -> str:
    """``82.44`` (a share in percent) -> "82,4%"; ``None`` -> "—"."""
    if value is None or value == "":
        return "—"
    return f"{vi_number(float(value), decimals)}%"


@dataclass(frozen=True)
class Percent:
    """A share in percent (82.4) as an export cell: written 0.824 with the format "0.0%"."""

    value: float | None
    decimals: int = 1

    def __str__(self) -> str:
        return vi_percent(self.value, self.decimals)

    @property
    def excel_format(self) -> str:
        return "0%" if self.decimals == 0 else "0." + "0" * self.decimals + "%"

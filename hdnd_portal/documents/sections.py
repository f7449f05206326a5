"""Parts of a report that another app counts: one app's report, other apps' figures.

The Standing Committee's quarterly report (meetings) has a section on supervision, one on voter
contact and one on citizen reception; the session results report counts the voters' petitions.
Domain apps do not import each other (import contracts, ``scripts/lint_imports.py``), so each app
registers the parts it counts in its ``AppConfig.ready()``::

    register_report_part("quarterly.supervision", supervision_section)

and the report asks for them by key (:func:`report_part`), getting ``None`` when no installed
app gives that part. A part reads the same selectors the KPI dashboard reads — one figure, one
definition — and returns a :class:`Section` (or, for a plain figure, any value).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Grid:
    """A table of its own columns (widths in mm), its last rows kept with what follows."""

    columns: list[tuple[str, int]]
    rows: list[list[str]]


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    subsections: list["Section"] = field(default_factory=list)
    table: list[list[str]] | None = None
    grid: Grid | None = None


# The keys reports ask for, with the arguments they pass.
QUARTERLY_SUPERVISION = "quarterly.supervision"  # (council, start, end, access) -> Section
QUARTERLY_VOTERS = "quarterly.voters"  # (council, start, end, access) -> Section
QUARTERLY_RECEPTION = "quarterly.reception"  # (council, start, end, access) -> Section
SESSION_PETITIONS = "session.petitions"  # (session, access) -> (synthesised, answered)

_PARTS: dict[str, Callable[..., Any]] = {}


def register_report_part(key: str, fn: Callable[..., Any]) -> None:
    """Register (or replace: ``ready()`` may run twice in tests) the part ``key``."""
    _PARTS[key] = fn


def report_part(key: str, **kwargs) -> Any:
    """The part ``key`` built with ``kwargs``, or ``None`` when no app registered it."""
    fn = _PARTS.get(key)
    return fn(**kwargs) if fn is not None else None

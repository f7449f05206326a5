"""Sections of a delegate's profile page, contributed by each app.

An app registers ``fn(request, delegate) -> dict | None`` in its ``ready()``;
a dict has ``title``, ``template`` and ``context`` and is rendered as a card.
"""

from collections.abc import Callable

_SECTIONS: list[Callable] = []


def register_delegate_section(fn: Callable) -> None:
    if fn not in _SECTIONS:
        _SECTIONS.append(fn)


def delegate_sections(request, delegate) -> list[dict]:
    sections = []
    for fn in _SECTIONS:
        section = fn(request, delegate)
        if section:
            sections.append(section)
    return sections

"""OpenAPI post-processing: the schema states the constraints the API enforces.

OpenAPI 3.0 has no minimum or maximum for ``format: date`` strings, so the portal's date window
(1945-01-01 .. 2100-12-31, ``hdnd_portal.core.inputs``) is written as a ``pattern`` on every date
property: a client (or a schemathesis run) generating from the schema then sends dates the API
accepts, and learns the window without reading the prose.
"""

from hdnd_portal.core.inputs import MAX_DATE, MIN_DATE

# ISO dates from 1945-01-01 to 2100-12-31 (the years; the day of the month is checked by the API).
DATE_WINDOW_PATTERN = (
    r"^(194[5-9]|19[5-9][0-9]|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
)


def _walk(node):
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("format") == "date":
            node.setdefault("pattern", DATE_WINDOW_PATTERN)
            node.setdefault(
                "description",
                f"Ngày từ {MIN_DATE:%d/%m/%Y} đến {MAX_DATE:%d/%m/%Y} (YYYY-MM-DD).",
            )
        for value in node.values():
            _walk(value)
    elif isinstance(node, list):
        for value in node:
            _walk(value)


def date_window_hook(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS entry: a pattern on every date property."""
    _walk(result)
    return result

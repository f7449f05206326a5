"""Diacritic-insensitive text for search ("kien nghi" finds "kiến nghị").

A normalised copy of the searchable fields is stored on each record
(``search_text``), so the same search works on SQLite and PostgreSQL.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(value: object) -> str:
    """Lower-case ASCII folding of Vietnamese text: đ→d, diacritics dropped."""
    if value is None:
        return ""
    text = str(value).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip().lower()


def search_terms(query: str) -> list[str]:
    return [term for term in fold(query).split(" ") if term]

"""Diacritic-insensitive text for search ("kien nghi" finds "kiến nghị").

A normalised copy of the searchable fields is stored on each record
(``search_text``), so the same search works on SQLite and PostgreSQL.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Longer queries are cut: a search box is not a document (and LIKE work grows with terms; 3,000
# terms were a 500 on SQLite, "Expression tree is too large").
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8


def fold(value: object) -> str:
    """Lower-case ASCII folding of Vietnamese text: đ→d, diacritics dropped."""
    if value is None:
        return ""
    text = str(value).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip().lower()


def search_terms(query: str) -> list[str]:
    """The folded words searched for: at most MAX_TERMS, from the first MAX_QUERY_LENGTH
    characters."""
    return [term for term in fold(query[:MAX_QUERY_LENGTH]).split(" ") if term][:MAX_TERMS]

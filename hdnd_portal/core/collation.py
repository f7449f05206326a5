"""Vietnamese alphabetical order, the same in Python, SQLite and PostgreSQL.

Code-point order puts "Ngô" after "Nguyễn" (ô is U+00F4, u is U+0075), "Phạm"
after "Phan" and "Đinh" after "Vũ" (Đ is U+0110). Vietnamese dictionaries and
official rosters use the alphabet

    a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y

where ă, â, đ, ê, ô, ơ, ư are letters of their own (primary difference), and the
five tone marks only break ties between words with the same letters (secondary
difference), in the order ngang, huyền, hỏi, ngã, sắc, nặng. Upper and lower case
differ last (tertiary). This is CLDR's ``vi`` tailoring, which PostgreSQL's ICU
collation ``vi`` (``CREATE COLLATION vi (provider = icu, locale = 'vi-VN')``)
implements; :func:`vi_key` is the same order for Python and for the SQLite
collation ``vi`` registered on every connection by :func:`register_sqlite_collation`.

Columns declared with ``db_collation=VI_COLLATION`` sort this way in ``ORDER BY``.
"""

import unicodedata
from functools import cmp_to_key, lru_cache

VI_COLLATION = "vi"

# The Vietnamese alphabet with the Latin letters it lacks (f, j, w, z: foreign
# names) at their Latin places.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}

# Marks that make a letter of its own: breve (ă), circumflex (â ê ô), horn (ơ ư).
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Tone marks, in dictionary order after ngang (no mark, 0):
# huyền (grave), hỏi (hook above), ngã (tilde), sắc (acute), nặng (dot below).
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Primary classes, as ICU's root order: spaces, then punctuation and symbols,
# then digits, then letters (so "An" comes before "Anh").
_SPACE, _PUNCT, _DIGIT, _LETTER, _OTHER_LETTER = range(5)


def _graphemes(text: str):
    """(base character, its combining marks) of NFD ``text``."""
    base, marks = None, []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and base is not None:
            marks.append(ch)
            continue
        if base is not None:
            yield base, marks
        base, marks = ch, []
    if base is not None:
        yield base, marks


def vi_key(text: object) -> tuple[tuple, tuple, tuple]:
    """Sort key of ``text`` in Vietnamese order: ``sorted(names, key=vi_key)``.

    ``(primary, secondary, tertiary)``: letters (with ă â đ ê ô ơ ư as letters of
    their own, case ignored), then tones, then case (lower before upper).
    """
    if text is None:
        text = ""
    if type(text) is str:
        # The same names are sorted on every request (the councils a user oversees:
        # 126 for the city), and SQLite's collation computes two keys per comparison
        # (n log n of them per ORDER BY): a key costs tens of microseconds, so remembered.
        return _vi_key_of_str(text)
    return _vi_key(text)


@lru_cache(maxsize=65_536)
def _vi_key_of_str(text: str) -> tuple[tuple, tuple, tuple]:
    return _vi_key(text)


def _vi_key(text: object) -> tuple[tuple, tuple, tuple]:
    primary, secondary, tertiary = [], [], []
    for base, marks in _graphemes(str(text)):
        lower = base.lower()
        letter = unicodedata.normalize(
            "NFC", lower + "".join(sorted(m for m in marks if m in _LETTER_MARKS))
        )
        tone = max((_TONE_RANK.get(m, 0) for m in marks), default=0)
        if letter in _LETTER_RANK:
            weight = (_LETTER, _LETTER_RANK[letter])
        elif base.isspace():
            weight = (_SPACE, 0)
        elif base.isdigit():
            weight = (_DIGIT, unicodedata.digit(base, 0))
        elif base.isalpha():
            weight = (_OTHER_LETTER, ord(lower))
        else:
            weight = (_PUNCT, ord(base))
        primary.append(weight)
        secondary.append(tone)
        tertiary.append(0 if base == lower else 1)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def vi_compare(a: str | None, b: str | None) -> int:
    """-1, 0 or 1 as ``a`` sorts before, with or after ``b`` (SQLite's collation contract)."""
    ka, kb = vi_key(a), vi_key(b)
    if ka == kb:
        # Different spellings of the same text (NFC/NFD) are equal; otherwise
        # fall back to code points so the order is total, as ICU's is.
        a_nfc = unicodedata.normalize("NFC", a or "")
        b_nfc = unicodedata.normalize("NFC", b or "")
        return (a_nfc > b_nfc) - (a_nfc < b_nfc)
    return -1 if ka < kb else 1


vi_cmp_key = cmp_to_key(vi_compare)


def vi_sorted(items, key=lambda item: item):
    """``items`` sorted by ``key(item)`` in Vietnamese order."""
    return sorted(items, key=lambda item: vi_key(key(item)))


def register_sqlite_collation(connection) -> None:
    """Give a SQLite connection the ``vi`` collation (columns and ORDER BY use it)."""
    if connection.vendor == "sqlite" and connection.connection is not None:
        connection.connection.create_collation(VI_COLLATION, vi_compare)


def on_connection_created(sender, connection, **kwargs) -> None:
    register_sqlite_collation(connection)


def create_postgres_collation(apps, schema_editor) -> None:
    """Migration step (``RunPython``) before any column uses ``db_collation="vi"``.

    Kept going backwards: columns of several apps may use it.
    """
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE COLLATION IF NOT EXISTS {VI_COLLATION} (provider = icu, locale = 'vi-VN')"
        )


def given_name_first(full_name: str) -> str:
    """ "Nguyễn Văn Đức" → "Đức Nguyễn Văn": the order official rosters sort people by.

    A Vietnamese full name is family name, middle names, given name; lists of
    people sort by the given name, then the family and middle names.
    """
    words = (full_name or "").split()
    return " ".join([*words[-1:], *words[:-1]])

"""Vietnamese alphabetical order (hdnd_portal.core.collation), in Python and in the database."""

import pytest
from django.db import connection

from hdnd_portal.core.collation import given_name_first, vi_key, vi_sorted

# Each list is in Vietnamese dictionary order (the order of ICU's "vi" collation).
ORDERED = [
    # ô, ơ, ư are letters of their own after o and u: Ngô before Nguyễn.
    ["Ngô", "Nguyễn"],
    # d before đ before e; Đinh before Vũ (code points put Đ after every Latin letter).
    ["Dung", "Dương", "Đào", "Đặng", "Đinh", "Đỗ", "Đồng", "Vũ"],
    # Letters first, tones only break ties: Phạm (m) before Phan (n) though ạ has a tone.
    ["Phạm", "Phan"],
    # Tones: ngang, huyền, hỏi, ngã, sắc, nặng.
    ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"],
    # a ă â; o ô ơ; u ư.
    ["An", "Anh", "Ăn", "Âu", "On", "Ôn", "Ơn", "Uyên", "Ưng"],
    # A shorter word first; case only breaks ties (lower first).
    ["anh", "Anh", "Lê Văn A", "Lê Văn An", "Lê Văn Ba"],
]


@pytest.mark.parametrize("names", ORDERED, ids=lambda names: " < ".join(names))
def test_it_sorts_vietnamese_names_in_dictionary_order(names):
    assert vi_sorted(reversed(names)) == names
    assert sorted(names[::-1], key=vi_key) == names


def test_it_ignores_case_and_unicode_normalisation_for_letters():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Nguyễn")
    assert vi_key(decomposed) == vi_key("Nguyễn")
    assert vi_key("NGUYỄN")[0] == vi_key("nguyễn")[0]


def test_it_puts_the_given_name_first():
    assert given_name_first("Nguyễn Văn Đức") == "Đức Nguyễn Văn"
    assert given_name_first("  Lê   Thị Ngọc Ánh ") == "Ánh Lê Thị Ngọc"
    assert given_name_first("Mai") == "Mai"
    assert given_name_first("") == ""


@pytest.mark.django_db
def test_the_database_orders_a_vi_collated_column_like_python():
    names = [n for group in ORDERED for n in group]
    values = ", ".join(["(%s)"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT n FROM (VALUES {values}) AS t(n) ORDER BY n COLLATE "vi"'
            if connection.vendor == "postgresql"
            else f"SELECT column1 FROM (VALUES {values}) ORDER BY column1 COLLATE vi",
            names,
        )
        ordered = [row[0] for row in cursor.fetchall()]
    assert ordered == vi_sorted(names)

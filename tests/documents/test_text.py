import datetime as dt

import pytest

from hdnd_portal.documents.text import (
    BLANK,
    IssuingBody,
    Letterhead,
    document_symbol,
    place_date_line,
    position_workplace,
)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (dt.date(2026, 2, 5), "Phúc Lộc, ngày 05 tháng 02 năm 2026"),
        (dt.date(2026, 1, 9), "Phúc Lộc, ngày 09 tháng 01 năm 2026"),
        (dt.date(2026, 3, 5), "Phúc Lộc, ngày 05 tháng 3 năm 2026"),
        (dt.date(2026, 9, 10), "Phúc Lộc, ngày 10 tháng 9 năm 2026"),
        (dt.date(2026, 10, 1), "Phúc Lộc, ngày 01 tháng 10 năm 2026"),
        (dt.date(2026, 12, 31), "Phúc Lộc, ngày 31 tháng 12 năm 2026"),
        (dt.date(2026, 2, 28), "Phúc Lộc, ngày 28 tháng 02 năm 2026"),
    ],
)
def test_it_pads_days_below_ten_and_only_months_one_and_two(on, expected):
    assert place_date_line("Phúc Lộc", on) == expected


def test_it_leaves_day_and_month_blank_on_a_draft():
    line = place_date_line("Phúc Lộc", None, year=2026)
    assert line == f"Phúc Lộc, ngày{BLANK}tháng{BLANK}năm 2026"


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        (("BC", "HĐND", 5), {}, "05/BC-HĐND"),
        (("KH", "HĐND", 58), {}, "58/KH-HĐND"),
        (("BC", "KTNS", 1), {}, "01/BC-KTNS"),
        (("NQ", "HĐND", 5), {"normative_year": 2026}, "05/2026/NQ-HĐND"),
        (("TTr", "HĐND", 112), {}, "112/TTr-HĐND"),
    ],
)
def test_it_formats_the_document_number(args, kwargs, expected):
    assert document_symbol(*args, **kwargs) == expected


def test_it_leaves_the_number_blank_on_a_draft():
    assert document_symbol("DS", "HĐND") == f"{BLANK}/DS-HĐND"


def test_it_names_the_council_or_its_body_in_the_header(council):
    own = IssuingBody.for_council(council)
    assert own.parent == ""
    assert own.name == ("HỘI ĐỒNG NHÂN DÂN", "XÃ PHÚC LỘC")
    standing = IssuingBody.for_council(council, "Thường trực")
    assert standing.parent == "HĐND XÃ PHÚC LỘC"
    assert standing.name == ("THƯỜNG TRỰC",)
    assert standing.signing_for == "TM. THƯỜNG TRỰC HĐND"
    ban = IssuingBody.for_council(council, "Ban Kinh tế - Ngân sách")
    assert ban.signing_for == "TM. BAN KINH TẾ - NGÂN SÁCH"


def test_it_builds_the_letterhead_of_a_draft(council):
    head = Letterhead.build(council=council, type_code="DS", body="THƯỜNG TRỰC", draft_year=2026)
    assert head.symbol == f"{BLANK}/DS-HĐND"
    assert head.place_date == f"Phúc Lộc, ngày{BLANK}tháng{BLANK}năm 2026"


@pytest.mark.parametrize(
    ("position", "workplace", "expected"),
    [
        ("Phó Chủ tịch HĐND xã", "HĐND xã Phúc Lộc", "Phó Chủ tịch HĐND xã"),
        ("Chủ tịch UBND xã Phúc Lộc", "Ủy ban nhân dân xã Phúc Lộc", "Chủ tịch UBND xã"),
        ("Bí thư Đảng ủy xã", "Đảng ủy xã Phúc Lộc", "Bí thư Đảng ủy xã"),
        ("Phó Bí thư Đảng ủy", "Đảng ủy xã", "Phó Bí thư Đảng ủy, Đảng ủy xã"),
        ("Trưởng thôn", "Thôn Thượng, xã Phúc Lộc", "Trưởng thôn, Thôn Thượng"),
        ("Giáo viên", "Trường THCS Phúc Lộc", "Giáo viên, Trường THCS Phúc Lộc"),
        ("", "HĐND xã Phúc Lộc", "HĐND xã"),
        ("Hưu trí", "", "Hưu trí"),
    ],
)
def test_it_names_a_position_without_repeating_the_communes_own_body(position, workplace, expected):
    assert (
        position_workplace(position, workplace, commune_kind="xã", commune="Phúc Lộc") == expected
    )

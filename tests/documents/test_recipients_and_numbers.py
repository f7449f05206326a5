"""'Nơi nhận' names each body once and never the issuer; a document number stays on one line."""

from types import SimpleNamespace

from django.template import Context, Template

from hdnd_portal.documents.recipients import city_standing, recipient_lines

COUNCIL = SimpleNamespace(commune_kind="xã", commune="Phúc Lộc", province="Hà Nội")


def test_a_body_named_twice_or_the_issuer_is_dropped_and_the_file_copy_is_last():
    lines = recipient_lines(
        [
            "Lưu: VT.",
            "Thường trực HĐND xã Phúc Lộc;",
            "UBND xã;",
            "Ủy ban nhân dân xã Phúc Lộc;",
            "Phòng Kinh tế",
            "",
        ],
        council=COUNCIL,
        issuer=("Thường trực HĐND xã",),
    )
    assert lines == ["UBND xã;", "Phòng Kinh tế;", "Lưu: VT."]


def test_the_city_is_named_by_the_councils_province():
    assert city_standing(COUNCIL) == "Thường trực HĐND thành phố Hà Nội;"


def test_document_numbers_are_kept_whole_and_text_is_escaped():
    html = Template("{% load document_text %}{{ text|unbroken_numbers }}").render(
        Context({"text": "Căn cứ Luật Tố cáo số 25/2018/QH14 và Kế hoạch số 01/KH-HĐND <b>"})
    )
    assert '<span class="nobreak">25/2018/QH14</span>' in html
    assert '<span class="nobreak">01/KH-HĐND</span>' in html
    assert "&lt;b&gt;" in html

"""A picker on a phone (``hdnd_portal.core.pickers``): the Office marks a synthesised petition
as the repeat of an old one that the dropdown's latest do not show, by typing "kenh muong"."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from hdnd_portal.core.pickers import LIMIT
from tests.factories import (
    CouncilFactory,
    PetitionFieldFactory,
    SynthesizedPetitionFactory,
    persona,
)
from voters.models import SynthesizedPetition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def history(db):
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    field = PetitionFieldFactory(council=council, name="Thủy lợi")
    old = SynthesizedPetitionFactory(
        council=council, field=field, content="Đề nghị nạo vét kênh mương nội đồng thôn Đông"
    )
    for n in range(LIMIT + 2):
        SynthesizedPetitionFactory(council=council, field=field, content=f"Kiến nghị số {n}")
    new = SynthesizedPetitionFactory(
        council=council, field=field, content="Kênh mương thôn Đông lại bị bồi lấp"
    )
    persona("staff", council, username="vanphong")
    return old, new


def test_office_finds_an_old_petition_by_typing_on_a_phone(page: Page, live_server, history):
    old, new = history
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # What the Content-Security-Policy refuses (an inline script or style) is said on the console.
    page.on(
        "console", lambda msg: "Content Security Policy" in msg.text and errors.append(msg.text)
    )
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill("demo-hdnd")
    page.get_by_role("button", name="Đăng nhập").click()
    edit = reverse("voters-synthesizedpetition-update", args=[new.pk])
    page.goto(f"{live_server.url}{edit}")

    select = page.locator("select[name=repeat_of]")
    expect(select.locator(f"option[value='{old.pk}']")).to_have_count(0)  # not among the latest
    box = page.get_by_role("searchbox", name="Tìm trong danh sách “Lặp lại kiến nghị”")
    expect(box).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box.fill("kenh muong")
    box.press("Enter")  # searches; does not send the form
    found = select.locator("optgroup#id_repeat_of_found")
    expect(found).to_have_attribute("label", "Kết quả tìm “kenh muong”")
    expect(found.locator("option")).to_have_count(1)
    assert page.url.endswith(edit)
    select.select_option(str(old.pk))
    # Another search keeps the choice made (it leaves the group the answer replaces).
    box.fill("so 1")
    expect(found).to_have_attribute("label", "Kết quả tìm “so 1”")
    expect(select).to_have_value(str(old.pk))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name=re.compile("^Lưu")).click()
    expect(page).to_have_url(re.compile(re.escape(new.get_absolute_url()) + "$"))
    assert SynthesizedPetition.objects.get(pk=new.pk).repeat_of_id == old.pk
    assert errors == []

"""The letter form shows the fields of the kind chosen: "Khiếu nại lần" for a complaint only."""

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.test_phone_journeys import PHONE, log_in, phuc_loc  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_complaint_round_shows_only_for_a_complaint(
    live_server,
    phuc_loc,  # noqa: F811
    browser: Browser,
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server.url, "vanphong")
        page.goto(f"{live_server.url}/petitions/letters/new/")
        round_field = page.locator("#id_complaint_round")
        page.locator("#id_kind").select_option("petition")
        expect(round_field).to_be_hidden()
        page.locator("#id_kind").select_option("complaint")
        expect(round_field).to_be_visible()
        page.locator("#id_kind").select_option("denunciation")
        expect(round_field).to_be_hidden()
        expect(page.locator("#id_content_reveals_identity")).to_be_visible()
    finally:
        context.close()

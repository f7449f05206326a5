"""WCAG 2.1 AA, measured by axe-core (4.12, bundled by axe-playwright-python) in Chromium: every
kind of page, as every role, at a laptop's and a phone's width — no critical or serious
violation. A failure lists each rule, its impact and the first elements it found."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.browser.test_phone_journeys import PASSWORD, ROLES, phuc_loc  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
USERNAMES = {
    "staff": "vanphong",
    "standing": "thuongtruc",
    "committee": "bankt",
    "delegate": "daibieu",
    "leadership": "danguy",
    "agency": "canbo-kt",
    "admin": "quantri",
    "city": "thanhpho",
}
# The page kinds every role opens: home, the inbox and an item, a list with its filters, a
# record, a form, the calendar, search, the dashboard, the password page.
PAGES = [
    "/",
    "/followups/",
    "/councils/delegate/",
    "/councils/delegate/new/",
    "/lich/",
    "/search/?q=kien+nghi",
    "/targets/",
    "/accounts/password_change/",
]
PUBLIC = ["/accounts/login/", "/voters/public/", "/meetings/public/"]
AXE = Axe()
BLOCKING = {"critical", "serious"}


def _violations(page) -> list[str]:
    results = AXE.run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
    )
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [
                ", ".join(node["target"]) + " " + (node.get("failureSummary") or "")[-120:]
                for node in violation["nodes"][:3]
            ]
            found.append(f"{page.url} {violation['id']} ({violation['impact']}): {targets}")
    return found


def _check(page, base: str, paths: list[str]) -> list[str]:
    found = []
    for path in paths:
        response = page.goto(base + path)
        if response is None or response.status >= 400:  # a page the role may not open
            continue
        page.wait_for_load_state("load")
        found += _violations(page)
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_have_no_serious_accessibility_violation(live_server, browser: Browser, width):
    context = browser.new_context(viewport=WIDTHS[width])
    try:
        found = _check(context.new_page(), live_server.url, PUBLIC)
    finally:
        context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", ROLES)
def test_every_roles_pages_have_no_serious_accessibility_violation(
    live_server,
    phuc_loc,  # noqa: F811
    browser: Browser,
    role,
    width,
):
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(USERNAMES[role])
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state("load")
        paths = [*PAGES, f"/councils/delegate/{phuc_loc['own'].pk}/"]
        found = _check(page, live_server.url, paths)
    finally:
        context.close()
    assert not found, "\n".join(found)

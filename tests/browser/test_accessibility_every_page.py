"""WCAG 2.1 and 2.2 AA, and no sideways scroll, over every kind of page of every app, generated from the URL map: each record's list,
page, creation form, edit form and history, as the Office clerk (who opens them all) at a phone's
and a laptop's width, and the delegate's own forms on a phone. A new app's pages are checked the
day its URLs exist: the objects come from the URL walk's `world` (tests/test_url_walk.py).

Complements tests/browser/test_accessibility.py (every role on the pages every role opens)."""

from fnmatch import fnmatch

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser

from tests.browser.test_accessibility import WIDTHS, _violations
from tests.test_url_walk import ARGS, expected_for, named_urls, world  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The page kinds a Resource yields (list, record, forms, history), plus each app's own pages.
KINDS = ("*-list", "*-detail", "*-create", "*-update", "*-history", "*-import", "*-review")
SKIP = ("api-*", "*-pdf", "*-file", "*-ics", "*-feed", "*-template", "documents-print", "admin:*")


def _pages(objects, role):
    """(name, path) of every HTML page of the kinds above the role may open."""
    pages = []
    for name, params in sorted(named_urls().items()):
        if not any(fnmatch(name, k) for k in KINDS) or any(fnmatch(name, s) for s in SKIP):
            continue
        table = expected_for(name)
        if table is None or table.get(role) != 200:
            continue
        kwargs = {}
        if params:
            key = next((v for pat, v in ARGS.items() if fnmatch(name, pat)), None)
            if key is None:
                continue
            kwargs = key(objects) if callable(key) else {params[0]: objects[key].pk}
        pages.append((name, reverse(name, kwargs=kwargs)))
    return pages


def _logged_in(browser: Browser, live_server, user, viewport):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def _audit(context, live_server, pages):
    page = context.new_page()
    found, opened = [], 0
    for name, path in pages:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status < 400, f"{name} {path}: {response.status}"
        page.wait_for_load_state("load")
        opened += 1
        found += [f"{name}: {v}" for v in _violations(page)]
        # Nothing scrolls sideways, at a phone's width as at a laptop's.
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            found.append(f"{name} {path}: scrolls sideways ({scroll}px > {inner}px)")
    return found, opened


@pytest.mark.parametrize(
    "role,width,kinds",
    [
        ("staff", "phone", KINDS),
        ("staff", "desktop", ("*-detail", "*-create", "*-update")),
        ("delegate", "phone", ("*-create", "*-detail")),
    ],
)
def test_every_page_kind_of_every_app_has_no_serious_accessibility_violation(
    live_server,
    world,  # noqa: F811
    browser: Browser,
    role,
    width,
    kinds,
):
    objects, users = world
    pages = [(n, p) for n, p in _pages(objects, role) if any(fnmatch(n, k) for k in kinds)]
    assert len(pages) > 20, pages  # the walk found the apps' pages
    context = _logged_in(browser, live_server, users[role], WIDTHS[width])
    try:
        found, opened = _audit(context, live_server, pages)
    finally:
        context.close()
    assert opened == len(pages)
    assert not found, "\n".join(found)

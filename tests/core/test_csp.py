"""The Content-Security-Policy: scripts and styles from the portal's own files only, so an
injected <script> or onclick= in a record's text would not run."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

REPO = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "var", "staticfiles", "static", "tests"}

TAG = re.compile(r"<[a-zA-Z][^>]*>", re.S)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
STYLE_ATTR = re.compile(r"\sstyle\s*=", re.I)
STYLE_BLOCK = re.compile(r"<style\b", re.I)


def _templates() -> list[Path]:
    found = []
    for path in REPO.rglob("*.html"):
        parts = path.relative_to(REPO).parts
        if "templates" in parts and not SKIP_DIRS.intersection(parts):
            found.append(path)
    return sorted(found)


def _served_as_a_page(path: Path, text: str) -> bool:
    """E-mails and WeasyPrint documents never reach a browser under the policy: they may
    keep inline styles (mail clients need them; PDFs are drawn on the server)."""
    if "email" in path.parts or path.name == "official_base.html":
        return False
    return "documents/official_base.html" not in text


def test_it_scans_the_templates_of_every_app():
    names = {str(p.relative_to(REPO)) for p in _templates()}

    assert "templates/base.html" in names
    assert "hdnd_portal/followups/templates/followups/_inbox_results.html" in names
    assert "councils/templates/councils/delegate_list.html" in names


def test_no_template_has_an_inline_script_or_event_handler():
    found = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(REPO))
        found += [f"{where}: {m.group(0)[:80]}" for m in INLINE_SCRIPT.finditer(text)]
        found += [f"{where}: {m.group(0)[:80]}" for m in JS_URL.finditer(text)]
        for tag in TAG.finditer(text):
            if INLINE_HANDLER.search(tag.group(0)):
                found.append(f"{where}: {tag.group(0)[:80]}")

    assert not found, (
        "the Content-Security-Policy blocks inline scripts and on*= handlers; bind behaviour "
        f"in static/js/portal.js through a data- attribute: {found}"
    )


def test_no_page_template_has_an_inline_style():
    found = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        if not _served_as_a_page(path, text):
            continue
        where = str(path.relative_to(REPO))
        found += [f"{where}: {m.group(0)}" for m in STYLE_BLOCK.finditer(text)]
        for tag in TAG.finditer(text):
            if STYLE_ATTR.search(tag.group(0)):
                found.append(f"{where}: {tag.group(0)[:80]}")

    assert not found, f"style-src 'self' refuses style= and <style>; use a class: {found}"


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.django_db
def test_it_sends_the_policy_on_the_login_page(client):
    policy = _policy(client.get(reverse("login")))

    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"


def test_it_sends_the_policy_on_signed_in_pages(staff_client):
    for name in ("home", "followups-inbox", "councils-term-create"):
        response = staff_client.get(reverse(name))

        assert response.status_code == 200
        assert _policy(response)["script-src"] == "'self'", name


def test_it_relaxes_the_policy_only_for_swagger_ui(staff_client):
    docs = _policy(staff_client.get(reverse("api-docs")))
    assert "'unsafe-inline'" in docs["script-src"]

    home = _policy(staff_client.get(reverse("home")))
    assert "'unsafe-inline'" not in home["script-src"]


def test_it_tells_htmx_not_to_insert_its_indicator_style(staff_client):
    page = staff_client.get(reverse("home")).content.decode()

    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in page

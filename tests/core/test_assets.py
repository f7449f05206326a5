"""The light first load: icons from a sprite that holds every icon used, a purged Bootstrap CSS
that keeps every class used. Both are built by `make assets` (node) and committed; these tests
need no node, so CI fails when someone uses a new icon or class and forgets to rebuild."""

import ast
import json
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import override_settings

REPO = Path(__file__).resolve().parents[2]
VENDOR = REPO / "static" / "vendor"
SPRITE = VENDOR / "icons" / "sprite.svg"
KEPT = VENDOR / "bootstrap" / "kept-selectors.json"
REBUILD = "run `make assets` and commit static/vendor/"

# The same tree and patterns as scripts/build-assets.mjs (SKIP_DIRS, TEMPLATE_ICON, PYTHON_ICON).
SKIP_DIRS = {
    *(".git", ".venv", "venv", "node_modules", "var", "staticfiles", "static", "locale"),
    *("tests", "bench", "scripts", "__pycache__"),
}
TEMPLATE_ICON = [
    re.compile(r'class="[^"]*\bbi-([a-z0-9-]+)'),
    re.compile(r'\{%\s*icon\s+"([a-z0-9-]+)"'),
]
PYTHON_ICON = [
    re.compile(r'\bicon\s*(?::\s*[\w| ]+)?=\s*"([a-z0-9-]+)"'),
    re.compile(r'\bicon\s+or\s+"([a-z0-9-]+)"'),
]


def _sources(suffix: str) -> list[Path]:
    files = []
    for path in REPO.rglob(f"*{suffix}"):
        parts = path.relative_to(REPO).parts
        if SKIP_DIRS.intersection(parts) or any(p.startswith(".") for p in parts[:-1]):
            continue
        if suffix == ".html" and "templates" not in parts:
            continue
        if suffix == ".py" and "migrations" in parts:
            continue
        files.append(path)
    return sorted(files)


def _sprite_symbols() -> set[str]:
    return set(re.findall(r'<symbol id="([^"]+)"', SPRITE.read_text(encoding="utf-8")))


def test_it_has_every_icon_the_templates_and_the_code_use_in_the_sprite():
    from hdnd_portal.core.navigation import _NAV
    from hdnd_portal.followups.kinds import _KINDS

    used: dict[str, str] = {}
    for suffix, patterns in ((".html", TEMPLATE_ICON), (".py", PYTHON_ICON)):
        for path in _sources(suffix):
            text = path.read_text(encoding="utf-8")
            for pattern in patterns:
                for name in pattern.findall(text):
                    used.setdefault(name, str(path.relative_to(REPO)))
    # Icons that reach `{% icon item.icon %}` through variables: the registries at run time.
    for item in _NAV:
        used.setdefault(item.icon, f"navigation item {item.label!r}")
    for kind in _KINDS.values():
        used.setdefault(kind.icon, f"follow-up kind {kind.code!r}")

    missing = {name: where for name, where in used.items() if name not in _sprite_symbols()}

    assert {"bank2", "alarm", "people"} <= used.keys()  # the scan sees templates, .py, registries
    assert not missing, (
        f"icons missing from the sprite, {REBUILD} (an icon reached only through a variable "
        f"goes in RUNTIME_ICONS in scripts/build-assets.mjs): {missing}"
    )


def _template_classes() -> dict[str, str]:
    """Class names written literally in templates ({% if %} branches included)."""
    classes: dict[str, str] = {}
    for path in _sources(".html"):
        text = path.read_text(encoding="utf-8")
        for value in re.findall(r'\bclass="([^"]*)"', text):
            # `nav-link{% if x %} active{% endif %}` gives nav-link and active; a name glued to
            # a variable (`alert-{{ tags }}`) is left to the safelist patterns of the build.
            value = re.sub(r"\{%.*?%\}", " ", value)
            for name in value.split():
                if "{" not in name and "}" not in name:
                    classes.setdefault(name, str(path.relative_to(REPO)))
    return classes


def _python_classes() -> dict[str, str]:
    """Words in the strings of the Python sources (form widgets set `form-select` there)."""
    classes: dict[str, str] = {}
    for path in _sources(".py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                # \w is Unicode here: "biểu" is one word, not the class "bi" plus "u".
                for name in re.findall(r"[\w-]+", node.value):
                    classes.setdefault(name, str(path.relative_to(REPO)))
    return classes


def test_it_keeps_every_bootstrap_class_the_templates_and_forms_use_in_the_purged_css():
    manifest = json.loads(KEPT.read_text(encoding="utf-8"))
    kept, keepable = set(manifest["kept"]), set(manifest["keepable"])
    used = {**_python_classes(), **_template_classes()}

    purged = {name: where for name, where in used.items() if name in keepable}

    assert {"navbar", "offcanvas-lg", "form-select", "alert-danger", "show"} <= kept
    assert not purged, f"Bootstrap classes used but purged from the CSS, {REBUILD}: {purged}"


def test_it_lists_the_kept_classes_of_the_stylesheet_the_pages_link():
    css = (VENDOR / "bootstrap" / "css" / "bootstrap.portal.min.css").read_text(encoding="utf-8")
    kept = json.loads(KEPT.read_text(encoding="utf-8"))["kept"]

    assert "sourceMappingURL" not in css  # the manifest storage would look for a missing map
    assert all(f".{name}" in css for name in kept)
    assert ".accordion{" not in css and ".display-1" not in css  # nothing uses them: purged


def _render(source: str, **context) -> str:
    return Template("{% load portal %}" + source).render(Context(context))


def test_it_renders_an_icon_from_the_sprite():
    html = _render('{% icon "bell" %}')

    assert html == (
        '<svg class="bi" aria-hidden="true" focusable="false" width="1em" height="1em" '
        'fill="currentColor"><use href="/static/vendor/icons/sprite.svg#bell"></use></svg>'
    )
    assert "bell" in _sprite_symbols()


def test_it_renders_an_icon_named_by_a_variable_with_extra_classes_escaped():
    html = _render(
        '{% icon item.icon "me-1 text-danger" %}|{% icon bad extra %}|{% icon none %}',
        item={"icon": "alarm"},
        bad='x"><script>alert(1)</script>',
        extra='"onload="alert(2)',
        none=None,
    )

    first, second, third = html.split("|")
    assert 'class="bi me-1 text-danger"' in first and "sprite.svg#alarm" in first
    assert "<script>" not in second and 'onload="' not in second
    assert "#x&quot;&gt;&lt;script&gt;" in second
    assert third == ""  # a missing icon leaves no empty box


def test_it_points_icons_at_the_hashed_sprite_under_the_manifest_storage(tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps(
            {
                "version": "1.1",
                "paths": {"vendor/icons/sprite.svg": "vendor/icons/sprite.0a1b2c.svg"},
            }
        )
    )
    storage = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES={"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
        | {"staticfiles": storage},
    ):
        html = _render('{% icon "house" %}')

    assert '<use href="/static/vendor/icons/sprite.0a1b2c.svg#house">' in html


@pytest.mark.django_db
def test_it_serves_the_login_page_with_sprite_icons_and_without_the_icon_font(client):
    page = client.get("/accounts/login/").content.decode()

    assert "bootstrap.portal.min.css" in page
    assert "bootstrap-icons" not in page and 'class="bi bi-' not in page
    assert '<use href="/static/vendor/icons/sprite.svg#bank2">' in page


def _convert_icons():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "convert_icons", REPO / "scripts/convert_icons.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.convert


def test_it_converts_font_icons_to_sprite_icons_once_and_leaves_what_it_cannot_read():
    convert = _convert_icons()
    template = (
        '{% extends "base.html" %}{% load i18n %}\n'
        '<i aria-hidden="true" class="bi bi-house"></i> <i class="bi bi-{{ item.icon }} me-1"></i>'
        ' <i class="bi bi-bell{% if unread %}-fill{% endif %}"></i> <i>nghiêng</i>'
        ' <i class="bi bi-x" title="Đóng"></i>'
    )

    converted, leftovers = convert(template)
    again, _ = convert(converted)

    assert converted == (
        '{% extends "base.html" %}{% load i18n portal %}\n'
        '{% icon "house" %} {% icon item.icon "me-1" %}'
        ' {% if unread %}{% icon "bell-fill" %}{% else %}{% icon "bell" %}{% endif %} <i>nghiêng</i>'
        ' <i class="bi bi-x" title="Đóng"></i>'
    )
    assert again == converted  # the lead re-runs it after merging other branches
    assert leftovers == ['line 2: <i class="bi bi-x" title="Đóng"></i>']
    assert convert('<p><i class="bi bi-list"></i></p>')[0] == (
        '{% load portal %}<p>{% icon "list" %}</p>'
    )

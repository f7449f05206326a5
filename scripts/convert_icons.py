"""Rewrite icon-font markup in templates into the sprite tag, ``{% icon %}``.

    python scripts/convert_icons.py            # every templates/**/*.html under the repository
    python scripts/convert_icons.py FILE...    # only these files
    python scripts/convert_icons.py --check    # list what would change, change nothing

Rewrites (attributes other than ``class`` and ``aria-hidden`` block the rewrite):

    <i aria-hidden="true" class="bi bi-NAME EXTRA"></i>  ->  {% icon "NAME" "EXTRA" %}
    <i class="bi bi-{{ expr }} EXTRA"></i>                ->  {% icon expr "EXTRA" %}
    <i class="bi bi-NAME{% if c %}-fill{% endif %}"></i>  ->  {% if c %}{% icon "NAME-fill" %}{% else %}{% icon "NAME" %}{% endif %}

and loads ``portal`` where a converted file lacks it: in the file's first ``{% load %}`` if that
comes before the first icon, else as ``{% load portal %}`` after ``{% extends %}`` (which must
stay first) or at the top. Idempotent: a converted file has nothing left to match. Icons it cannot
rewrite are listed with file and line, and the exit status is 1, so a merge never leaves a
font icon behind silently (the font is no longer shipped).
"""

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "var", "staticfiles", "static"}

ICON_ELEMENT = re.compile(r"<i\b(?P<attrs>(?:[^>\"]|\"[^\"]*\")*)>\s*</i>")
ATTRIBUTE = re.compile(r'\s*([\w:-]+)="([^"]*)"')
NAME = r"[a-z0-9]+(?:-[a-z0-9]+)*"
EXTRA = r"(?P<extra>(?:\s+[\w-]+)*)"
LITERAL = re.compile(rf"^bi\s+bi-(?P<name>{NAME}){EXTRA}\s*$")
VARIABLE = re.compile(rf"^bi\s+bi-\{{\{{\s*(?P<expr>[^{{}}\"]+?)\s*\}}\}}{EXTRA}\s*$")
CONDITIONAL = re.compile(
    rf"^bi\s+bi-(?P<name>{NAME})"
    r"\{%\s*if\s+(?P<cond>[^%]+?)\s*%\}(?P<yes>[a-z0-9-]*)"
    r"(?:\{%\s*else\s*%\}(?P<no>[a-z0-9-]*))?\{%\s*endif\s*%\}"
    rf"{EXTRA}\s*$"
)
LOAD_PORTAL = re.compile(r"\{%\s*load\s+[^%]*\bportal\b[^%]*%\}")
ANY_LOAD = re.compile(r"\{%\s*load\s+(?P<libs>[\w ]*?[\w])\s*%\}")
EXTENDS = re.compile(r"\{%\s*extends\s[^%]*%\}[^\n]*\n?")


def _tag(name_or_expr: str, extra: str) -> str:
    extra = " ".join(extra.split())
    return f'{{% icon {name_or_expr} "{extra}" %}}' if extra else f"{{% icon {name_or_expr} %}}"


def _rewrite_class(value: str) -> str | None:
    """The ``{% icon %}`` markup for an ``<i>``'s class value, or None if it is not understood."""
    if match := LITERAL.match(value):
        return _tag(f'"{match["name"]}"', match["extra"])
    if match := VARIABLE.match(value):
        return _tag(match["expr"], match["extra"])
    if match := CONDITIONAL.match(value):
        yes = _tag(f'"{match["name"]}{match["yes"]}"', match["extra"])
        no = _tag(f'"{match["name"]}{match["no"] or ""}"', match["extra"])
        return f"{{% if {match['cond']} %}}{yes}{{% else %}}{no}{{% endif %}}"
    return None


def convert(text: str) -> tuple[str, list[str]]:
    """Return the converted template and the ``<i>`` icons left as they were (one per entry)."""
    leftovers: list[str] = []

    def replace(element: re.Match) -> str:
        attrs = element["attrs"]
        pairs = ATTRIBUTE.findall(attrs)
        classes = dict(pairs).get("class", "")
        if not re.match(r"^bi\s", classes):
            return element[0]  # an <i> that is not an icon (e.g. italic text)
        rest = ATTRIBUTE.sub("", attrs).strip()
        names = {key for key, _ in pairs}
        markup = _rewrite_class(classes) if not rest and names <= {"class", "aria-hidden"} else None
        if markup is None:
            line = text.count("\n", 0, element.start()) + 1
            leftovers.append(f"line {line}: {element[0]}")
            return element[0]
        return markup

    converted = ICON_ELEMENT.sub(replace, text)
    if converted != text and not LOAD_PORTAL.search(converted):
        load = ANY_LOAD.search(converted)
        extends = EXTENDS.search(converted)
        joinable = load and "from" not in load["libs"].split()  # not `{% load x from lib %}`
        if joinable and load.start() < converted.index("{% icon"):
            # Join the file's first {% load %}: `{% load static i18n portal %}`.
            converted = converted[: load.end("libs")] + " portal" + converted[load.end("libs") :]
        elif extends:
            head = converted[: extends.end()]
            if not head.endswith("\n"):
                head += "\n"
            converted = head + "{% load portal %}\n" + converted[extends.end() :]
        else:
            # No newline: base.html starts with `{% load … %}<!doctype html>`.
            converted = "{% load portal %}" + converted
    return converted, leftovers


def template_files() -> list[Path]:
    files = []
    for path in REPO.rglob("*.html"):
        parts = path.relative_to(REPO).parts
        if "templates" in parts and not SKIP_DIRS.intersection(parts):
            files.append(path)
    return sorted(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="report only, write nothing")
    args = parser.parse_args(argv)
    changed, problems = 0, 0
    for path in args.files or template_files():
        path = path.resolve()
        shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
        text = path.read_text(encoding="utf-8")
        converted, leftovers = convert(text)
        for leftover in leftovers:
            print(f"{shown}: cannot convert {leftover}", file=sys.stderr)
        problems += len(leftovers)
        if converted != text:
            changed += 1
            print(f"{'would convert' if args.check else 'converted'} {shown}")
            if not args.check:
                path.write_text(converted, encoding="utf-8")
    print(f"{changed} file(s) {'to convert' if args.check else 'converted'}, {problems} left as is")
    return 1 if problems or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())

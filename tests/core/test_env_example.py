""".env.example names every environment variable the code reads, and only those.

The code is every local app of INSTALLED_APPS (the kernel included) and manage.py, read as
Python syntax: each call of the settings helpers (``env_str``, ``env_bool``, ``env_int``,
``env_list``) and each ``os.environ`` / ``os.getenv`` read. A name read through a variable,
which no scan can check, fails the test instead. A commented line (``# NAME=default``) counts as
documented: it shows the default without overriding it.
"""

import ast
import re
from pathlib import Path

from django.conf import settings

REPO = Path(__file__).resolve().parents[2]
HELPERS = {"env_str", "env_bool", "env_int", "env_list"}
# hdnd_portal/env.py defines the helpers (it reads `name` and `<name>_FILE`).
SKIPPED_FILES = {REPO / "hdnd_portal" / "env.py"}
# Read by Django's own entry points, not a setting of the portal.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE"}
# Variables of the postgres and minio images, not of the portal.
IMAGE_PREFIXES = ("POSTGRES_", "MINIO_")
DOCUMENTED = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)


def _sources() -> list[Path]:
    packages = {app.split(".")[0] for app in settings.INSTALLED_APPS}
    files = [REPO / "manage.py"]
    for package in sorted(packages):
        if (REPO / package / "__init__.py").is_file():
            files += [
                p
                for p in (REPO / package).rglob("*.py")
                if "migrations" not in p.relative_to(REPO).parts
            ]
    return [f for f in files if f not in SKIPPED_FILES]


def _environ_read(node: ast.AST) -> ast.AST | None:
    """The name argument of ``os.environ.get(...)``, ``os.environ[...]``, ``os.getenv(...)``."""
    if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
        return node.slice
    if isinstance(node, ast.Call) and node.args:
        func = ast.unparse(node.func)
        if func in {"os.environ.get", "os.environ.setdefault", "os.getenv"}:
            return node.args[0]
    return None


def _helper_read(node: ast.AST) -> ast.AST | None:
    if isinstance(node, ast.Call) and node.args:
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in HELPERS:
            return node.args[0]
    return None


def read_names() -> tuple[set[str], list[str]]:
    """The variable names the code reads, and the places it reads one through a variable."""
    names, dynamic = set(), []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            arg = _helper_read(node) or _environ_read(node)
            if arg is None:
                continue
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                names.add(arg.value)
            else:
                dynamic.append(f"{path.relative_to(REPO)}:{node.lineno} {ast.unparse(node)}")
    return names - NOT_SETTINGS, dynamic


def documented_names() -> set[str]:
    return set(DOCUMENTED.findall((REPO / ".env.example").read_text(encoding="utf-8")))


def test_the_scan_finds_the_settings_it_must():
    names, _ = read_names()

    assert {
        "SECRET_KEY",
        "DATABASE_URL",
        "FIELD_ENCRYPTION_KEY",
        "FIELD_ENCRYPTION_KEYS_OLD",
    } <= names


def test_every_variable_the_code_reads_is_in_the_example_environment():
    names, dynamic = read_names()

    assert not dynamic, f"environment read through a variable, name it literally: {dynamic}"
    missing = sorted(names - documented_names())
    assert not missing, f"add to .env.example (a commented `# NAME=default` will do): {missing}"


def test_the_example_environment_lists_only_variables_the_code_reads():
    names, _ = read_names()

    unknown = {n for n in documented_names() if not n.startswith(IMAGE_PREFIXES)} - names
    assert not unknown, f".env.example sets variables nothing reads: {sorted(unknown)}"

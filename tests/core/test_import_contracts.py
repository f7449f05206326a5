"""The import contracts see every app of INSTALLED_APPS (scripts/lint_imports.py, `make lint`).

The checker runs in a subprocess on a throw-away tree of stub packages named like the real ones,
with its own settings module and the real `[tool.hdnd_portal.layers]` table of pyproject.toml: a
new app in INSTALLED_APPS is checked without anyone listing it.
"""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "lint_imports.py"
APPS = ["hdnd_portal.core", "councils", "meetings", "supervision", "voters", "petitions"]


def _layers_toml() -> str:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    layers = pyproject["tool"]["hdnd_portal"]["layers"]
    lines = ["[tool.hdnd_portal.layers]"]
    lines += [f"{key} = {list(value)!r}".replace("'", '"') for key, value in layers.items()]
    return "\n".join(lines) + "\n"


def _tree(root: Path, *, installed=APPS, imports=None, static_contracts="") -> Path:
    """Stub packages; ``imports`` maps a module ("voters.models") to what it imports."""
    imports = {
        "voters.models": ["meetings.models"],  # allowed arrows
        "supervision.models": ["meetings"],
        "meetings.models": ["councils.models", "hdnd_portal.core"],
        "petitions.models": ["hdnd_portal.core.models"],
        "councils.models": ["hdnd_portal.core.models"],
        **(imports or {}),
    }
    modules = set(imports) | {m for targets in imports.values() for m in targets}
    modules |= {f"{app.split('.')[0]}.models" for app in installed}
    for module in sorted(modules):
        parts = module.split(".")
        for depth in range(1, len(parts) + 1):
            package = root.joinpath(*parts[:depth])
            package.mkdir(exist_ok=True)
            (package / "__init__.py").touch()
    for module, targets in imports.items():
        init = root.joinpath(*module.split(".")) / "__init__.py"
        init.write_text("".join(f"import {t}\n" for t in targets), encoding="utf-8")
    (root / "lint_settings.py").write_text(
        f"INSTALLED_APPS = {['django.contrib.auth', *installed]!r}\n", encoding="utf-8"
    )
    (root / "pyproject.toml").write_text(
        _layers_toml() + "\n[tool.importlinter]\n" + static_contracts, encoding="utf-8"
    )
    return root


def _lint(root: Path, *args, settings="lint_settings") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH"}}
    env["DJANGO_SETTINGS_MODULE"] = settings
    env["COLUMNS"] = "200"  # one contract per line in import-linter's report
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_keeps_the_contracts_of_a_tree_with_only_the_allowed_arrows(tmp_path):
    result = _lint(_tree(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_it_fails_a_new_app_that_imports_a_sibling_domain_app(tmp_path):
    tree = _tree(tmp_path, installed=[*APPS, "tmpapp"], imports={"tmpapp.views": ["petitions"]})

    result = _lint(tree)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "tmpapp" in result.stdout and "BROKEN" in result.stdout
    assert "tmpapp.views -> petitions" in result.stdout


def test_it_fails_a_new_app_imported_by_the_kernel(tmp_path):
    tree = _tree(
        tmp_path,
        installed=[*APPS, "tmpapp.apps.TmpConfig"],
        imports={"hdnd_portal.core": ["tmpapp"]},
    )

    result = _lint(tree)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "hdnd_portal.core -> tmpapp" in result.stdout


def test_it_fails_the_councils_app_importing_a_domain_app(tmp_path):
    result = _lint(_tree(tmp_path, imports={"councils.models": ["voters.models"]}))

    assert result.returncode == 1
    assert "councils.models -> voters.models" in result.stdout


def test_it_fails_a_package_of_the_repository_that_is_no_installed_app(tmp_path):
    tree = _tree(tmp_path, imports={"tmpapp.views": ["petitions"]})

    result = _lint(tree)

    assert result.returncode == 1
    assert "package 'tmpapp' in the repository root is not in INSTALLED_APPS" in result.stderr


def test_it_checks_the_contracts_written_in_pyproject_in_the_same_run(tmp_path):
    static = (
        "\n[[tool.importlinter.contracts]]\n"
        'name = "Domain apps never import the kernel\'s secret"\n'
        'type = "forbidden"\n'
        'source_modules = ["meetings"]\n'
        'forbidden_modules = ["hdnd_portal.secret"]\n'
    )
    tree = _tree(
        tmp_path, imports={"meetings.views": ["hdnd_portal.secret"]}, static_contracts=static
    )

    result = _lint(tree)

    assert result.returncode == 1
    assert "2 kept, 1 broken" in result.stdout
    assert "meetings.views -> hdnd_portal.secret" in result.stdout


def test_an_allowed_arrow_must_name_domain_apps(tmp_path):
    tree = _tree(tmp_path)
    pyproject = tree / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace('"voters -> meetings"', '"voter -> meetings"'),
        encoding="utf-8",
    )

    result = _lint(tree)

    assert result.returncode == 1
    assert "allowed arrow voter -> meetings: 'voter' is no domain app" in result.stderr


def test_root_packages_written_by_hand_must_cover_every_local_app(tmp_path):
    static = 'root_packages = ["hdnd_portal", "councils"]\n'

    result = _lint(_tree(tmp_path, static_contracts=static))

    assert result.returncode == 1
    assert "root_packages in [tool.importlinter] misses meetings" in result.stderr


def test_the_real_tree_keeps_every_contract_and_every_app_is_in_them():
    shown = _lint(REPO, "--show", settings="hdnd_portal.settings")
    assert shown.returncode == 0, shown.stderr
    config = tomllib.loads(shown.stdout)["tool"]["importlinter"]
    from django.conf import settings

    local = {
        app.split(".")[0] for app in settings.INSTALLED_APPS if (REPO / app.split(".")[0]).is_dir()
    }
    assert set(config["root_packages"]) >= local
    base, independence = config["contracts"][:2]
    assert set(base["source_modules"]) | set(base["forbidden_modules"]) == local
    assert set(independence["modules"]) == set(base["forbidden_modules"])

    result = _lint(REPO, settings="hdnd_portal.settings")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout

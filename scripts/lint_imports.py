"""Import contracts for every local app in INSTALLED_APPS, checked with import-linter.

    python scripts/lint_imports.py           # what `make lint` runs; exit status 1 on a broken contract
    python scripts/lint_imports.py --show    # print the configuration it would check, check nothing

The apps come from ``settings.INSTALLED_APPS`` (``DJANGO_SETTINGS_MODULE``, by default
``hdnd_portal.settings``): an app is local when its top-level package is a folder of the
repository root, next to ``manage.py``. The layers come from ``[tool.hdnd_portal.layers]`` in
``pyproject.toml``, the only place they are written:

- ``base``: the kernel and ``councils``. They may import no other local app (README "Layout").
- every other local app is a domain app: it may import no sibling domain app, except along an
  ``allowed`` arrow (``"voters -> meetings"``).
- ``outside``: top-level packages of the repository that are not layered code (the test suite).

So a new app added to INSTALLED_APPS is checked from its first commit, without anyone listing it:
if it imports a sibling, or the kernel imports it, ``make lint`` fails. A package folder in the
repository root that is neither an installed app nor ``outside`` fails too, since imports through
it would escape the graph.

The static contracts of ``[tool.importlinter]`` in ``pyproject.toml`` are checked in the same run
and on the same graph (root packages: every local app), so contracts written by hand and the
generated ones live side by side.
"""

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARROW = "->"


class ConfigurationError(Exception):
    """The layers table, the installed apps or the repository disagree."""


@dataclass(frozen=True)
class Layers:
    base: tuple[str, ...]
    allowed: tuple[tuple[str, str], ...]
    outside: tuple[str, ...]

    @classmethod
    def from_pyproject(cls, pyproject: dict) -> "Layers":
        table = pyproject.get("tool", {}).get("hdnd_portal", {}).get("layers")
        if not table or not table.get("base"):
            raise ConfigurationError("pyproject.toml has no [tool.hdnd_portal.layers] with a base")
        allowed = []
        for arrow in table.get("allowed", []):
            importer, sep, imported = (part.strip() for part in arrow.partition(ARROW))
            if not (sep and importer and imported):
                raise ConfigurationError(f"allowed arrow {arrow!r} is not 'importer -> imported'")
            allowed.append((importer, imported))
        return cls(tuple(table["base"]), tuple(allowed), tuple(table.get("outside", [])))


def local_apps(installed_apps: list[str], root: Path) -> list[str]:
    """The top-level packages of ``installed_apps`` that are folders of ``root``, in order."""
    found: list[str] = []
    for entry in installed_apps:
        top = entry.split(".")[0]
        if top in found:
            continue
        spec = importlib.util.find_spec(top)
        locations = list(spec.submodule_search_locations or []) if spec else []
        if any(Path(location).resolve().parent == root.resolve() for location in locations):
            found.append(top)
    return found


def root_packages_on_disk(root: Path) -> list[str]:
    return sorted(p.parent.name for p in root.glob("*/__init__.py"))


def validate(apps: list[str], layers: Layers, root: Path, declared_roots=None) -> None:
    problems = []
    domain = [app for app in apps if app not in layers.base]
    for name in layers.base:
        if name not in apps:
            problems.append(f"base layer {name!r} is not a local app in INSTALLED_APPS")
    for importer, imported in layers.allowed:
        for name in (importer, imported):
            if name not in domain:
                problems.append(
                    f"allowed arrow {importer} -> {imported}: {name!r} is no domain app"
                )
    for package in root_packages_on_disk(root):
        if package not in apps and package not in layers.outside:
            problems.append(
                f"package {package!r} in the repository root is not in INSTALLED_APPS: install it, "
                "or list it under `outside` in [tool.hdnd_portal.layers]"
            )
    missing = [app for app in apps if declared_roots is not None and app not in declared_roots]
    if missing:
        problems.append(
            f"root_packages in [tool.importlinter] misses {', '.join(missing)}: remove the key "
            "(the root packages are the local apps of INSTALLED_APPS) or add them"
        )
    if problems:
        raise ConfigurationError("\n".join(problems))


def generated_contracts(apps: list[str], layers: Layers) -> list[dict]:
    domain = [app for app in apps if app not in layers.base]
    if not domain:
        return []
    ignore = []
    for importer, imported in layers.allowed:
        for source in (importer, f"{importer}.**"):
            for target in (imported, f"{imported}.**"):
                ignore.append(f"{source} -> {target}")
    arrows = ", ".join(f"{a} -> {b}" for a, b in layers.allowed) or "none"
    return [
        {
            "id": "base-layer",
            "name": f"The base layer ({', '.join(layers.base)}) knows no domain app",
            "type": "forbidden",
            "source_modules": list(layers.base),
            "forbidden_modules": domain,
        },
        {
            "id": "domain-independence",
            "name": f"Domain apps ({', '.join(domain)}) are independent; allowed: {arrows}",
            "type": "independence",
            "modules": domain,
            "ignore_imports": ignore,
            # An allowed arrow need not exist yet.
            "unmatched_ignore_imports_alerting": "none",
        },
    ]


def configuration(root: Path, installed_apps: list[str]) -> dict:
    """``[tool.importlinter]``: pyproject's own options and contracts plus the generated ones."""
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    layers = Layers.from_pyproject(pyproject)
    static = dict(pyproject.get("tool", {}).get("importlinter", {}))
    apps = local_apps(installed_apps, root)
    declared = static.pop("root_packages", None)
    validate(apps, layers, root, declared)
    contracts = generated_contracts(apps, layers)
    ids = {c["id"] for c in contracts}
    for contract in static.get("contracts", []):
        if contract.get("id") in ids:
            raise ConfigurationError(f"contract id {contract['id']!r} is generated; rename it")
    static.setdefault("include_external_packages", False)
    return {
        **static,
        "root_packages": sorted(set(apps) | set(declared or [])),
        "contracts": [*contracts, *static.get("contracts", [])],
    }


def _toml_value(value) -> str:
    if isinstance(value, bool | int | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return json.dumps(list(value), ensure_ascii=False)
    raise ConfigurationError(f"cannot write {value!r} to the import-linter configuration")


def to_toml(config: dict) -> str:
    lines = ["[tool.importlinter]"]
    lines += [f"{k} = {_toml_value(v)}" for k, v in config.items() if k != "contracts"]
    for contract in config["contracts"]:
        lines += ["", "[[tool.importlinter.contracts]]"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in contract.items()]
    return "\n".join(lines) + "\n"


def installed_apps() -> list[str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd_portal.settings")
    # Listing the apps serves nothing: the development settings (DEBUG=1, the public key) do.
    os.environ.setdefault("DEBUG", "1")
    from django.conf import settings

    return list(settings.INSTALLED_APPS)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="repository root (manage.py)")
    parser.add_argument("--show", action="store_true", help="print the configuration only")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    # The apps and their graph are read from this tree, whatever the working directory.
    sys.path.insert(0, str(root))
    try:
        toml = to_toml(configuration(root, installed_apps()))
    except ConfigurationError as exc:
        print(f"scripts/lint_imports.py: {exc}", file=sys.stderr)
        return 1
    if args.show:
        print(toml, end="")
        return 0
    from importlinter.cli import lint_imports

    with tempfile.TemporaryDirectory(prefix="hdnd-importlinter-") as tmp:
        path = Path(tmp) / "importlinter.toml"
        path.write_text(toml, encoding="utf-8")
        return lint_imports(config_filenames=(str(path),), no_cache=True, no_logo=True)


if __name__ == "__main__":
    sys.exit(main())

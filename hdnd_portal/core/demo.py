"""Demo data contributed by each app, loaded by ``manage.py seed_demo``.

An app registers ``fn(*, council, today, created_by) -> list[str]`` in its ``ready()``
with an order (meetings 10, supervision 20, voters 30, petitions 40, dashboard 90): the
councils data and the plan's follow-ups are loaded first, then every loader in order, inside
the command's transaction. A loader is idempotent (rerunning ``seed_demo`` adds nothing) and
returns Vietnamese summary lines.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLoader:
    key: str
    order: int
    load: Callable[..., list[str]]


_LOADERS: dict[str, DemoLoader] = {}


def register_demo_loader(key: str, order: int, load: Callable[..., list[str]]) -> None:
    _LOADERS[key] = DemoLoader(key, order, load)


def demo_loaders() -> list[DemoLoader]:
    return sorted(_LOADERS.values(), key=lambda loader: (loader.order, loader.key))

"""The home page: what needs the user today, as panels contributed by the apps.

The kernel knows no app: each app registers its panels in its ``AppConfig.ready()``
with :func:`register_home_panel`. A panel names the roles it is for, its place on the
page (``order``), a ``build(request) -> dict | None`` giving its template's context
(``None`` leaves it out, e.g. a delegate account linked to no delegate) and its template.

A panel's ``build`` must read a bounded number of rows with a fixed number of queries
(aggregates, ``[:10]``): the home page is every user's first request, and its query count
must not grow with the council's items or agencies (``tests/core/test_home.py``).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

# A place kept on the page for a panel whose app does not exist yet: a delegate's coming
# meetings, registered by the meetings app as HomePanel(UPCOMING_MEETINGS, UPCOMING_MEETINGS_ORDER,
# ...). Nobody registers it today.
UPCOMING_MEETINGS = "meetings.upcoming"
UPCOMING_MEETINGS_ORDER = 30


@dataclass(frozen=True)
class HomePanel:
    key: str
    order: int
    roles: frozenset[str]
    build: Callable[[HttpRequest], dict | None]
    template: str
    # A wide panel (a table) takes the whole row on large screens; others take half.
    wide: bool = False


_PANELS: dict[str, HomePanel] = {}


def register_home_panel(panel: HomePanel) -> None:
    """Add (or replace, by key: ``ready()`` may run twice in tests) a home panel."""
    _PANELS[panel.key] = panel


def registered_panels() -> list[HomePanel]:
    return sorted(_PANELS.values(), key=lambda p: (p.order, p.key))


def home_panels(request) -> list[dict]:
    """The panels of the request's role, built: ``[{"key", "template", "context", "wide"}]``."""
    access = getattr(request, "access", None)
    if access is None:
        return []
    panels = []
    for panel in registered_panels():
        if access.role not in panel.roles:
            continue
        context = panel.build(request)
        if context is None:
            continue
        panels.append(
            {"key": panel.key, "template": panel.template, "context": context, "wide": panel.wide}
        )
    return panels

"""The navigation menu, built from what the user's role may open.

Apps add entries in their ``AppConfig.ready()`` with :func:`register_nav`, and name the entries
a role uses daily with :func:`nav_first` (a delegate: the reception log, voter meetings, their
follow-ups, their profile): those come first, under "Việc của bạn", and the rest of the menu
folds under "Tất cả danh mục" — 48 entries, with the delegate's at number 38, was the menu before.
Home-page shortcuts (:func:`register_home_action`) open a form in one tap.
"""

from dataclasses import dataclass

from django.urls import reverse

from hdnd_portal.core.permissions import can


@dataclass(frozen=True)
class NavItem:
    section: str
    label: str
    url_name: str
    resource: str
    action: str = "view"
    icon: str = "circle"
    order: int = 100
    # Optional callable(request) -> int shown as a badge (e.g. overdue count).
    badge: object = None


_NAV: list[NavItem] = []
_FIRST: dict[str, list[str]] = {}
FIRST_SECTION = "Việc của bạn"


def register_nav(item: NavItem) -> None:
    if item not in _NAV:
        _NAV.append(item)


def nav_first(role: str, *url_names: str) -> None:
    """Put these entries (by URL name, in this order) first in ``role``'s menu."""
    first = _FIRST.setdefault(role, [])
    for name in url_names:
        if name not in first:
            first.append(name)


@dataclass(frozen=True)
class HomeAction:
    """A shortcut on the home page: "Ghi tiếp công dân" opens the form at once."""

    label: str
    url_name: str
    resource: str
    action: str = "add"
    roles: frozenset[str] = frozenset()
    icon: str = "plus-lg"
    order: int = 100


_ACTIONS: dict[str, HomeAction] = {}


def register_home_action(action: HomeAction) -> None:
    _ACTIONS[action.url_name] = action


def home_actions(access) -> list[dict]:
    """The shortcuts of ``access``'s role it may use, in order."""
    if access is None:
        return []
    return [
        {"label": a.label, "url": reverse(a.url_name), "icon": a.icon}
        for a in sorted(_ACTIONS.values(), key=lambda a: (a.order, a.label))
        if access.role in a.roles and can(access, a.resource, a.action)
    ]


def navigation_for(request, access):
    if access is None:
        return []
    first_names = _FIRST.get(access.role, [])
    first: dict[str, dict] = {}
    sections: dict[str, list] = {}
    for item in sorted(_NAV, key=lambda i: i.order):
        if not can(access, item.resource, item.action):
            continue
        badge = item.badge(request) if callable(item.badge) else None
        entry = {
            "label": item.label,
            "url": reverse(item.url_name),
            "icon": item.icon,
            "active": request.resolver_match is not None
            and request.resolver_match.url_name == item.url_name,
            "badge": badge,
        }
        if item.url_name in first_names:
            first[item.url_name] = entry
        else:
            sections.setdefault(item.section, []).append(entry)
    # A folded section opens while one of its pages, or a record under it, is shown.
    path = request.path
    groups = [
        {
            "section": name,
            "items": items,
            "first": False,
            "active": any(i["active"] or path.startswith(i["url"]) for i in items),
        }
        for name, items in sections.items()
    ]
    if first:
        items = [first[name] for name in first_names if name in first]
        groups.insert(0, {"section": FIRST_SECTION, "items": items, "first": True, "active": False})
    return groups

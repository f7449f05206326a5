"""The navigation menu, built from what the user's role may open.

Apps add entries in their ``AppConfig.ready()`` with :func:`register_nav`.
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


def register_nav(item: NavItem) -> None:
    if item not in _NAV:
        _NAV.append(item)


def navigation_for(request, access):
    if access is None:
        return []
    sections: dict[str, list] = {}
    for item in sorted(_NAV, key=lambda i: i.order):
        if not can(access, item.resource, item.action):
            continue
        badge = item.badge(request) if callable(item.badge) else None
        sections.setdefault(item.section, []).append(
            {
                "label": item.label,
                "url": reverse(item.url_name),
                "icon": item.icon,
                "active": request.resolver_match is not None
                and request.resolver_match.url_name == item.url_name,
                "badge": badge,
            }
        )
    return [{"section": name, "items": items} for name, items in sections.items()]

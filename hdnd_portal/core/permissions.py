"""The one permission gate: role × action tables, per-object rules, 404/403.

Every page, API endpoint and export goes through :func:`can` and
:func:`get_object_for_user`. Outsiders (another council, or a record their role
may not see) get 404; users who may read but not change get 403.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.http import Http404

from hdnd_portal.core.access import Access

# resource ("app.model") -> action -> roles
_POLICIES: dict[str, dict[str, frozenset[str]]] = {}

ACTIONS = ("view", "add", "change", "export", "history")


def register_policy(resource: str, **actions: Iterable[str]) -> None:
    table = {action: frozenset(roles) for action, roles in actions.items()}
    table.setdefault("export", table.get("view", frozenset()))
    table.setdefault("history", table.get("view", frozenset()))
    _POLICIES[resource] = table


def policies() -> dict[str, dict[str, frozenset[str]]]:
    return _POLICIES


def role_allows(access: Access | None, resource: str, action: str) -> bool:
    if access is None:
        return False
    return access.role in _POLICIES.get(resource, {}).get(action, frozenset())


def can(access: Access | None, resource: str, action: str, obj=None) -> bool:
    allowed = role_allows(access, resource, action)
    if obj is not None and access is not None and hasattr(obj, "check_access"):
        return obj.check_access(access, action, allowed)
    return allowed


def require(access: Access | None, resource: str, action: str) -> None:
    if not can(access, resource, action):
        raise PermissionDenied


def get_object_for_user(access: Access | None, queryset, pk, resource: str, action="view"):
    """Fetch one record the user may act on.

    404 when it is outside the user's council or not visible to their role;
    403 when they may see it but not perform ``action``.
    """
    obj = queryset.visible_to(access).filter(pk=pk).first()
    if obj is None or not can(access, resource, "view", obj):
        raise Http404
    if action != "view" and not can(access, resource, action, obj):
        raise PermissionDenied
    return obj

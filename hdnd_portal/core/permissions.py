"""The one permission gate: role × action tables, per-object rules, 404/403.

Every page, API endpoint and export goes through :func:`can` and
:func:`get_object_for_user`. Outsiders (another council, or a record their role
may not see) get 404; users who may read but not change get 403.

Each app registers its tables in its ``AppConfig.ready()`` (see
``hdnd_portal/followups/policies.py``), so every process that runs
``django.setup()`` — the web server, a Celery worker, a management command —
knows the same policies, whether or not it ever imports the URLconf.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404

from hdnd_portal.core.access import Access

Table = dict[str, frozenset[str]]

# resource ("app.model") -> action -> roles
_POLICIES: dict[str, Table] = {}

ACTIONS = ("view", "add", "change", "export", "history")


class UnknownPolicy(ImproperlyConfigured, LookupError):
    """A permission check named a resource no app registered.

    Answering ``False`` would hide the mistake (a page that nobody may open, a
    worker that silently skips its work); the gate raises instead.
    """

    def __init__(self, resource: str):
        self.resource = resource
        super().__init__(
            f"No permission policy is registered for {resource!r}: register it with "
            f"register_policy({resource!r}, ...) in the app's AppConfig.ready()."
        )


def _table(actions: Mapping[str, Iterable[str]]) -> Table:
    table = {action: frozenset(roles) for action, roles in actions.items()}
    table.setdefault("export", table.get("view", frozenset()))
    table.setdefault("history", table.get("view", frozenset()))
    return table


def register_policy(resource: str, **actions: Iterable[str]) -> None:
    """Declare who may do what with ``resource``; call it from ``AppConfig.ready()``.

    Registering the same table again is harmless (``ready()`` may run twice in
    tests); a different table for a key already taken is a configuration error,
    not a silent override.
    """
    table = _table(actions)
    existing = _POLICIES.get(resource)
    if existing is not None and existing != table:
        raise ImproperlyConfigured(
            f"A different permission policy is already registered for {resource!r}."
        )
    _POLICIES[resource] = table


_LABELS: dict[str, str] = {}


def register_policy_label(resource: str, label: str) -> None:
    """The Vietnamese name of a policy that is not a model (a statistics page, an export), shown
    in the README's role matrix instead of its key."""
    _LABELS[resource] = str(label)


def policy_label(resource: str) -> str | None:
    return _LABELS.get(resource)


def is_registered(resource: str) -> bool:
    return resource in _POLICIES


def policies() -> dict[str, Table]:
    """A copy of every registered table (the role matrix, tests)."""
    return {resource: dict(table) for resource, table in _POLICIES.items()}


def policy(resource: str) -> Table:
    try:
        return _POLICIES[resource]
    except KeyError:
        raise UnknownPolicy(resource) from None


def role_allows(access: Access | None, resource: str, action: str) -> bool:
    table = policy(resource)
    if access is None:
        return False
    return access.role in table.get(action, frozenset())


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
    policy(resource)  # an unknown key is a programming error, not a 404
    obj = queryset.visible_to(access).filter(pk=pk).first()
    if obj is None or not can(access, resource, "view", obj):
        raise Http404
    if action != "view" and not can(access, resource, action, obj):
        raise PermissionDenied
    return obj

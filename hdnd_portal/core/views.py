import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from hdnd_portal.core.access import ADMIN, STAFF
from hdnd_portal.core.home import home_panels
from hdnd_portal.core.search import clean_query, search_everything
from hdnd_portal.core.text import search_terms


@login_required
def home(request):
    """What needs the user today: the panels their role's apps registered (core/home.py)."""
    from hdnd_portal.core.navigation import home_actions

    return render(
        request,
        "core/home.html",
        {
            "panels": home_panels(request),
            "home_actions": home_actions(getattr(request, "access", None)),
        },
    )


@login_required
def search(request):
    """The top bar's search box: every resource the user may view, grouped by kind."""
    q = clean_query(request.GET.get("q"))
    access = getattr(request, "access", None)
    groups = search_everything(access, q) if access is not None else []
    return render(
        request,
        "core/search.html",
        {"q": q, "groups": groups, "searched": bool(search_terms(q))},
    )


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes lockout page (AXES_LOCKOUT_CALLABLE): Vietnamese, with the wait in minutes."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "registration/locked_out.html",
        {"cooloff_minutes": minutes},
        status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429),
    )


LOOPBACK = {"127.0.0.1", "::1"}


def _may_see_health_details(request) -> bool:
    """Staff and administrators, or a probe on the machine itself (not through the proxy)."""
    local = request.META.get("REMOTE_ADDR") in LOOPBACK and not request.META.get(
        "HTTP_X_FORWARDED_FOR"
    )
    access = getattr(request, "access", None)
    return local or (access is not None and access.role in {ADMIN, STAFF})


def health_state() -> dict:
    """The database, the broker and the last beat run: ``{"ok": …, "database": …, …}``.

    What ``/healthz/`` answers, and what each web worker's health listener checks every two
    seconds (``hdnd_portal/health_listener.py``)."""
    state: dict = {"time": timezone.now().isoformat()}
    ok = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        state["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # noqa: BLE001 - report any failure
        ok = False
        state["database"] = {"ok": False, "error": str(exc)[:200]}
    try:
        from hdnd_portal.celery import app

        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        state["broker"] = {
            "ok": True,
            "transport": conn.transport_cls
            if isinstance(conn.transport_cls, str)
            else str(conn.transport_cls),
        }
    except Exception as exc:  # noqa: BLE001
        ok = False
        state["broker"] = {"ok": False, "error": str(exc)[:200]}
    try:
        from django.db.models import Max
        from django_celery_beat.models import PeriodicTask

        last = PeriodicTask.objects.aggregate(last=Max("last_run_at"))["last"]
        state["beat"] = {"last_run_at": last.isoformat() if last else None}
    except Exception as exc:  # noqa: BLE001
        state["beat"] = {"last_run_at": None, "error": str(exc)[:200]}
    state["ok"] = ok
    state["debug"] = settings.DEBUG
    return state


@never_cache
def healthz(request):
    """State of the database, the broker and the last beat run, as JSON.

    Anyone (a load balancer) learns up or down; versions, transports and error texts, which
    help an attacker, only go to staff and to probes on the machine itself.
    """
    state = health_state()
    ok = state["ok"]
    if not _may_see_health_details(request):
        state = {"ok": ok}
    return JsonResponse(state, status=200 if ok else 503)

"""The follow-up engine's panels on the home page ("what needs me today").

Registered in ``FollowupsConfig.ready()``. Every read here is bounded: the counts come
from the request's cached aggregate (the navigation badge computed them already), the
per-agency table is one grouped query cut to :data:`AGENCY_ROWS` rows, and the item
lists are one query of at most a dozen rows. So the home page costs the same number of
queries for 5 items or 50,000, for 3 agencies or 300.
"""

from django.urls import reverse
from django.utils import timezone

from hdnd_portal.core.access import AGENCY, CITY, COMMITTEE, DELEGATE, LEADERSHIP
from hdnd_portal.core.home import HomePanel, register_home_panel
from hdnd_portal.followups.filters import DUE_SOON_DAYS
from hdnd_portal.followups.models import FollowUp
from hdnd_portal.followups.policies import MANAGERS  # those who add, extend and remind
from hdnd_portal.followups.selectors import (
    counts_for_request,
    done_this_year,
    followup_queryset,
    followups_by_agency,
    followups_next,
)

AGENCY_ROWS = 15  # agencies shown in "by agency"; the inbox has the rest
NEXT_ROWS = 5  # "what to prepare next"
OWN_ROWS = 10  # an agency's, a committee's or a delegate's own items


def _bounded(qs, limit: int) -> tuple[list[FollowUp], bool]:
    """At most ``limit`` rows, and whether there were more (one query: ``limit + 1`` rows)."""
    rows = list(qs[: limit + 1])
    return rows[:limit], len(rows) > limit


# -- panels --------------------------------------------------------------------------------
def _inbox(query: str = "") -> str:
    url = reverse("followups-inbox")
    return f"{url}?{query}" if query else url


def overview_panel(request) -> dict:
    """Staff, the Standing Committee: the counts and who is late, by agency."""
    today = timezone.localdate()
    return {
        "counts": counts_for_request(request),
        "by_agency": followups_by_agency(request.access, today, AGENCY_ROWS),
        "due_soon_days": DUE_SOON_DAYS,
        "inbox_url": _inbox(),
        "overdue_url": _inbox("status=overdue"),
        "due_soon_url": _inbox("status=due_soon"),
    }


def next_panel(request) -> dict:
    today = timezone.localdate()
    return {
        "items": followups_next(request.access, today, NEXT_ROWS),
        "inbox_url": _inbox(),
        "today": today,
    }


def agency_panel(request) -> dict:
    """An agency: its open items, soonest due first, with the days left or overdue."""
    access = request.access
    items, more = _bounded(followup_queryset(access).open().order_by("due_date", "id"), OWN_ROWS)
    return {
        "counts": counts_for_request(request),
        "items": items,
        "more": more,
        "inbox_url": _inbox(),
        "overdue_url": _inbox("status=overdue"),
    }


def committee_panel(request) -> dict:
    """A Ban: the open items it follows (its members see the whole council's counts too)."""
    access = request.access
    qs = followup_queryset(access).open().filter(committee_id__in=access.committee_ids)
    items, more = _bounded(qs.order_by("due_date", "id"), OWN_ROWS)
    return {
        "counts": counts_for_request(request),
        "items": items,
        "more": more,
        "has_committee": bool(access.committee_ids),
        "inbox_url": _inbox(),
    }


def delegate_panel(request) -> dict | None:
    """A delegate: the items they forwarded (``FollowUp.delegate``), open ones first."""
    access = request.access
    if access.delegate_id is None:
        return None
    qs = followup_queryset(access).filter(delegate_id=access.delegate_id).open_first()
    items, more = _bounded(qs, OWN_ROWS)
    return {"items": items, "more": more, "inbox_url": _inbox()}


def leadership_panel(request) -> dict:
    """Leadership: the counts only (the KPI dashboard adds the plan's targets beside them)."""
    counts = counts_for_request(request)
    return {
        "counts": counts,
        "done_this_year": done_this_year(request.access, timezone.localdate()),
        "year": timezone.localdate().year,
        "inbox_url": _inbox(),
    }


def register_home() -> None:
    """Called from FollowupsConfig.ready()."""
    base = "followups/home/"
    for panel in (
        HomePanel("followups.overview", 10, MANAGERS, overview_panel, base + "overview.html", True),
        HomePanel("followups.next", 20, MANAGERS, next_panel, base + "next.html"),
        HomePanel("followups.agency", 10, frozenset({AGENCY}), agency_panel, base + "agency.html"),
        HomePanel(
            "followups.committee",
            10,
            frozenset({COMMITTEE}),
            committee_panel,
            base + "committee.html",
        ),
        HomePanel(
            "followups.delegate", 20, frozenset({DELEGATE}), delegate_panel, base + "delegate.html"
        ),
        HomePanel(
            "followups.leadership",
            10,
            frozenset({LEADERSHIP, CITY}),
            leadership_panel,
            base + "leadership.html",
        ),
    ):
        register_home_panel(panel)

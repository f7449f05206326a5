"""The delegate's "Kỳ họp sắp tới" card on the home page (slot ``meetings.upcoming``)."""

from django.urls import reverse
from django.utils import timezone

from hdnd_portal.core.access import DELEGATE
from hdnd_portal.core.home import (
    UPCOMING_MEETINGS,
    UPCOMING_MEETINGS_ORDER,
    HomePanel,
    register_home_panel,
)
from meetings import selectors


def upcoming_panel(request) -> dict:
    """The next sessions (at most five, one query)."""
    return {
        "sessions": selectors.upcoming_sessions(request.access, timezone.localdate()),
        "list_url": reverse("meetings-session-list"),
    }


def register_home() -> None:
    register_home_panel(
        HomePanel(
            UPCOMING_MEETINGS,
            UPCOMING_MEETINGS_ORDER,
            frozenset({DELEGATE}),
            upcoming_panel,
            "meetings/home_upcoming.html",
        )
    )

"""The home page's card "Báo cáo các xã gửi lên" for the city's overseer: the latest reports the
councils they follow sent up (one query, at most five rows)."""

from django.urls import reverse

from hdnd_portal.core.access import CITY
from hdnd_portal.core.home import HomePanel, register_home_panel

LATEST = 5


def received_panel(request) -> dict | None:
    from hdnd_portal.documents.models import Dispatch

    latest = list(Dispatch.objects.visible_to(request.access).order_by("-sent_at", "-id")[:LATEST])
    return {
        "latest": latest,
        "url": reverse("documents-dispatch-list"),
        "pdf_url": "documents-dispatch-pdf",
    }


def register_home() -> None:
    register_home_panel(
        HomePanel(
            "documents.received",
            6,
            frozenset({CITY}),
            received_panel,
            "documents/home_received.html",
        )
    )

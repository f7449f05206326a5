"""The home page's card "Chỉ tiêu Kế hoạch" for the Party leadership and the Standing
Committee: the latest daily snapshot (one query), the targets at risk or missed first."""

from django.db.models import Subquery
from django.urls import reverse
from django.utils import timezone

from hdnd_portal.core.access import CITY, LEADERSHIP, STANDING
from hdnd_portal.core.home import HomePanel, register_home_panel
from hdnd_portal.targets.models import Snapshot, Status
from hdnd_portal.targets.policies import CITY_ROLES

ATTENTION = (Status.AT_RISK, Status.MISSED)


def targets_panel(request) -> dict | None:
    access = request.access
    today = timezone.localdate()
    # The council's last day of snapshots up to today: uncorrelated, so computed once, by one
    # step down the (council, taken_on) index. Correlated to each row, it read the council's
    # snapshots again for each of them: 363 ms at 840 snapshots a council (the city bench).
    latest = (
        Snapshot.objects.filter(council_id=access.council_id, taken_on__lte=today)
        .order_by("-taken_on")
        .values("taken_on")
    )
    rows = list(
        Snapshot.objects.filter(
            council_id=access.council_id, taken_on=Subquery(latest[:1]), target__active=True
        )
        .select_related("target")
        .order_by("target__order", "target__code")
    )
    if not rows:
        return None
    counts = {s.value: 0 for s in Status}
    for snap in rows:
        counts[snap.status] += 1
    return {
        "on": rows[0].taken_on,
        "counts": counts,
        "attention": [s for s in rows if s.status in ATTENTION],
        "url": reverse("targets-dashboard"),
    }


def city_panel(request) -> dict | None:
    """For the city's overseer, and whoever oversees several councils: how many, and the way
    to the side-by-side view."""
    from hdnd_portal.targets.selectors import city_councils

    councils = city_councils(request.access)
    if len(councils) < 2 and request.access.role != CITY:
        return None
    return {"count": len(councils), "url": reverse("targets-city")}


def register_home() -> None:
    register_home_panel(
        HomePanel("targets.city", 5, CITY_ROLES, city_panel, "targets/home_city.html")
    )
    register_home_panel(
        HomePanel(
            "targets.summary",
            15,
            frozenset({LEADERSHIP, STANDING, CITY}),
            targets_panel,
            "targets/home_summary.html",
        )
    )

"""The council organisation's part of the home page, and the delegate's "Hồ sơ của tôi".

Registered in ``CouncilsConfig.ready()`` through :func:`register_home`: a delegate's
profile card, the staff's card about the current term (delegates in office, the roster
to print), and the menu entry "Hồ sơ của tôi" for delegates. Each panel reads one or two
rows, whatever the size of the council.
"""

from django.urls import reverse

from councils.models import Delegate, Term
from hdnd_portal.core.access import ADMIN, DELEGATE, STAFF
from hdnd_portal.core.home import HomePanel, register_home_panel

# The "Hồ sơ của tôi" page (/councils/me/): a policy of its own so the navigation
# registry shows its entry to delegates only (an account linked to a delegate).
MY_PROFILE = "councils.myprofile"
# Only "view": the page has nothing to export and no history of its own.
MY_PROFILE_ROLES = {"view": frozenset({DELEGATE}), "export": frozenset(), "history": frozenset()}


def my_delegate(access) -> Delegate | None:
    """The delegate record the account is linked to, in the current council (one query)."""
    if access is None or access.delegate_id is None:
        return None
    return (
        Delegate.objects.visible_to(access)
        .select_related("term", "constituency", "delegate_group")
        .filter(pk=access.delegate_id)
        .first()
    )


def profile_panel(request) -> dict | None:
    delegate = my_delegate(request.access)
    if delegate is None:
        return None
    return {
        "delegate": delegate,
        "url": delegate.get_absolute_url(),
        "edit_url": reverse("councils-delegate-update", args=[delegate.pk]),
    }


def unread_briefs_panel(request) -> dict | None:
    """The information briefs sent to this delegate not yet acknowledged, each with its "Đã
    đọc" button (two queries); nothing when all are read."""
    from councils.selectors import unread_briefs

    access = request.access
    if access is None or access.delegate_id is None:
        return None
    briefs = unread_briefs(access=access, delegate_id=access.delegate_id)
    return {"briefs": briefs} if briefs else None


def term_panel(request) -> dict:
    """The current term, its delegates in office today, and the roster to print (two queries)."""
    access = request.access
    term = Term.objects.visible_to(access).current().order_by("-start_date").first()
    in_office = (
        Delegate.objects.visible_to(access).filter(term=term).in_office().count() if term else 0
    )
    return {
        "term": term,
        "delegate_count": in_office,
        "delegates_url": reverse("councils-delegate-list"),
        "terms_url": reverse("councils-term-list"),
        "roster_url": reverse("documents-print", args=["councils.roster", term.pk]) if term else "",
    }


def register_home() -> None:
    """Called from CouncilsConfig.ready(): the panels, the policy and the menu entry."""
    from hdnd_portal.core.navigation import NavItem, register_nav
    from hdnd_portal.core.permissions import register_policy

    register_home_panel(
        HomePanel(
            "councils.my_profile",
            5,
            frozenset({DELEGATE}),
            profile_panel,
            "councils/home/my_profile.html",
        )
    )
    register_home_panel(
        HomePanel(
            "councils.unread_briefs",
            6,
            frozenset({DELEGATE}),
            unread_briefs_panel,
            "councils/home/unread_briefs.html",
        )
    )
    register_home_panel(
        HomePanel(
            "councils.term", 40, frozenset({ADMIN, STAFF}), term_panel, "councils/home/term.html"
        )
    )
    register_policy(MY_PROFILE, **MY_PROFILE_ROLES)
    register_nav(
        NavItem(
            "Tổ chức HĐND",
            "Hồ sơ của tôi",
            "councils-my-profile",
            MY_PROFILE,
            icon="person-vcard",
            order=99,
        )
    )

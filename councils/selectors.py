"""Reads of the council's organisation records: one function per list.

Each returns what ``access`` may see, joined with what the list page, the
detail page, the Excel export and the API touch, in the page's order (with the
id last, so API pages never overlap). The pages (``councils/views.py``) and the
API (``councils/api.py``) call the same function, so their joins cannot drift.
"""

from django.db.models import QuerySet

from councils.models import Agency, Committee, Constituency, Delegate, Membership, PartyCell, Term
from hdnd_portal.core.access import Access


def term_list(*, access: Access | None) -> QuerySet[Term]:
    return Term.objects.visible_to(access).order_by("-start_date", "id")


def constituency_list(*, access: Access | None) -> QuerySet[Constituency]:
    return (
        Constituency.objects.visible_to(access)
        .select_related("term")
        .order_by("term__start_date", "number", "id")
    )


def committee_list(*, access: Access | None) -> QuerySet[Committee]:
    return (
        Committee.objects.visible_to(access)
        .select_related("term")
        .order_by("-term__start_date", "kind", "order", "name", "id")
    )


def delegate_list(*, access: Access | None) -> QuerySet[Delegate]:
    # People by given name, then family and middle names, in Vietnamese order
    # (sort_name is collated "vi"): the page, the Excel export and the roster agree.
    return (
        Delegate.objects.visible_to(access)
        .select_related("term", "constituency", "delegate_group")
        .order_by("-term__start_date", "sort_name", "id")
    )


def membership_list(*, access: Access | None) -> QuerySet[Membership]:
    return (
        Membership.objects.visible_to(access)
        .select_related("committee", "delegate")
        .order_by("committee__name", "role", "start_date", "id")
    )


def agency_list(*, access: Access | None) -> QuerySet[Agency]:
    return Agency.objects.visible_to(access).select_related("parent").order_by("kind", "name", "id")


def partycell_list(*, access: Access | None) -> QuerySet[PartyCell]:
    return PartyCell.objects.visible_to(access).order_by("name", "id")

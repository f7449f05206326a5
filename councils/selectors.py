"""Reads of the council's organisation records: one function per list.

Each returns what ``access`` may see, joined with what the list page, the
detail page, the Excel export and the API touch, in the page's order (with the
id last, so API pages never overlap). The pages (``councils/views.py``) and the
API (``councils/api.py``) call the same function, so their joins cannot drift.
"""

import datetime as dt
from collections.abc import Iterable

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from councils.models import (
    Agency,
    BriefAcknowledgement,
    Committee,
    Constituency,
    CouncilRole,
    Delegate,
    Dissemination,
    InformationBrief,
    MandateEnd,
    Membership,
    PartyCell,
    PartyCellMembers,
    PartyDocument,
    Term,
    Training,
    User,
)
from hdnd_portal.core.access import ADMIN, Access
from hdnd_portal.core.dated import in_force_q, is_in_force


def default_term_subquery(*, council_id: int, on: dt.date | None = None) -> QuerySet[Term]:
    """The term a list opens on, as a one-row subquery (``term__in=...``), no query of its own.

    The term in force (``Council.current_term()``); between an early end and the next
    election, the latest one begun, so a list never opens empty; the newest wins a tie.
    :func:`default_term` picks the same term among rows already loaded.
    """
    on = on or timezone.localdate()
    rank = Case(
        When(in_force_q(Term, on), then=Value(2)),
        When(Q(start_date__lte=on), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        Term.objects.filter(council_id=council_id)
        .annotate(default_rank=rank)
        .order_by("-default_rank", "-start_date", "-id")
        .values("pk")[:1]
    )


def default_term(terms: Iterable[Term], on: dt.date | None = None) -> Term | None:
    """:func:`default_term_subquery`'s choice among ``terms`` (one council's, already loaded)."""
    on = on or timezone.localdate()

    def key(term: Term):
        rank = 2 if is_in_force(term, on) else 1 if term.start_date <= on else 0
        return (rank, term.start_date, term.pk)

    return max(terms, key=key, default=None)


def current_term(*, access: Access) -> Term | None:
    """The term a list or a new record's form opens on (see :func:`default_term_subquery`)."""
    return Term.objects.filter(pk__in=default_term_subquery(council_id=access.council_id)).first()


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
        .select_related("committee__term", "delegate")
        .order_by("committee__name", "role", "start_date", "id")
    )


def agency_list(*, access: Access | None) -> QuerySet[Agency]:
    return Agency.objects.visible_to(access).select_related("parent").order_by("kind", "name", "id")


def partycell_list(*, access: Access | None) -> QuerySet[PartyCell]:
    return PartyCell.objects.visible_to(access).order_by("name", "id")


def partycellmembers_list(*, access: Access | None) -> QuerySet[PartyCellMembers]:
    return (
        PartyCellMembers.objects.visible_to(access)
        .select_related("party_cell")
        .order_by("party_cell__name", "-since", "id")
    )


def mandateend_list(*, access: Access | None) -> QuerySet[MandateEnd]:
    return (
        MandateEnd.objects.visible_to(access)
        .select_related("delegate__term")
        .order_by("-effective_on", "-id")
    )


def training_list(*, access: Access | None) -> QuerySet[Training]:
    # The trainees are counted in the database (the list shows how many), never loaded here.
    return (
        Training.objects.visible_to(access)
        .annotate(trainee_count=Count("delegates"))
        .order_by("-start_date", "id")
    )


def training_list_with_trainees(*, access: Access | None) -> QuerySet[Training]:
    """The trainings with their trainees' ids, for the API (which lists them): one query for
    every row's trainees, not one per row."""
    return training_list(access=access).prefetch_related(
        Prefetch("delegates", queryset=Delegate.objects.only("pk"))
    )


def first_term_training(*, access: Access, year: int, on: dt.date | None = None) -> dict:
    """ "Newcomers first" (the plan, 2.2.1): the first-term delegates in office on ``on`` (the
    year's end, or today within the year), split into those trained in ``year`` and those not
    yet — with the other delegates' share beside it. Two queries."""
    on = on or min(dt.date(year, 12, 31), timezone.localdate())
    trained = Exists(
        Training.delegates.through.objects.filter(
            delegate=OuterRef("pk"), training__start_date__year=year
        )
    )
    rows = list(
        Delegate.objects.visible_to(access)
        .in_office(on)
        .select_related("term")
        .annotate(trained=trained)
        .order_by("sort_name", "id")
    )
    newcomers = [d for d in rows if d.is_first_term]
    others = [d for d in rows if not d.is_first_term]
    return {
        "year": year,
        "on": on,
        "newcomers_trained": [d for d in newcomers if d.trained],
        "newcomers_untrained": [d for d in newcomers if not d.trained],
        "newcomers": len(newcomers),
        "others": len(others),
        "others_trained": sum(1 for d in others if d.trained),
    }


def informationbrief_list(*, access: Access | None) -> QuerySet[InformationBrief]:
    # Acknowledgements counted in the database (the list shows how many), never loaded here.
    return (
        InformationBrief.objects.visible_to(access)
        .annotate(acknowledged_count=Count("acknowledgements"))
        .order_by("-sent_on", "-id")
    )


def brief_recipients(brief: InformationBrief) -> list[Delegate]:
    """The delegates a brief went to, each with ``acknowledged_at`` (None: not yet), those who
    have not acknowledged first. One query."""
    moment = Subquery(
        BriefAcknowledgement.objects.filter(brief=brief, delegate=OuterRef("pk")).values(
            "acknowledged_at"
        )[:1]
    )
    rows = list(brief.recipients().annotate(acknowledged_at=moment).order_by("sort_name", "id"))
    rows.sort(key=lambda d: d.acknowledged_at is not None)
    return rows


def unread_briefs(*, access: Access, delegate_id: int, limit: int = 5) -> list[InformationBrief]:
    """The briefs sent to this delegate (in office the day sent) not yet acknowledged."""
    delegate = Delegate.objects.filter(pk=delegate_id).select_related("term").first()
    if delegate is None:
        return []
    sent = InformationBrief.objects.visible_to(access).filter(sent_on__gte=delegate.start_date)
    if delegate.end_date:
        sent = sent.filter(sent_on__lte=delegate.end_date)
    if delegate.term.first_session_on:
        sent = sent.filter(sent_on__gte=delegate.term.first_session_on)
    return list(
        sent.exclude(acknowledgements__delegate_id=delegate_id).order_by("-sent_on", "-id")[:limit]
    )


def partydocument_list(*, access: Access | None) -> QuerySet[PartyDocument]:
    return PartyDocument.objects.visible_to(access).order_by("-issued_on", "-id")


def dissemination_list(*, access: Access | None) -> QuerySet[Dissemination]:
    return (
        Dissemination.objects.visible_to(access)
        .select_related("party_cell")
        .order_by("-held_on", "party_cell__name", "id")
    )


# The reason written in the account's history when a reset link is made (simple_history).
RESET_LINK_REASON = "Tạo liên kết đặt lại mật khẩu"


def user_list(*, access: Access) -> QuerySet[CouncilRole]:
    """The council's accounts for the users page, one row per role held here (a user holds one
    per council), with what :func:`password_reset_refusal` weighs and the last reset link made
    (when, by whom), all in one query."""
    links = User.history.filter(
        id=OuterRef("user_id"), history_change_reason=RESET_LINK_REASON
    ).order_by("-history_date")
    return (
        CouncilRole.objects.filter(council_id=access.council_id)
        .select_related("user", "agency", "delegate", "committee")
        .annotate(
            roles_elsewhere=Exists(
                CouncilRole.objects.filter(user_id=OuterRef("user_id")).exclude(
                    council_id=access.council_id
                )
            ),
            admin_anywhere=Exists(
                CouncilRole.objects.filter(user_id=OuterRef("user_id"), role=ADMIN)
            ),
            last_link_at=Subquery(links.values("history_date")[:1]),
            last_link_by=Subquery(links.values("history_user__username")[:1]),
        )
        .order_by("user__username", "id")
    )


def password_reset_refusal(access: Access, *, actor_is_superuser: bool, row) -> str | None:
    """Why ``access`` may not make a reset link for the account of ``row`` (a
    :func:`user_list` row), or None when it may.

    A reset link is a way into the account, so the Office resets only the accounts of its own
    council: not an administrator's (that would hand it the portal), not one that also holds a
    role in another council (the other council's Office answers for it too), never its own
    (that would skip the old password that "Đổi mật khẩu" asks). A superuser resets any other
    account.
    """
    target = row.user
    if target.pk == access.user_id:
        return "Đây là tài khoản của bạn: hãy dùng “Đổi mật khẩu”."
    if not target.is_active:
        return "Tài khoản đã bị khóa."
    if actor_is_superuser:
        return None
    if target.is_superuser or row.admin_anywhere:
        return "Tài khoản quản trị: chỉ quản trị hệ thống đặt lại được."
    if row.roles_elsewhere:
        return "Tài khoản có vai trò ở HĐND khác: chỉ quản trị hệ thống đặt lại được."
    return None

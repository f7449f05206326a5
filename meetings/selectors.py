"""Reads of sessions and what happens at them: one function per list or computed value.

The pages, the Excel exports, the API and the printed documents read through these, so their
scope and joins cannot drift apart.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from councils.models import Delegate
from hdnd_portal.core.access import Access
from hdnd_portal.followups.rules import (
    RuleNotFound,
    ThresholdNotFound,
    apply_rule,
    rule_in_force,
    threshold_in_force,
)
from meetings.models import (
    AgendaItem,
    Attendance,
    CongressGoal,
    DocumentVersion,
    Examination,
    Question,
    Resolution,
    Session,
    SessionDocument,
)

QUORUM = "session.quorum"
PASS = "resolution.pass"
NOTICE_RULES = {Session.Kind.EXTRA: "session.notice_extra"}
NOTICE_REGULAR = "session.notice_regular"


def session_list(*, access: Access | None) -> QuerySet[Session]:
    return (
        Session.objects.visible_to(access)
        .select_related("term")
        .order_by("-start_date", "-number", "-id")
    )


def agendaitem_list(*, access: Access | None) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.visible_to(access)
        .select_related("session__term", "presenter")
        .order_by("-session__start_date", "session_id", "number", "id")
    )


def sessiondocument_list(*, access: Access | None) -> QuerySet[SessionDocument]:
    return (
        SessionDocument.objects.visible_to(access)
        .select_related("session__term", "agenda_item")
        .order_by("-session__start_date", "session_id", "agenda_item__number", "id")
    )


def examination_list(*, access: Access | None) -> QuerySet[Examination]:
    return (
        Examination.objects.visible_to(access)
        .select_related("document__session__term", "committee")
        .order_by("-examined_on", "-id")
    )


def question_list(*, access: Access | None) -> QuerySet[Question]:
    return (
        Question.objects.visible_to(access)
        .select_related("session__term", "asker", "answerer_agency")
        .order_by("-session__start_date", "id")
    )


def resolution_list(*, access: Access | None) -> QuerySet[Resolution]:
    return (
        Resolution.objects.visible_to(access)
        .select_related("session__term", "document", "agenda_item", "draft")
        .order_by("-session__start_date", "-id")
    )


def attendance_list(*, access: Access | None) -> QuerySet[Attendance]:
    return (
        Attendance.objects.visible_to(access)
        .select_related("session", "delegate")
        .order_by("session_id", "delegate__sort_name", "id")
    )


def delegates_in_office(session: Session, on: dt.date | None = None) -> QuerySet[Delegate]:
    """The delegates of the session's term in office on its opening day (or ``on``)."""
    return (
        Delegate.objects.filter(term_id=session.term_id)
        .on(on or session.start_date)
        .order_by("sort_name", "id")
    )


@dataclass(frozen=True)
class Quorum:
    present: int
    total: int
    minimum: int
    met: bool
    share: str  # "2/3"
    citation: str

    @property
    def message(self) -> str:
        return (
            f"Chưa đủ túc số: có mặt {self.present}/{self.total}, cần ít nhất {self.minimum} "
            f"({self.share} tổng số đại biểu)"
        )

    @property
    def label(self) -> str:
        state = "đủ túc số" if self.met else "chưa đủ túc số"
        return f"Có mặt {self.present}/{self.total} đại biểu, cần ít nhất {self.minimum}: {state}"


def session_quorum(session: Session) -> Quorum:
    """Present (or late) delegates among those in office on the opening day, against the
    ``session.quorum`` rule in force that day. Raises ThresholdNotFound without a rule."""
    rule = threshold_in_force(QUORUM, session.start_date, council=session.council)
    in_office = delegates_in_office(session)
    total = in_office.count()
    present = Attendance.objects.filter(
        session=session,
        delegate__in=in_office,
        status__in=Attendance.PRESENT_STATUSES,
    ).count()
    return Quorum(
        present=present,
        total=total,
        minimum=rule.minimum(total),
        met=rule.met(present, total),
        share=f"{rule.numerator}/{rule.denominator}",
        citation=rule.citation,
    )


def notice_rule_code(session: Session) -> str:
    return NOTICE_RULES.get(session.kind, NOTICE_REGULAR)


def notice_deadline(session: Session) -> dt.date | None:
    """The last day invitations and documents may reach delegates (counted back from the
    opening day by the notice rule in force then); None without a rule."""
    try:
        rule = rule_in_force(notice_rule_code(session), session.start_date, council=session.council)
    except RuleNotFound:
        return None
    return apply_rule(rule, session.start_date, council=session.council)


def document_is_late(document: SessionDocument, deadline: dt.date | None) -> bool:
    if deadline is None:
        return False
    if document.sent_on is None:
        return timezone.localdate() > deadline
    return document.sent_on > deadline


def session_detail(access, session: Session) -> dict:
    """What the session's page shows besides its fields."""
    deadline = notice_deadline(session)
    documents = list(
        sessiondocument_list(access=access)
        .filter(session=session)
        .annotate(version_count=Count("versions"))
    )
    for doc in documents:
        doc.is_late = document_is_late(doc, deadline)
    try:
        quorum = session_quorum(session)
    except ThresholdNotFound as exc:
        quorum = None
        quorum_error = exc.message
    else:
        quorum_error = ""
    return {
        "agenda": list(
            AgendaItem.objects.filter(session=session)
            .select_related("presenter")
            .order_by("number", "id")
        ),
        "documents": documents,
        "late_documents": [d for d in documents if d.is_late],
        "notice_deadline": deadline,
        "quorum": quorum,
        "quorum_error": quorum_error,
        "resolutions": list(
            Resolution.objects.filter(session=session).select_related("document").order_by("id")
        ),
        "questions": list(
            Question.objects.filter(session=session).select_related("asker").order_by("id")
        ),
    }


def latest_version(document: SessionDocument) -> DocumentVersion | None:
    return document.versions.order_by("-number").first()


def version_for_user(access, pk) -> DocumentVersion:
    """A file is served to whoever may see its document (404 otherwise)."""
    from django.http import Http404

    from hdnd_portal.core.permissions import can
    from meetings.policies import SESSION_DOCUMENT

    version = DocumentVersion.objects.filter(pk=pk).first()
    if version is None or not can(access, SESSION_DOCUMENT, "view"):
        raise Http404
    if not SessionDocument.objects.visible_to(access).filter(pk=version.document_id).exists():
        raise Http404
    return version


TALLY_KEYS = ("for", "against", "abstain", "not_voting", "recused")


def _tally_aggregates(prefix: str = "") -> dict:
    return {
        "tally_for": Count(
            f"{prefix}id", filter=Q(**{f"{prefix}choice": "for", f"{prefix}recused": False})
        ),
        "tally_against": Count(
            f"{prefix}id", filter=Q(**{f"{prefix}choice": "against", f"{prefix}recused": False})
        ),
        "tally_abstain": Count(
            f"{prefix}id", filter=Q(**{f"{prefix}choice": "abstain", f"{prefix}recused": False})
        ),
        "tally_not_voting": Count(
            f"{prefix}id",
            filter=Q(**{f"{prefix}choice": "not_voting"}) | Q(**{f"{prefix}recused": True}),
        ),
        "tally_recused": Count(f"{prefix}id", filter=Q(**{f"{prefix}recused": True})),
    }


def resolution_list_with_tally(*, access: Access | None) -> QuerySet[Resolution]:
    """The resolution list with the live vote counts annotated (the API: no query per row)."""
    return (
        resolution_list(access=access)
        .annotate(**_tally_aggregates("votes__"))
        .prefetch_related("goals")
    )


def resolution_tally(resolution: Resolution) -> dict:
    """The live count of a resolution's votes (for/against/abstain/not voting/recused)."""
    if hasattr(resolution, "tally_for"):
        counts = {key: getattr(resolution, f"tally_{key}") for key in TALLY_KEYS}
    else:
        raw = resolution.votes.aggregate(**_tally_aggregates())
        counts = {key: raw[f"tally_{key}"] for key in TALLY_KEYS}
    return counts


def goals_made_concrete(council, on: dt.date | None = None) -> tuple[int, int]:
    """Target 1.2: (goals made concrete by at least one resolution, all goals). With ``on``,
    only resolutions of sessions that opened on or before that day count."""
    links = Resolution.goals.through.objects.filter(congressgoal_id=OuterRef("pk"))
    if on is not None:
        links = links.filter(resolution__session__start_date__lte=on)
    row = CongressGoal.objects.filter(council=council).aggregate(
        total=Count("id"), concrete=Count("id", filter=Q(Exists(links)))
    )
    return row["concrete"], row["total"]


def upcoming_sessions(access, today: dt.date, limit: int = 5) -> list[Session]:
    return list(
        session_list(access=access)
        .filter(Q(start_date__gte=today) | Q(state=Session.State.IN_SESSION))
        .order_by("start_date", "id")[:limit]
    )


def public_sessions(council) -> QuerySet[Session]:
    return (
        Session.objects.filter(council=council)
        .select_related("term")
        .order_by("-start_date", "-id")
    )


def public_resolutions(council) -> QuerySet[Resolution]:
    """Only resolutions issued with a number from the register are public."""
    return (
        Resolution.objects.filter(council=council, document__isnull=False)
        .select_related("session__term", "document")
        .order_by("-document__issued_on", "-id")
    )

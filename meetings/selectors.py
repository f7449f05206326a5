"""Reads of sessions and what happens at them: one function per list or computed value.

The pages, the Excel exports, the API and the printed documents read through these, so their
scope and joins cannot drift apart.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
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


def delegates_in_office(
    session: Session, at: dt.date | dt.datetime | None = None
) -> QuerySet[Delegate]:
    """The delegates of the session's term in office on its opening day, or at ``at`` (a day,
    or an instant: a vote's closing). The rule is councils' one definition
    (``Delegate.objects.in_office``): from the opening of the term's first session, to the end
    of the mandate — the moment it ended, when it ended at a sitting."""
    return (
        Delegate.objects.filter(term_id=session.term_id)
        .in_office(at or session.start_date)
        .order_by("sort_name", "id")
    )


def sitting_day(session: Session, on: dt.date) -> dt.date:
    """The session's day ``on`` falls on: ``on`` itself within the session's days, else the
    nearest of them (a vote recorded after the planned closing day is of that day)."""
    last = max(session.end_date or session.start_date, session.start_date)
    return min(max(on, session.start_date), last)


def sitting_moment(session: Session, at: dt.datetime | None = None) -> dt.date | dt.datetime:
    """When a vote at the session happens, for "who is in office": the instant ``at`` (now)
    when it falls on a day of the session, else the session's day it is recorded for, as a
    whole day (the time of a sitting recorded afterwards is not known)."""
    at = at or timezone.now()
    today = timezone.localdate(at)
    day = sitting_day(session, today)
    return at if day == today else day


def present_delegates(session: Session, at: dt.date | dt.datetime | None = None):
    """Attendance rows of the delegates present (or late) and in office at ``at``."""
    return Attendance.objects.filter(
        session=session,
        status__in=Attendance.PRESENT_STATUSES,
        delegate__in=delegates_in_office(session, at),
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

    @property
    def lost_message(self) -> str:
        """The warning of a session whose attendance fell below the quorum after it opened."""
        return (
            f"Không đủ túc số: có mặt {self.present}/{self.total}, cần ít nhất {self.minimum} "
            f"({self.share} tổng số đại biểu). Không kết thúc được biểu quyết cho đến khi đủ "
            "túc số trở lại, hoặc chủ tọa ghi nhận tạm dừng kỳ họp."
        )


def session_quorum(session: Session, at: dt.date | dt.datetime | None = None) -> Quorum:
    """Present (or late) delegates among those in office on the opening day (or at ``at``: the
    moment of a vote, a resumption), against the ``session.quorum`` rule in force that day.
    Raises ThresholdNotFound without a rule."""
    at = at or session.start_date
    day = timezone.localdate(at) if isinstance(at, dt.datetime) else at
    rule = threshold_in_force(QUORUM, day, council=session.council)
    total = delegates_in_office(session, at).count()
    present = present_delegates(session, at).count()
    return Quorum(
        present=present,
        total=total,
        minimum=rule.minimum(total),
        met=rule.met(present, total),
        share=f"{rule.numerator}/{rule.denominator}",
        citation=rule.citation,
    )


def session_quorum_moment(session: Session) -> dt.date | dt.datetime:
    """When the session's page measures the quorum: now while it sits (attendance may have
    dropped, a mandate may have ended at a sitting), else its opening day."""
    if session.state in (Session.State.IN_SESSION, Session.State.ADJOURNED):
        return sitting_moment(session)
    return session.start_date


def quorum_lost(session: Session) -> Quorum | None:
    """The quorum, when a sitting session no longer has it (the page's warning); else None."""
    if session.state not in (Session.State.IN_SESSION, Session.State.ADJOURNED):
        return None
    try:
        quorum = session_quorum(session, sitting_moment(session))
    except ThresholdNotFound:
        return None
    return None if quorum.met else quorum


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
        quorum = session_quorum(session, session_quorum_moment(session))
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


def _tally_aggregates(prefix: str, session) -> dict:
    """The live counts of the votes of delegates present at the session (``session``: the
    session's id, or ``F("session")`` over resolutions). A vote recorded before its delegate
    was marked absent is not counted, as the closing will not count it."""
    present = Q(
        **{
            f"{prefix}delegate__session_attendances__session": session,
            f"{prefix}delegate__session_attendances__status__in": Attendance.PRESENT_STATUSES,
        }
    )

    def count(**condition):
        return Count(f"{prefix}id", filter=present & Q(**condition))

    return {
        "tally_for": count(**{f"{prefix}choice": "for", f"{prefix}recused": False}),
        "tally_against": count(**{f"{prefix}choice": "against", f"{prefix}recused": False}),
        "tally_abstain": count(**{f"{prefix}choice": "abstain", f"{prefix}recused": False}),
        "tally_not_voting": Count(
            f"{prefix}id",
            filter=present
            & (Q(**{f"{prefix}choice": "not_voting"}) | Q(**{f"{prefix}recused": True})),
        ),
        "tally_recused": count(**{f"{prefix}recused": True}),
    }


def resolution_list_with_tally(*, access: Access | None) -> QuerySet[Resolution]:
    """The resolution list with the live vote counts annotated (the API: no query per row)."""
    return (
        resolution_list(access=access)
        .annotate(**_tally_aggregates("votes__", F("session")))
        .prefetch_related("goals")
    )


def resolution_tally(resolution: Resolution) -> dict:
    """The count of a resolution's votes (for/against/abstain/not voting/recused): the frozen
    result once the vote is closed, else the live count of the delegates present."""
    if resolution.vote_closed:
        snapshot = resolution.vote_snapshot or {}
        return {key: snapshot.get(key, 0) for key in TALLY_KEYS}
    if hasattr(resolution, "tally_for"):
        counts = {key: getattr(resolution, f"tally_{key}") for key in TALLY_KEYS}
    else:
        raw = resolution.votes.aggregate(**_tally_aggregates("", resolution.session_id))
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
        .filter(
            Q(start_date__gte=today)
            | Q(state__in=(Session.State.IN_SESSION, Session.State.ADJOURNED))
        )
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

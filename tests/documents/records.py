"""One record per printed kind, ready to be issued: the generated registry test
(test_issue_from_record.py) builds each with :data:`BUILDERS` and issues it from its page.

A builder takes the council and returns the record (built with the factories). Every event
the document records happens in December 2026 (:data:`EVENT`), before the test's today
(:data:`TODAY`), so a signing date can be chosen between them. A new printed kind needs a
builder here: the generated test fails for a kind without one.
"""

import datetime as dt

from django.utils import timezone

from councils.models import Agency
from meetings.models import QuarterlyReport
from petitions.models import Letter, PetitionReport
from supervision.models import ActivityKind, Body, Conclusion
from tests.documents.rosterdata import build_term
from tests.factories import (
    AgencyFactory,
    ConfidenceVoteFactory,
    ExaminationFactory,
    ResolutionFactory,
    SessionFactory,
    SupervisionActivityFactory,
    SupervisionConclusionFactory,
    TermFactory,
)

EVENT = dt.date(2026, 12, 10)
TODAY = dt.date(2027, 1, 15)


def _term(council):
    """The council's term (with its Standing Committee, so the signer has a name)."""
    from councils.models import Term

    term = Term.objects.filter(council=council).first()
    if term is None:
        term, _groups, _chair = build_term(council)
    return term


def _session(council, **fields):
    values = {"start_date": EVENT, "end_date": EVENT + dt.timedelta(days=1)}
    values.update(fields)
    return SessionFactory(term=_term(council), **values)


def roster(council):
    term = _term(council)
    term.election_date = dt.date(2026, 3, 15)
    term.save(update_fields=["election_date"])
    return term


def session(council):
    return _session(council)


def resolution(council):
    return ResolutionFactory(
        session=_session(council),
        passed=True,
        voted_on=EVENT,
        vote_closed_at=timezone.make_aware(dt.datetime(2026, 12, 10, 10, 0)),
    )


def examination(council):
    return ExaminationFactory(
        document__session=_session(council), examined_on=EVENT - dt.timedelta(days=5)
    )


def quarterly_report(council):
    return QuarterlyReport.objects.create(council=council, year=2026, quarter=4)


def plan(council):
    return SupervisionActivityFactory(
        council=council,
        body=Body.STANDING,
        kind=ActivityKind.THEMATIC,
        decision_date=EVENT - dt.timedelta(days=20),
        start_date=EVENT,
    )


def _conclusion(council, kind):
    activity = SupervisionActivityFactory(
        council=council, decision_date=dt.date(2026, 11, 1), start_date=dt.date(2026, 11, 20)
    )
    return SupervisionConclusionFactory(activity=activity, kind=kind, concluded_on=EVENT)


def supervision_report(council):
    return _conclusion(council, Conclusion.Kind.REPORT)


def supervision_notice(council):
    return _conclusion(council, Conclusion.Kind.NOTICE)


def confidence_vote(council):
    """A closed vote of the term, held on :data:`EVENT` at a session."""
    from supervision.models import ConfidenceVote

    term = _term(council)
    vote = ConfidenceVoteFactory(
        term=term, session=_session(council), vote_date=EVENT, year=2026, procedure="vote"
    )
    ConfidenceVote.objects.filter(pk=vote.pk).update(
        state=ConfidenceVote.State.CLOSED,
        closed_at=timezone.make_aware(dt.datetime(2026, 12, 10, 16, 0)),
    )
    vote.refresh_from_db()
    return vote


def forwarded_letter(council):
    """A letter forwarded to the commune's UBND: its slip is ready to be issued."""
    agency = AgencyFactory(council=council, name="Ủy ban nhân dân xã", kind=Agency.Kind.UBND)
    from petitions.services import letter_register

    letter = Letter(
        council=council,
        source=Letter.Source.POST,
        received_on=EVENT - dt.timedelta(days=3),
        kind="petition",
        sender_name="Nguyễn Văn Hùng",
        sender_address="Thôn Hạ",
        subject="Kiến nghị sửa đường thôn Hạ",
        content="Đường thôn Hạ bị sạt lở sau mưa lũ, đề nghị sửa chữa.",
    )
    letter = letter_register(letter=letter, by_user=None)
    Letter.objects.filter(pk=letter.pk).update(
        agency=agency, state=Letter.State.FORWARDED, forwarded_on=EVENT
    )
    letter.refresh_from_db()
    return letter


def petition_report(council):
    return PetitionReport.objects.create(
        council=council,
        title="Năm 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )


def plan_review(council):
    from hdnd_portal.targets.models import PlanReview

    return PlanReview.objects.create(council=council, year=2026, half=PlanReview.Half.SECOND)


def discussion_group(council):
    from meetings.models import DiscussionGroup, DiscussionOpinion
    from tests.factories import DelegateFactory

    session = _session(council)
    members = [DelegateFactory(term=session.term) for _ in range(3)]
    group = DiscussionGroup.objects.create(
        council=council,
        session=session,
        name="Tổ thảo luận số 1",
        held_on=EVENT,
        chair=members[0],
        secretary=members[1],
    )
    group.members.set(members)
    DiscussionOpinion.objects.create(
        council=council, group=group, speaker=members[2], content="Đề nghị làm rõ nguồn vốn."
    )
    return group


BUILDERS = {
    "meetings.discussion_synthesis": discussion_group,
    "councils.roster": roster,
    "meetings.session_programme": session,
    "meetings.session_report": session,
    "meetings.resolution": resolution,
    "meetings.examination_report": examination,
    "meetings.quarterly_report": quarterly_report,
    "supervision.plan": plan,
    "supervision.report": supervision_report,
    "supervision.notice": supervision_notice,
    "supervision.confidence_minutes": confidence_vote,
    "supervision.confidence_resolution": confidence_vote,
    "voters.synthesis": session,
    "voters.answers": session,
    "petitions.forwarding_slip": forwarded_letter,
    "petitions.reception_log": petition_report,
    "petitions.periodic_report": petition_report,
    "targets.review": plan_review,
}

__all__ = ["BUILDERS", "EVENT", "TODAY", "TermFactory"]

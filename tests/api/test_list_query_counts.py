"""Every list endpoint of the API answers in the same few queries for 3 rows as for 8.

Generated over the DRF router (``hdnd_portal.api_router.router``, filled by the apps in
``AppConfig.ready()``): each route with a ``list`` action is asked twice, with 3 and then 8
rows of its model built by :data:`ROWS`, each row with the relations its serializer shows
(the trainees of a training, the petitions merged into a synthesized one, a document's
versions…), so a serializer reading a relation row by row shows up as a query per row. A
new endpoint must be given a row builder here, or this test fails for it.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from hdnd_portal.api_router import router
from hdnd_portal.documents.services import document_number_issue
from tests.factories import (
    AgencyFactory,
    AgendaItemFactory,
    CommitteeFactory,
    ConfidenceCandidateFactory,
    ConfidenceVoteFactory,
    ConstituencyFactory,
    CoordinationRegulationFactory,
    CoordinationReviewFactory,
    DelegateFactory,
    DisseminationFactory,
    ElectedPositionFactory,
    EmulationCriterionFactory,
    EmulationResultFactory,
    FollowUpFactory,
    InformationBriefFactory,
    MandateEndFactory,
    MembershipFactory,
    PartyCellFactory,
    PartyCellMembersFactory,
    PartyDocumentFactory,
    PetitionFieldFactory,
    PositionHolderFactory,
    ProcedureVersionFactory,
    ResolutionFactory,
    RewardFactory,
    SessionDocumentFactory,
    SessionFactory,
    SupervisionActivityFactory,
    SupervisionItemFactory,
    SupervisionProgrammeFactory,
    SupervisionRecommendationFactory,
    SynthesizedPetitionFactory,
    TargetFactory,
    TermFactory,
    TrainingFactory,
    VoterMeetingFactory,
    VoterPetitionFactory,
    persona,
)
from tests.meetings_prep.factories import (
    CongressGoalFactory,
    JointMeetingFactory,
    PreparationTaskFactory,
    QuarterlyReportFactory,
    StandingMeetingFactory,
)

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 8
MAX_QUERIES = 15
SQL_SHOWN = 240  # characters of each query printed on failure: enough to see its tables


class World:
    """The records every row hangs on: one council's term, delegates, bodies, a session."""

    def __init__(self, council):
        self.council = council
        self.staff = persona("staff", council)
        self.term = TermFactory(council=council)
        self.group = CommitteeFactory(term=self.term, kind="delegate_group", name="Tổ số 1")
        self.ban = CommitteeFactory(term=self.term)
        self.constituency = ConstituencyFactory(term=self.term)
        self.delegates = [
            DelegateFactory(term=self.term, delegate_group=self.group) for _ in range(3)
        ]
        self.agency = AgencyFactory(council=council)
        self.partycell = PartyCellFactory(council=council)
        self.session = SessionFactory(term=self.term)
        self.agendaitem = AgendaItemFactory(session=self.session)
        self.draft = SessionDocumentFactory(session=self.session)
        self.goals = [CongressGoalFactory(council=council) for _ in range(2)]
        self.position = ElectedPositionFactory(council=council)
        self.field = PetitionFieldFactory(council=council)
        self.votermeeting = VoterMeetingFactory(holder=self.group, session=self.session)
        self.synthesized = SynthesizedPetitionFactory(council=council, field=self.field)
        self.standingmeeting = StandingMeetingFactory(council=council, term=self.term)
        self.activity = SupervisionActivityFactory(council=council)
        self.programme_item = SupervisionItemFactory(programme__council=council)

    def followup(self):
        return FollowUpFactory(council=self.council, agency=self.agency, committee=self.ban)

    def document(self, type_code="QĐ"):
        return document_number_issue(
            council=self.council, type_code=type_code, issued_on=dt.date(2026, 5, 4), title="Số"
        )


def _session_document(w, i):
    from meetings.models import DocumentVersion

    document = SessionDocumentFactory(session=w.session, agenda_item=w.agendaitem)
    for number in (1, 2):
        DocumentVersion.objects.create(
            document=document,
            number=number,
            name="a.pdf",
            file=SimpleUploadedFile("a.pdf", b"%PDF"),
        )
    return document


def _resolution(w, i):
    from meetings.models import Vote

    resolution = ResolutionFactory(session=w.session, agenda_item=w.agendaitem, draft=w.draft)
    resolution.goals.set(w.goals)
    for delegate in w.delegates:
        Vote.objects.create(resolution=resolution, delegate=delegate, choice="for")
    return resolution


def _attendance(w, i):
    from meetings.models import Attendance

    delegate = DelegateFactory(term=w.term)
    return Attendance.objects.create(council=w.council, session=w.session, delegate=delegate)


def _joint_meeting(w, i):
    from meetings.preparation import services as prep_services

    meeting = JointMeetingFactory(council=w.council, session=SessionFactory(term=w.term))
    meeting.participants.set([w.agency])
    prep_services.jointmeeting_set_decisions(meeting=meeting, lines=["Thống nhất", "Giao UBND"])
    return meeting


def _coordination_regulation(w, i):
    regulation = CoordinationRegulationFactory(council=w.council, term=w.term)
    regulation.parties.set([w.agency])
    return regulation


def _activity(w, i):
    activity = SupervisionActivityFactory(
        council=w.council,
        body="ban",
        committee=w.ban,
        programme_item=w.programme_item,
        decision=w.document(),
        decision_date=dt.date(2026, 5, 4),
    )
    activity.agencies.set([w.agency])
    return activity


def _confidence_vote(w, i):
    vote = ConfidenceVoteFactory(term=w.term, year=2026 + i)
    for _ in range(2):
        ConfidenceCandidateFactory(vote=vote, holder__position=w.position)
    return vote


def _voter_meeting(w, i):
    meeting = VoterMeetingFactory(holder=w.group, session=w.session, created_by=w.staff)
    meeting.delegates.set(w.delegates[:2])
    return meeting


def _synthesized(w, i):
    synthesized = SynthesizedPetitionFactory(
        council=w.council,
        field=w.field,
        session=w.session,
        agency=w.agency,
        followup=w.followup(),
        repeat_of=w.synthesized,
        created_by=w.staff,
    )
    for _ in range(2):
        VoterPetitionFactory(meeting=w.votermeeting, field=w.field, synthesized=synthesized)
    return synthesized


def _reception(w, i):
    from petitions.models import Kind, Reception

    reception = Reception.objects.create(
        council=w.council,
        received_on=dt.date(2026, 11, 2),
        place="Trụ sở",
        citizen_name="Nguyễn Văn Hùng",
        kind=Kind.PETITION,
        content="Kiến nghị sửa đường",
        outcome=Reception.Outcome.ACCEPTED,
        created_by=w.staff,
    )
    reception.receivers.set(w.delegates[:2])
    reception.handlers.set([w.staff])
    return reception


def _letter(w, i):
    from petitions.models import Kind, Letter

    letter = Letter.objects.create(
        council=w.council,
        year=2026,
        number=i + 1,
        source=Letter.Source.POST,
        received_on=dt.date(2026, 11, 2),
        kind=Kind.PETITION,
        sender_name="Nguyễn Văn Hùng",
        subject="Kiến nghị sửa đường",
        delegate=w.delegates[0],
        agency=w.agency,
        created_by=w.staff,
    )
    letter.handlers.set([w.staff])
    return letter


def _delegate_plan(w, i):
    from supervision.models import DelegatePlan, DelegatePlanItem

    plan = DelegatePlan.objects.create(
        council=w.council,
        delegate=DelegateFactory(term=w.term),
        year=2026,
        filed_on=dt.date(2026, 1, 15),
    )
    DelegatePlanItem.objects.create(
        council=w.council, plan=plan, subject="Rác thải", planned_month=3, activity=w.activity
    )
    return plan


def _delegate_plan_item(w, i):
    from supervision.models import DelegatePlan, DelegatePlanItem

    plan = DelegatePlan.objects.create(
        council=w.council,
        delegate=DelegateFactory(term=w.term),
        year=2026,
        filed_on=dt.date(2026, 1, 15),
    )
    return DelegatePlanItem.objects.create(
        council=w.council,
        plan=plan,
        subject="Đường giao thông",
        planned_month=4,
        agency=w.agency,
        activity=w.activity,
    )


# One row of each listed model ("app_label.Model"), visible to the Office of ``w.council``,
# with the relations its serializer shows: fn(world, index) -> the row.
def _discussion_group(w, i):
    from meetings.models import DiscussionGroup

    group = DiscussionGroup.objects.create(
        council=w.council,
        session=w.session,
        name=f"Tổ {i}",
        held_on=w.session.start_date,
        chair=w.delegates[0],
        secretary=w.delegates[1],
    )
    group.members.set(w.delegates)
    return group


def _discussion_opinion(w, i):
    from meetings.models import DiscussionOpinion

    group = _discussion_group(w, 100 + i)
    resolution = ResolutionFactory(session=w.session, draft=w.draft)
    return DiscussionOpinion.objects.create(
        council=w.council,
        group=group,
        speaker=w.delegates[0],
        agenda_item=w.agendaitem,
        draft=w.draft,
        content="Ý kiến",
        uptake="resolution",
        resolution=resolution,
        agency=w.agency,
    )


def _social_criticism(w, i):
    from meetings.models import SocialCriticism

    return SocialCriticism.objects.create(
        council=w.council,
        draft=w.draft,
        front=w.agency,
        reference=f"{i}/BC-MTTQ",
        dated_on=w.session.start_date,
        received_on=w.session.start_date,
        opinions="Phản biện",
    )


ROWS = {
    "meetings.DiscussionGroup": _discussion_group,
    "meetings.DiscussionOpinion": _discussion_opinion,
    "meetings.SocialCriticism": _social_criticism,
    "followups.FollowUp": lambda w, i: w.followup(),
    "targets.Target": lambda w, i: TargetFactory(council=w.council, committee=w.ban),
    "councils.Term": lambda w, i: TermFactory(council=w.council),
    "councils.Constituency": lambda w, i: ConstituencyFactory(term=w.term),
    "councils.Committee": lambda w, i: CommitteeFactory(term=w.term),
    "councils.Delegate": lambda w, i: DelegateFactory(
        term=w.term, constituency=w.constituency, delegate_group=w.group
    ),
    "councils.Membership": lambda w, i: MembershipFactory(committee=w.ban),
    "councils.Agency": lambda w, i: AgencyFactory(council=w.council, parent=w.agency),
    "councils.PartyCell": lambda w, i: PartyCellFactory(council=w.council),
    "councils.Training": lambda w, i: TrainingFactory(council=w.council, delegates=w.delegates),
    "councils.Dissemination": lambda w, i: DisseminationFactory(
        council=w.council, party_cell=w.partycell
    ),
    "councils.PartyDocument": lambda w, i: PartyDocumentFactory(council=w.council),
    "councils.Procedure": lambda w, i: ProcedureVersionFactory(procedure__council=w.council),
    "councils.ProcedureVersion": lambda w, i: ProcedureVersionFactory(procedure__council=w.council),
    "councils.EmulationCriterion": lambda w, i: EmulationCriterionFactory(council=w.council),
    "councils.EmulationRegistration": lambda w, i: (
        EmulationResultFactory(
            registration__delegate=w.delegates[i % 3], registration__year=2020 + i
        ).registration
    ),
    "councils.EmulationResult": lambda w, i: EmulationResultFactory(
        registration__delegate=w.delegates[i % 3], registration__year=2020 + i
    ),
    "councils.Reward": lambda w, i: RewardFactory(delegate=w.delegates[i % 3]),
    "councils.PartyCellMembers": lambda w, i: PartyCellMembersFactory(
        council=w.council, party_cell=w.partycell
    ),
    "councils.InformationBrief": lambda w, i: InformationBriefFactory(council=w.council),
    "councils.MandateEnd": lambda w, i: MandateEndFactory(delegate=DelegateFactory(term=w.term)),
    "meetings.Session": lambda w, i: SessionFactory(term=w.term),
    "meetings.AgendaItem": lambda w, i: AgendaItemFactory(
        session=w.session, presenter=w.delegates[0]
    ),
    "meetings.SessionDocument": _session_document,
    "meetings.Resolution": _resolution,
    "meetings.Attendance": _attendance,
    "meetings.JointMeeting": _joint_meeting,
    "meetings.PreparationTask": lambda w, i: PreparationTaskFactory(
        council=w.council,
        session=w.session,
        agency=w.agency,
        delegate=w.delegates[0],
        assignee=w.staff,
        followup=w.followup(),
    ),
    "meetings.StandingMeeting": lambda w, i: StandingMeetingFactory(
        council=w.council, term=w.term, chair=w.delegates[0]
    ),
    "meetings.QuarterlyReport": lambda w, i: QuarterlyReportFactory(
        council=w.council, year=2020 + i, meeting=w.standingmeeting
    ),
    "meetings.CongressGoal": lambda w, i: CongressGoalFactory(council=w.council),
    "meetings.CoordinationRegulation": _coordination_regulation,
    "meetings.CoordinationReview": lambda w, i: CoordinationReviewFactory(
        council=w.council, regulation__term=w.term
    ),
    "supervision.Programme": lambda w, i: SupervisionProgrammeFactory(
        council=w.council, year=2020 + i, body="ban", committee=w.ban
    ),
    "supervision.Activity": _activity,
    "supervision.Recommendation": lambda w, i: SupervisionRecommendationFactory(
        activity=w.activity, agency=w.agency, followup=w.followup()
    ),
    "supervision.ConfidenceVote": _confidence_vote,
    "supervision.ElectedPosition": lambda w, i: ElectedPositionFactory(council=w.council),
    "supervision.PositionHolder": lambda w, i: PositionHolderFactory(
        term=w.term, position=w.position, delegate=w.delegates[0]
    ),
    "supervision.DelegatePlan": _delegate_plan,
    "supervision.DelegatePlanItem": _delegate_plan_item,
    "voters.VoterMeeting": _voter_meeting,
    "voters.VoterPetition": lambda w, i: VoterPetitionFactory(
        meeting=w.votermeeting, field=w.field, synthesized=w.synthesized, created_by=w.staff
    ),
    "voters.SynthesizedPetition": _synthesized,
    "petitions.Reception": _reception,
    "petitions.Letter": _letter,
}


def list_routes():
    """(basename, model label) of every router route with a list action."""
    return [
        (basename, viewset.queryset.model._meta.label)
        for _prefix, viewset, basename in router.registry
        if hasattr(viewset, "list")
    ]


def ask(client, url):
    """(queries run, rows listed, the SQL) of one GET of the list."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(ctx), response.json()["count"], [q["sql"][:SQL_SHOWN] for q in ctx.captured_queries]


def test_every_model_with_a_row_builder_is_still_listed():
    listed = {label for _basename, label in list_routes()}
    assert not set(ROWS) - listed, f"ROWS builds models no endpoint lists: {set(ROWS) - listed}"


@pytest.mark.parametrize(("basename", "label"), list_routes(), ids=[b for b, _l in list_routes()])
def test_the_api_list_does_not_grow_with_its_rows(council, basename, label):
    build = ROWS.get(label)
    assert build is not None, (
        f"/api/v1/ route {basename!r} lists {label} but tests/api/test_list_query_counts.py has "
        f"no row builder for it: add one to ROWS (with the relations its serializer shows)"
    )
    world = World(council)
    client = APIClient()
    client.force_login(world.staff)
    url = reverse(f"{basename}-list")
    before = client.get(url).json()["count"]  # also warms the per-process caches

    for i in range(FEW):
        build(world, i)
    few, few_rows, few_sql = ask(client, url)
    for i in range(FEW, MANY):
        build(world, i)
    many, many_rows, many_sql = ask(client, url)

    assert (few_rows - before, many_rows - before) == (FEW, MANY), "the rows built are not listed"
    sql = "\n".join(many_sql)
    assert many == few, f"{basename}: {few} queries for {FEW} rows, {many} for {MANY}:\n{sql}"
    assert many <= MAX_QUERIES, f"{basename}: {many} queries:\n{sql}"

"""Walk every named URL as every role and assert the expected status.

A new page must be given an expectation here, or this test fails: no page can
be left open by accident. The first matching pattern wins.
"""

import datetime as dt
from fnmatch import fnmatch

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from hdnd_portal.core.calendar import feed_for
from hdnd_portal.documents.models import Dispatch
from hdnd_portal.documents.services import document_number_issue
from hdnd_portal.followups.models import Attachment, DayOff
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    ConfidenceCandidateFactory,
    ConfidenceVoteFactory,
    ConstituencyFactory,
    CoordinationReviewFactory,
    DeadlineRuleFactory,
    DelegateFactory,
    DisseminationFactory,
    EmulationCriterionFactory,
    EmulationResultFactory,
    FollowUpFactory,
    InformationBriefFactory,
    MandateEndFactory,
    MembershipFactory,
    PartyCellFactory,
    PartyCellMembersFactory,
    PartyDocumentFactory,
    ProcedureVersionFactory,
    RewardFactory,
    SupervisionActivityFactory,
    SupervisionConclusionFactory,
    SupervisionItemFactory,
    SupervisionProgrammeFactory,
    SupervisionQuestionFactory,
    SupervisionRecommendationFactory,
    SynthesizedPetitionFactory,
    TargetFactory,
    TermFactory,
    TrainingFactory,
    VoterPetitionFactory,
    persona,
)
from tests.meetings_prep.factories import (
    CongressGoalFactory,
    JointMeetingFactory,
    PreparationTaskFactory,
    PrepSessionFactory,
    QuarterlyReportFactory,
    StandingMeetingFactory,
)

ROLES = [
    "admin",
    "staff",
    "standing",
    "committee",
    "delegate",
    "leadership",
    "agency",
    "city",
    "anon",
]
READERS = {"admin", "staff", "standing", "committee", "delegate", "leadership", "city"}
WRITERS = {"admin", "staff"}
MANAGERS = {"admin", "staff", "standing"}
PREPARERS = {"admin", "staff", "standing"}
PREP_RESOURCES = (
    "jointmeeting",
    "preparationtask",
    "standingmeeting",
    "quarterlyreport",
    "congressgoal",
)
LIBRARY_RESOURCES = (
    "procedure",
    "procedureversion",
    "emulationcriterion",
    "emulationregistration",
    "emulationresult",
    "reward",
)
DISCUSSION_RESOURCES = ("discussiongroup", "discussionopinion", "socialcriticism")
REGISTER_READERS = {"admin", "staff", "standing", "committee", "leadership", "city"}
VOTER_RECORDERS = {"admin", "staff", "standing", "delegate"}


def statuses(ok=(), forbidden_as=403, anon=302, **overrides):
    """Expected status per role: 200 for ``ok``, ``forbidden_as`` for the rest."""
    table = {role: (200 if role in ok else forbidden_as) for role in ROLES}
    table["anon"] = anon
    table.update(overrides)
    return table


ALL = set(ROLES) - {"anon"}

# (pattern on the URL name, expected statuses). Order matters: first match wins.
EXPECTED: list[tuple[str, dict]] = [
    ("home", statuses(ALL)),
    ("healthz", statuses(ALL, anon=200)),
    ("core-search", statuses(ALL)),
    # A picker's search answers whoever may view its records (every role sees some petition).
    ("core-picker", statuses(ALL)),
    ("login", statuses(ALL, anon=200)),
    ("logout", statuses(forbidden_as=405, anon=405)),  # POST only
    ("password_change", statuses(ALL)),
    ("password_change_done", statuses(ALL)),
    # The one-time reset link opens without a session (the walked one is not valid: its page
    # says so); the users page that makes links is the Office's and administrators'.
    ("password_reset_confirm", statuses(ALL, anon=200)),
    ("password_reset_complete", statuses(ALL, anon=200)),
    ("councils-user-list", statuses(WRITERS)),
    ("councils-user-reset-link", statuses(forbidden_as=405)),  # POST only
    ("councils-switch", statuses(forbidden_as=405)),  # POST only
    # "Hồ sơ của tôi": a delegate goes to their own page; an account linked to no delegate, 404.
    ("councils-my-profile", statuses(forbidden_as=404, delegate=302)),
    ("set_language", statuses(forbidden_as=302)),  # GET only redirects; POST sets the cookie
    ("councils-*-import*", statuses(WRITERS)),  # Excel import (kernel importer)
    # Targets: the dashboard for the council's readers; the review sends to its PDF.
    ("targets-dashboard", statuses(READERS)),
    # Several councils side by side: those who oversee (a Ban member, a delegate: 404).
    ("targets-city", statuses(READERS, committee=404, delegate=404)),
    # A review not drawn up yet: a page offering to draw it up (a GET writes nothing).
    ("targets-review", statuses(READERS)),
    ("targets-*-list", statuses(READERS)),
    ("targets-*-detail", statuses(READERS)),
    ("targets-*-history", statuses(READERS)),
    ("targets-*-create", statuses(WRITERS)),
    ("targets-*-update", statuses(WRITERS)),
    ("api-target-status", statuses(READERS, anon=403)),
    ("councils-*-list", statuses(READERS)),
    ("councils-*-detail", statuses(READERS)),
    ("councils-*-history", statuses(READERS)),
    # The Party Committee's own documents: the Party leadership records them too.
    ("councils-partydocument-create", statuses(WRITERS | {"leadership"})),
    ("councils-partydocument-update", statuses(WRITERS | {"leadership"})),
    # Procedures library and emulation: every reader reads (and downloads a version's text),
    # the Office and the Standing Committee record.
    ("councils-procedureversion-file", statuses(READERS)),
    *[
        (f"councils-{name}-{view}", statuses(MANAGERS))
        for name in LIBRARY_RESOURCES
        for view in ("create", "update")
    ],
    # Issue 22: newcomers' training (a read), a delegate's "Đã đọc" on a brief (POST only).
    ("councils-training-newcomers", statuses(READERS)),
    ("councils-informationbrief-acknowledge", statuses(forbidden_as=405)),
    ("api-informationbrief-acknowledge", statuses(forbidden_as=405, anon=403)),
    ("councils-*-create", statuses(WRITERS)),
    ("councils-*-update", statuses(WRITERS)),
    # The draft roster of the `world` term (print policy: councils.delegate export).
    ("documents-print", statuses(READERS)),
    # "Ký số", "Kiểm tra lại chữ ký", "Gửi HĐND thành phố": POST only.
    ("documents-register-*", statuses(forbidden_as=405)),
    # The reports the communes sent up, and their PDFs: the city's overseer only.
    ("documents-dispatch-*", statuses({"city"})),
    ("documents-*-list", statuses(REGISTER_READERS)),
    ("documents-*-detail", statuses(REGISTER_READERS)),
    ("documents-*-history", statuses(REGISTER_READERS)),
    ("documents-*-create", statuses(WRITERS)),
    ("documents-*-update", statuses(WRITERS)),
    ("followups-inbox", statuses(ALL)),
    ("followups-remind", statuses(forbidden_as=405)),  # POST only
    ("followups-followup-create", statuses(MANAGERS)),
    # An agency sees only what was forwarded to it: another agency's item is 404.
    ("followups-followup-detail", statuses(ALL, agency=404)),
    ("followups-followup-history", statuses(ALL, agency=404)),
    ("followups-followup-update", statuses(MANAGERS, agency=404)),
    ("followups-followup-answer", statuses(WRITERS, agency=404)),
    ("followups-followup-extend", statuses(MANAGERS, agency=404)),
    ("followups-followup-close", statuses(MANAGERS, agency=404)),
    # POST only; managers are sent back to the item, others refused.
    (
        "followups-followup-reopen",
        statuses(forbidden_as=403, agency=404, admin=302, staff=302, standing=302),
    ),
    # The walked item is open, not answered: managers are sent back to it, others refused.
    *[
        (name, statuses(forbidden_as=403, agency=404, admin=302, staff=302, standing=302))
        for name in ("followups-followup-accept", "followups-followup-send-back")
    ],
    ("followups-attachment", statuses(ALL, agency=404)),
    ("followups-deadlinerule-update", statuses({"admin"})),  # a global rule: admin only
    ("followups-dayoff-update", statuses({"admin"})),  # a global day off: admin only
    ("followups-*-create", statuses(WRITERS)),
    ("followups-*", statuses(ALL)),
    ("notifications-list", statuses(ALL)),
    ("notifications-mark-read", statuses(forbidden_as=405)),
    ("notifications-open", statuses(forbidden_as=405)),
    # meetings, sessions part: a delegate sees the documents (and their examinations) of the
    # sessions of their own term only; the walked delegate sits in another term.
    ("meetings-session-transition", statuses(forbidden_as=405)),  # POST only
    ("meetings-session-attendance", statuses(MANAGERS)),
    ("meetings-resolution-votes", statuses(MANAGERS)),
    ("meetings-resolution-vote-action", statuses(forbidden_as=405)),  # POST only
    ("meetings-resolution-issue", statuses(forbidden_as=405)),
    ("meetings-resolution-publication", statuses(forbidden_as=405)),
    ("meetings-resolution-task", statuses(forbidden_as=405)),
    ("meetings-question-commitment", statuses(forbidden_as=405)),
    ("meetings-document-upload", statuses(forbidden_as=405)),
    ("meetings-document-file", statuses(READERS - {"delegate"}, forbidden_as=404)),
    ("meetings-public-index", statuses(ALL, anon=200)),
    ("meetings-public-council", statuses(ALL, anon=200)),
    # The walked resolution is not issued: nobody gets its public PDF.
    ("meetings-public-resolution-pdf", statuses(forbidden_as=404, anon=404)),
    ("meetings-sessiondocument-detail", statuses(READERS, delegate=404)),
    ("meetings-sessiondocument-history", statuses(READERS, delegate=404)),
    ("meetings-sessiondocument-update", statuses(WRITERS, delegate=404)),
    ("meetings-examination-detail", statuses(READERS, delegate=404)),
    ("meetings-examination-history", statuses(READERS, delegate=404)),
    ("meetings-examination-create", statuses(WRITERS | {"committee"})),
    ("meetings-examination-update", statuses(WRITERS, delegate=404)),
    *[
        (f"meetings-{name}-{view}", table)
        for name in (
            "session",
            "agendaitem",
            "sessiondocument",
            "examination",
            "question",
            "resolution",
        )
        for view, table in (
            ("list", statuses(READERS)),
            ("detail", statuses(READERS)),
            ("history", statuses(READERS)),
            ("create", statuses(WRITERS)),
            ("update", statuses(WRITERS)),
        )
    ],
    ("api-sessiondocument-detail", statuses(READERS, anon=403, agency=403, delegate=404)),
    # Preparation of sessions, the Standing Committee's work, Party Congress goals (meetings).
    *[
        (f"meetings-{name}-{view}", statuses(READERS))
        for name in PREP_RESOURCES
        for view in ("list", "detail", "history")
    ],
    *[
        (f"meetings-{name}-{view}", statuses(PREPARERS))
        for name in ("jointmeeting", "preparationtask", "standingmeeting", "quarterlyreport")
        for view in ("create", "update")
    ],
    # Group discussion and the Front's social criticism (meetings/discussion).
    *[
        (f"meetings-{name}-{view}", table)
        for name in DISCUSSION_RESOURCES
        for view, table in (
            ("list", statuses(READERS)),
            ("detail", statuses(READERS)),
            ("history", statuses(READERS)),
            ("create", statuses(PREPARERS)),
            ("update", statuses(PREPARERS)),
        )
    ],
    ("meetings-congressgoal-create", statuses(WRITERS)),
    ("meetings-congressgoal-update", statuses(WRITERS)),
    ("meetings-congressgoal-import*", statuses(WRITERS)),
    # The coordination regulation (quy chế phối hợp) and its reviews: as the joint meetings.
    *[
        (
            f"meetings-{name}-{view}",
            statuses(PREPARERS if view in ("create", "update") else READERS),
        )
        for name in ("coordinationregulation", "coordinationreview")
        for view in ("list", "detail", "history", "create", "update")
    ],
    # The month calendar and the feed's page for every role; the reset is POST only; the
    # feed itself opens with its secret token, without a session.
    ("core-calendar", statuses(ALL)),
    ("core-calendar-feed", statuses(ALL)),
    ("core-calendar-feed-reset", statuses(forbidden_as=405)),
    ("core-calendar-ics", statuses(ALL, anon=200)),
    # Supervision (part A): readers read; a Ban member or group head edits only their own body's
    # records (the walked ones belong to a Ban the personas are not in); an agency reads only the
    # recommendations addressed to it (the walked one is another agency's: 404).
    # Confidence votes (supervision): the walked vote is open, so only the Office, the Standing
    # Committee and admins see it; other readers get 404 until it is closed.
    ("supervision-confidence-tally", statuses(MANAGERS, agency=403, forbidden_as=404)),
    ("supervision-confidence-close", statuses(forbidden_as=405)),  # POST only
    ("supervision-confidence-follow-up-vote", statuses(forbidden_as=405)),  # POST only
    ("supervision-confidencevote-list", statuses(READERS)),
    ("supervision-confidencevote-create", statuses(MANAGERS)),
    ("supervision-confidencevote-*", statuses(MANAGERS, agency=403, forbidden_as=404)),
    ("supervision-electedposition-create", statuses(MANAGERS)),
    ("supervision-electedposition-update", statuses(MANAGERS)),
    ("supervision-positionholder-create", statuses(MANAGERS)),
    ("supervision-positionholder-update", statuses(MANAGERS)),
    ("supervision-electedposition-*", statuses(READERS)),
    ("supervision-positionholder-*", statuses(READERS)),
    ("supervision-stats", statuses(READERS)),
    ("supervision-activity-decide", statuses(forbidden_as=405)),  # POST only
    ("supervision-activity-transition", statuses(forbidden_as=405)),
    ("supervision-activity-visit", statuses(forbidden_as=405)),
    ("supervision-activity-resupervise", statuses(forbidden_as=405)),
    ("supervision-recommendation-list", statuses(ALL)),
    ("supervision-recommendation-detail", statuses(READERS, agency=404)),
    ("supervision-recommendation-history", statuses(READERS, agency=404)),
    ("supervision-recommendation-update", statuses(MANAGERS, agency=404)),
    ("supervision-*-list", statuses(READERS)),
    ("supervision-*-detail", statuses(READERS)),
    ("supervision-*-history", statuses(READERS)),
    ("supervision-*-create", statuses(READERS - {"leadership", "city"})),
    ("supervision-*-update", statuses(MANAGERS)),
    ("api-supervision-recommendation-list", statuses(ALL, anon=403)),
    ("api-supervision-recommendation-detail", statuses(READERS, anon=403, agency=404)),
    # voters: delegates record meetings and petitions (their own only: the walked ones are
    # someone else's); staff merge and forward; an agency sees what was forwarded to it.
    ("voters-*-import*", statuses(VOTER_RECORDERS)),  # Excel import of petitions
    ("voters-votermeeting-create", statuses(VOTER_RECORDERS)),
    ("voters-voterpetition-create", statuses(VOTER_RECORDERS)),
    ("voters-votermeeting-update", statuses(VOTER_RECORDERS - {"delegate"})),
    ("voters-voterpetition-update", statuses(VOTER_RECORDERS - {"delegate"})),
    ("voters-votermeeting-petition-add", statuses(forbidden_as=405)),  # POST only
    ("voters-synthesizedpetition-assign", statuses(forbidden_as=405)),  # POST only
    # Not forwarded yet: writers are sent back to it, readers refused, an agency never sees it.
    (
        "voters-synthesizedpetition-answer",
        statuses(forbidden_as=403, agency=404, admin=302, staff=302),
    ),
    ("voters-synthesizedpetition-list", statuses(ALL)),
    ("voters-synthesizedpetition-update", statuses(WRITERS, agency=404)),
    ("voters-synthesizedpetition-*", statuses(READERS, agency=404)),
    ("voters-similar", statuses(ALL)),
    ("voters-repeats", statuses(ALL)),
    ("voters-csrf", statuses(ALL)),
    ("voters-merge", statuses(WRITERS)),
    # One council in the walk: the index goes straight to its public page, for anyone.
    ("voters-public-index", statuses(forbidden_as=302)),
    ("voters-public", statuses(ALL, anon=200)),
    ("voters-*-create", statuses(WRITERS)),
    ("voters-*-update", statuses(WRITERS)),
    ("voters-*", statuses(READERS)),
    ("api-synthesizedpetition-list", statuses(ALL, anon=403)),
    ("api-synthesizedpetition-detail", statuses(ALL, anon=403, agency=404)),
    # Citizen reception and letters (petitions): agencies reach them only as follow-ups.
    ("petitions-citizen-export", statuses(WRITERS)),
    ("petitions-identityaccess-create", statuses()),  # nobody writes the access log
    ("petitions-identityaccess-update", statuses()),
    ("petitions-identityaccess-*", statuses({"admin", "standing"})),
    ("petitions-letter-assign", statuses({"admin", "standing"})),
    # Lifting a protection: the record's handlers (none for the walked ones) and admins.
    ("petitions-*-lift", statuses({"admin"})),
    ("petitions-letter-create", statuses(MANAGERS | {"delegate"})),
    ("petitions-reception-create", statuses(MANAGERS | {"delegate"})),
    # A delegate edits only the receptions they logged (the walked one is the Office's).
    ("petitions-reception-update", statuses(MANAGERS)),
    *[
        (f"petitions-letter-{name}", statuses(MANAGERS))
        for name in (
            "forward",
            "guide",
            "result",
            "receipt",
            "accept",
            "extend",
            "update",
            "history",
        )
    ],
    ("petitions-reception-history", statuses(MANAGERS)),
    ("petitions-petitionsetting-create", statuses(WRITERS)),
    ("petitions-petitionsetting-update", statuses(WRITERS)),
    ("petitions-*-create", statuses(MANAGERS)),
    ("petitions-*-update", statuses(MANAGERS)),
    ("petitions-*", statuses(READERS)),
    *[
        (f"api-letter-{name}", statuses(forbidden_as=405, anon=403))  # POST only
        for name in ("forward", "receipt", "acceptance")
    ],
    ("api-root", statuses(ALL, anon=403)),
    ("api-schema", statuses(ALL, anon=403)),
    ("api-docs", statuses(ALL, anon=403)),
    ("api-followup-list", statuses(ALL, anon=403)),
    ("api-followup-detail", statuses(ALL, anon=403, agency=404)),
    ("api-followup-*", statuses(forbidden_as=405, anon=403)),  # POST actions
    ("api-confidencevote-detail", statuses(MANAGERS, anon=403, agency=403, forbidden_as=404)),
    ("api-*-list", statuses(READERS, anon=403)),
    ("api-*-detail", statuses(READERS, anon=403, agency=403)),
]

# URL kwargs for each name pattern, from the objects of the `world` fixture.
ARGS = {
    "councils-term-*": "term",
    "councils-constituency-*": "constituency",
    "councils-committee-*": "committee",
    "councils-delegate-*": "delegate",
    "councils-membership-*": "membership",
    "councils-agency-*": "agency",
    "councils-partycell-*": "partycell",
    "councils-training-*": "training",
    "councils-dissemination-*": "dissemination",
    "councils-partydocument-*": "partydocument",
    "api-partydocument-*": "partydocument",
    **{f"councils-{name}-*": name for name in LIBRARY_RESOURCES},
    **{f"api-{name}-*": name for name in LIBRARY_RESOURCES},
    "councils-partycellmembers-*": "partycellmembers",
    "api-partycellmembers-*": "partycellmembers",
    "councils-informationbrief-*": "informationbrief",
    "api-informationbrief-*": "informationbrief",
    "councils-mandateend-*": "mandateend",
    "api-mandateend-*": "mandateend",
    "targets-target-*": "target",
    "targets-review": lambda objects: {"year": 2026, "half": 1},
    "api-target-*": "target",
    "api-training-*": "training",
    "api-dissemination-*": "dissemination",
    "api-term-*": "term",
    "api-constituency-*": "constituency",
    "api-committee-*": "committee",
    "api-delegate-*": "delegate",
    "api-membership-*": "membership",
    "api-agency-*": "agency",
    "api-partycell-*": "partycell",
    "documents-documentregister-*": "document",
    "documents-register-*": "document",
    "documents-dispatch-pdf": "dispatch",
    "notifications-open": "notification",
    "followups-followup-*": "followup",
    "followups-attachment": "attachment",
    "followups-deadlinerule-*": "deadlinerule",
    "followups-dayoff-*": "dayoff",
    "api-followup-*": "followup",
    "meetings-session-transition": lambda o: {"pk": o["session"].pk, "action": "open"},
    "meetings-resolution-vote-action": lambda o: {"pk": o["resolution"].pk, "action": "close"},
    "meetings-session-*": "session",
    "meetings-agendaitem-*": "agendaitem",
    "meetings-sessiondocument-*": "sessiondocument",
    "meetings-document-upload": "sessiondocument",
    "meetings-document-file": "documentversion",
    "meetings-examination-*": "examination",
    "meetings-question-*": "question",
    "meetings-resolution-*": "resolution",
    "api-session-*": "session",
    "api-agendaitem-*": "agendaitem",
    "api-sessiondocument-*": "sessiondocument",
    "api-resolution-*": "resolution",
    "api-attendance-*": "attendance",
    **{f"meetings-{name}-*": name for name in PREP_RESOURCES},
    **{f"api-{name}-*": name for name in PREP_RESOURCES},
    **{f"meetings-{name}-*": name for name in ("coordinationregulation", "coordinationreview")},
    **{f"api-{name}-*": name for name in ("coordinationregulation", "coordinationreview")},
    **{f"meetings-{name}-*": name for name in DISCUSSION_RESOURCES},
    **{f"api-{name}-*": name for name in DISCUSSION_RESOURCES},
    "core-calendar-ics": lambda objects: {"token": objects["calendarfeed"].token},
    "password_reset_confirm": lambda objects: {"uidb64": "MQ", "token": "not-a-token"},
    "councils-user-reset-link": lambda objects: {"pk": objects["delegate"].user_id or 1},
    "supervision-programme-*": "sv_programme",
    "supervision-delegateplan-*": "sv_dplan",
    "supervision-delegateplanitem-*": "sv_dplanitem",
    "api-delegateplan-*": "sv_dplan",
    "api-delegateplanitem-*": "sv_dplanitem",
    "supervision-programmeitem-*": "sv_item",
    "supervision-activity-*": "sv_activity",
    "supervision-question-*": "sv_question",
    "supervision-conclusion-*": "sv_conclusion",
    "supervision-recommendation-*": "sv_recommendation",
    "api-supervision-programme-*": "sv_programme",
    "api-supervision-activity-*": "sv_activity",
    "api-supervision-recommendation-*": "sv_recommendation",
    "supervision-electedposition-*": "position",
    "supervision-positionholder-*": "holder",
    "supervision-confidencevote-*": "vote",
    "supervision-confidence-tally": "vote",
    "supervision-confidence-close": "vote",
    "api-electedposition-*": "position",
    "api-positionholder-*": "holder",
    "api-confidencevote-*": "vote",
    "supervision-confidence-follow-up-vote": lambda objects: {
        "pk": objects["vote"].pk,
        "candidate_pk": objects["candidate"].pk,
    },
    "voters-votermeeting-*": "votermeeting",
    "voters-voterpetition-*": "voterpetition",
    "voters-synthesizedpetition-*": "synthesizedpetition",
    "voters-petitionfield-*": "petitionfield",
    "voters-public": lambda objects: {"slug": objects["term"].council.slug},
    "api-votermeeting-*": "votermeeting",
    "api-voterpetition-*": "voterpetition",
    "api-synthesizedpetition-*": "synthesizedpetition",
    "petitions-letter-*": "letter",
    "petitions-reception-*": "reception",
    "petitions-receptionschedule-*": "receptionschedule",
    "petitions-petitionreport-*": "petitionreport",
    "petitions-petitionsetting-*": "petitionsetting",
    "petitions-identityaccess-*": "identityaccess",
    "api-letter-*": "letter",
    "api-reception-*": "reception",
    # Several parameters: a function of the objects giving the URL kwargs.
    "core-picker": lambda objects: {"code": "voters.synthesizedpetition"},
    "documents-print": lambda objects: {"kind": "councils.roster", "pk": objects["term"].pk},
    "meetings-public-council": lambda o: {"slug": o["term"].council.slug},
    "meetings-public-resolution-pdf": lambda o: {
        "slug": o["term"].council.slug,
        "pk": o["resolution"].pk,
    },
}


def named_urls():
    """Every (name, route params) of the project, admin excluded (superuser-only, tested apart)."""
    found = {}

    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                name = f"{namespace}:{p.name}" if namespace else p.name
                found.setdefault(name, p.pattern.regex.groupindex.keys())

    walk(get_resolver().url_patterns)
    return {name: list(params) for name, params in found.items() if "format" not in params}


def expected_for(name):
    for pattern, table in EXPECTED:
        if fnmatch(name, pattern):
            return table
    return None


@pytest.fixture
def world(council):
    term = TermFactory(council=council)
    delegate = DelegateFactory(term=term)
    committee = CommitteeFactory(term=term)
    objects = {
        "term": term,
        "constituency": ConstituencyFactory(term=term),
        "committee": committee,
        "delegate": delegate,
        "membership": MembershipFactory(committee=committee, delegate=delegate),
        "agency": AgencyFactory(council=council),
        "partycell": PartyCellFactory(council=council),
        "training": TrainingFactory(council=council, delegates=[delegate]),
        "target": TargetFactory(council=council),
        "followup": FollowUpFactory(council=council),
        "document": document_number_issue(
            council=council, type_code="BC", issued_on=term.start_date, title="Báo cáo"
        ),
    }
    objects["attachment"] = Attachment.objects.create(
        followup=objects["followup"], name="a.pdf", file=SimpleUploadedFile("a.pdf", b"%PDF")
    )
    objects["dispatch"] = Dispatch.objects.create(
        council=council,
        document=objects["document"],
        commune=council.short_name,
        symbol=objects["document"].symbol,
        title="Báo cáo",
        issued_on=term.start_date,
        sent_at=dt.datetime(2026, 7, 6, 9, 0, tzinfo=dt.UTC),
        file=SimpleUploadedFile("bc.pdf", b"%PDF"),
    )
    objects["dissemination"] = DisseminationFactory(
        council=council, party_cell=objects["partycell"]
    )
    objects["partydocument"] = PartyDocumentFactory(council=council)
    objects["procedureversion"] = ProcedureVersionFactory(procedure__council=council)
    objects["procedure"] = objects["procedureversion"].procedure
    objects["emulationcriterion"] = EmulationCriterionFactory(council=council)
    objects["emulationresult"] = EmulationResultFactory(registration__delegate=delegate)
    objects["emulationregistration"] = objects["emulationresult"].registration
    objects["reward"] = RewardFactory(delegate=delegate)
    objects["partycellmembers"] = PartyCellMembersFactory(
        council=council, party_cell=objects["partycell"]
    )
    objects["informationbrief"] = InformationBriefFactory(council=council)
    objects["mandateend"] = MandateEndFactory(delegate=DelegateFactory(term=term))
    objects["deadlinerule"] = DeadlineRuleFactory()
    # Supervision records of a Ban none of the personas sits on.
    ban = CommitteeFactory(term=term, kind="ban", name="Ban Văn hóa - Xã hội")
    objects["sv_programme"] = SupervisionProgrammeFactory(council=council)
    objects["sv_item"] = SupervisionItemFactory(programme=objects["sv_programme"])
    objects["sv_activity"] = SupervisionActivityFactory(council=council, body="ban", committee=ban)
    objects["sv_question"] = SupervisionQuestionFactory(
        council=council, activity__council=council, activity__committee=ban, activity__body="ban"
    )
    objects["sv_conclusion"] = SupervisionConclusionFactory(activity=objects["sv_activity"])
    objects["sv_recommendation"] = SupervisionRecommendationFactory(
        activity=objects["sv_activity"], agency=objects["agency"]
    )
    objects["voterpetition"] = VoterPetitionFactory(
        meeting__holder__term=term, meeting__holder__kind="delegate_group"
    )
    objects["votermeeting"] = objects["voterpetition"].meeting
    objects["petitionfield"] = objects["voterpetition"].field
    objects["synthesizedpetition"] = SynthesizedPetitionFactory(
        council=council, field=objects["petitionfield"]
    )
    objects["dayoff"] = DayOff.objects.create(date=dt.date(2027, 2, 11), name="Nghỉ bù")
    objects.update(_delegate_plan_records(council, delegate))
    objects.update(_meetings_objects(term, delegate, committee))
    objects["candidate"] = ConfidenceCandidateFactory(
        vote=ConfidenceVoteFactory(term=term), holder__term=term
    )
    objects["vote"] = objects["candidate"].vote
    objects["holder"] = objects["candidate"].holder
    objects["position"] = objects["holder"].position
    users = {role: persona(role, council) for role in ROLES if role != "anon"}
    session = PrepSessionFactory(council=council, term=term)
    objects.update(
        jointmeeting=JointMeetingFactory(council=council, session=session),
        preparationtask=PreparationTaskFactory(council=council, session=session),
        standingmeeting=StandingMeetingFactory(council=council, term=term),
        quarterlyreport=QuarterlyReportFactory(council=council),
        congressgoal=CongressGoalFactory(council=council),
        coordinationreview=CoordinationReviewFactory(council=council, regulation__term=term),
        calendarfeed=feed_for(users["staff"].pk, council.pk),
    )
    objects["coordinationregulation"] = objects["coordinationreview"].regulation
    objects.update(_petition_records(council, users["staff"]))
    objects.update(_discussion_records(objects["session"], objects["sessiondocument"]))
    return objects, users


def _discussion_records(session, draft):
    """A discussion group with one opinion, and the Front's criticism of the walked draft."""
    from meetings.models import DiscussionGroup, DiscussionOpinion, SocialCriticism

    member = DelegateFactory(term=session.term)
    group = DiscussionGroup.objects.create(
        council=session.council, session=session, name="Tổ 1", held_on=session.start_date
    )
    group.members.set([member])
    return {
        "discussiongroup": group,
        "discussionopinion": DiscussionOpinion.objects.create(
            council=session.council, group=group, speaker=member, content="Ý kiến"
        ),
        "socialcriticism": SocialCriticism.objects.create(
            council=session.council,
            draft=draft,
            reference="01/BC-MTTQ",
            dated_on=session.start_date,
            received_on=session.start_date,
            opinions="Phản biện",
        ),
    }


def _meetings_objects(term, delegate, committee):
    from meetings.models import Attendance, DocumentVersion
    from tests.factories import (
        AgendaItemFactory,
        ExaminationFactory,
        QuestionFactory,
        ResolutionFactory,
        SessionDocumentFactory,
        SessionFactory,
    )

    session = SessionFactory(term=term)
    document = SessionDocumentFactory(session=session)
    return {
        "session": session,
        "agendaitem": AgendaItemFactory(session=session),
        "sessiondocument": document,
        "documentversion": DocumentVersion.objects.create(
            document=document, number=1, name="a.pdf", file=SimpleUploadedFile("a.pdf", b"%PDF")
        ),
        "examination": ExaminationFactory(document=document, committee=committee),
        "question": QuestionFactory(session=session, asker=delegate),
        "resolution": ResolutionFactory(session=session),
        "attendance": Attendance.objects.create(
            council=term.council, session=session, delegate=delegate
        ),
    }


def _delegate_plan_records(council, delegate):
    """A delegate's supervision plan (the world's delegate: no persona's own)."""
    from supervision.models import DelegatePlan, DelegatePlanItem

    plan = DelegatePlan.objects.create(
        council=council, delegate=delegate, year=2026, filed_on=dt.date(2026, 1, 15)
    )
    item = DelegatePlanItem.objects.create(
        council=council, plan=plan, subject="Thu gom rác thải", planned_month=5
    )
    return {"sv_dplan": plan, "sv_dplanitem": item}


def _petition_records(council, staff):
    """The petitions app's records (a letter still to forward, a reception, a period…)."""
    from petitions import models as pm

    day = dt.date(2026, 11, 2)
    reception = pm.Reception.objects.create(
        council=council,
        received_on=day,
        place="Trụ sở",
        citizen_name="Nguyễn Văn Hùng",
        kind=pm.Kind.PETITION,
        content="Kiến nghị sửa đường",
        outcome=pm.Reception.Outcome.ACCEPTED,
    )
    letter = pm.Letter.objects.create(
        council=council,
        year=2026,
        number=1,
        source=pm.Letter.Source.POST,
        received_on=day,
        kind=pm.Kind.PETITION,
        sender_name="Nguyễn Văn Hùng",
        subject="Kiến nghị sửa đường",
    )
    return {
        "reception": reception,
        "letter": letter,
        "receptionschedule": pm.ReceptionSchedule.objects.create(
            council=council, date=day, place="Trụ sở", host=pm.ReceptionSchedule.Host.CHAIR
        ),
        "petitionreport": pm.PetitionReport.objects.create(
            council=council, title="Năm 2026", period_start=dt.date(2026, 1, 1), period_end=day
        ),
        "petitionsetting": pm.PetitionSetting.objects.create(
            council=council, start_date=dt.date(2026, 1, 1)
        ),
        "identityaccess": pm.IdentityAccess.objects.create(
            council=council, user=staff, letter=letter, purpose="page", page="/petitions/"
        ),
    }


def test_every_named_url_has_an_expectation():
    missing = sorted(name for name in named_urls() if expected_for(name) is None)
    assert not missing, f"Add an expectation to tests/test_url_walk.py for: {missing}"


@pytest.mark.parametrize("role", ROLES)
def test_it_answers_every_url_with_the_expected_status_for_the_role(client, world, role):
    from django.urls import reverse

    from tests.factories import NotificationFactory

    objects, users = world
    if role != "anon":
        client.force_login(users[role])
        objects["notification"] = NotificationFactory(user=users[role])
    else:
        objects["notification"] = NotificationFactory(user=users["staff"])
    failures = []
    for name, params in sorted(named_urls().items()):
        table = expected_for(name)
        if table is None:
            continue
        kwargs = {}
        if params:
            key = next((v for pat, v in ARGS.items() if fnmatch(name, pat)), None)
            if key is None:
                failures.append(f"{name}: no ARGS entry for its parameters {params}")
                continue
            kwargs = key(objects) if callable(key) else {params[0]: objects[key].pk}
        url = reverse(name, kwargs=kwargs)
        status = client.get(url).status_code
        if status != table[role]:
            failures.append(f"{name} {url}: {role} got {status}, expected {table[role]}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ["staff", "standing", "leadership", "agency", "city", "anon"])
def test_it_keeps_django_admin_for_superusers_only(client, world, role):
    _objects, users = world
    if role != "anon":
        client.force_login(users[role])
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_it_opens_django_admin_to_the_superuser(client, world):
    _objects, users = world
    client.force_login(users["admin"])
    assert client.get("/admin/").status_code == 200

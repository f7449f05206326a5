"""Walk every named URL as every role and assert the expected status.

A new page must be given an expectation here, or this test fails: no page can
be left open by accident. The first matching pattern wins.
"""

import datetime as dt
from fnmatch import fnmatch

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from hdnd_portal.documents.services import document_number_issue
from hdnd_portal.followups.models import Attachment, DayOff
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    ConstituencyFactory,
    DeadlineRuleFactory,
    DelegateFactory,
    DisseminationFactory,
    FollowUpFactory,
    MembershipFactory,
    PartyCellFactory,
    TargetFactory,
    TermFactory,
    TrainingFactory,
    persona,
)

ROLES = ["admin", "staff", "standing", "committee", "delegate", "leadership", "agency", "anon"]
READERS = {"admin", "staff", "standing", "committee", "delegate", "leadership"}
WRITERS = {"admin", "staff"}
MANAGERS = {"admin", "staff", "standing"}
REGISTER_READERS = {"admin", "staff", "standing", "committee", "leadership"}


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
    ("login", statuses(ALL, anon=200)),
    ("logout", statuses(forbidden_as=405, anon=405)),  # POST only
    ("password_change", statuses(ALL)),
    ("password_change_done", statuses(ALL)),
    ("councils-switch", statuses(forbidden_as=405)),  # POST only
    # "Hồ sơ của tôi": a delegate goes to their own page; an account linked to no delegate, 404.
    ("councils-my-profile", statuses(forbidden_as=404, delegate=302)),
    ("set_language", statuses(forbidden_as=302)),  # GET only redirects; POST sets the cookie
    ("councils-*-import*", statuses(WRITERS)),  # Excel import (kernel importer)
    # Targets: the dashboard for the council's readers; the review sends to its PDF.
    ("targets-dashboard", statuses(READERS)),
    # Several councils side by side: those who oversee (a Ban member, a delegate: 404).
    ("targets-city", statuses(READERS, committee=404, delegate=404)),
    ("targets-review", statuses(forbidden_as=403, **{r: 302 for r in READERS})),
    ("targets-*-list", statuses(READERS)),
    ("targets-*-detail", statuses(READERS)),
    ("targets-*-history", statuses(READERS)),
    ("targets-*-create", statuses(WRITERS)),
    ("targets-*-update", statuses(WRITERS)),
    ("api-target-status", statuses(READERS, anon=403)),
    ("councils-*-list", statuses(READERS)),
    ("councils-*-detail", statuses(READERS)),
    ("councils-*-history", statuses(READERS)),
    ("councils-*-create", statuses(WRITERS)),
    ("councils-*-update", statuses(WRITERS)),
    # The draft roster of the `world` term (print policy: councils.delegate export).
    ("documents-print", statuses(READERS)),
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
    ("notifications-open", statuses(forbidden_as=302)),
    ("api-root", statuses(ALL, anon=403)),
    ("api-schema", statuses(ALL, anon=403)),
    ("api-docs", statuses(ALL, anon=403)),
    ("api-followup-list", statuses(ALL, anon=403)),
    ("api-followup-detail", statuses(ALL, anon=403, agency=404)),
    ("api-followup-*", statuses(forbidden_as=405, anon=403)),  # POST actions
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
    "notifications-open": "notification",
    "followups-followup-*": "followup",
    "followups-attachment": "attachment",
    "followups-deadlinerule-*": "deadlinerule",
    "followups-dayoff-*": "dayoff",
    "api-followup-*": "followup",
    # Several parameters: a function of the objects giving the URL kwargs.
    "documents-print": lambda objects: {"kind": "councils.roster", "pk": objects["term"].pk},
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
    objects["dissemination"] = DisseminationFactory(
        council=council, party_cell=objects["partycell"]
    )
    objects["deadlinerule"] = DeadlineRuleFactory()
    objects["dayoff"] = DayOff.objects.create(date=dt.date(2027, 2, 11), name="Nghỉ bù")
    users = {role: persona(role, council) for role in ROLES if role != "anon"}
    return objects, users


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


@pytest.mark.parametrize("role", ["staff", "standing", "leadership", "agency", "anon"])
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

"""Generated requests over the whole API (schemathesis): never a server error.

The schema is read from the app itself (WSGI, no server); every operation gets
``EXAMPLES_PER_OPERATION`` generated cases as the Office (staff) and as an agency, with token
auth, derandomized so a run is repeatable. Failures are collected per operation so one run
shows every 5xx at once. Every query parameter the schema documents — each list's search
``q`` and its filters — is sent in at least one case, so a new filter is fuzzed from its first
commit; a quarter of the strings and a fifth of the integers come from the penetration test's
dictionary (:data:`FUZZ_CONFIG`: a NUL, control characters, numbers past 64 bits). CI
(``.ci/run``) runs this on PostgreSQL, where a NUL that reaches the database is a server error.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup

from tests.councils.records import SPECS
from tests.factories import FollowUpFactory

# Transactional, as in production: the WSGI handler's request signals manage the connection
# (on PostgreSQL they would close the connection under a test-wrapping transaction), and a request
# the database refuses cannot poison the next one's transaction.
pytestmark = [pytest.mark.schemathesis, pytest.mark.django_db(transaction=True)]

EXAMPLES_PER_OPERATION = 14
MIN_CASES = 1000
# Fuzz dictionaries (schemathesis "generation.dictionaries"): values mixed into every string and
# integer the fuzzer generates — what issue 21's penetration test sent (a NUL in a search box, a
# 30-digit filter) and their neighbours. Plain hypothesis strings rarely hold a NUL.
FUZZ_CONFIG = {
    "dictionaries": {
        "hostile-text": {
            "values": ["a\x00b", "\x00", "thôn\x01hạ\x1f", "²", "9" * 30, "-1e999999"]
        },
        "hostile-numbers": {"values": [10**30, -(10**30), 2**63, -(2**63) - 1]},
    },
    "generation": {
        "dictionaries": {
            "string": {"dictionary": "hostile-text", "probability": 0.25},
            "integer": {"dictionary": "hostile-numbers", "probability": 0.2},
        }
    },
}


@pytest.fixture
def world(council, make_persona, ours):
    """One record of every resource; the agency's follow-up is the one acted on by id."""
    agency_user = make_persona("agency")
    followup = FollowUpFactory(council=council, agency=agency_user.council_roles.get().agency)
    ids = {spec.api: ours[spec.name].pk for spec in SPECS} | {"followups": followup.pk}
    return {"ids": ids, "staff": make_persona("staff"), "agency": agency_user}


def _path_parameters(operation, ids: dict) -> dict:
    # /api/v1/<prefix>/{id}/…: a real record, so detail routes and actions run past the 404.
    prefix = operation.path.strip("/").split("/")[2]
    # Prefixes without a record here (the domain apps' own schemathesis tests seed theirs) get an
    # id that exists nowhere: their detail routes must answer 404, never a server error.
    return {"id": ids.get(prefix, 2**31 - 1)} if "{id}" in operation.path else {}


def _run(app, headers, ids, unsent: set[str]) -> tuple[int, list[str]]:
    """Fuzz every operation; ``unsent`` gets "GET /path ?name" for each documented query
    parameter that no generated case carried."""
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json",
        app,
        headers=headers,
        config=SchemathesisConfig.from_dict(FUZZ_CONFIG),
    )
    cases = 0
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        label = f"{operation.method.upper()} {operation.path}"
        documented = {parameter.name for parameter in operation.query}
        sent: set[str] = set()
        errors: list[str] = []  # the requests answered with a 5xx, for the report

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(path_parameters=_path_parameters(operation, ids)))
        def check(case):
            nonlocal cases
            cases += 1
            # check() runs within this iteration: the loop's variables are the right ones.
            sent.update(case.query or {})  # noqa: B023
            response = case.call(headers=headers)
            if response.status_code >= 500:
                errors.append(f"query={case.query!r} body={case.body!r}"[:500])  # noqa: B023
            case.validate_response(response, checks=[not_a_server_error])

        try:
            check()
        # schemathesis' FailureGroup is a BaseExceptionGroup, not an Exception.
        except (Exception, FailureGroup) as exc:  # noqa: BLE001 - every failure is reported
            failures.append(f"{label}: {exc} {errors[:1]}"[:2000])
        unsent.update(f"{label} ?{name}" for name in documented - sent)
    return cases, failures


def test_it_never_answers_a_server_error_to_generated_requests(world):
    app = get_wsgi_application()
    total = 0
    failures = []
    unsent = {"staff": set(), "agency": set()}
    for role in ("staff", "agency"):
        token, _ = Token.objects.get_or_create(user=world[role])
        cases, failed = _run(
            app, {"Authorization": f"Token {token.key}"}, world["ids"], unsent[role]
        )
        total += cases
        failures += [f"[{role}] {f}" for f in failed]
    assert not failures, "\n\n".join(failures)
    assert total >= MIN_CASES
    # Every documented query parameter (the search ``q`` and every filter) was fuzzed.
    never_sent = unsent["staff"] & unsent["agency"]
    assert not never_sent, sorted(never_sent)

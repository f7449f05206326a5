"""Generated requests over the confidence-vote endpoints (schemathesis): never a server error.

The run of tests/api/test_schemathesis.py (as the Office and as an agency, token auth,
derandomized), limited to this part's operations, with a real vote, position and holder
behind every ``{id}``.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from tests.supervision_confidence.conftest import build_vote

pytestmark = [pytest.mark.schemathesis, pytest.mark.django_db(transaction=True)]

EXAMPLES_PER_OPERATION = 14


def _run(app, headers, ids) -> tuple[int, list[str]]:
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app, headers=headers)
    cases = 0
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        prefix = operation.path.strip("/").split("/")[2]
        if prefix not in ids:
            continue
        params = {"id": ids[prefix]} if "{id}" in operation.path else {}

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(path_parameters=params))
        def check(case):
            nonlocal cases
            cases += 1
            response = case.call(headers=headers)
            case.validate_response(response, checks=[not_a_server_error])

        try:
            check()
        except Exception as exc:  # noqa: BLE001 - every operation's failure is reported
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}"[:2000])
    return cases, failures


def test_the_confidence_endpoints_never_answer_a_server_error(council, make_persona, rules):
    setup = build_vote(council)
    candidate = setup.candidates[0]
    ids = {
        "confidence-votes": setup.vote.pk,
        "elected-positions": candidate.holder.position_id,
        "position-holders": candidate.holder_id,
    }
    app = get_wsgi_application()
    failures, total = [], 0
    for role in ("staff", "agency"):
        token, _ = Token.objects.get_or_create(user=make_persona(role))
        cases, failed = _run(app, {"Authorization": f"Token {token.key}"}, ids)
        total += cases
        failures += [f"[{role}] {f}" for f in failed]
    assert total >= 100
    assert not failures, "\n\n".join(failures)

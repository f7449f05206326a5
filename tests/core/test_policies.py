"""Policies are registered in AppConfig.ready(): every process sees the same gate."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import get_resolver

from hdnd_portal.core.access import Access
from hdnd_portal.core.permissions import (
    UnknownPolicy,
    can,
    policies,
    register_policy,
    require,
    role_allows,
)

ROOT = Path(__file__).resolve().parents[2]

# A Celery worker's process: settings and apps, never the URLconf.
WORKER = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    from hdnd_portal.celery import app  # noqa: F401 - what `celery worker` imports
    from hdnd_portal.core.access import Access
    from hdnd_portal.core.permissions import can, policies
    staff = Access(user_id=1, council_id=1, council_name="x", role="staff")
    agency = Access(user_id=2, council_id=1, council_name="x", role="agency")
    print(json.dumps({
        "urlconf_imported": "hdnd_portal.urls" in sys.modules,
        "can_staff": can(staff, "councils.delegate", "view"),
        "can_agency": can(agency, "councils.delegate", "view"),
        "policies": {
            key: {action: sorted(roles) for action, roles in table.items()}
            for key, table in policies().items()
        },
    }))
    """
)


def as_json(table) -> dict:
    return {
        key: {action: sorted(roles) for action, roles in actions.items()}
        for key, actions in table.items()
    }


def staff() -> Access:
    return Access(user_id=1, council_id=1, council_name="Phúc Lộc", role="staff")


def test_it_gives_a_worker_without_the_urlconf_the_same_policies_as_the_web_process():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hdnd_portal.settings"}
    result = subprocess.run(
        [sys.executable, "-c", WORKER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    worker = json.loads(result.stdout.strip().splitlines()[-1])
    get_resolver().url_patterns  # noqa: B018 - the web process has loaded every page

    assert worker["urlconf_imported"] is False
    assert worker["can_staff"] is True  # a reminder job may read councils.* records
    assert worker["can_agency"] is False
    assert worker["policies"] == as_json(policies())
    assert {"councils.delegate", "documents.documentregister", "followups.followup"} <= set(
        worker["policies"]
    )


def test_it_refuses_a_check_against_a_policy_nobody_registered():
    with pytest.raises(UnknownPolicy, match="AppConfig.ready"):
        can(staff(), "councils.delegat", "view")  # a typo, not a silent "no"
    with pytest.raises(UnknownPolicy):
        require(staff(), "petitions.petition", "view")
    with pytest.raises(UnknownPolicy):
        role_allows(None, "councils.delegat", "view")  # even for an anonymous request


def test_it_answers_no_for_an_action_the_policy_does_not_grant():
    assert can(staff(), "councils.delegate", "delete") is False


def test_it_refuses_a_second_different_table_for_a_registered_key():
    table = policies()["councils.delegate"]
    register_policy("councils.delegate", **table)  # ready() run twice: harmless

    with pytest.raises(ImproperlyConfigured, match="councils.delegate"):
        register_policy("councils.delegate", view={"agency"})
    assert policies()["councils.delegate"] == table

"""Database connection settings as a fresh process reads them."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_it_keeps_database_connections_with_health_checks_by_default():
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; "
        "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DB_CONN_MAX_AGE"}
    env["DJANGO_SETTINGS_MODULE"] = "hdnd_portal.settings"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[60, true]"

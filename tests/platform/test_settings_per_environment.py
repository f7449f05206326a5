"""What each environment chooses, as a fresh process reads the settings (README "Past one machine")."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CLEARED = (
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "DATABASE_POOLER",
    "DB_CONN_MAX_AGE",
    "REDIS_URL",
    "STORAGE_BACKEND",
    "STORAGE_DOWNLOADS",
    "NODE_NAME",
)
PROBE = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "databases": settings.DATABASES,
    "cache": settings.CACHES["default"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE,
    "storage": settings.STORAGES["default"],
    "middleware": settings.MIDDLEWARE,
    "scheduler": settings.CELERY_BEAT_SCHEDULER,
    "routers": settings.DATABASE_ROUTERS,
}, default=str))
"""


def read_settings(tmp_path, **env) -> dict:
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environ.update(DJANGO_SETTINGS_MODULE="hdnd_portal.settings", VAR_DIR=str(tmp_path), **env)
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, env=environ, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_one_machine_keeps_files_on_disk_cache_in_memory_and_sessions_in_the_database(tmp_path):
    s = read_settings(tmp_path)
    assert s["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert s["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert s["sessions"] == "django.contrib.sessions.backends.db"
    assert set(s["databases"]) == {"default"}
    assert "hdnd_portal.core.node.NodeNameMiddleware" in s["middleware"]
    assert s["scheduler"] == "hdnd_portal.core.beat_lock:LockedDatabaseScheduler"


def test_s3_is_chosen_by_environment_and_keeps_objects_private_behind_signed_urls(tmp_path):
    s = read_settings(
        tmp_path,
        STORAGE_BACKEND="s3",
        AWS_S3_ENDPOINT_URL="http://minio:9000",
        AWS_STORAGE_BUCKET_NAME="hdnd-files",
        AWS_ACCESS_KEY_ID="portal",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_QUERYSTRING_EXPIRE="120",
    )
    storage = s["storage"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "hdnd-files"
    assert options["endpoint_url"] == "http://minio:9000"
    assert options["default_acl"] is None  # no public-read ACL: the private bucket's applies
    assert options["querystring_auth"] is True and options["querystring_expire"] == 120
    assert options["file_overwrite"] is False


def test_an_unknown_storage_backend_stops_the_start(tmp_path):
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environ.update(DJANGO_SETTINGS_MODULE="hdnd_portal.settings", VAR_DIR=str(tmp_path))
    environ["STORAGE_BACKEND"] = "ftp"
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0 and "STORAGE_BACKEND" in out.stderr


def test_redis_holds_the_cache_and_a_copy_of_sessions_kept_in_the_database(tmp_path):
    s = read_settings(tmp_path, REDIS_URL="redis://redis:6379/0")
    assert s["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert s["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_pgbouncer_gets_no_server_side_cursors_nor_prepared_statements(tmp_path):
    s = read_settings(
        tmp_path,
        DATABASE_URL="postgres://hdnd:pw@pgbouncer:6432/hdnd",
        DATABASE_POOLER="pgbouncer",
    )
    db = s["databases"]["default"]
    assert db["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert db["OPTIONS"]["prepare_threshold"] is None
    assert db["CONN_MAX_AGE"] == 60 and db["CONN_HEALTH_CHECKS"] is True


def test_postgresql_without_a_pooler_keeps_server_side_cursors(tmp_path):
    s = read_settings(tmp_path, DATABASE_URL="postgres://hdnd:pw@postgres:5432/hdnd")
    assert not s["databases"]["default"].get("DISABLE_SERVER_SIDE_CURSORS")


def test_a_replica_url_adds_the_replica_database_mirrored_in_tests(tmp_path):
    s = read_settings(
        tmp_path,
        DATABASE_URL="postgres://hdnd:pw@pgbouncer:6432/hdnd",
        DATABASE_REPLICA_URL="postgres://hdnd:pw@replica:5432/hdnd",
        DATABASE_POOLER="pgbouncer",
    )
    replica = s["databases"]["replica"]
    assert replica["HOST"] == "replica"
    assert replica["TEST"]["MIRROR"] == "default"
    assert replica["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert s["routers"] == ["hdnd_portal.db_router.ReplicaRouter"]


@pytest.mark.parametrize("value", ["", "web-2"])
def test_the_node_names_itself_in_a_header_only_when_named(tmp_path, value):
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz/'); print(r.status_code, r.headers.get('X-Node', '-'))"
    )
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environ.update(
        DJANGO_SETTINGS_MODULE="hdnd_portal.settings",
        VAR_DIR=str(tmp_path),
        NODE_NAME=value,
        SECURE_SSL_REDIRECT="0",
        DEBUG="1",
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=environ, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-1] == (value or "-")

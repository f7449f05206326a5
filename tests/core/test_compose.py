"""The production stack (docker-compose.yml, Dockerfile, .env.example) as written.

No Docker engine runs on the development and CI machines, so these tests read the files: the
services, their commands, start order and healthchecks, and that every variable of the
example environment is one the settings actually read.
"""

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def _env_example() -> dict[str, str]:
    pairs = {}
    for line in (REPO / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def _depends(service) -> dict[str, str]:
    return {name: spec["condition"] for name, spec in service.get("depends_on", {}).items()}


def test_it_runs_postgres_16_redis_7_web_worker_beat_and_a_migrate_step(services):
    assert set(services) == {"postgres", "redis", "migrate", "web", "worker", "beat"}
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")


def test_it_serves_the_web_with_gunicorn_after_the_database_is_healthy_and_migrated(services):
    web = services["web"]
    assert web["command"][:2] == ["gunicorn", "hdnd_portal.wsgi"]
    assert _depends(web) == {
        "postgres": "service_healthy",
        "redis": "service_healthy",
        "migrate": "service_completed_successfully",
    }
    probe = " ".join(web["healthcheck"]["test"])
    assert "http://localhost:8000/healthz/" in probe
    assert "localhost" in web["environment"]["ALLOWED_HOSTS"].split(",")


def test_it_migrates_once_before_the_app_starts(services):
    migrate = services["migrate"]
    script = " ".join(migrate["command"])
    assert "manage.py migrate --noinput" in script
    assert "setup_schedules" in script
    assert migrate["restart"] == "no"
    assert _depends(migrate) == {"postgres": "service_healthy"}


def test_it_runs_the_celery_worker_and_beat_with_the_database_scheduler(services):
    worker, beat = services["worker"], services["beat"]
    assert worker["command"][:4] == ["celery", "-A", "hdnd_portal", "worker"]
    assert "inspect ping" in " ".join(worker["healthcheck"]["test"])
    assert beat["command"][:4] == ["celery", "-A", "hdnd_portal", "beat"]
    assert "django_celery_beat.schedulers:DatabaseScheduler" in beat["command"]
    for service in (worker, beat):
        assert _depends(service)["redis"] == "service_healthy"
        assert _depends(service)["migrate"] == "service_completed_successfully"


def test_it_gives_every_app_service_the_env_file_with_debug_off_and_shared_files(services):
    for name in ("migrate", "web", "worker", "beat"):
        service = services[name]
        assert service["env_file"] == ".env", name
        assert service["environment"]["DEBUG"] == "0", name
        assert "appdata:/app/var" in service["volumes"], name
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_it_documents_every_setting_production_needs_in_env_example():
    env = _env_example()
    for key in (
        "DATABASE_URL",
        "REDIS_URL",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DEBUG",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "DEFAULT_FROM_EMAIL",
        "CSRF_TRUSTED_ORIGINS",
    ):
        assert key in env, key
    assert env["DEBUG"] == "0"
    assert env["SECRET_KEY"] == "", "the example must not ship a usable secret"
    assert (
        env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
    )
    assert env["REDIS_URL"].startswith("redis://redis:6379/")


def test_it_lists_only_variables_the_settings_read():
    settings_source = (REPO / "hdnd_portal" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', settings_source))
    unknown = {key for key in _env_example() if not key.startswith("POSTGRES_")} - read
    assert not unknown, f".env.example sets variables nothing reads: {sorted(unknown)}"


def test_it_builds_a_slim_non_root_image_with_hashed_static_files():
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert dockerfile.startswith("#") and "FROM python:3.11-slim-bookworm" in dockerfile
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-liberation2"):
        assert package in dockerfile
    assert "MANIFEST_STATIC=1" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, flags=re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert 'CMD ["gunicorn", "hdnd_portal.wsgi"' in dockerfile

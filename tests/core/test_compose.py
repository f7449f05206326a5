"""The production stack as compose resolves it, checked against what the code provides.

No Docker engine runs on the development and CI machines, but compose's own ``config`` does:
it validates ``docker-compose.yml`` with an environment made from ``.env.example`` and prints
the resolved services. The tests check that what those services run exists in the code (the
WSGI module, the Celery app and scheduler, the management commands, the health URL), rather than
re-typing the file. CI (CI_REQUIRE_SERVICES=1) installs compose; elsewhere the compose tests are
skipped when it is missing.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands
from django.urls import resolve
from django.utils.module_loading import import_string

REPO = Path(__file__).resolve().parents[2]
APP_SERVICES = ("migrate", "web", "worker", "beat")


def _env_example() -> dict[str, str]:
    pairs = {}
    for line in (REPO / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def _compose_command() -> list[str] | None:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    command = _compose_command()
    if command is None:
        if os.environ.get("CI_REQUIRE_SERVICES") == "1":
            pytest.fail("docker compose (v2) or docker-compose (v1) is required in CI")
        pytest.skip("no docker compose on this machine (CI installs it)")
    project = tmp_path_factory.mktemp("compose")
    shutil.copy(REPO / "docker-compose.yml", project / "docker-compose.yml")
    env = (REPO / ".env.example").read_text(encoding="utf-8")
    for name in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY"):
        env = re.sub(rf"^{name}=$", f"{name}=test-only", env, flags=re.MULTILINE)
    (project / ".env").write_text(env, encoding="utf-8")
    result = subprocess.run(
        [*command, "config"], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"compose rejected docker-compose.yml:\n{result.stderr}"
    return yaml.safe_load(result.stdout)["services"]


def _command(service) -> list[str]:
    command = service["command"]
    return command if isinstance(command, list) else command.split()


def _depends(service) -> dict[str, str]:
    depends = service.get("depends_on", {})
    if isinstance(depends, list):
        return dict.fromkeys(depends, "service_started")
    return {name: spec.get("condition", "service_started") for name, spec in depends.items()}


def test_it_serves_a_wsgi_application_that_exists(services):
    command = _command(services["web"])
    assert command[0] == "gunicorn"
    wsgi = next(arg for arg in command[1:] if arg.endswith(".wsgi"))
    module = import_string(f"{wsgi}.application")
    assert callable(module)
    # The worker class and counts come from the one gunicorn settings module.
    assert command[command.index("-c") + 1] == "python:hdnd_portal.gunicorn_conf"


def _health_port(service) -> str:
    """The port of the web's health listener (``hdnd_portal/health_listener.py``)."""
    return service["environment"]["WEB_HEALTH_BIND"].rpartition(":")[2]


def test_it_probes_the_web_on_the_portal_s_health_page(services):
    probe = " ".join(services["web"]["healthcheck"]["test"])
    port, path = re.search(r"http://localhost:(\d+)(/[\w/.-]*)", probe).groups()
    assert resolve(path).url_name == "healthz"
    assert port == _health_port(services["web"]), "Docker checks the health listener"
    # The web keeps the environment every app service shares.
    assert (
        services["web"]["environment"]["TRUSTED_PROXIES"]
        == (services["worker"]["environment"]["TRUSTED_PROXIES"])
    )


def test_it_runs_the_project_s_celery_app_and_database_scheduler(services):
    for name in ("worker", "beat"):
        command = _command(services[name])
        assert command[:2] == ["celery", "-A"]
        app = import_string(f"{command[2]}.celery.app")
        assert app.main == command[2]
    beat = _command(services["beat"])
    scheduler = beat[beat.index("--scheduler") + 1] if "--scheduler" in beat else None
    scheduler = scheduler or next(a.split("=", 1)[1] for a in beat if a.startswith("--scheduler="))
    import_string(scheduler.replace(":", "."))


def test_it_runs_only_management_commands_the_project_has(services):
    script = " ".join(_command(services["migrate"]))
    used = set(re.findall(r"manage\.py (\w+)", script))
    assert {"migrate"} <= used
    assert used <= set(get_commands())


def test_it_starts_the_app_only_after_the_database_is_migrated(services):
    assert _depends(services["migrate"])["postgres"] == "service_healthy"
    for name in ("web", "worker", "beat"):
        assert _depends(services[name])["migrate"] == "service_completed_successfully", name


def _replicas(service) -> int:
    return int(service.get("deploy", {}).get("replicas", 1))


def test_a_proxy_spreads_requests_over_several_web_replicas(services):
    assert _replicas(services["web"]) >= 2
    assert "ports" not in services["web"], "only the proxy is published"
    assert _depends(services["proxy"])["web"] == "service_healthy"
    config = next(v for v in services["proxy"]["volumes"] if "haproxy.cfg" in str(v))
    source = config["source"] if isinstance(config, dict) else config.split(":")[0]
    text = (REPO / "deploy" / "haproxy.cfg").read_text(encoding="utf-8")
    assert Path(source).name == "haproxy.cfg"
    assert "server-template web" in text and "web:8000" in text
    path = re.search(r"uri (/[\w/.-]*)", text).group(1)
    assert resolve(path).url_name == "healthz"
    check_port = re.search(r"server-template web .* check port (\d+)", text).group(1)
    assert check_port == _health_port(services["web"]), "HAProxy checks the health listener"
    assert "option redispatch" in text


def test_workers_scale_and_one_beat_runs_behind_the_lock(services):
    assert _replicas(services["worker"]) >= 2
    assert _replicas(services["beat"]) == 1
    beat = _command(services["beat"])
    scheduler = beat[beat.index("--scheduler") + 1]
    assert scheduler == "hdnd_portal.core.beat_lock:LockedDatabaseScheduler"


def test_the_app_reaches_postgresql_through_pgbouncer_and_files_through_s3(services):
    env = services["web"]["environment"]
    assert "@pgbouncer:" in env["DATABASE_URL"] and env["DATABASE_POOLER"] == "pgbouncer"
    assert services["pgbouncer"]["environment"]["POOL_MODE"] == "transaction"
    assert env["STORAGE_BACKEND"] == "s3"
    assert env["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"
    assert "minio" in services and _depends(services["web"])["minio-init"] == (
        "service_completed_successfully"
    )
    for name in ("web", "worker", "beat"):
        assert "volumes" not in services[name], f"{name} keeps no state of its own"


def test_it_runs_every_app_service_with_debug_off_and_the_env_file(services):
    example = _env_example()
    for name in APP_SERVICES:
        environment = services[name]["environment"]
        assert environment["DEBUG"] == "0", name
        # compose resolved the env file into the service's environment
        assert environment["SECRET_KEY"] == "test-only", name
        assert environment["FIELD_ENCRYPTION_KEY"] == "test-only", name
        assert environment["DATABASE_URL"] == example["DATABASE_URL"], name


def test_the_example_environment_ships_no_usable_secret_and_debug_off():
    env = _env_example()
    assert env["SECRET_KEY"] == ""
    assert env["FIELD_ENCRYPTION_KEY"] == ""
    assert env["DEBUG"] == "0"

"""gunicorn is set up once (``hdnd_portal/gunicorn_conf.py``) and every way of serving uses it."""

import gc
import importlib
import os
import re
from pathlib import Path

import pytest
from gunicorn.config import Config

REPO = Path(__file__).resolve().parents[2]
CONF = "python:hdnd_portal.gunicorn_conf"


def _loaded(monkeypatch, **env) -> Config:
    for name in ("WEB_WORKERS", "WEB_THREADS", "WEB_TIMEOUT", "WEB_ACCESS_LOG", "WEB_HEALTH_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    module = importlib.reload(importlib.import_module("hdnd_portal.gunicorn_conf"))
    config = Config()
    for key in (
        *("worker_class", "workers", "threads", "worker_connections"),
        *("timeout", "keepalive", "accesslog"),
    ):
        config.set(key, getattr(module, key))
    return config


def test_threads_serve_while_a_request_waits(monkeypatch):
    config = _loaded(monkeypatch)
    assert config.worker_class_str == "gthread"
    assert config.threads == 2
    assert config.workers == min(2 * (os.cpu_count() or 1), 8)
    assert config.timeout == 60
    # A busy worker leaves a new connection to an idle one.
    assert (config.worker_connections, config.keepalive) == (2, 0)


def test_workers_and_threads_are_set_from_the_environment(monkeypatch):
    config = _loaded(monkeypatch, WEB_WORKERS="3", WEB_THREADS="8", WEB_ACCESS_LOG="-")
    assert (config.workers, config.threads, config.accesslog) == (3, 8, "-")
    assert config.worker_connections == 8


def test_each_worker_freezes_what_it_loaded_and_opens_the_health_listener(monkeypatch):
    from hdnd_portal import health_listener

    started = []
    monkeypatch.setattr(health_listener, "start", started.append)
    worker = object()

    _loaded(monkeypatch)
    try:
        importlib.import_module("hdnd_portal.gunicorn_conf").post_worker_init(worker)
        # What the worker loaded is out of the collector's sight.
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
    assert started == []  # none unless asked for: /healthz/ stays on the main port

    _loaded(monkeypatch, WEB_HEALTH_BIND=" 0.0.0.0:8001 ")
    try:
        importlib.import_module("hdnd_portal.gunicorn_conf").post_worker_init(worker)
    finally:
        gc.unfreeze()
    assert started == ["0.0.0.0:8001"]


@pytest.mark.parametrize(
    "bind, address",
    [("0.0.0.0:8001", ("0.0.0.0", 8001)), (":8001", ("0.0.0.0", 8001)), ("[::1]:9", ("::1", 9))],
)
def test_the_health_listener_binds_as_gunicorn_does(bind, address):
    from hdnd_portal.health_listener import parse_bind

    assert parse_bind(bind) == address


@pytest.mark.parametrize("bind", ["8001", "localhost", "host:port"])
def test_a_health_bind_without_a_port_is_refused(bind):
    from hdnd_portal.health_listener import parse_bind

    with pytest.raises(ValueError, match="WEB_HEALTH_BIND"):
        parse_bind(bind)


@pytest.mark.parametrize(
    "path, pattern",
    [
        ("Procfile", r"^web: gunicorn (.*)$"),
        ("Dockerfile", r'^CMD \["gunicorn", (.*)\]$'),
        ("docker-compose.yml", r'command: \["gunicorn", (.*)\]$'),
        ("scripts/drill.sh", r"gunicorn\" (-c \S+)"),
    ],
)
def test_every_way_of_serving_loads_the_settings(path, pattern):
    text = (REPO / path).read_text(encoding="utf-8")
    lines = re.findall(pattern, text, flags=re.MULTILINE)
    assert lines, f"no gunicorn command in {path}"
    for line in lines:
        assert CONF in line, f"{path} starts gunicorn without {CONF}: {line}"

"""A second listener, for ``/healthz/`` only, in every gunicorn worker (``WEB_HEALTH_BIND``).

Why: a worker accepts a page only when one of its threads is free (``gunicorn_conf.py``,
``worker_connections = threads``), so on the main port a health check waits in the listening
queue behind the pages of a busy node: 51-125 ms at the 95th percentile with 50 people on two
cores (``make bench-load``). A load balancer that waits too long marks a node down because it
is busy, moves its people to the other nodes and makes them busier in turn.

How: each worker runs two threads of its own. A checker runs the checks of ``/healthz/``
(``core.views.health_state``: database, broker, last beat run) every ``EVERY`` seconds, from
this process and with its database settings; a listener answers the load balancer at once from
the last result: 200 ``{"ok": true}`` when it passed and is younger than ``STALE`` seconds,
503 otherwise (a database or broker down, or a worker so stuck that its checker cannot run).
Answering from memory matters: a check that queried the database itself would wait for the
interpreter's lock at every round trip behind the worker's busy page threads (measured: p95 57
ms on its own port, against the 4 ms it costs on an idle worker).

Every worker binds the same port with ``SO_REUSEPORT``; the kernel hands each connection to one
of them, and a worker that has died stops receiving any. Nothing but ``/healthz/`` is served
here, and the port is for the load balancer on the private network only (``docker-compose.yml``
publishes it nowhere; HAProxy checks it with ``check port``). The details of a check stay on the
main port's ``/healthz/``, for staff and probes on the machine.
"""

import json
import logging
import socket
import threading
import time
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

PATH = "/healthz/"
EVERY = 2.0  # seconds between two checks: HAProxy's `inter 2s`
STALE = 6.0  # a result older than this (three checks missed) answers 503

log = logging.getLogger(__name__)


class Checker:
    """The last result of the checks, refreshed by :meth:`run` in a thread of its own."""

    def __init__(self, check=None, clock=time.monotonic):
        self._check = check or _django_check
        self._clock = clock
        self.ok = False
        self.checked_at: float | None = None  # clock() of the last check that finished

    def check_once(self) -> None:
        try:
            ok = bool(self._check())
        except Exception:  # noqa: BLE001 - a check that breaks is a failed check
            log.exception("health check failed")
            ok = False
        self.ok, self.checked_at = ok, self._clock()

    def healthy(self) -> bool:
        return self.ok and self.checked_at is not None and self._clock() - self.checked_at <= STALE

    def run(self) -> None:
        while True:
            self.check_once()
            time.sleep(EVERY)


def _django_check() -> bool:
    from django.db import close_old_connections

    from hdnd_portal.core.views import health_state

    # As around a request: a connection past CONN_MAX_AGE or broken is replaced.
    close_old_connections()
    try:
        return health_state()["ok"]
    finally:
        close_old_connections()


class _Server(WSGIServer):
    allow_reuse_address = True
    allow_reuse_port = True  # every worker of the node listens on the same port
    request_queue_size = 64


class _Server6(_Server):
    address_family = socket.AF_INET6


class _Handler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        """Checks come every two seconds: no line each (gunicorn's access log has the pages)."""


def application(checker: Checker):
    """The listener's WSGI application: ``/healthz/`` from ``checker``; 404 for anything else."""

    def answer(environ, start_response):
        if environ.get("PATH_INFO") != PATH:
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"Not found: this port answers /healthz/ only.\n"]
        ok = checker.healthy()
        body = json.dumps({"ok": ok}).encode()
        start_response(
            "200 OK" if ok else "503 Service Unavailable",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [body]

    return answer


def parse_bind(bind: str) -> tuple[str, int]:
    """``host:port`` (``[::1]:8001`` for IPv6) as gunicorn's ``--bind`` takes it."""
    host, sep, port = bind.strip().rpartition(":")
    if not sep or not port.isdigit():
        raise ValueError(f"WEB_HEALTH_BIND must be host:port, not {bind!r}")
    return host.strip("[]") or "0.0.0.0", int(port)  # noqa: S104 - as gunicorn's own default


def start(bind: str, checker: Checker | None = None) -> WSGIServer:
    """Check in one daemon thread, answer on ``bind`` in another; returns the server."""
    checker = checker or Checker()
    host, port = parse_bind(bind)
    server_class = _Server6 if ":" in host else _Server
    server = make_server(host, port, application(checker), server_class, _Handler)
    threading.Thread(target=checker.run, name="health-checker", daemon=True).start()
    threading.Thread(target=server.serve_forever, name="health-listener", daemon=True).start()
    return server

"""A second listener, for ``/healthz/`` only, in every gunicorn worker (``WEB_HEALTH_BIND``).

Why: a worker accepts a page only when one of its threads is free (``gunicorn_conf.py``,
``worker_connections = threads``), so on the main port a health check waits in the listening
queue behind the pages of a busy node: 51-125 ms at the 95th percentile with 50 people on two
cores (``make bench-load``). A load balancer that waits too long marks a node down because it
is busy, moves its people to the other nodes and makes them busier in turn. On its own port the
check is answered by a thread of its own in each worker, never queued behind pages, yet by the
same process, the same Django application and the same view as a page (``core.views.healthz``:
database, broker, last beat run), so a node whose workers cannot serve still fails it.

Every worker binds the same port with ``SO_REUSEPORT``; the kernel hands each connection to one
of them, and a worker that has died stops receiving any. Nothing but ``/healthz/`` is served
here, and the port is for the load balancer on the private network only (``docker-compose.yml``
publishes it nowhere; HAProxy checks it with ``check port``).
"""

import socket
import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

PATH = "/healthz/"


class _Server(WSGIServer):
    allow_reuse_address = True
    allow_reuse_port = True  # every worker of the node listens on the same port
    request_queue_size = 64


class _Server6(_Server):
    address_family = socket.AF_INET6


class _Handler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        """Checks come every two seconds: no line each (gunicorn's access log has the pages)."""


def health_only(app):
    """``app`` for ``/healthz/``; 404 for any other path, which never reaches Django."""

    def application(environ, start_response):
        if environ.get("PATH_INFO") != PATH:
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"Not found: this port answers /healthz/ only.\n"]
        return app(environ, start_response)

    return application


def parse_bind(bind: str) -> tuple[str, int]:
    """``host:port`` (``[::1]:8001`` for IPv6) as gunicorn's ``--bind`` takes it."""
    host, sep, port = bind.strip().rpartition(":")
    if not sep or not port.isdigit():
        raise ValueError(f"WEB_HEALTH_BIND must be host:port, not {bind!r}")
    return host.strip("[]") or "0.0.0.0", int(port)  # noqa: S104 - as gunicorn's own default


def start(app, bind: str) -> WSGIServer:
    """Serve ``/healthz/`` of ``app`` on ``bind`` from a daemon thread; returns the server."""
    host, port = parse_bind(bind)
    server_class = _Server6 if ":" in host else _Server
    server = make_server(host, port, health_only(app), server_class, _Handler)
    threading.Thread(target=server.serve_forever, name="health-listener", daemon=True).start()
    return server

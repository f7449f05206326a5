"""gunicorn's settings, one file for every way the portal is served.

Loaded with ``gunicorn -c python:hdnd_portal.gunicorn_conf hdnd_portal.wsgi`` by the Procfile
(``make run``), the Docker image, ``docker-compose.yml``, the drill and ``make bench-load``; each
adds only its ``--bind``. Why these values (README, "Production" → "Web workers"):

- ``gthread`` workers with two threads: a page waits on PostgreSQL for a third of its time and a
  login spends its Argon2 check outside the GIL, so a second thread serves meanwhile, and
  ``/healthz/`` or a short page is not queued behind a 3-second PDF as it is behind a busy sync
  worker. Threads share the process's memory (one copy of Django and WeasyPrint per worker).
- two workers per core (``WEB_WORKERS``, default twice the cores, at most 8): a request costs
  30-40 ms of Python, and Python runs one thread at a time per process, so with one process per
  core the threads of a worker queue on its GIL. Measured on the 2-core machine with 50 people
  (``bench/bench_load.py``; the table in README "Production" → "Web workers"): page p95 about
  275 ms with 4 × 2 threads, 397 ms with 2 × 4, 267 ms with 4 sync workers.
- each thread holds its own database connection (``CONN_MAX_AGE``): workers × threads × web
  nodes client connections, which PgBouncer (transaction pooling, ``max_client_conn`` 500)
  multiplexes over its pool of 20 server connections.
"""

import os

from hdnd_portal.env import env_int

worker_class = "gthread"
# At most 8 by default: an office PC with many cores runs the portal for a few clerks.
workers = env_int("WEB_WORKERS", min(2 * (os.cpu_count() or 1), 8))
threads = env_int("WEB_THREADS", 2)
timeout = env_int("WEB_TIMEOUT", 60)
graceful_timeout = 30
# A worker accepts a connection only when one of its threads is free: a busy worker leaves it in
# the listening queue for an idle one, instead of queueing it behind its own requests (gthread
# accepts up to ``worker_connections``, 1,000 by default). Connections are closed after each
# answer, which this needs (an idle kept-alive connection would hold a slot); HAProxy keeps the
# browsers' connections alive in production. Measured with 4 × 2: page p95 281 and 274 ms
# against 255 and 310 ms without (README "Web workers").
worker_connections = threads
keepalive = 0
# Restart a worker now and then so a slow leak in a library cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("WEB_ACCESS_LOG") or None
# ``host:port`` of a second listener for ``/healthz/`` alone, answered at once in each worker
# from the checks a thread of its own runs every two seconds (``hdnd_portal/health_listener.py``):
# the load balancer's check is never queued behind pages. Empty: the main port's ``/healthz/``.
health_bind = os.environ.get("WEB_HEALTH_BIND", "").strip()


def post_worker_init(worker):
    """gunicorn's hook, in each worker once its application is loaded: the start-up objects are
    frozen out of the collector's sight (``hdnd_portal/startup.py``), then the health listener
    opens when asked for."""
    from hdnd_portal.startup import freeze_loaded

    freeze_loaded()
    if health_bind:
        from hdnd_portal import health_listener

        health_listener.start(health_bind)

"""gunicorn's settings, one file for every way the portal is served.

Loaded with ``gunicorn -c python:hdnd_portal.gunicorn_conf hdnd_portal.wsgi`` by the Procfile
(``make run``), the Docker image, ``docker-compose.yml``, the drill and ``make bench-load``; each
adds only its ``--bind``. Why these values (README, "Production" → "Web workers"):

- ``gthread`` workers: a page spends a third of its time waiting on PostgreSQL, and a login
  spends its 24 ms of Argon2 outside the GIL (argon2-cffi releases it); with threads another
  request runs meanwhile, and ``/healthz/`` or a short page is not queued behind a 2-second PDF as
  it is behind a busy sync worker. Threads share the process's memory (one copy of Django and
  WeasyPrint per worker, not per request slot).
- one worker per core (``WEB_WORKERS``, default the machine's cores): Python runs one thread at a
  time per process, so more processes than cores only adds switching; on the 2-core machine two
  workers × four threads gave the best p95 in ``bench/bench_load.py`` (README, "Benchmarks").
- each thread holds its own database connection (``CONN_MAX_AGE``): workers × threads × web
  nodes client connections, which PgBouncer (transaction pooling, ``max_client_conn`` 500)
  multiplexes over its pool of 20 server connections.
"""

import os

from hdnd_portal.env import env_int

worker_class = "gthread"
workers = env_int("WEB_WORKERS", os.cpu_count() or 1)
threads = env_int("WEB_THREADS", 4)
timeout = env_int("WEB_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
# Restart a worker now and then so a slow leak in a library cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("WEB_ACCESS_LOG") or None

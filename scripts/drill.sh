#!/usr/bin/env bash
# The multi-node drill (README "Past one machine"): on this machine's PostgreSQL and Redis, with
# Debian's pgbouncer and haproxy, run the portal as two gunicorn nodes behind HAProxy, two Celery
# workers and two beats, PgBouncer in transaction pooling and one shared media folder; then
# scripts/drill/drill.py checks, through the proxy, what a user and the daily job would notice.
# Exits non-zero on any failure; stops everything it started. `make drill`; run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}

export DRILL_PG_HOST=${DRILL_PG_HOST:-127.0.0.1} DRILL_PG_PORT=${DRILL_PG_PORT:-5432}
export DRILL_PG_USER=${DRILL_PG_USER:-postgres} DRILL_DB=${DRILL_DB:-hdnd_drill}
export DRILL_PGBOUNCER_PORT=${DRILL_PGBOUNCER_PORT:-6439}
export DRILL_PROXY_PORT=${DRILL_PROXY_PORT:-8190}
export DRILL_WEB1_PORT=${DRILL_WEB1_PORT:-8191} DRILL_WEB2_PORT=${DRILL_WEB2_PORT:-8192}
# Each node's health listener (WEB_HEALTH_BIND), which HAProxy checks, as in production.
export DRILL_WEB1_HEALTH_PORT=${DRILL_WEB1_HEALTH_PORT:-8193} DRILL_WEB2_HEALTH_PORT=${DRILL_WEB2_HEALTH_PORT:-8194}
DRILL_REDIS=${DRILL_REDIS:-redis://127.0.0.1:6379/11}
export DRILL_DIR
DRILL_DIR=$(mktemp -d /tmp/hdnd-drill.XXXXXX)
started=$SECONDS
step() { printf '\n==> drill: %s  [%ss]\n' "$*" "$((SECONDS - started))"; }
die() { printf '\nDRILL FAILED: %s\n' "$*" >&2; exit 1; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo -n "$@"; fi; }

# --- everything started is stopped, whatever happens -----------------------------------------
pids=()
cleanup() {
  local rc=$?
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  if [[ -f $DRILL_DIR/pgbouncer/pgbouncer.pid ]]; then
    kill -TERM "$(cat "$DRILL_DIR/pgbouncer/pgbouncer.pid")" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 ]]; then
    echo "--- drill logs (last lines) ---" >&2
    for log in "$DRILL_DIR"/*.log "$DRILL_DIR"/pgbouncer/*.log; do
      [[ -f $log ]] && { echo "### $log" >&2; tail -n 25 "$log" >&2; }
    done
  fi
  rm -rf "$DRILL_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME COMMAND...: in its own process group (so a stop takes its children too), logged.
start() {
  local name=$1; shift
  setsid "$@" >"$DRILL_DIR/$name.log" 2>&1 &
  pids+=("$!")
  disown "$!"  # stopped by cleanup(); no "Killed" job reports
  echo "$!" >"$DRILL_DIR/$name.pid"
}

step "Debian packages: pgbouncer, haproxy"
if ! command -v haproxy >/dev/null || [[ ! -x /usr/sbin/pgbouncer ]]; then
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq pgbouncer haproxy
fi
# Debian starts the packaged services; the drill runs its own on other ports.
as_root systemctl disable --now pgbouncer haproxy >/dev/null 2>&1 || true

step "PostgreSQL and Redis answer"
pg_isready -q -h "$DRILL_PG_HOST" -p "$DRILL_PG_PORT" -t 5 || die "PostgreSQL does not answer at $DRILL_PG_HOST:$DRILL_PG_PORT"
"$PY" -c "import redis, sys; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).ping()" "$DRILL_REDIS" \
  || die "Redis does not answer at $DRILL_REDIS"

step "Fresh database $DRILL_DB (time zone UTC: PgBouncer shares server connections) and Redis db"
PGOPTIONS="-c client_min_messages=warning" psql -h "$DRILL_PG_HOST" -p "$DRILL_PG_PORT" -U "$DRILL_PG_USER" -d postgres \
  -v ON_ERROR_STOP=1 -q \
  -c "DROP DATABASE IF EXISTS $DRILL_DB WITH (FORCE)" \
  -c "CREATE DATABASE $DRILL_DB" \
  -c "ALTER DATABASE $DRILL_DB SET timezone TO 'UTC'"
"$PY" -c "import redis, sys; redis.Redis.from_url(sys.argv[1]).flushdb()" "$DRILL_REDIS"

step "PgBouncer (transaction pooling) on 127.0.0.1:$DRILL_PGBOUNCER_PORT"
mkdir -p "$DRILL_DIR/pgbouncer" "$DRILL_DIR/shared-media"
printf '"%s" ""\n' "$DRILL_PG_USER" >"$DRILL_DIR/pgbouncer/userlist.txt"
"$PY" -c "import os, sys; print(os.path.expandvars(open(sys.argv[1]).read()))" scripts/drill/pgbouncer.ini \
  >"$DRILL_DIR/pgbouncer/pgbouncer.ini"
chmod 755 "$DRILL_DIR"
if [[ $(id -u) -eq 0 ]]; then
  # PgBouncer refuses to run as root.
  chown -R postgres "$DRILL_DIR/pgbouncer"
  runuser -u postgres -- /usr/sbin/pgbouncer -d "$DRILL_DIR/pgbouncer/pgbouncer.ini"
else
  /usr/sbin/pgbouncer -d "$DRILL_DIR/pgbouncer/pgbouncer.ini"
fi
for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p "$DRILL_PGBOUNCER_PORT" -d "$DRILL_DB" && break; sleep 0.2; done
pg_isready -q -h 127.0.0.1 -p "$DRILL_PGBOUNCER_PORT" -d "$DRILL_DB" || die "PgBouncer does not answer"

# Every portal process: through PgBouncer, Redis for broker/cache/locks, one shared media folder.
export DJANGO_SETTINGS_MODULE=hdnd_portal.settings
export DATABASE_URL="postgres://$DRILL_PG_USER@127.0.0.1:$DRILL_PGBOUNCER_PORT/$DRILL_DB"
export DATABASE_POOLER=pgbouncer REDIS_URL=$DRILL_REDIS
export MEDIA_ROOT=$DRILL_DIR/shared-media STORAGE_BACKEND=local
export DEBUG=0 SECRET_KEY="drill-$RANDOM-$RANDOM-not-a-production-key-0123456789abcdef"
# Required with DEBUG off (identity numbers are encrypted with it); one key for every node.
export FIELD_ENCRYPTION_KEY="drill-field-key-$RANDOM-$RANDOM-not-a-production-key-0123456789"
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 BEHIND_PROXY=1
# HAProxy reaches the nodes from 127.0.0.1: its X-Forwarded-For, and nobody else's, names the
# client (the drill's clients come from 127.0.0.2 and 127.0.0.3).
export TRUSTED_PROXIES=127.0.0.1
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
# A killed worker's task is handed to the other after 12 s (checked every 2 s), not an hour.
export CELERY_VISIBILITY_TIMEOUT=${DRILL_VISIBILITY_TIMEOUT:-12} CELERY_RESTORE_EVERY=2
export BEAT_LOCK_TIMEOUT=10
export CELERY_TASK_ALWAYS_EAGER=0 PYTHONUNBUFFERED=1 LOG_LEVEL=INFO
unset DJANGO_ALLOW_ASYNC_UNSAFE || true

step "Migrations and the drill's commune (through PgBouncer)"
VAR_DIR=$DRILL_DIR/var-setup "$PY" manage.py migrate --noinput -v 0
VAR_DIR=$DRILL_DIR/var-setup "$PY" manage.py seed_legal_rules >/dev/null
VAR_DIR=$DRILL_DIR/var-setup "$PY" scripts/drill/drill.py seed

step "Two web nodes, HAProxy, two workers, two beats"
node() { # node N: the environment of node N (its own var folder; media shared)
  echo "VAR_DIR=$DRILL_DIR/var-$1" "NODE_NAME=$2"
}
for n in 1 2; do
  port_var=DRILL_WEB${n}_PORT health_var=DRILL_WEB${n}_HEALTH_PORT
  start "web-$n" env $(node "web-$n" "web-$n") "WEB_HEALTH_BIND=127.0.0.1:${!health_var}" \
    "$ROOT/.venv/bin/gunicorn" -c python:hdnd_portal.gunicorn_conf \
    hdnd_portal.wsgi --bind "127.0.0.1:${!port_var}" --workers 2 --timeout 30 --graceful-timeout 10 \
    --access-logfile -
  start "worker-$n" env $(node "worker-$n" "worker-$n") "$PY" -m celery -A hdnd_portal worker \
    --loglevel=INFO --concurrency=1 -n "drill-worker-$n@%h" --without-gossip --without-mingle
  start "beat-$n" env $(node "beat-$n" "beat-$n") "$PY" -m celery -A hdnd_portal beat \
    --loglevel=INFO --pidfile= --max-interval 2
done
start haproxy haproxy -db -f scripts/drill/haproxy.cfg

step "Checks through the proxy (scripts/drill/drill.py)"
VAR_DIR=$DRILL_DIR/var-setup "$PY" scripts/drill/drill.py run
step "Drill passed"

# HĐND Portal — developer commands. `make` alone lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.11 (Debian 12's python3 is 3.11 too).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PY := $(BIN)/python
# Development commands run with DEBUG=1 unless told otherwise: with DEBUG off the settings refuse
# the public development key (README "Configuration"); the test suite has keys of its own.
MANAGE := DEBUG=$${DEBUG:-1} $(PY) manage.py
STAMP := $(VENV)/.installed-dev
# Folders that makemessages / compilemessages must not walk into.
I18N_IGNORE := --ignore=.venv --ignore=var --ignore=static --ignore=node_modules --ignore=tests
HOST ?= 127.0.0.1
WEB_PORT ?= 8000
PYTEST_ARGS ?=
# The reminder job at 1k and 10k open items; add 100000 for the full run (minutes).
BENCH_REMINDERS_ARGS ?= --sizes 1000,10000
# Search at 500,000 follow-ups needs DATABASE_URL=postgres://…; SQLite runs 20,000 rows.
BENCH_SEARCH_ARGS ?=
# The KPI dashboard at city scale (126 councils, five years) needs PostgreSQL: DATABASE_URL, or
# postgres://postgres@127.0.0.1:5432/postgres when unset. E.g. BENCH_CITY_ARGS="--scale 0.2 --keep".
BENCH_CITY_ARGS ?=

.PHONY: help venv system-deps migrate messages makemessages demo keys run dev test test-fast lint assets bench bench-city bench-load drill clean

help: ## List the targets
	@echo "HĐND Portal — make targets:"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  \033[1m%-13s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

venv: $(STAMP) ## Create .venv (Python 3.11) and install the project with its dev tools

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Cannot create $(VENV) with $(PYTHON): on Debian/Ubuntu run apt-get install -y python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

system-deps: ## Check/install Debian packages (Pango, fonts, poppler-utils, gettext, chromium)
	@bash scripts/system-deps.sh full

migrate: venv ## Apply database migrations
	$(MANAGE) migrate --noinput

messages: venv ## Compile the translation catalogues (locale/*/LC_MESSAGES/*.mo)
	$(MANAGE) compilemessages $(I18N_IGNORE) -v 0

makemessages: venv ## Refresh locale/en/LC_MESSAGES/django.po from the sources
	$(MANAGE) makemessages -l en --no-obsolete --add-location=file $(I18N_IGNORE)

demo: migrate ## Load the demo commune (idempotent) and register the periodic jobs
	@# A self-signed certificate, signature and seal images for signing issued copies, once.
	DEBUG=1 $(MANAGE) signing_certificate --demo
	DEBUG=1 $(MANAGE) seed_demo
	$(MANAGE) setup_schedules

# `make run` and `make dev` share these keys (created once, never committed: var/ is ignored), so
# the demo's encrypted identity numbers read the same in both; a deployment sets its own.
KEYS := var/keys
LOCAL_KEYS := SECRET_KEY_FILE=$(CURDIR)/$(KEYS)/secret_key FIELD_ENCRYPTION_KEY_FILE=$(CURDIR)/$(KEYS)/field_encryption_key
# The office's own machine over plain http://127.0.0.1: no TLS in front, so no https-only cookies.
OFFICE := DEBUG=0 $(LOCAL_KEYS) SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0

keys:
	@mkdir -p $(KEYS) && chmod 700 $(KEYS)
	@for name in secret_key field_encryption_key; do test -s $(KEYS)/$$name || \
	  { $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $(KEYS)/$$name && chmod 600 $(KEYS)/$$name; }; done

run: venv keys ## Serve http://127.0.0.1:8000/ as an office runs it (DEBUG off, gunicorn, Celery worker and beat)
	@bash scripts/system-deps.sh runtime
	@$(MAKE) --no-print-directory messages
	@# The demo is a development action (DEBUG=1), written with the keys the office serves with.
	@$(MAKE) --no-print-directory demo MANAGE='DEBUG=1 $(LOCAL_KEYS) $(PY) manage.py'
	$(OFFICE) $(PY) manage.py collectstatic --noinput -v 0
	@echo "Serving http://$(HOST):$(WEB_PORT)/ — Ctrl+C stops web, worker and beat."
	$(OFFICE) HOST=$(HOST) WEB_PORT=$(WEB_PORT) PATH="$(BIN):$$PATH" $(BIN)/honcho start -f Procfile

dev: venv keys ## Develop: DEBUG=1, Django's auto-reloading runserver, Celery worker and beat
	@bash scripts/system-deps.sh runtime
	@$(MAKE) --no-print-directory messages
	@$(MAKE) --no-print-directory demo MANAGE='DEBUG=1 $(LOCAL_KEYS) $(PY) manage.py'
	@echo "Serving http://$(HOST):$(WEB_PORT)/ (DEBUG=1) — Ctrl+C stops web, worker and beat."
	DEBUG=1 $(LOCAL_KEYS) HOST=$(HOST) WEB_PORT=$(WEB_PORT) PATH="$(BIN):$$PATH" $(BIN)/honcho start -f Procfile.dev

lint: venv ## ruff check, ruff format --check, import contracts of every installed app (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) scripts/lint_imports.py

test: venv system-deps lint messages ## Lint, then the whole pytest suite (browser tests included)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest $(PYTEST_ARGS)

test-fast: venv messages ## The edit-test loop: no browser, worker, gunicorn, schemathesis or lint
	$(BIN)/pytest -q -m "not browser and not worker and not server and not schemathesis" $(PYTEST_ARGS)

assets: ## Rebuild the vendored icon sprite and purged Bootstrap CSS (node 20 + npm; commit the result)
	npm ci --no-audit --no-fund && node scripts/build-assets.mjs

bench: venv messages ## Time the busiest pages and the reminder job; weigh the first load (throw-away DBs)
	-$(PY) bench/bench_pages.py
	-$(PY) bench/bench_reminders.py $(BENCH_REMINDERS_ARGS)
	-$(PY) bench/bench_search.py $(BENCH_SEARCH_ARGS)  # bench-search: 500k rows on PostgreSQL
	-$(PY) bench/bench_topbar_search.py
	-$(PY) bench/bench_first_load.py
	-$(PY) bench/bench_password.py
	-$(PY) bench/bench_voters_synthesis.py  # the PDF's CPU warm: MET/MISS (exit 1 on a MISS)
	-$(PY) bench/bench_voters_lists.py $(BENCH_VOTERS_LISTS_ARGS)  # PostgreSQL: throw-away hdnd_bench_voters

bench-city: venv messages ## KPI dashboard, city view and every list page at city scale on PostgreSQL (DATABASE_URL names the bench DB)
	$(PY) bench/bench_targets_city.py $(BENCH_CITY_ARGS)

LOAD_VENV := .venv-load
$(LOAD_VENV)/bin/locust:
	$(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/pip install --quiet --disable-pip-version-check locust==2.47.0

bench-load: venv messages $(LOAD_VENV)/bin/locust ## 50 people for 60 s through gunicorn on the city of bench-city (locust)
	$(PY) bench/bench_load.py $(BENCH_LOAD_ARGS)

drill: venv messages ## Several nodes on this machine: PgBouncer, 2 web nodes behind HAProxy, 2 workers, 2 beats
	bash scripts/drill.sh

clean: ## Remove compiled catalogues and caches (keeps .venv and var/)
	find . -path ./.venv -prune -o \( -name '*.mo' -o -name __pycache__ \) -print0 | xargs -0 rm -rf

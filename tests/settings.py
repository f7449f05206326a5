"""The test suite's settings (pytest's ``DJANGO_SETTINGS_MODULE``): production's, with keys that
exist only here.

``hdnd_portal/settings.py`` refuses to load with DEBUG off unless SECRET_KEY and
FIELD_ENCRYPTION_KEY are keys of their own, and the suite runs with DEBUG off, as production
does. Its keys are set in the environment before the settings are read, so every process the
suite starts (a Celery worker, gunicorn, ``manage.py`` probes) inherits them. ``tests/`` is not
in the Docker image (``.dockerignore``): no production process can load this module.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-never-deployed-" + "t" * 24)
os.environ.setdefault("FIELD_ENCRYPTION_KEY", "tests-only-field-key-never-deployed-" + "f" * 24)

from hdnd_portal.settings import *  # noqa: E402, F403

# Every test renders its documents: a PDF printed by an earlier test (or an earlier run, in
# Redis) must not stand in for the rendering a test checks. tests/documents/test_pdf_cache.py
# turns the cache on.
DOCUMENT_PDF_CACHE_SECONDS = 0

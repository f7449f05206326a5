# Production image of the HĐND Portal: gunicorn (web), or celery worker / beat (same image).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango; Liberation Serif 2 has every Vietnamese letter (Times New Roman metrics);
# gettext compiles the translation catalogues below.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first: this layer is reused while only the code changes.
COPY pyproject.toml ./
RUN pip install .

COPY . .

ENV DJANGO_SETTINGS_MODULE=hdnd_portal.settings \
    DEBUG=0 \
    VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles \
    MANIFEST_STATIC=1 \
    WHITENOISE_USE_FINDERS=0

# Hashed, compressed static files and the compiled catalogues are part of the image.
# The keys below only let the settings load during the build; they are never used at run time.
RUN SECRET_KEY=build-only-not-secret FIELD_ENCRYPTION_KEY=build-only-field-key \
      python manage.py collectstatic --noinput -v 0 \
 && SECRET_KEY=build-only-not-secret FIELD_ENCRYPTION_KEY=build-only-field-key \
      python manage.py compilemessages \
      --ignore=static --ignore=var --ignore=tests -v 0 \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin hdnd \
 && mkdir -p /app/var/media /app/var/mail \
 && chown -R hdnd:hdnd /app/var

USER hdnd
EXPOSE 8000
# Healthchecks are per service in docker-compose.yml (web: /healthz/; worker: celery ping).
# Worker class, workers and threads: hdnd_portal/gunicorn_conf.py (WEB_WORKERS, WEB_THREADS).
ENV WEB_ACCESS_LOG=-
CMD ["gunicorn", "-c", "python:hdnd_portal.gunicorn_conf", "hdnd_portal.wsgi", "--bind", "0.0.0.0:8000"]

"""Settings of the HĐND Portal, read from the environment with safe defaults.

Production values are documented in README.md ("Configuration").
"""

import ipaddress
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hdnd_portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
# DEBUG off is production, whatever else the environment says: its keys must be its own. The
# development key below is public (it is in this file), so only DEBUG=1 (`make run`) may use it;
# the test suite brings keys of its own (tests/settings.py). With DEBUG off and SECRET_KEY
# missing, empty or a "django-insecure-" key (this one, or startproject's), no web, worker, beat
# or manage.py process starts.
DEV_SECRET_KEY = "django-insecure-dev-key-change-me-" + "x" * 40
SECRET_KEY = env_str("SECRET_KEY", "").strip()


def _refuse_to_start(name: str, vi: str, en: str):
    """The settings' refusal, in English and Vietnamese, naming the variable to set."""
    return ImproperlyConfigured(
        f"{name} is not set or unusable. {en} / {name} chưa đặt hoặc không dùng được. {vi} "
        "Generate one with / Tạo khóa: "
        '`python -c "import secrets; print(secrets.token_urlsafe(50))"`; set it (or '
        f"{name}_FILE) in every web, worker and beat process (README 'Configuration')."
    )


if not DEBUG and (not SECRET_KEY or SECRET_KEY.startswith("django-insecure-")):
    raise _refuse_to_start(
        "SECRET_KEY",
        vi="Khi DEBUG tắt (máy chủ thật), cổng không chạy với khóa trống hoặc khóa phát triển "
        "công khai: ai cũng có thể giả phiên đăng nhập và liên kết đặt lại mật khẩu.",
        en="With DEBUG off the portal refuses an empty or development (django-insecure-) key: "
        "anyone could forge sessions and password-reset links with it.",
    )
SECRET_KEY = SECRET_KEY or DEV_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Identity numbers are encrypted at rest with FIELD_ENCRYPTION_KEY (petitions/crypto.py); the keys
# of FIELD_ENCRYPTION_KEYS_OLD (comma-separated) still decrypt after a rotation, until
# `manage.py reencrypt_fields --apply` has moved every stored value to the new key. A lost key
# loses the numbers, so with DEBUG off it must be set, and differ from SECRET_KEY (which may be
# rotated freely); only development (DEBUG=1) derives it from SECRET_KEY.
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY", "").strip()
FIELD_ENCRYPTION_KEYS_OLD = env_list("FIELD_ENCRYPTION_KEYS_OLD", "")
if not DEBUG and FIELD_ENCRYPTION_KEY in ("", SECRET_KEY):
    raise _refuse_to_start(
        "FIELD_ENCRYPTION_KEY",
        vi="Khi DEBUG tắt, khóa này là bắt buộc và phải khác SECRET_KEY: nó mã hóa số giấy tờ "
        "tùy thân của công dân. Hãy giữ khóa: mất khóa là mất các số đã lưu.",
        en="With DEBUG off it is required, and must differ from SECRET_KEY: it encrypts the "
        "identity numbers of citizens. Keep it: a lost key loses the stored numbers.",
    )
FIELD_ENCRYPTION_KEY = FIELD_ENCRYPTION_KEY or SECRET_KEY

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_htmx",
    "django_celery_beat",
    "axes",
    # kernel
    "hdnd_portal.core",
    "hdnd_portal.documents",
    "hdnd_portal.followups",
    "hdnd_portal.notifications",
    "hdnd_portal.targets",
    # domains
    "councils",
    "meetings",
    "supervision",
    "voters",
    "petitions",
]

MIDDLEWARE = [
    # X-Node: <NODE_NAME> on every answer, static files included (several web nodes).
    "hdnd_portal.core.node.NodeNameMiddleware",
    # Pages and JSON gzipped (the dashboard: 101,788 bytes → ~13 KB); Django pads each gzip
    # answer with random bytes against BREACH. First, so it compresses what the others wrote.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy on every page (static files, served above, need none).
    "csp.middleware.CSPMiddleware",
    # No control character in a query parameter, cookie, form field or address reaches a view
    # (a NUL was a 500 on PostgreSQL); before the session middleware reads its cookie.
    "hdnd_portal.core.middleware.ControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Vietnamese unless the user picked English (ignores the browser's Accept-Language).
    "hdnd_portal.core.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "councils.middleware.CouncilAccessMiddleware",
    # AxesMiddleware last: it turns a lockout into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hdnd_portal.urls"
WSGI_APPLICATION = "hdnd_portal.wsgi.application"
AUTH_USER_MODEL = "councils.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hdnd_portal.core.context_processors.portal",
                "hdnd_portal.notifications.context_processors.notifications",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# Behind PgBouncer in transaction pooling (DATABASE_POOLER=pgbouncer) a server connection serves
# other clients between transactions: no server-side cursors (a named cursor outlives the
# transaction that opened it), no prepared statements (psycopg 3 prepares a query after 5 runs, on
# that server connection only), nothing session-level. The portal takes no advisory locks and uses
# no LISTEN; its counters lock rows with SELECT … FOR UPDATE inside atomic(), which a
# transaction-pooled connection keeps until COMMIT.
DATABASE_POOLER = env_str("DATABASE_POOLER", "").strip().lower()
if DATABASE_POOLER not in ("", "pgbouncer"):
    raise ImproperlyConfigured("DATABASE_POOLER is empty or 'pgbouncer'.")


def _database(url: str) -> dict:
    database = dj_database_url.parse(
        url,
        # Persistent connections save a connection per request (inbox 25 ms -> 17 ms measured);
        # the health check re-opens a connection the server closed (PostgreSQL or PgBouncer
        # restart) instead of answering 500. DB_CONN_MAX_AGE=0 closes after every request.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # Web, worker and beat share the file under `make run`: WAL + immediate
        # transactions avoid "database is locked" on concurrent writes.
        database["OPTIONS"] = {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    elif DATABASE_POOLER == "pgbouncer":
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
        database.setdefault("OPTIONS", {})["prepare_threshold"] = None
    return database


DATABASES = {
    "default": _database(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hdnd.sqlite3'}")),
}
# Optional read replica (a PostgreSQL streaming replica): Excel exports and printed drafts read
# there inside `hdnd_portal.db_router.use_replica()`; everything else, writes and reads after a
# write, stays on the primary. Tests mirror it onto the default database.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = _database(DATABASE_REPLICA_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["hdnd_portal.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions ---------------------------------------------------------------
# Nothing another node needs is kept per process. With REDIS_URL the cache (DRF throttles, anything
# cached) is Redis and sessions are written to the database with a Redis copy (cached_db). Without
# Redis (the embedded default: one web process) the cache is this process's memory and sessions
# are in the database. django-axes counts failed logins in the database (AccessAttempt) anyway.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "hdnd"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Printed PDFs (hdnd_portal.documents.pdfcache), apart: at most this many per process.
        "documents": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "documents",
            "OPTIONS": {"MAX_ENTRIES": 50},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Names this node in an X-Node response header (the multi-node drill checks the proxy alternates).
NODE_NAME = env_str("NODE_NAME", "")

# --- Auth & security -----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id at OWASP's minimum first (hdnd_portal/core/hashers.py); the others only read the
# hashes made before it, each rewritten as Argon2id at its user's next login.
PASSWORD_HASHERS = [
    "hdnd_portal.core.hashers.PortalArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Renders the locked-out page with the cool-off in minutes (HTTP 429).
AXES_LOCKOUT_CALLABLE = "hdnd_portal.core.views.login_locked_out"
# Password spraying (one guess on many usernames) never trips the per-username limit: the
# handler also locks an IP after this many failures across usernames within the cool-off.
# Higher than AXES_FAILURE_LIMIT so an office behind one NAT survives a few honest mistakes.
AXES_HANDLER = "hdnd_portal.core.throttle.PortalAxesHandler"
LOGIN_IP_FAILURE_LIMIT = env_int("LOGIN_IP_FAILURE_LIMIT", 20)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For names the
# client: login throttling counts that address on their connections, and REMOTE_ADDR on any
# other, where anyone may write the header (hdnd_portal/core/client_ip.py). Empty: none.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network "
            "(e.g. 172.30.0.250 or 10.0.0.0/24)."
        ) from None
AXES_CLIENT_IP_CALLABLE = "hdnd_portal.core.client_ip.client_ip"
# /healthz/ answers load balancers over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

# Content-Security-Policy (django-csp): scripts, styles and images from the portal itself only,
# so an injected <script> or onclick= does not run. Templates hold no inline script, handler or
# style= attribute (tests/core/test_csp.py scans them); behaviour lives in static/js/portal.js.
# Swagger UI (/api/docs/) needs inline script and style: hdnd_portal/urls.py relaxes it there.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
# Forms also set these on each date field (hdnd_portal.core.widgets), whatever the language.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["hdnd_portal.formats"]

# --- Static & media ---------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns at start-up when it is missing
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded and kept files go through Django's storage API only. STORAGE_BACKEND=local (the
# embedded default) writes under MEDIA_ROOT (several nodes: one shared mount); =s3 writes private
# objects to an S3-compatible store (MinIO, Ceph, AWS) with django-storages. Nothing is public:
# downloads pass the portal's permission check, then stream from storage (STORAGE_DOWNLOADS=proxy)
# or redirect to a URL signed for AWS_QUERYSTRING_EXPIRE seconds (=signed, S3 only).
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local").strip().lower()
STORAGE_DOWNLOADS = env_str("STORAGE_DOWNLOADS", "proxy").strip().lower()
if STORAGE_BACKEND == "local":
    DEFAULT_STORAGE: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME", "hdnd"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("AWS_LOCATION", ""),
            # Private objects: no ACL is sent (the private bucket's own applies) and every URL
            # the storage makes is signed and short-lived.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300),
            "file_overwrite": False,
            "signature_version": "s3v4",
            # MinIO and most self-hosted stores want path-style URLs (http://minio:9000/bucket/…).
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE", "path"),
        },
    }
else:
    raise ImproperlyConfigured("STORAGE_BACKEND is 'local' or 's3'.")
if STORAGE_DOWNLOADS not in ("proxy", "signed"):
    raise ImproperlyConfigured("STORAGE_DOWNLOADS is 'proxy' or 'signed'.")
STORAGES = {
    "default": DEFAULT_STORAGE,
    # Production (Docker image): hashed names + gzip/brotli copies. STATIC_COMPRESS=0 keeps the
    # hashing but skips the minutes-long compression (the production smoke test uses it).
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_COMPRESS", True)
            else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        )
        if env_bool("MANIFEST_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
# Hashed names (every {% static %} URL under MANIFEST_STATIC) are served by WhiteNoise with
# "max-age=315360000, public, immutable": a delegate's phone downloads the CSS, JS and icon sprite
# once per release. This max-age is only for unhashed names (nothing the pages link to).
WHITENOISE_MAX_AGE = env_int("WHITENOISE_MAX_AGE", 0 if DEBUG else 60)

# --- E-mail ---------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# Seconds before an unanswering mail server counts as a failure (the outbox retries).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Cổng HĐND <no-reply@hdnd.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# --- Celery ----------------------------------------------------------------------
CELERY_DATA_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    # A task taken by a worker that dies (SIGKILL, lost machine) goes back to the queue after
    # this many seconds: longer than the longest task (acks_late: acknowledged when done).
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)
    }
    if env_int("CELERY_RESTORE_EVERY", 0):
        # Seconds between a worker's scans for such tasks (kombu: every 10th 10-second tick).
        CELERY_BROKER_TRANSPORT_OPTIONS |= {
            "unacked_restore_interval": env_int("CELERY_RESTORE_EVERY", 0),
            "unacked_restore_throttle": 1,
        }
else:
    # Embedded default (no Redis): kombu's filesystem transport works across the
    # web, worker and beat processes (see ../shared/TOOLING.md).
    for sub in ("queue", "processed", "results", "control"):
        (CELERY_DATA_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        "store_processed": False,
        # Otherwise kombu writes its exchange tables to ./control in the working directory.
        "control_folder": str(CELERY_DATA_DIR / "control"),
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_DATA_DIR / 'results'}"
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
# django-celery-beat's schedule (rows edited in Django admin) behind a Redis lock: a second beat
# started by mistake waits instead of sending every job twice (hdnd_portal/core/beat_lock.py).
CELERY_BEAT_SCHEDULER = "hdnd_portal.core.beat_lock:LockedDatabaseScheduler"
# Seconds the lock outlives a beat that stopped renewing it (the other beat then takes over).
BEAT_LOCK_TIMEOUT = env_int("BEAT_LOCK_TIMEOUT", 60)
BEAT_LOCK_KEY = env_str("BEAT_LOCK_KEY", "hdnd:beat-lock")
# Save each job's last run time as soon as it is sent: a beat taking over reads it.
CELERY_BEAT_SYNC_EVERY = 1

# --- REST API ----------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "hdnd_portal.core.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # The browsable (HTML, English) API only for staff and administrators; others get JSON.
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "hdnd_portal.core.negotiation.StaffBrowsableNegotiation",
    "DEFAULT_PARSER_CLASSES": [
        "hdnd_portal.core.parsers.SafeJSONParser",
        "hdnd_portal.core.parsers.SafeFormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "hdnd_portal.core.api.exception_handler",
    "DATE_INPUT_FORMATS": ["%Y-%m-%d", "%d/%m/%Y"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Cổng HĐND",
    "DESCRIPTION": "API của Cổng thông tin HĐND xã (v1).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI assets served from the installed sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets that share a field name across apps get their own component names.
    "ENUM_NAME_OVERRIDES": {
        "SupervisionBodyEnum": "supervision.models.activities.Body",
        "ElectedPositionBodyEnum": "supervision.models.confidence.ElectedPosition.Body",
        "TargetBodyEnum": "hdnd_portal.targets.models.Body",
        "EmulationRegistrantEnum": "councils.models_library.Registrant",
        "EmulationTitleEnum": "councils.models_library.EmulationTitle",
    },
    # Enums as components (drf-spectacular's default hook), then the date window as a pattern.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "hdnd_portal.core.schema.date_window_hook",
    ],
}

# --- Portal ----------------------------------------------------------------------
PAGE_SIZE = env_int("PAGE_SIZE", 25)
# API tokens are refused once this old (days); changing the password revokes them at once.
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 30)
# Reminder stages, in days relative to the due date (negative = before).
FOLLOWUP_REMINDER_STAGES = [int(x) for x in env_list("FOLLOWUP_REMINDER_STAGES", "-7,-1,1,7")]
# Escalate to the Standing Committee when an item is this many days overdue.
FOLLOWUP_ESCALATE_AFTER_DAYS = env_int("FOLLOWUP_ESCALATE_AFTER_DAYS", 15)
# Hour (local time) at which the daily reminder job runs.
FOLLOWUP_REMINDER_HOUR = env_int("FOLLOWUP_REMINDER_HOUR", 7)
# A deadline in calendar days that ends on a day off moves to the next working day
# (Bộ luật Dân sự 2015, Điều 148.5 — cited from memory, hence a setting).
FOLLOWUP_CALENDAR_DEADLINE_ROLLS = env_bool("FOLLOWUP_CALENDAR_DEADLINE_ROLLS", True)
# A manual reminder ("Gửi nhắc nhở") for an item reminded by hand less than this long ago is skipped.
FOLLOWUP_MANUAL_REMINDER_MINUTES = env_int("FOLLOWUP_MANUAL_REMINDER_MINUTES", 60)
# Largest uploaded file (MB), pages and API alike (hdnd_portal.core.uploads).
UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 20)

# --- Electronic signature of issued documents (hdnd_portal.documents.signing) -------------
# The council's certificate and key (PKCS#12), its passphrase, and the PNG images of the
# signer's signature and of the seal shown on the visible signature (Decree 30/2020, Appendix I
# Part II). `manage.py signing_certificate --demo` writes a self-signed set at these paths.
SIGNING_DIR = VAR_DIR / "signing"
DOCUMENT_SIGNING_PKCS12 = env_str("DOCUMENT_SIGNING_PKCS12", str(SIGNING_DIR / "council.p12"))
DOCUMENT_SIGNING_PASSPHRASE = env_str("DOCUMENT_SIGNING_PASSPHRASE", "")
DOCUMENT_SIGNING_SIGNATURE_IMAGE = env_str(
    "DOCUMENT_SIGNING_SIGNATURE_IMAGE", str(SIGNING_DIR / "signature.png")
)
DOCUMENT_SIGNING_SEAL_IMAGE = env_str("DOCUMENT_SIGNING_SEAL_IMAGE", str(SIGNING_DIR / "seal.png"))
# How long a printed PDF is kept for a repeat print of the same HTML (seconds; 0: never kept).
# Entries are encrypted under the HTML they were printed from (hdnd_portal.documents.pdfcache).
DOCUMENT_PDF_CACHE_SECONDS = env_int("DOCUMENT_PDF_CACHE_SECONDS", 24 * 3600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

"""Settings for Thi Đua, 12-factor style: everything that differs between machines is an env var.

SQLite under ``var/`` is the default; set ``DATABASE_URL`` for PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from thidua.core.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("THIDUA_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("THIDUA_DEBUG", False)
# Production: secret key required, hashed static files from collectstatic, secure cookies.
PRODUCTION = env_bool("THIDUA_PRODUCTION", False)
SECRET_KEY = env_secret("THIDUA_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("THIDUA_SECRET_KEY is required in production")
    # Development only: a key that is clearly not secret. Production sets THIDUA_PRODUCTION=true.
    SECRET_KEY = "dev-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105

# The voting keys (docs/dev/voting-design.md §4): the urn key seals ballots until close, the pass
# key hashes voting-card codes. Kept apart from the database and its backups; never SECRET_KEY.
VOTING_SEAL_KEY = env_secret("THIDUA_VOTING_SEAL_KEY")
VOTING_PASS_KEY = env_secret("THIDUA_VOTING_PASS_KEY")
if not (VOTING_SEAL_KEY and VOTING_PASS_KEY):
    if PRODUCTION:
        raise ImproperlyConfigured(
            "THIDUA_VOTING_SEAL_KEY and THIDUA_VOTING_PASS_KEY are required in production"
        )
    VOTING_SEAL_KEY = VOTING_SEAL_KEY or "dev-insecure-voting-seal-key-0123456789abcdef"
    VOTING_PASS_KEY = VOTING_PASS_KEY or "dev-insecure-voting-pass-key-0123456789abcdef"

# The audit key (docs/audit.md) keys the audit trail's hash chain (HMAC-SHA256) and signs its
# checkpoints: someone who can write the database but does not hold it cannot rewrite history
# unseen. Kept apart from the database and its backups, like the voting keys; never SECRET_KEY.
AUDIT_KEY = env_secret("THIDUA_AUDIT_KEY")
if not AUDIT_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("THIDUA_AUDIT_KEY is required in production")
    AUDIT_KEY = "dev-insecure-audit-key-0123456789abcdef0123456789"

ALLOWED_HOSTS = env_list("THIDUA_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("THIDUA_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    # Thi Đua apps, lowest layer first (the import contract in pyproject.toml enforces the order:
    # core → audit, legal → organizations → accounts → clusters → domain apps → home)
    "thidua.core",
    "thidua.audit",
    "thidua.legal",
    "thidua.organizations",
    "thidua.accounts",
    "thidua.clusters",
    "thidua.people",
    "thidua.awards",
    "thidua.eligibility",
    "thidua.notifications",
    "thidua.planning",
    "thidua.start_of_year",
    "thidua.scoring",
    "thidua.voting",
    "thidua.documents",
    "thidua.restructuring",
    "thidua.home",
]

# Apps renamed after databases were deployed (old label → new label). ``migrate`` moves an old
# database's tables, migration history and content types first (``thidua.core.renamed_apps``).
THIDUA_RENAMED_APPS = {"cycle": "start_of_year"}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "thidua.core.middleware.RequestIdMiddleware",
    "thidua.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.core.middleware.VietnameseFirstLocaleMiddleware",
    # a NUL character in the query, a form or a JSON body: 400 before any view or query runs
    "thidua.core.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # "my sessions": last activity written at most every few minutes, not on every request
    "thidua.accounts.middleware.SessionActivityMiddleware",
    # a temporary password (set by a manager) is changed before anything else
    "thidua.accounts.middleware.TemporaryPasswordMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thidua.core.middleware.AuditContextMiddleware",
    # last: turns a locked-out sign-in into the login page with its message (accounts.lockout)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.core.context_processors.navigation",
            ],
        },
    },
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = env_str("DATABASE_URL")
DATABASES: dict[str, Any]
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    # Short queries, many of them: PostgreSQL's JIT compiles a query whose estimated cost is high
    # (the home page's late-units count at national size) in ~2 s to save milliseconds.
    # THIDUA_PG_JIT=true leaves it on.
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
        "THIDUA_PG_JIT", False
    ):
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "thidua.sqlite3",
            "OPTIONS": {
                # (every SQLite connection also zeroes freed pages: voting.apps)
                "init_command": "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    # Refuses a sign-in while its account or address is locked out (django-axes, below).
    "thidua.accounts.backends.ThrottleBackend",
    # First: logins and sessions load the user with its unit and authority in one query.
    "thidua.accounts.backends.AuthBackend",
    "rules.permissions.ObjectPermissionBackend",
]

# Failed sign-ins (django-axes): after THIDUA_LOGIN_FAILURE_LIMIT wrong passwords for one account,
# or from one address, that account or address is locked for THIDUA_LOGIN_COOLOFF_MINUTES (each
# further try restarts the wait); a successful sign-in resets the count. Every lockout is audited
# (accounts.login_locked_out). The address is ``thidua.core.http.client_ip`` (REMOTE_ADDR, or
# X-Forwarded-For behind a proxy: THIDUA_BEHIND_PROXY below).
AXES_FAILURE_LIMIT = env_int("THIDUA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("THIDUA_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "thidua.core.http.client_ip"
AXES_LOCKOUT_CALLABLE = "thidua.accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# successful sign-ins are already listed in "my sessions" (accounts.UserSession)
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# No admin pages for the attempt records (they have no service, so no audit event); the server's
# operator unlocks with `thidua axes_reset_username NAME` or `thidua axes_reset_ip ADDRESS`.
AXES_ENABLE_ADMIN = False

# Idle sessions end after THIDUA_SESSION_IDLE_HOURS (8, an office day): the expiry moves forward
# when the session is written, which SessionActivityMiddleware does at most every 5 minutes of
# activity (accounts.services.sessions.TOUCH_EVERY) instead of on every request.
SESSION_IDLE_HOURS = env_int("THIDUA_SESSION_IDLE_HOURS", 8)
SESSION_COOKIE_AGE = SESSION_IDLE_HOURS * 3600

# The shared cache (docs/operations.md, "Nhiều máy chủ ứng dụng"): with THIDUA_REDIS_URL
# (redis://host:6379/0) the cache is Redis and sessions are read from it (``cached_db``: written
# to the database as well, so "my sessions" and backups keep them); every app server and worker
# shares it. Without it the cache is per process and sessions stay in the database: a per-process
# cache of sessions would let one gunicorn worker keep a session another worker has ended.
REDIS_URL = env_str("THIDUA_REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("THIDUA_CACHE_PREFIX", "thidua"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# A read replica for long reports (README "Production", docs/operations.md): only the code inside
# ``core.replica.reports_reads()`` (the roll-up and follow-up workbooks) reads from it.
REPORTS_DATABASE_URL = env_str("THIDUA_REPORTS_DATABASE_URL")
if REPORTS_DATABASE_URL:
    DATABASES["reports"] = dj_database_url.parse(REPORTS_DATABASE_URL, conn_max_age=60)
    DATABASES["reports"]["TEST"] = {"MIRROR": "default"}
    if DATABASES["reports"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
        "THIDUA_PG_JIT", False
    ):
        DATABASES["reports"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DATABASE_ROUTERS = ["thidua.core.replica.ReportsRouter"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "thidua" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Dates are typed day-first (01/07/2025 = 1 July) in every language, Django admin included:
# thidua/core/formats/<lang>/formats.py come before Django's own locale formats.
FORMAT_MODULE_PATH = ["thidua.core.formats"]
# The same when no language is active (translation.deactivate_all(), some commands).
from thidua.core.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: E402, F401

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("THIDUA_STATIC_ROOT", str(VAR_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("THIDUA_MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded files (and the import stash): the local folder MEDIA_ROOT by default; with several app
# servers, a folder they all mount or another Django storage backend (docs/operations.md):
# THIDUA_FILE_STORAGE=dotted.path.Backend, THIDUA_FILE_STORAGE_OPTIONS='{"json": "options"}'.
STORAGES = {
    "default": {
        "BACKEND": env_str("THIDUA_FILE_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(env_str("THIDUA_FILE_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Outside production, serve static files straight from the apps (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
# Uploaded evidence and attachments: the hard ceiling; each feature sets its own lower limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
THIDUA_MAX_UPLOAD_MB = env_int("THIDUA_MAX_UPLOAD_MB", 20)
# Official documents (PDF): Times New Roman from this folder, else from fontconfig (unless
# THIDUA_DOCUMENT_FONT_SYSTEM=false), else the shipped Liberation Serif (docs/documents.md).
DOCUMENT_FONT_DIR = env_str("THIDUA_DOCUMENT_FONT_DIR", "")
DOCUMENT_FONT_SYSTEM = env_bool("THIDUA_DOCUMENT_FONT_SYSTEM", True)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # first: its WWW-Authenticate makes a call without credentials a 401 (not a 403)
        "thidua.accounts.api_auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Limit and offset read strictly, the limit capped (thidua.core.api.BoundedPagination).
    "DEFAULT_PAGINATION_CLASS": "thidua.core.api.BoundedPagination",
    "PAGE_SIZE": 50,
    # Services' PermissionDenied -> 403, ValidationError -> 400, with their own messages.
    "EXCEPTION_HANDLER": "thidua.core.api.exception_handler",
    # ISO first (what clients should send); a day-first date is accepted, never read month-first.
    "DATE_INPUT_FORMATS": ["iso-8601", "%d/%m/%Y"],
    "DATETIME_INPUT_FORMATS": ["iso-8601", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Thi Đua API",
    "DESCRIPTION": "REST API của nền tảng Thi Đua (thi đua, khen thưởng cụm/khối).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # the schema and its docs are for signed-in users and API tokens only (thidua/api_urls.py)
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # several serializers have a field named "kind" with different choices: name each set
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "thidua.organizations.enums.OrganizationKind",
        "ClusterKindEnum": "thidua.clusters.enums.ClusterKind",
        "RestructuringKindEnum": "thidua.restructuring.enums.RestructuringKind",
    },
}

# Deadline reminders (`thidua send-reminders`): how many days before a deadline.
NOTIFICATIONS_REMINDER_DAYS = env_int("THIDUA_REMINDER_DAYS", 3)

TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

# E-mail (password links, invitations, notifications and the daily digest): the console in development (DEBUG, or not
# THIDUA_PRODUCTION), SMTP otherwise, configured by THIDUA_EMAIL_HOST, THIDUA_EMAIL_PORT (587),
# THIDUA_EMAIL_HOST_USER, THIDUA_EMAIL_HOST_PASSWORD, THIDUA_EMAIL_USE_TLS (true
# unless THIDUA_EMAIL_USE_SSL) and THIDUA_DEFAULT_FROM_EMAIL; THIDUA_EMAIL_BACKEND overrides the
# choice. THIDUA_SITE_URL is the address written in e-mailed links when no request gives one.
EMAIL_BACKEND = env_str(
    "THIDUA_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or not PRODUCTION
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("THIDUA_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("THIDUA_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("THIDUA_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("THIDUA_EMAIL_HOST_PASSWORD")
EMAIL_USE_SSL = env_bool("THIDUA_EMAIL_USE_SSL", False)
EMAIL_USE_TLS = env_bool("THIDUA_EMAIL_USE_TLS", not EMAIL_USE_SSL)
DEFAULT_FROM_EMAIL = env_str("THIDUA_DEFAULT_FROM_EMAIL", "Thi Đua <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
THIDUA_SITE_URL = env_str("THIDUA_SITE_URL", "http://localhost:8000")
PASSWORD_RESET_TIMEOUT = env_int("THIDUA_PASSWORD_RESET_HOURS", 72) * 3600

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("THIDUA_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("THIDUA_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("THIDUA_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# Preloading (hstspreload.org) is a commitment browsers keep for months: only when asked for. The
# deploy check's reminder about it (security.W021) is silenced while it is not.
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0 and env_bool("THIDUA_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Behind THIDUA_PROXY_COUNT reverse proxies (nginx, a load balancer) that terminate HTTPS: the
# scheme comes from their X-Forwarded-Proto, the client address from the right-most address they
# appended to X-Forwarded-For (thidua.core.http.client_ip). Never set it without a proxy in front:
# the client could then choose both.
THIDUA_BEHIND_PROXY = env_bool("THIDUA_BEHIND_PROXY", False)
THIDUA_PROXY_COUNT = env_int("THIDUA_PROXY_COUNT", 1)
if THIDUA_PROXY_COUNT < 1:
    raise ImproperlyConfigured("THIDUA_PROXY_COUNT must be at least 1")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if THIDUA_BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Sent by thidua.core.middleware.ContentSecurityPolicyMiddleware: scripts, styles and everything
# else only from this site, no inline script or style, no plugins, never framed.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("THIDUA_LOG_LEVEL", "INFO")},
}

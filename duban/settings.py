"""duban's one settings file. Everything that differs between machines comes from the environment.

DATABASE_URL   sqlite:///path or postgres://user@host:port/name (default: SQLite in WAL mode at ./db.sqlite3)
CONN_MAX_AGE   seconds a worker keeps its database connection (default 60; 0 opens one per request)
SECRET_KEY     required when DEBUG is off
DEBUG          "1"/"true" to turn on (default off)
ALLOWED_HOSTS  comma-separated (default localhost,127.0.0.1)
AUDIT_KEY      the audit chain's HMAC key (required when DEBUG is off; never stored in the database)
FIELD_KEY      the key encrypting persons' phone numbers (required when DEBUG is off)
REQUIRE_2FA    second factor for supervisors and administrators (default: on when DEBUG is off)
CACHE_DIR      where the workers' shared cache keeps its files (default ./var/cache; used when DEBUG is off)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("DEBUG")
# pytest loads these settings before any conftest runs: the test suite gets the development keys.
TESTING = "pytest" in sys.modules
DEV_KEYS_ALLOWED = DEBUG or TESTING


def _secret(name: str, development_value: str) -> str:
    """A key from the environment; refuse to start without it unless this is a development run."""
    value = os.environ.get(name, "")
    if value:
        return value
    if not DEV_KEYS_ALLOWED:
        raise SystemExit(
            f"duban: {name} must be set in the environment when DEBUG is off (拒绝启动：缺少 {name})"
        )
    return development_value


SECRET_KEY = _secret("SECRET_KEY", "duban-insecure-development-key-change-me")
# The audit chain's HMAC key and the phone numbers' key: only in the environment, never in the database.
AUDIT_KEY = _secret("AUDIT_KEY", "duban-DEVELOPMENT-ONLY-audit-key")
FIELD_KEY = _secret("FIELD_KEY", "duban-DEVELOPMENT-ONLY-field-key")
REQUIRE_2FA = _env_bool("REQUIRE_2FA", default=not DEV_KEYS_ALLOWED)

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "duban",
    "audit",
    "accounts",
    "orgs",
    "targets",
    "progress",
    "supervision",
    "ingest",
    "exports",
    "api",
    "ops",
    "notify",
    "onboarding",
    "assessment",
    "dashboards",
    "portal",
]

MIDDLEWARE = [
    "ops.faults.FaultPages",  # outermost: a database outage or a full disk gets a clear page, not a 500
    "django.middleware.security.SecurityMiddleware",
    "accounts.middleware.BodyLimitMiddleware",
    "duban.csp.KeptPolicyMiddleware",  # django-csp's, with the header built once
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "duban.language.ChosenLanguageMiddleware",  # Chinese unless the person chose English (never the browser's)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "orgs.account_audit.AuditActorMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.AccountGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "duban.urls"
WSGI_APPLICATION = "duban.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "duban.context_processors.roles",
                "portal.context_processors.nav",
            ],
        },
    },
]

# Database: SQLite in WAL mode unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # a worker keeps its connection (no connect and PRAGMAs / PostgreSQL start-up per request)
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,  # a database restart costs one failed request, not a restart of duban
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "accounts.validators.NotUsernameValidator"},
]
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",  # django-axes: refuses a locked account or address
    "accounts.backends.PasswordBackend",  # Django's ModelBackend, its user read compiled once (accounts.prepared)
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Language and time: Chinese first, English on request; Asia/Shanghai.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# Static files: our own copies (npm assets vendored at set-up), served by the app through whitenoise.
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# "default": per process (lights, pages). "shared": results one worker computes and another reuses (each
# user's 我的待办, progress.due); with DEBUG off in files every worker of the machine reads, so a list is
# rebuilt once after a filing rather than once per worker. Nothing in a cache is data: it can be deleted.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    # each worker's own copy of what it read from or wrote to "shared" (progress.due: 我的待办's lists and pages)
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "local",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    },
    "shared": (
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"}
        if DEBUG or TESTING
        else {
            "BACKEND": "duban.cache.SharedFileCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": None,
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "duban API",
    "DESCRIPTION": "督办 — supervision of the yearly work report",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "accounts.schema.declare_security_responses",
    ],
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Security (等保 三级). duban sits behind a TLS proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEV_KEYS_ALLOWED:  # development (make demo: http://127.0.0.1:8000) and the test suite speak plain HTTP
    SECURE_SSL_REDIRECT = True
    # An API call is not redirected: its body (password, token) has already crossed by then, and scripted
    # clients do not follow a redirect with a POST; the TLS proxy in front answers plain HTTP itself. The same
    # holds for the admin's forms posted by scripts on the server itself; a browser gets no session over
    # plain HTTP anyway (secure cookies), so nothing is served to it there but the login page.
    SECURE_REDIRECT_EXEMPT = [r"^api/", r"^admin/"]
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sessions: 30 minutes idle, 8 hours at most, whatever the activity.
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", 30 * 60))
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", 8 * 3600))
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_ENGINE = (
    "accounts.sessions"  # Django's database sessions, read in plain SQL (every request reads one)
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Lockout (django-axes): 10 wrong passwords lock the account, and separately the address, for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 10))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False

# API tokens: hashed at rest, shown once, expire.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", 30))
OTP_TOTP_ISSUER = "duban 督办"

# The audit chain's head, appended daily to this file by `manage.py audit_anchor` (and mailed if set).
AUDIT_ANCHOR_FILE = Path(os.environ.get("AUDIT_ANCHOR_FILE", BASE_DIR / "var" / "audit-anchor.log"))
AUDIT_ANCHOR_MAIL_TO = [a for a in os.environ.get("AUDIT_ANCHOR_MAIL_TO", "").split(",") if a.strip()]

# Limits: evidence per report; uploaded import files kept this many days, then purged.
EVIDENCE_MAX_FILES = int(os.environ.get("EVIDENCE_MAX_FILES", 10))
EVIDENCE_MAX_TOTAL_BYTES = int(os.environ.get("EVIDENCE_MAX_TOTAL_BYTES", 50 * 1024 * 1024))
UPLOAD_RETENTION_DAYS = int(os.environ.get("UPLOAD_RETENTION_DAYS", 90))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # LOG_FORMAT=json (the default with DEBUG off): one JSON object per line; "text" for humans
    "formatters": {
        "json": {"()": "ops.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "text" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Import of decomposition tables (ingest): the largest file a supervisor may upload, in bytes.
DUBAN_IMPORT_MAX_BYTES = int(os.environ.get("DUBAN_IMPORT_MAX_BYTES", 20 * 1024 * 1024))
# Accounts created by someone else (the office, the demo without --password) must change their password first.
ACCOUNTS_NEW_MUST_CHANGE_PASSWORD = _env_bool("ACCOUNTS_NEW_MUST_CHANGE_PASSWORD", default=not TESTING)
LOGIN_URL_PATH = "/login/"
# The largest request body the API accepts; larger ones get a JSON 413.
API_MAX_BODY_BYTES = int(os.environ.get("API_MAX_BODY_BYTES", 25 * 1024 * 1024))

# Notifications (notify/): e-mail through SMTP from the environment. Without EMAIL_HOST, mail is written to
# files under var/sent-mail, so a demo without a mail server loses nothing and sends nothing out.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = BASE_DIR / "var" / "sent-mail"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0").lower() in ("1", "true", "yes", "on")
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "0").lower() in ("1", "true", "yes", "on")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "督办系统 <duban@localhost>")
# The address people use to reach duban, for links in e-mails and robot messages.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

"""Teilhabe settings: everything comes from environment variables via small typed helpers.

There is one settings module for every environment; production differs only by the values
of the variables (TEILHABE_PRODUCTION=1 switches on the transport-security settings).
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent  # src/teilhabe
PROJECT_DIR = BASE_DIR.parent.parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Environment variable {name} is required.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}.") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("TEILHABE_PRODUCTION", False)
DEBUG = env_bool("TEILHABE_DEBUG", False)
# The development key is refused in production so a forgotten variable fails loudly.
_DEV_KEY = "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz"
SECRET_KEY = env_str("SECRET_KEY", None if PRODUCTION else _DEV_KEY)
if PRODUCTION and SECRET_KEY == _DEV_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000")

# Demo mode loads demo data and may switch MFA enforcement off (shown by a banner).
DEMO = env_bool("TEILHABE_DEMO", False)
REQUIRE_MFA = env_bool("TEILHABE_REQUIRE_MFA", True)
VAR_DIR = Path(env_str("TEILHABE_VAR_DIR", str(PROJECT_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "ninja",
    "teilhabe.core",
    "teilhabe.municipalities",
    "teilhabe.people",
    "teilhabe.casework",
    "teilhabe.offers",
    "teilhabe.mentoring",
    "teilhabe.recognition",
    "teilhabe.documents",
    "teilhabe.employers",
    "teilhabe.trajectories",
    "teilhabe.alliances",
    "teilhabe.trainings",
    "teilhabe.advice",
    "teilhabe.reporting",
    "teilhabe.transfer",
    "teilhabe.relocation",
    "teilhabe.privacy",
    "teilhabe.ops",
    "teilhabe.notifications",
    "teilhabe.api",
    "teilhabe.demo",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "teilhabe.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "teilhabe.core.middleware.SessionLifetimeMiddleware",
    "teilhabe.core.middleware.NoStoreMiddleware",
    "teilhabe.core.middleware.MfaRequiredMiddleware",
    "teilhabe.core.middleware.AllianceScopeMiddleware",
    # Answers a locked-out login attempt with the lockout page (teilhabe.core.lockout).
    "axes.middleware.AxesMiddleware",
    # Innermost: sees the rendered page, its file response still gets every header above.
    "teilhabe.core.table_export.TableExportMiddleware",
]

ROOT_URLCONF = "teilhabe.urls"
WSGI_APPLICATION = "teilhabe.wsgi.application"
ASGI_APPLICATION = "teilhabe.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "teilhabe.core.context_processors.teilhabe",
            ],
        },
    }
]
FORM_RENDERER = "teilhabe.core.forms.KernFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'teilhabe.sqlite3'}"),
        conn_max_age=env_int("TEILHABE_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + busy timeout: the dev server and a background import can write side by side.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    # First: refuses any login attempt for a locked-out account before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_ADAPTER = "teilhabe.core.auth.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
# Failed logins are counted in the database (django-axes), shared by every server process and
# kept across restarts: five failures for one account lock it for 15 minutes, an operator can
# release it earlier (/betrieb/anmeldesperren/). allauth only brakes floods per address and
# process; its own per-account count (default 5 in 5 minutes, per process) is replaced.
ACCOUNT_RATE_LIMITS = {"login": "30/m/ip", "login_failed": "10/m/ip"}
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = _dt.timedelta(minutes=15)
# Per account, not per address: a municipal office signs in from one address behind NAT, and
# five typos there must not lock the whole office (axes.W006 says to add the address; the
# address is braked by allauth above instead).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lock ends 15 minutes after it began
AXES_DISABLE_ACCESS_LOG = True  # the audit log records logins; no second register of them
AXES_USERNAME_CALLABLE = "teilhabe.core.lockout.login_name"
AXES_CLIENT_STR_CALLABLE = "teilhabe.core.lockout.log_client"  # no name or address in a log
AXES_LOCKOUT_CALLABLE = "teilhabe.core.lockout.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Teilhabe"
# Notification e-mails go out through the municipal SMTP relay (docs/operations.md); without
# EMAIL_HOST they are printed to the worker's console (development and demo).
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "teilhabe@localhost")

# Sessions: 30 minutes idle (renewed on each request), 12 hours absolute (middleware).
SESSION_COOKIE_AGE = env_int("TEILHABE_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("TEILHABE_SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
# Not on every request: SessionLifetimeMiddleware renews the idle timer once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = env_int("TEILHABE_SESSION_RENEW_SECONDS", 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Flash messages live in the session, so no extra cookie exists outside the __Host- ones.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
if PRODUCTION:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("TEILHABE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/kern", PROJECT_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", PROJECT_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/vega", PROJECT_DIR / "node_modules" / "vega" / "build"),
    ("vendor/vega-lite", PROJECT_DIR / "node_modules" / "vega-lite" / "build"),
    ("vendor/vega-embed", PROJECT_DIR / "node_modules" / "vega-embed" / "build"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "private-media"  # never served directly; views check access
# Django's defaults, stated because core.uploads relies on them: a file above 2.5 MB is
# streamed to a temporary file (never held in memory), form fields stay below 2.5 MB.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

NINJA_PAGINATION_PER_PAGE = 50

# Production logs one JSON object a line (request id, user pk; TEILHABE_LOG_FORMAT=json|plain).
LOG_FORMAT = env_str("TEILHABE_LOG_FORMAT", "json" if PRODUCTION else "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s",
        },
    },
    # A calendar feed's path holds its secret: masked in every line (casework.work.log_filters);
    # a query string can hold a searched name: dropped from every line (core.log_filters).
    "filters": {
        "feed_token": {"()": "teilhabe.casework.work.log_filters.MaskFeedToken"},
        "strip_query": {"()": "teilhabe.core.log_filters.StripQueryString"},
        "request_context": {"()": "teilhabe.core.log_filters.RequestContext"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["feed_token", "strip_query", "request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("TEILHABE_LOG_LEVEL", "INFO")},
    # Request logs can carry personal values in URLs' query strings: keep them at WARNING.
    # Django's defaults give `django` and `django.server` their own unfiltered handlers: both
    # get the filtered console handler instead.
    "loggers": {
        "django": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "django.server": {"level": "WARNING", "handlers": ["console"], "propagate": False},
        "django.request": {"level": "ERROR"},
    },
}

TEILHABE: dict[str, Any] = {
    "STATUS_EXPIRY_FOLLOWUP_DAYS": env_int("TEILHABE_STATUS_EXPIRY_DAYS", 42),
    "PAGE_SIZE": env_int("TEILHABE_PAGE_SIZE", 25),
    # A list export with more rows is written by the task worker (core.export_jobs); its
    # file is deleted after EXPORT_KEEP_HOURS.
    "BACKGROUND_EXPORT_ROWS": env_int("TEILHABE_BACKGROUND_EXPORT_ROWS", 5000),
    "EXPORT_KEEP_HOURS": env_int("TEILHABE_EXPORT_KEEP_HOURS", 24),
    "IMPORT_MAX_BYTES": env_int("TEILHABE_IMPORT_MAX_BYTES", 10 * 1024 * 1024),
    # Links in notification e-mails point here (the address users open Teilhabe at).
    "BASE_URL": env_str("TEILHABE_BASE_URL", "http://127.0.0.1:8000"),
    # The daily summary e-mail and the consent reminders go out at this hour (local time).
    "DIGEST_HOUR": env_int("TEILHABE_DIGEST_HOUR", 7),
    # Counts below this (above 0) never leave an alliance's case management (core.suppression):
    # 3 by default, 5 for a stricter publication; values below 3 count as 3.
    "SUPPRESSION_MINIMUM": env_int("TEILHABE_SUPPRESSION_MINIMUM", 3),
}

# Background work (careers batch runs, reports, large imports): django-tasks with the
# database backend; `teilhabe db_worker` executes the queue (`make run` starts one).
# The test suite runs tasks immediately (tests/pg_plugin.py sets the variable).
TASKS = {
    "default": {
        "BACKEND": env_str("TEILHABE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

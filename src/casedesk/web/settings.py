"""Django settings for casedesk: every value comes from the environment, with safe defaults.

The data directory (``CASEDESK_DATA_DIR``, default ``./var``) holds the SQLite database, the
document files and the search index: back it up and you have everything. ``DATABASE_URL``
switches to PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(os.environ.get("CASEDESK_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use CASEDESK_SECRET_KEY, else a key generated once and kept in the data directory."""
    if key := os.environ.get("CASEDESK_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("CASEDESK_DEBUG", False)
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("CASEDESK_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CASEDESK_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "casedesk.web.accounts",
    "casedesk.web.audit",
    "casedesk.web.contacts",
    "casedesk.web.matters",
    "casedesk.web.dashboard",
    "casedesk.web.transfer",
    "casedesk.web.api",
    "casedesk.web.scheduling",
    "casedesk.web.documents",
    "casedesk.web.drafting",
    "casedesk.web.correspondence",
    "casedesk.web.research",
    "casedesk.web.productions",
    "casedesk.web.trial",
    "casedesk.web.toa",
    "casedesk.web.chronology",
    "casedesk.web.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "casedesk.web.accounts.middleware.ActiveUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "casedesk.web.accounts.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "casedesk.web.urls"
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
                "casedesk.web.accounts.context.role_flags",
            ],
        },
    }
]
WSGI_APPLICATION = "casedesk.web.wsgi.application"

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "casedesk.sqlite3",
            "OPTIONS": {
                # WAL for concurrent readers; synchronous=FULL so a committed write survives power loss.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"

# Lock an account for CASEDESK_LOCKOUT_MINUTES after this many failed logins in a row.
CASEDESK_LOCKOUT_THRESHOLD = int(os.environ.get("CASEDESK_LOCKOUT_THRESHOLD", "5"))
CASEDESK_LOCKOUT_MINUTES = int(os.environ.get("CASEDESK_LOCKOUT_MINUTES", "15"))
# Matter numbers: {year}, {seq} (python format spec allowed), {area} (practice-area code).
CASEDESK_MATTER_NUMBER_PATTERN = os.environ.get(
    "CASEDESK_MATTER_NUMBER_PATTERN", "{year}-{seq:04d}"
)
CASEDESK_FIRM_NAME = os.environ.get("CASEDESK_FIRM_NAME", "casedesk")

SESSION_COOKIE_AGE = 12 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = _env_bool("CASEDESK_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
CASEDESK_MAX_IMPORT_BYTES = int(os.environ.get("CASEDESK_MAX_IMPORT_BYTES", str(20 * 1024 * 1024)))

# --- Documents (documents app) -----------------------------------------------------------------
# Files are stored once by SHA-256 under blobs/; the full-text index lives in index/.
# An upload larger than CASEDESK_MAX_UPLOAD_BYTES is refused before it is written (the request's
# Content-Length is checked first, and the byte count as it streams). ZIP files are expanded
# up to CASEDESK_MAX_ZIP_BYTES of content; trash is purged after CASEDESK_TRASH_DAYS days.
CASEDESK_BLOB_DIR = DATA_DIR / "blobs"
CASEDESK_INDEX_DIR = DATA_DIR / "index"
CASEDESK_UPLOAD_TMP_DIR = DATA_DIR / "uploads"
CASEDESK_UPLOAD_TMP_DIR.mkdir(exist_ok=True)
FILE_UPLOAD_TEMP_DIR = str(CASEDESK_UPLOAD_TMP_DIR)
CASEDESK_MAX_UPLOAD_BYTES = int(os.environ.get("CASEDESK_MAX_UPLOAD_BYTES", str(512 * 1024**2)))
CASEDESK_MAX_ZIP_BYTES = int(os.environ.get("CASEDESK_MAX_ZIP_BYTES", str(2 * 1024**3)))
CASEDESK_TRASH_DAYS = int(os.environ.get("CASEDESK_TRASH_DAYS", "30"))
CASEDESK_OCR_LANGUAGE = os.environ.get("CASEDESK_OCR_LANGUAGE", "eng")
FILE_UPLOAD_HANDLERS = [
    "casedesk.web.documents.upload_limit.LimitedUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# --- end of documents --------------------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("CASEDESK_TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = os.environ.get(
    "CASEDESK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CASEDESK_LOG_LEVEL", "WARNING")},
    # eyecite warns about every pair of overlapping citations it reconciles ("Unknown overlap
    # case"): its own diagnostics, thousands per import, nothing a user can act on.
    "loggers": {"eyecite": {"level": "ERROR"}},
}

# --- E-mail and reminders (scheduling: reminder_services) ------------------------------------
# CASEDESK_SMTP_HOST switches the default backend to SMTP (CASEDESK_EMAIL_BACKEND still wins).
EMAIL_HOST = os.environ.get("CASEDESK_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("CASEDESK_SMTP_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("CASEDESK_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CASEDESK_SMTP_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("CASEDESK_SMTP_STARTTLS", False)
EMAIL_USE_SSL = _env_bool("CASEDESK_SMTP_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("CASEDESK_SMTP_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("CASEDESK_SMTP_FROM", "casedesk@localhost")
if os.environ.get("CASEDESK_SMTP_HOST") and not os.environ.get("CASEDESK_EMAIL_BACKEND"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# The worker sends due reminders every CASEDESK_REMINDER_SWEEP_SECONDS; one sent more than
# CASEDESK_REMINDER_LATE_MINUTES after it was due is marked late (the worker was down).
CASEDESK_REMINDER_SWEEP_SECONDS = int(os.environ.get("CASEDESK_REMINDER_SWEEP_SECONDS", "60"))
CASEDESK_REMINDER_LATE_MINUTES = int(os.environ.get("CASEDESK_REMINDER_LATE_MINUTES", "15"))
# Reminders of all-day events (most deadlines) count back from this hour on the day.
CASEDESK_REMINDER_ALL_DAY_HOUR = int(os.environ.get("CASEDESK_REMINDER_ALL_DAY_HOUR", "8"))
# --- end of e-mail and reminders ---------------------------------------------------------------

"""Platform settings. Every value that differs between machines comes from the environment
(see `.env.example` and docs/operations.md)."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from chanjiao.core.files import write_once


def load_env_file() -> Path | None:
    """Load the environment file: CHANJIAO_ENV_FILE, else `.env` in CHANJIAO_HOME (or the current
    directory). Variables already set in the process win; the same file serves systemd's
    EnvironmentFile= (one KEY=value a line, comments on their own lines)."""
    named = os.environ.get("CHANJIAO_ENV_FILE")
    path = Path(named) if named else Path(os.environ.get("CHANJIAO_HOME") or Path.cwd()) / ".env"
    if named and not path.is_file():
        raise RuntimeError(f"CHANJIAO_ENV_FILE={named}: no such file")
    if not path.is_file():
        return None
    load_dotenv(path, override=False)
    return path


ENV_FILE = load_env_file()


def env(name: str, default: str) -> str:
    """A variable's value; an empty one counts as unset (``KEY=`` in an environment file)."""
    return os.environ.get(name) or default


PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = Path(env("CHANJIAO_HOME", str(Path.cwd())))
VAR_DIR = Path(env("CHANJIAO_VAR", str(PROJECT_DIR / "var")))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def secret_key() -> str:
    """SECRET_KEY from the environment; otherwise a random key kept in var/ (a single machine)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        write_once(path, secrets.token_urlsafe(50).encode())
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key()
ALLOWED_HOSTS = [h.strip() for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_htmx",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "chanjiao.accounts",
    "chanjiao.jobs",
]
# One app per domain. Each may have urls.py (mounted at /), api.py with `router` (mounted under
# /api/), and on its AppConfig: `navigation` [(url name, label)], `home_panel(request)` and
# `populate_demo(*, dataset, progress) -> counts` with `demo_order`, `finish_demo` with
# `finish_demo_order` and `program_outcomes(year)` (see chanjiao.web.plugins).
DOMAIN_APPS = [
    "chanjiao.registry",
    "chanjiao.demo",
    "chanjiao.matching",
    "chanjiao.evaluation",
    "chanjiao.ledger",
    "chanjiao.surveys",
    "chanjiao.credit",
    "chanjiao.governance",
    "chanjiao.docking",
    "chanjiao.tracking",
    "chanjiao.notifications",
]
INSTALLED_APPS += DOMAIN_APPS

# Addresses or networks of the reverse proxies in front of the site (e.g. 127.0.0.1 for nginx on
# the same machine): only from them is X-Forwarded-For believed (docs/operations.md).
TRUSTED_PROXIES = [p.strip() for p in env("TRUSTED_PROXIES", "").split(",") if p.strip()]

MIDDLEWARE = [
    "chanjiao.web.request_context.TrustedProxyMiddleware",
    "chanjiao.web.request_context.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "chanjiao.accounts.sessions.IdleTimeoutMiddleware",
    "chanjiao.web.pickers.PickerUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a throttled sign-in into a 429
]

ROOT_URLCONF = "chanjiao.config.urls"
WSGI_APPLICATION = "chanjiao.config.wsgi.application"
ASGI_APPLICATION = "chanjiao.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chanjiao.accounts.context_processors.navigation",
                "chanjiao.notifications.context_processors.notices_link",
            ],
            "libraries": {"formats": "chanjiao.web.format_tags"},
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'chanjiao.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        # A kept connection is checked before each request reuses it: after a database restart
        # the first request reconnects instead of failing.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the background worker writes; IMMEDIATE avoids
    # "database is locked" upgrades when two writers meet.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
# One date and time format in every language: 2026-12-07 16:30 (chanjiao.web.formats).
FORMAT_MODULE_PATH = ["chanjiao.config.formats"]
FORMS_URLFIELD_ASSUME_HTTPS = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
NODE_MODULES = Path(env("CHANJIAO_NODE_MODULES", str(PROJECT_DIR / "node_modules")))
# Front-end libraries come from npm packages (package.json), never from a CDN.
STATICFILES_DIRS: list = [PACKAGE_DIR / "static"]
# URL prefix: (folder under the npm packages, the files of it the pages load).
PACKAGE_STATIC_FILES = {
    "vendor/pico": ("@picocss/pico/css", ["pico.min.css"]),
    "vendor/chartjs": ("chart.js/dist", ["chart.umd.min.js", "chart.umd.min.js.map"]),
    "vendor/sortablejs": ("sortablejs", ["Sortable.min.js"]),
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "chanjiao.web.staticfinders.PackageFilesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env("STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# Occupation coding: answers below this confidence go to the review queue and the poster is asked
# to choose; retrained coders are saved in CODER_DIR, and a retraining starts after every
# CODER_RETRAIN_EVERY new confirmations (0: only by hand).
CODING_REVIEW_CONFIDENCE = float(os.environ.get("CODING_REVIEW_CONFIDENCE", "0.9"))
CODER_DIR = Path(os.environ.get("CODER_DIR", VAR_DIR / "coder"))
CODER_RETRAIN_EVERY = int(os.environ.get("CODER_RETRAIN_EVERY", "25"))

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Background jobs survive faults (docs/operations.md): a running job beats every
# JOB_HEARTBEAT_SECONDS; one silent for JOB_STALE_SECONDS whose process is gone is re-run (kinds
# declared idempotent, after JOB_RETRY_DELAY_SECONDS doubling per attempt) or failed.
JOB_HEARTBEAT_SECONDS = float(env("JOB_HEARTBEAT_SECONDS", "5"))
JOB_STALE_SECONDS = float(env("JOB_STALE_SECONDS", "30"))
JOB_RETRY_DELAY_SECONDS = float(env("JOB_RETRY_DELAY_SECONDS", "10"))
JOB_SWEEP_SECONDS = float(env("JOB_SWEEP_SECONDS", "10"))
# Periodic tasks the scheduler (`chanjiao scheduler`) starts, in seconds (0: never), and how long
# finished jobs and queue entries are kept.
LEDGER_SIGN_EVERY = int(env("LEDGER_SIGN_EVERY", "3600"))
JOB_PRUNE_EVERY = int(env("JOB_PRUNE_EVERY", "86400"))
JOB_KEEP_DAYS = int(env("JOB_KEEP_DAYS", "90"))

# The database cache is shared by every web worker (login throttling must be), needs no extra
# server and works on SQLite and PostgreSQL; `chanjiao setup` creates its table.
CACHES = {
    "default": {
        "BACKEND": env("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": env("CACHE_LOCATION", "chanjiao_cache"),
    }
}

# Sign-in throttling (django-axes, see chanjiao.accounts.throttle): failures within the window per
# account at one address, per account from any address, per address over all accounts. The client
# address is read from X-Forwarded-For only when the request comes from one of TRUSTED_PROXIES
# (see TRUSTED_PROXIES above).
LOGIN_THROTTLE_FAILURES = int(env("LOGIN_THROTTLE_FAILURES", "5"))
LOGIN_THROTTLE_ACCOUNT_FAILURES = int(env("LOGIN_THROTTLE_ACCOUNT_FAILURES", "20"))
LOGIN_THROTTLE_ADDRESS_FAILURES = int(env("LOGIN_THROTTLE_ADDRESS_FAILURES", "100"))
LOGIN_THROTTLE_WINDOW_SECONDS = int(env("LOGIN_THROTTLE_WINDOW_SECONDS", "900"))
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked sign-in before the password is tried
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "chanjiao.accounts.throttle.ThrottleHandler"
AXES_FAILURE_LIMIT = "chanjiao.accounts.throttle.failure_limit"
AXES_COOLOFF_TIME = "chanjiao.accounts.throttle.cool_off"
AXES_LOCKOUT_PARAMETERS = "chanjiao.accounts.throttle.lockout_parameters"
AXES_CLIENT_IP_CALLABLE = "chanjiao.accounts.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "chanjiao.accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True  # the owner's own failures at the owner's address only (ThrottleHandler)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lock ends when its window does
# Lock-outs are logged as warnings; the start-up banner of every process is not.
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
# A browser session ends after this many seconds without a request (chanjiao.accounts.sessions).
SESSION_IDLE_TIMEOUT = int(env("SESSION_IDLE_TIMEOUT", "1800"))
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
# How long a mailed link to choose a password (reset or invitation) works, in seconds.
PASSWORD_RESET_TIMEOUT = int(env("PASSWORD_RESET_TIMEOUT", "259200"))
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("SECURE_COOKIES", not DEBUG and env_bool("HTTPS", False)):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Outgoing mail (survey reminders): sent only with SURVEYS_SEND_EMAIL=1, through this server.
SURVEYS_SEND_EMAIL = env_bool("SURVEYS_SEND_EMAIL", False)
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "chanjiao@localhost")

# Notifications (docs/notifications.md): mailed too with NOTIFICATIONS_SEND_EMAIL=1 (through the
# EMAIL_* server above), in NOTIFICATIONS_MAIL_LANGUAGE, with links starting with SITE_URL.
# The scheduler scans every NOTIFICATIONS_SCAN_EVERY seconds (0: off) for deadlines and expiring
# agreements NOTIFICATIONS_DAYS_AHEAD days ahead, and for overdue cases.
NOTIFICATIONS_SEND_EMAIL = env_bool("NOTIFICATIONS_SEND_EMAIL", False)
NOTIFICATIONS_MAIL_LANGUAGE = env("NOTIFICATIONS_MAIL_LANGUAGE", "zh-hans")
SITE_URL = env("SITE_URL", "")
NOTIFICATIONS_SCAN_EVERY = int(env("NOTIFICATIONS_SCAN_EVERY", "3600"))
NOTIFICATIONS_DAYS_AHEAD = int(env("NOTIFICATIONS_DAYS_AHEAD", "7"))

# The largest file any upload may be (imports of every kind, their API, rectification evidence).
MAX_UPLOAD_BYTES = int(env("MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES

# Logs go to standard error, one JSON object a line (LOG_FORMAT=json, the default: what journald
# and log collectors read) or plain text (LOG_FORMAT=text), each with the request id.
LOG_FORMAT = env("LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # semopy announces at import, on the root logger, that it cannot draw path diagrams (which
        # the platform does not use): every process would print it.
        "semopy_notice": {
            "()": "django.utils.log.CallbackFilter",
            "callback": lambda record: not record.getMessage().startswith("No graphviz package found"),
        },
        "request_id": {"()": "chanjiao.web.request_context.RequestIdFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger", "process": "pid"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["semopy_notice", "request_id"],
            "formatter": "text" if LOG_FORMAT == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

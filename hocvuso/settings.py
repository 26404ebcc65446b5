"""Settings for hocvuso, read from environment variables with safe defaults.

Development needs nothing set: SQLite in the project folder, DEBUG on.
Production sets SECRET_KEY, DEBUG=false, ALLOWED_HOSTS and DATABASE_URL.
"""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from hocvuso.core.env import EnvError, envbool, envfloat, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", True)
# In production the key comes only from the environment, never from a default in the code.
SECRET_KEY = envstr("SECRET_KEY", "dev-only-not-secret" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false")
# The keys replaced by SECRET_KEY, still accepted for signed values (sessions, password
# links) until those expire: a key can be changed without signing everyone out.
SECRET_KEY_FALLBACKS = envlist("SECRET_KEY_FALLBACKS", "")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "auditlog",
    # Signing in: lockout after failed attempts, and the second factor (TOTP, recovery codes).
    "hocvuso.accounts.apps.AxesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Serves the API docs page (Swagger UI) from local static files, not a CDN.
    "ninja",
    # Background tasks (Django's Tasks API, backported): the queue lives in the database.
    "django_tasks",
    "hocvuso.core.apps.TasksDatabaseConfig",
    "hocvuso.core",
    "hocvuso.units",
    "hocvuso.accounts",
    "hocvuso.teams",
    "hocvuso.documents",
    "hocvuso.outreach",
    "hocvuso.roster",
    "hocvuso.support",
    "hocvuso.learning",
    "hocvuso.indicators",
    "hocvuso.reports",
    "hocvuso.city",
    "hocvuso.nation",
    "hocvuso.imports",
    "hocvuso.api",
    "hocvuso.overview",
    "hocvuso.dashboard",
    "hocvuso.privacy",
    "hocvuso.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from STATIC_ROOT, compressed and cached for a year (whitenoise); before the
    # others, which static files do not need. It keeps SecurityMiddleware's headers (HSTS…).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy (below); before the others so that even their errors get it.
    "csp.middleware.CSPMiddleware",
    # X-Request-ID on every response and in every log line written while answering it.
    "hocvuso.core.logs.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: no-store on every page a signed-in user sees (hocvuso.core.middleware).
    "hocvuso.core.middleware.NoStoreWhenSignedIn",
    # request.user.is_verified(): whether this session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    # Officers idle too long are signed out; those without their second factor are sent to it.
    "hocvuso.accounts.middleware.SignInMiddleware",
    # request.scope: what the signed-in user may see and change (hocvuso.core.scoping).
    "hocvuso.accounts.middleware.ScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user and the client's address in every audit log entry.
    "hocvuso.core.audit.AuditMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hocvuso.urls"
WSGI_APPLICATION = "hocvuso.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hocvuso" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hocvuso.accounts.words.unit_words",
            ],
        },
    },
]

# Each of gunicorn's threads keeps its connection for DATABASE_CONN_MAX_AGE seconds (0: a new
# one every request, which costs PostgreSQL a process start each time), and checks it with a
# `SELECT 1` at the start of a request: after the database restarts, the first request of each
# thread then reconnects instead of failing.
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=envbool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several workers writing at once: wait for the lock instead of failing,
    # take it at the start of a write transaction, and let readers go on
    # reading while one writes (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Request limits, checked before a view reads the body: the form fields and their number
# (the province's accounts page posts four fields a commune), and the number of files.
# Uploaded files do not count in DATA_UPLOAD_MAX_MEMORY_SIZE; above
# FILE_UPLOAD_MAX_MEMORY_SIZE they go to a temporary file, and the forms refuse those
# larger than IMPORT_MAX_UPLOAD_MB. The proxy caps the whole body (docs/setup.md).
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = envint("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = envint("DATA_UPLOAD_MAX_NUMBER_FIELDS", 2000)
DATA_UPLOAD_MAX_NUMBER_FILES = envint("DATA_UPLOAD_MAX_NUMBER_FILES", 5)
# What an uploaded XLSX or DOCX may be before openpyxl or python-docx opens it
# (hocvuso/imports/files.py): its size, the number of its zip entries, their unpacked size,
# how much one entry may be compressed, and the range a sheet may declare.
IMPORT_MAX_UPLOAD_BYTES = envint("IMPORT_MAX_UPLOAD_MB", 10) * 1024 * 1024
IMPORT_MAX_UNPACKED_BYTES = envint("IMPORT_MAX_UNPACKED_MB", 50) * 1024 * 1024
IMPORT_MAX_ZIP_ENTRIES = envint("IMPORT_MAX_ZIP_ENTRIES", 500)
IMPORT_MAX_ZIP_RATIO = envint("IMPORT_MAX_ZIP_RATIO", 100)
IMPORT_MAX_COLUMNS = envint("IMPORT_MAX_COLUMNS", 100)
IMPORT_MAX_SHEET_ROWS = envint("IMPORT_MAX_SHEET_ROWS", 50_000)
# Files of up to this many rows are imported in the request; larger ones by the worker, the
# page following their progress (hocvuso/imports/jobs.py).
IMPORT_DIRECT_LIMIT = envint("IMPORT_DIRECT_LIMIT", 500)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Signing in (SECURITY.md rows 9–12). Passwords are judged by length and against the list of
# common passwords, never by composition rules; officers and administrators add a second
# factor, so 10 characters are enough (14 without one, Decree 331 level 2).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "hocvuso.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "hocvuso.accounts.passwords.VietnameseCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
# Argon2 first; the PBKDF2 hashes made before it still verify and are rehashed on sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# django-axes counts the failed sign-ins of a username from one address, on the sign-in page,
# the admin's and anything else that calls `authenticate`; the fifth locks that pair out for
# 15 minutes (a page answering 429), and a successful sign-in clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts during the lockout do not push its end further: the page says when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "hocvuso.accounts.signin.lockout_response"
# Successful sign-ins are in hocvuso's own log (accounts.SignInEvent), not a second one.
AXES_DISABLE_ACCESS_LOG = True
# No banner on every start of the program.
AXES_VERBOSE = False
# The client's address, as the proxies in front of the site pass it on (hocvuso.core.clients).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "hocvuso.core.clients.client_ip"
# Officers and administrators must pass a second factor (TOTP) before any page; with DEBUG the
# demo's logins may skip it, so that `make run` stays a one-command demo.
OTP_REQUIRED = envbool("OTP_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "hocvuso"
# An officer's session ends after this many idle minutes; members on phones keep Django's
# two weeks (SESSION_COOKIE_AGE).
SESSION_IDLE_MINUTES = envint("SESSION_IDLE_MINUTES", 30)
# However busy, an officer's session ends this many hours after signing in (0: no limit).
OFFICER_SESSION_HOURS = envint("OFFICER_SESSION_HOURS", 12)
# API tokens last this many days, then answer 401 until a new one is issued.
API_TOKEN_DAYS = envint("API_TOKEN_DAYS", 90)

# The interface speaks Vietnamese only; its own strings are written in Vietnamese in the
# source. Django's strings come from its `vi` catalogue; hocvuso/locale holds only what that
# catalogue and django-auditlog's lack (the admin's user add page, the audit log's names).
# The formats in hocvuso/formats/vi give dd/mm/yyyy dates and "1.500" numbers.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "hocvuso" / "locale"]
FORMAT_MODULE_PATH = ["hocvuso.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "hocvuso" / "static"]
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "static-collected")))
# In production `collectstatic` writes each file under a name holding a hash of its content
# (css/hocvuso.3f2a….css) with a gzip and a Brotli copy; {% static %} gives those names, so
# browsers may keep the files forever. In development (DEBUG) the plain names, no collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# In development whitenoise serves the files where they lie, looked up again at each request.
# Fixed here (not read from DEBUG at start-up): pytest turns DEBUG off while tests run.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))
# Excel exports, kept apart from MEDIA_ROOT: they are served only to their owner.
EXPORT_ROOT = Path(envstr("EXPORT_ROOT", str(BASE_DIR / "exports")))
# The reports' charts, each drawn once for the figures it shows and kept as a file shared by
# the server's processes (hocvuso/reports/render/charts.py). Beside the exports by default,
# where the server may write, and out of the backups: a lost chart is only drawn again.
CHART_CACHE_DIR = Path(envstr("CHART_CACHE_DIR", str(EXPORT_ROOT.parent / "cache" / "charts")))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "charts": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": CHART_CACHE_DIR,
        # A chart unused for 90 days goes; so do a third of them past 2,000 (some 100 MB).
        "TIMEOUT": 90 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# Exports of fewer rows than this are written in the request; larger ones by the worker.
EXPORT_DIRECT_LIMIT = envint("EXPORT_DIRECT_LIMIT", 5000)
# Signed documents (PDF) are handed out only by a view that checks the
# reader's scope, never from MEDIA_URL; so they live outside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(envstr("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))

# Background tasks (the Excel exports) go through Django's Tasks API. By default the queue is
# a table of the database and `manage.py worker` runs them; TASKS_BACKEND=rq sends them to
# Redis (REDIS_URL) for `manage.py rqworker` instead, with `pip install -e ".[rq]"`. The
# task code is the same either way.
TASKS_BACKEND = envstr("TASKS_BACKEND", "database")
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": envstr("REDIS_URL", "redis://127.0.0.1:6379/0")}}
    # `manage.py rqworker default` runs the tasks through django-tasks-rq's job class.
    RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
else:
    raise EnvError(f"TASKS_BACKEND must be database or rq, got {TASKS_BACKEND!r}")
# `manage.py worker` says it is alive every TASKS_HEARTBEAT_SECONDS; a task left running by
# a worker silent for TASKS_WORKER_LOST_AFTER seconds is given to another worker.
TASKS_HEARTBEAT_SECONDS = envfloat("TASKS_HEARTBEAT_SECONDS", 10)
TASKS_WORKER_LOST_AFTER = envfloat("TASKS_WORKER_LOST_AFTER", 60)
if not 0 < TASKS_HEARTBEAT_SECONDS < TASKS_WORKER_LOST_AFTER:
    raise EnvError("TASKS_HEARTBEAT_SECONDS must be above 0 and below TASKS_WORKER_LOST_AFTER")

# Mail goes out only when a server is named: the one-time links to set a password and the
# "forgotten password" mails. Without one, the links are shown once, printable, with a QR
# code, and a forgotten password is reset by the officer who made the account.
EMAIL_HOST = envstr("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", EMAIL_PORT == 465)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "hocvuso <no-reply@localhost>")
EMAIL_TIMEOUT = 20
# Without a server, development prints the mails on the console and production sends
# nothing; the tests use Django's in-memory outbox. The notifications (hocvuso.core.mail)
# link to SITE_URL, the address the officers open the site at.
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends."
    + ("smtp" if EMAIL_HOST else "console" if DEBUG else "dummy")
    + ".EmailBackend",
)
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# HTTPS. Behind nginx or Caddy, which end TLS and pass the request on over plain HTTP,
# SECURE_PROXY_SSL_HEADER names the header in which the proxy says the request came over
# HTTPS (X-Forwarded-Proto: https); the proxy must set it itself, never pass on the
# client's. Without it, every request would look like HTTP and be redirected forever.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# A monitor on the same machine may ask /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
_proxy_ssl_header = envstr("SECURE_PROXY_SSL_HEADER", "")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https") if _proxy_ssl_header else None
)
# Browsers that have seen the site over HTTPS go on using only HTTPS for a year.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading puts the domain in the browsers' own lists, hard to undo: the operator's choice.
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if SESSION_COOKIE_SECURE:
    # The __Host- prefix: the browser takes the cookie only over HTTPS, for this host alone
    # (no Domain, Path=/), so a neighbouring subdomain cannot set or overwrite it. Over plain
    # HTTP in development the browser would refuse such a cookie, hence the plain names.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Content-Security-Policy (django-csp): scripts, styles, images and connections from this
# site only; no inline script or style, except the few carrying the request's nonce (the
# 500 page, whose stylesheet might not be reachable when the server fails). data: images
# stay allowed: the API docs' stylesheet draws its icons with them (QR codes are inline SVG).
# CSP_REPORT_ONLY=true sends it as Content-Security-Policy-Report-Only: the browser then
# only reports what the policy would block.
_csp = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}
if envbool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp
else:
    CONTENT_SECURITY_POLICY = _csp

# Audit entries keep the changed fields of every record; the actor comes from
# the middleware above, or from `core.audit.acting_as` in services and commands.
AUDITLOG_INCLUDE_ALL_MODELS = False

# How long the audit trail is kept (`manage.py purge_audit_log`, docs/personal-data.md): TCVN
# 14423 asks for security logs kept 12 months, Decree 330 fines sign-in logs kept under 90 days.
AUDIT_RETENTION_DAYS = envint("AUDIT_RETENTION_DAYS", 365)
# The phone numbers the audit trail quotes are blanked after this many days.
AUDIT_PHONE_DAYS = envint("AUDIT_PHONE_DAYS", 90)
if AUDIT_RETENTION_DAYS < 90 or not 0 < AUDIT_PHONE_DAYS <= AUDIT_RETENTION_DAYS:
    raise EnvError(
        "AUDIT_RETENTION_DAYS must be at least 90 and AUDIT_PHONE_DAYS from 1 to "
        f"AUDIT_RETENTION_DAYS, got {AUDIT_RETENTION_DAYS} and {AUDIT_PHONE_DAYS}"
    )
# A login unused this many days is closed (`manage.py deactivate_inactive_accounts`).
INACTIVE_DAYS = envint("INACTIVE_DAYS", 45)

# LOG_FORMAT=json writes one JSON object a line (time, level, logger, message, request id),
# for journald or a log collector to read; "plain" (the default) is for people.
LOG_FORMAT = envstr("LOG_FORMAT", "plain")
if LOG_FORMAT not in ("plain", "json"):
    raise EnvError(f"LOG_FORMAT must be plain or json, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(levelname)s %(name)s %(message)s"},
        "json": {"()": "hocvuso.core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # django-axes writes three INFO lines on every sign-in ("Successful login", "Cleaned up 0
    # expired access attempts", "Reset 0 access attempts"); the sign-in log
    # (accounts.SignInEvent) keeps what matters, and axes' warnings (lockouts) still show.
    "loggers": {"axes": {"level": "WARNING"}},
}

# The Ministry that the provinces' Departments report to (hocvuso/nation): its name as its
# documents' header and sentences say it, its short name for recipients blocks, the symbol
# of its reports, and its signer. The defaults name the Ministry of the movement's decree.
MINISTRY_NAME = envstr("MINISTRY_NAME", "Bộ Khoa học và Công nghệ")
MINISTRY_SHORT_NAME = envstr("MINISTRY_SHORT_NAME", "Bộ KH&CN")
MINISTRY_REPORT_SYMBOL = envstr("MINISTRY_REPORT_SYMBOL", "BC-BKHCN")
# Where its documents are signed ("[place], ngày …", Nghị định 30): the Ministry's seat.
MINISTRY_PLACE = envstr("MINISTRY_PLACE", "Hà Nội")
MINISTRY_ADDRESSEE = envstr("MINISTRY_ADDRESSEE", "Thủ tướng Chính phủ")
MINISTRY_SIGNER_AUTHORITY = envstr("MINISTRY_SIGNER_AUTHORITY", "KT. BỘ TRƯỞNG")
MINISTRY_SIGNER_TITLE = envstr("MINISTRY_SIGNER_TITLE", "THỨ TRƯỞNG")
MINISTRY_SIGNER_NAME = envstr("MINISTRY_SIGNER_NAME", "")

"""Settings for hocvuso, read from environment variables with safe defaults.

Development needs nothing set: SQLite in the project folder, DEBUG on.
Production sets SECRET_KEY, DEBUG=false, ALLOWED_HOSTS and DATABASE_URL.
"""

from pathlib import Path

import dj_database_url

from hocvuso.core.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", True)
SECRET_KEY = envstr("SECRET_KEY", "dev-only-not-secret" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is false")
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
    # Serves the API docs page (Swagger UI) from local static files, not a CDN.
    "ninja",
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
    "hocvuso.imports",
    "hocvuso.api",
    "hocvuso.overview",
    "hocvuso.dashboard",
    "hocvuso.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.scope: what the signed-in user may see and change (hocvuso.core.scoping).
    "hocvuso.accounts.middleware.ScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user as the actor of every audit log entry.
    "auditlog.middleware.AuditlogMiddleware",
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

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "hocvuso.accounts.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

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
MEDIA_URL = "media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))
# Excel exports, kept apart from MEDIA_ROOT: they are served only to their owner.
EXPORT_ROOT = Path(envstr("EXPORT_ROOT", str(BASE_DIR / "exports")))
# Signed documents (PDF) are handed out only by a view that checks the
# reader's scope, never from MEDIA_URL; so they live outside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(envstr("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))

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

SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Audit entries keep the changed fields of every record; the actor comes from
# the middleware above, or from `auditlog.context.set_actor` in commands.
AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}

"""Settings for Vindplek, read from the environment with safe defaults.

Every variable is listed in `.env.example` and the README. Development needs none of them;
production sets at least DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import datetime
import json
import os
from importlib import metadata
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list without empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)


def dev_secret_key(path: Path) -> str:
    """The development key that the server and every command share: made once, git-ignored."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    key = "dev-" + get_random_secret_key()
    try:  # O_EXCL: when two processes start at once, the first one's key is the key
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(key)
    return key


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            "Set DJANGO_DEBUG=1 for local development."
        )
    # One key for `make run` and every `manage.py` command, so a link a command makes (a
    # set-password link) is accepted by the server. Never used when DEBUG is off.
    SECRET_KEY = dev_secret_key(
        Path(os.environ.get("VINDPLEK_DEV_SECRET_KEY_FILE", BASE_DIR / ".dev-secret-key"))
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# A refused CSRF check answers the API in JSON like its other errors (steunpunten/fouten.py).
CSRF_FAILURE_VIEW = "steunpunten.fouten.csrf_failure"

INSTALLED_APPS = [
    # The admin with a second factor (django-otp): beheer/site.py.
    "beheer.adminconfig.BeheerAdminConfig",
    # Before django.contrib.auth, so its `createsuperuser` (e-mail address first, in Dutch) wins.
    "beheer",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # /sitemap.xml (zoeken/sitemaps.py): its views and templates.
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Enrolment of the second factor (QR code, confirm, backup codes): beheer/views.py.
    "two_factor",
    "steunpunten",
    "zoeken",
    "overzicht",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "steunpunten.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses public pages: they hold no secret (no CSRF token), so BREACH has nothing to
    # find; the report form stays uncompressed.
    # After WhiteNoise, which serves its own pre-compressed static files.
    "steunpunten.middleware.PublicGZipMiddleware",
    # The admin's pages too, except the second factor's set-up and backup codes (a secret).
    "beheer.middleware.BeheerGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL only: Dutch at /…, English at /en/… (vindplek/urls.py).
    "steunpunten.middleware.TaalUitUrlMiddleware",
    # A NUL byte in any query parameter: 400 on every URL and on either database.
    "steunpunten.middleware.RejectNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions: idle and maximum length (VINDPLEK_SESSIE_*); public visitors untouched.
    "beheer.middleware.StaffSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vindplek.urls"
WSGI_APPLICATION = "vindplek.wsgi.application"

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
                "zoeken.context_processors.demo",
                "steunpunten.context_processors.talen",
                "steunpunten.context_processors.eigenaar",
            ],
        },
    },
]

# The embedded default is SQLite in a file that git ignores; DATABASE_URL selects PostgreSQL.
SQLITE_PATH = Path(os.environ.get("DJANGO_SQLITE_PATH", BASE_DIR / "db.sqlite3"))
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{SQLITE_PATH}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several workers or threads saving at once: each transaction takes the write lock when it
    # begins (IMMEDIATE) and waits up to 20 s for it, instead of failing halfway with "database
    # is locked"; so the optimistic lock of an edit answers. WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": int(os.environ.get("DJANGO_SQLITE_TIMEOUT", "20")),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin login security (issue 4, docs/beheer.md): django-axes locks a username + IP pair after
# repeated failures, even for the right password; django-otp asks staff for a TOTP code.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Staff log in with their e-mail address, in any case (beheer/login.py).
    "beheer.login.EmailBackend",
]
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
AXES_FAILURE_LIMIT = int(os.environ.get("VINDPLEK_LOGIN_MAX_POGINGEN", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("VINDPLEK_LOGIN_AFKOELEN_MINUTEN", "30"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# "Anna@x.nl" and "anna@x.nl" are one account, so they count as one for the lockout too.
AXES_USERNAME_CALLABLE = "beheer.login.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/vergrendeld.html"
# Behind N trusted reverse proxies, set VINDPLEK_PROXY_COUNT=N so the client IP is read from
# X-Forwarded-For (used by the lockout and the report-form rate limit alike).
VINDPLEK_PROXY_COUNT = int(os.environ.get("VINDPLEK_PROXY_COUNT", "0"))
# An IPv6 client counts per /64 network, as the report form counts it.
AXES_CLIENT_IP_CALLABLE = "steunpunten.clients.lockout_ip"
# The second factor is on unless switched off explicitly, and only ever with DEBUG on.
VINDPLEK_ADMIN_OTP = not (DEBUG and env_bool("VINDPLEK_ADMIN_OTP_UIT", False))
OTP_TOTP_ISSUER = os.environ.get("VINDPLEK_OTP_ISSUER", "Vindplek")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# django-two-factor-auth gives the enrolment views only: the admin keeps its own login form.
TWO_FACTOR_PATCH_ADMIN = False
# History is shown, never reverted from the admin (a revert would bypass the edit checks).
SIMPLE_HISTORY_REVERT_DISABLED = True

# The address of this site in links that commands mail (set-password links, reminders).
VINDPLEK_SITE_URL = os.environ.get("VINDPLEK_SITE_URL", "http://localhost:8000").rstrip("/")
# Days an invitation link (a new account's set-password link) works; a "Wachtwoord vergeten?"
# link keeps Django's PASSWORD_RESET_TIMEOUT of three days (beheer/inloggen.py).
VINDPLEK_UITNODIGING_DAGEN = int(os.environ.get("VINDPLEK_UITNODIGING_DAGEN", "14"))
# "Klopt er iets niet?" reports per client per hour (steunpunten/meldingen.py).
VINDPLEK_MELDINGEN_PER_UUR = int(os.environ.get("VINDPLEK_MELDINGEN_PER_UUR", "5"))
# ... and per steunpunt, from all clients together: a flood never buries its staff in reports.
VINDPLEK_MELDINGEN_PER_STEUNPUNT_PER_UUR = int(
    os.environ.get("VINDPLEK_MELDINGEN_PER_STEUNPUNT_PER_UUR", "10")
)
# Wrong codes of "Voelde u zich gesteund?" (/ervaring/) a client may type an hour, then 429
# (steunpunten/ervaring.py); right codes do not count.
VINDPLEK_ERVARING_POGINGEN_PER_UUR = int(os.environ.get("VINDPLEK_ERVARING_POGINGEN_PER_UUR", "10"))
# Requests a client (an IPv4 address or an IPv6 /64) may make of the API and the suggestions a
# minute, then 429 with Retry-After (zoeken/throttle.py); 0 switches the limit off. Typing in the
# search box costs one suggestion request a letter; a school behind one address has many users.
VINDPLEK_API_PER_MINUUT = int(os.environ.get("VINDPLEK_API_PER_MINUUT", "300"))
# Days a report is kept after it came in; `manage.py purge_meldingen` (daily, from cron)
# deletes older ones. The privacy statement names this period.
VINDPLEK_MELDINGEN_BEWAARDAGEN = int(os.environ.get("VINDPLEK_MELDINGEN_BEWAARDAGEN", "180"))

# Who runs this site: the contact page, the privacy and accessibility statements and the footer
# name them. Without VINDPLEK_EIGENAAR_NAAM the site shows a clearly marked example (steunpunten/eigenaar.py).
VINDPLEK_EIGENAAR = {
    "naam": os.environ.get("VINDPLEK_EIGENAAR_NAAM", "").strip(),
    "email": os.environ.get("VINDPLEK_EIGENAAR_EMAIL", "").strip(),
    "adres": os.environ.get("VINDPLEK_EIGENAAR_ADRES", "").strip(),
    "telefoon": os.environ.get("VINDPLEK_EIGENAAR_TELEFOON", "").strip(),
    "website": os.environ.get("VINDPLEK_EIGENAAR_WEBSITE", "").strip(),
}

# /.well-known/security.txt (steunpunten/securitytxt.py, RFC 9116): where to report a security
# problem (comma-separated URIs, e.g. mailto:security@example.nl; empty: the owner's e-mail
# address, else the contact page) and the last day the file is valid (YYYY-MM-DD, less than a
# year ahead; empty: always half a year from today).
VINDPLEK_SECURITY_CONTACT = env_list("VINDPLEK_SECURITY_CONTACT")
VINDPLEK_SECURITY_VERLOOPT = os.environ.get("VINDPLEK_SECURITY_VERLOOPT", "").strip()

# Shared caches. "limieten" keeps the report-form rate limit in the database, so it holds
# across app servers on SQLite and PostgreSQL alike (table made by a migration).
# "default" holds search answers keyed by the data version and PC4 (steunpunten/cache.py):
# memory per process unless DJANGO_CACHE_URL names a shared Redis (redis://host:6379/0) for
# several servers. A Redis that is down or hangs costs at most its short timeouts (below) once,
# after which the site leaves it alone for half a minute; pages never fail because of it.
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "") or os.environ.get("REDIS_URL", "")
CACHE_TIMEOUT_SECONDS = int(os.environ.get("DJANGO_CACHE_TIMEOUT_MS", "250")) / 1000
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT_SECONDS,
                "socket_timeout": CACHE_TIMEOUT_SECONDS,
            },
        }
        if CACHE_URL.startswith(("redis://", "rediss://", "unix://"))
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # One small answer per PC4 (about 4,100) and place name searched for.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    ),
    "limieten": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "vindplek_limieten",
        # incr() stores with this default: a counter must outlive its hour (meldingen.py).
        "TIMEOUT": 2 * 60 * 60,
        # Room for many clients before old counters are culled (which would forget a limit).
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}

# Public pages may be kept this many seconds by browsers, proxies and CDNs (steunpunten/http.py);
# after that they ask again with If-None-Match and get 304 unless the data changed.
VINDPLEK_PUBLIC_MAX_AGE = int(os.environ.get("VINDPLEK_PUBLIC_MAX_AGE", "60"))


# After an edit, a worker answers from its old in-memory search indexes while one thread builds
# the new ones, so no request waits for a rebuild (steunpunten/indexen.py). Off: the request that
# meets an old index builds the new one itself (the test suite, which edits and searches at once).
VINDPLEK_INDEXEN_OP_ACHTERGROND = env_bool("VINDPLEK_INDEXEN_OP_ACHTERGROND", True)


# Part of every public page's ETag: the release name of a deployment, else the package version.
# Set it on every deploy (deploy/README.md), so no visitor keeps a page of the release before.
def package_version() -> str:
    """The installed version of this project (pyproject.toml), or "dev" from a bare checkout."""
    try:
        return metadata.version("vindplek")
    except metadata.PackageNotFoundError:
        return "dev"


VINDPLEK_RELEASE = os.environ.get("VINDPLEK_RELEASE", "") or package_version()

# Geocoding of steunpunt addresses (steunpunten/geocoding.py). Empty class: no geocoder, the
# PC4 centroid is used. Nominatim needs a real user agent, e.g.
# VINDPLEK_GEOCODER_CLASS=geopy.geocoders.Nominatim
# VINDPLEK_GEOCODER_OPTIONS='{"user_agent": "vindplek (beheer@example.nl)"}'
VINDPLEK_GEOCODER = {
    "class": os.environ.get("VINDPLEK_GEOCODER_CLASS", ""),
    "options": json.loads(os.environ.get("VINDPLEK_GEOCODER_OPTIONS", "") or "{}"),
    "min_delay_seconds": float(os.environ.get("VINDPLEK_GEOCODER_MIN_DELAY", "1")),
    "timeout": float(os.environ.get("VINDPLEK_GEOCODER_TIMEOUT", "3")),
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Where the import commands find the source data by default: the repository's own data/ folder.
VINDPLEK_DATA_DIR = Path(os.environ.get("VINDPLEK_DATA_DIR", BASE_DIR / "data"))

# Invented demo steunpunten exist only where wanted (on under `make run`): with this off they
# are not loaded and never shown, even when one is in the database (SteunpuntQuerySet.published).
VINDPLEK_VOORBEELDEN = env_bool("VINDPLEK_VOORBEELDEN", False)

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "vindplek@localhost")

# Production hardening: on whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): only our own files; no inline scripts or styles, no
# plug-ins, no <base>, no framing. A map that loads tiles on request adds its host to img-src.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Staff sessions end after this long idle, and after this long at most (beheer/middleware.py);
# the cookie lives until the browser closes, the stored session no longer than the maximum.
VINDPLEK_SESSIE_INACTIEF_MINUTEN = int(os.environ.get("VINDPLEK_SESSIE_INACTIEF_MINUTEN", "30"))
VINDPLEK_SESSIE_MAX_UREN = int(os.environ.get("VINDPLEK_SESSIE_MAX_UREN", "12"))
SESSION_COOKIE_AGE = VINDPLEK_SESSIE_MAX_UREN * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Only a trusted proxy may say the visitor came over HTTPS: without one, anybody could.
    if VINDPLEK_PROXY_COUNT > 0:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

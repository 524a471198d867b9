"""Settings for the Safeguarding Learning Hub, read from the environment.

Production is the default: with DJANGO_DEBUG unset the site refuses to start
without a secret key and allowed hosts. DJANGO_DEBUG=1 gives local development
(SQLite under var/, console email, tasks run immediately).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from csp import constants as csp

from learning import environment
from learning.environment import ConfigurationError

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HUB_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return environment.env_bool(os.environ, name, default)


def env_list(name: str) -> list[str]:
    return environment.env_list(os.environ, name)


# The test suite runs in development mode unless told otherwise.
TESTING = "pytest" in sys.modules
DEBUG = env_bool("DJANGO_DEBUG", default=TESTING)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "insecure-local-development-key-do-not-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
elif missing := environment.missing_production_settings(os.environ):
    # manage.py, wsgi and asgi print this message alone and exit.
    raise ConfigurationError(
        f"Production mode needs {' and '.join(missing)} "
        "(or set DJANGO_DEBUG=1 for local development)."
    )

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "learning",
    "briefings",
    "case_studies",
    "quizzes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "learning.accounts.apps.HubUsersAppConfig",  # wagtail.users, with the hub's user screens
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "csp",  # django-csp's system checks; the middleware is learning.content_security
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Near the top, so they see the final response (and its X-Frame-Options): see
    # "Content Security Policy and Permissions-Policy" below.
    "learning.content_security.ContentSecurityPolicyMiddleware",
    "learning.content_security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above everything that reads the database, so a failed connection anywhere below
    # is a 503 page (learning.outage); below the headers above, so the page has them.
    "learning.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Outside CommonMiddleware and the second-factor guard, so their redirects are kept
    # out of caches too (it reads request.user on the way out, once it is set).
    "learning.http.PrivateByDefaultMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "learning.accounts.mfa.RequireMFAMiddleware",
    # After the guards, so a signed-out person is still sent to sign in first.
    "learning.impossible_ids.RefuseImpossibleIdsMiddleware",
    # Who is acting and from where, for audit entries written anywhere below; and a
    # 503 page for an action whose audit entry could not be written.
    "learning.audit.context.AuditContextMiddleware",
    "learning.audit.http.AuditFailureMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so every guard above has run before a page is looked up.
    "learning.shared_cache.routing.CachedRouteMiddleware",
]

ROOT_URLCONF = "learning.urls"
WSGI_APPLICATION = "learning.wsgi.application"

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
                "learning.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'hub.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent web requests and a task worker share one file: wait rather than fail.
    # A transaction takes the write lock when it begins (IMMEDIATE): one that read first
    # and wrote later would otherwise fail at once ("database is locked") whenever
    # another was writing, as SQLite cannot wait there without risking deadlock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    DATABASES["default"]["OPTIONS"] = environment.postgresql_options(
        DATABASES["default"].get("OPTIONS", {})
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "learning.User"

# Cache: allauth's sign-in rate limits need a real cache shared by every web process.
# While Redis cannot be reached each process uses its own memory (learning.cache_backend).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "learning.cache_backend.FallbackRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks: run in-process unless the database backend (and a worker) is configured.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if os.environ.get("TASKS_BACKEND", "") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
# Reminder digests (learning.reminders): off site-wide with HUB_SEND_DIGESTS=0.
HUB_SEND_DIGESTS = env_bool("HUB_SEND_DIGESTS", True)

# A new learning page's "review due" date is prefilled this many months ahead
# (learning.review_due); the editor can change it.
HUB_REVIEW_DUE_MONTHS = int(os.environ.get("HUB_REVIEW_DUE_MONTHS", "12"))

# Reports that take longer than this many seconds to count are kept and shown "as of"
# when they were counted, and counted again in the background once they are older than
# HUB_REPORT_SNAPSHOT_MINUTES (learning.reports.snapshots). Quicker ones are always live.
HUB_REPORT_SNAPSHOT_SECONDS = float(os.environ.get("HUB_REPORT_SNAPSHOT_SECONDS", "1.0"))
HUB_REPORT_SNAPSHOT_MINUTES = float(os.environ.get("HUB_REPORT_SNAPSHOT_MINUTES", "10"))

# Django's and allauth's own, each loading a session's person with their facts in one
# statement (learning.accounts.backends).
AUTHENTICATION_BACKENDS = [
    "learning.accounts.backends.HubModelBackend",
    "learning.accounts.backends.HubAuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

if TESTING:
    # Hashing a password properly is slow by design; tests create hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # MEDIA_ROOT, or S3-compatible object storage with HUB_MEDIA_STORAGE=s3.
    "default": environment.media_storage(os.environ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "learning.static_storage.HubStaticFilesStorage"
        )
    },
}

# Email: the console locally; SMTP when EMAIL_URL (or EMAIL_HOST and friends) is given.
_email = environment.email_settings(os.environ)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Safeguarding Learning Hub <hub@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: strict in production; the proxy in front terminates TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content Security Policy and Permissions-Policy (learning.content_security, README
# "Security headers"). To allow another source, add it to the directive that needs it.
# The site: scripts only from our static files or with the request's nonce, nothing
# inline, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF],
        # allauth draws the authenticator app's QR code as a data: image.
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.NONE],
        "frame-ancestors": [csp.NONE],
        # The single sign-on page adds its identity provider (learning.content_security).
        "form-action": [csp.SELF],
    }
}
# The Wagtail admin (everything under reverse("wagtailadmin_home")): Wagtail still needs
# inline scripts and styles. Never add csp.NONCE to its script-src: with a nonce present
# browsers ignore 'unsafe-inline'.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [csp.SELF, csp.UNSAFE_INLINE],
        "style-src": [csp.SELF, csp.UNSAFE_INLINE],
        # Wagtail's stylesheet has a data: image; image uploads preview the chosen file
        # from a blob: URL.
        "img-src": [csp.SELF, "data:", "blob:"],
    }
}
# Powerful browser features the hub never uses, switched off for every origin. Each
# name must be one Chromium knows, or it logs "Unrecognized feature" on every page.
PERMISSIONS_POLICY_DISABLED_FEATURES = [
    "accelerometer",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

# django-allauth: email sign-in, verified addresses, no open sign-up (see learning.accounts).
ACCOUNT_ADAPTER = "learning.accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "learning.accounts.adapter.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "learning.accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Safeguarding Learning Hub] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("HUB_LOGIN_FAILED_LIMIT", "10/m/ip,5/5m/key"),
}
# Public email services beyond the packaged list (learning.accounts.free_mail).
HUB_EXTRA_FREE_MAIL_DOMAINS = env_list("HUB_FREE_MAIL_DOMAINS")
# Behind a load balancer, count failed sign-ins per client, not per proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("HUB_TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("HUB_MFA_ISSUER", "Safeguarding Learning Hub")
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
# Single sign-on with a council's identity provider: see README ("Single sign-on").
OIDC_PROVIDER_ID = os.environ.get("HUB_OIDC_PROVIDER_ID", "")
if OIDC_PROVIDER_ID:
    SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": OIDC_PROVIDER_ID,
                    "name": os.environ.get("HUB_OIDC_NAME", "Your organisation's sign-in"),
                    "client_id": os.environ.get("HUB_OIDC_CLIENT_ID", ""),
                    "secret": os.environ.get("HUB_OIDC_CLIENT_SECRET", ""),
                    "settings": {
                        "server_url": os.environ.get("HUB_OIDC_SERVER_URL", ""),
                        # Whether the identity provider itself always asks for a second
                        # factor; only then does its sign-in count as one (accounts.mfa).
                        "hub_enforces_mfa": env_bool("HUB_OIDC_ENFORCES_MFA"),
                    },
                }
            ]
        }
    }

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Wagtail
WAGTAIL_SITE_NAME = "Safeguarding Learning Hub"
# The public address in emails, canonical links and printed pages. Unset in production,
# it is the first allowed host over HTTPS: never the development address.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or (
    "http://127.0.0.1:8000"
    if DEBUG or not ALLOWED_HOSTS or ALLOWED_HOSTS[0].startswith((".", "*"))
    else f"https://{ALLOWED_HOSTS[0]}"
)
# The hub's admin sign-in address sends a visitor to allauth's sign-in, and tells a
# signed-in person without admin access so (learning.accounts.views), where allauth's
# would send them back to the admin in a loop.
WAGTAILADMIN_LOGIN_URL = "admin_login_redirect"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Page privacy by shared password signs nobody in through allauth: not offered.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Addresses change through allauth, which confirms the new one before it counts.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from Gravatar: it would learn a hash of every admin user's email address,
# and the admin's Content Security Policy allows images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
TAGGIT_CASE_INSENSITIVE = True

# Uploads and documents (learning.documents; README "Configuration" and "Running in
# production"). The size limits are checked by the admin's forms; a proxy in front
# should refuse bodies a little over the larger of them before they reach Django.
HUB_MAX_DOCUMENT_UPLOAD_MB = environment.env_positive_int(
    os.environ, "HUB_MAX_DOCUMENT_UPLOAD_MB", 20
)
WAGTAILDOCS_MAX_UPLOAD_SIZE = HUB_MAX_DOCUMENT_UPLOAD_MB * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "learning.documents.forms.HubDocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Always through Wagtail's view, which checks the collection's privacy; "redirect" or
# "direct" would hand out the storage URL, which anyone could then fetch.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# A shared password signs nobody in through allauth: collections are private to groups.
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # A lost database connection is logged in one line by learning.outage.
    "filters": {"database_outage": {"()": "learning.outage.SkipDatabaseOutage"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Every task logs its start and finish at INFO; only problems are worth reading.
        "django_tasks": {"level": "WARNING"},
        # Django's own console handler would print each of its messages a second time
        # beside the root's ("Watching for file changes" twice under make run).
        "django": {"handlers": [], "propagate": True},
        "django.request": {"filters": ["database_outage"]},
    },
}

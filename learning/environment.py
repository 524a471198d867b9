"""Reading the hub's configuration from environment variables.

Kept apart from learning.settings so that the entry points (manage.py, wsgi, asgi) can
catch ConfigurationError, and tests can call the parsers, without loading settings.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from importlib.util import find_spec
from typing import NoReturn
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

# gunicorn's arbiter stops when a worker exits with this status ("App failed to
# load") instead of starting replacement workers that fail the same way for ever.
EXIT_STATUS = 4

EMAIL_SCHEMES = ("smtp", "smtp+tls", "smtp+ssl", "console")
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"

FILESYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"
# Optional variables for S3-compatible storage, and the S3Storage option each sets.
S3_OPTIONAL = {
    "AWS_S3_ENDPOINT_URL": "endpoint_url",
    "AWS_S3_REGION_NAME": "region_name",
    "AWS_S3_CUSTOM_DOMAIN": "custom_domain",
    "AWS_LOCATION": "location",
}


class ConfigurationError(ImproperlyConfigured):
    """The environment cannot run the site. The message is one line that says what to
    set; the entry points print it alone, since a traceback would only bury it."""

    def exit(self) -> NoReturn:
        print(str(self), file=sys.stderr)
        sys.stderr.flush()
        raise SystemExit(EXIT_STATUS)


def env_bool(environ: Mapping[str, str], name: str, default: bool = False) -> bool:
    value = environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(environ: Mapping[str, str], name: str) -> list[str]:
    return [item.strip() for item in environ.get(name, "").split(",") if item.strip()]


def env_positive_int(environ: Mapping[str, str], name: str, default: int) -> int:
    """A whole number above zero, or the default when unset or blank."""
    value = environ.get(name, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.isdigit()) or int(value) == 0:
        raise ConfigurationError(f"{name} must be a whole number above 0, not {value!r}.")
    return int(value)


def missing_production_settings(environ: Mapping[str, str]) -> list[str]:
    """The variables production mode needs that are unset or empty."""
    needed = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS")
    return [name for name in needed if not environ.get(name, "").strip(" ,")]


def email_settings(environ: Mapping[str, str]) -> dict[str, object]:
    """Django's EMAIL_* settings from EMAIL_URL, or else from the separate EMAIL_HOST,
    EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS and EMAIL_USE_SSL
    variables; the console when neither is given. EMAIL_URL takes precedence.

    EMAIL_URL is `scheme://user:password@host:port` with scheme smtp (no encryption,
    port 25), smtp+tls (STARTTLS, port 587), smtp+ssl (implicit TLS, port 465) or
    console://. Percent-encode reserved characters in the user and password.
    Raises ConfigurationError for anything it cannot use."""
    url = environ.get("EMAIL_URL", "").strip()
    if url:
        return _email_settings_from_url(url)
    host = environ.get("EMAIL_HOST", "").strip()
    if not host:
        return _console()
    use_ssl = env_bool(environ, "EMAIL_USE_SSL")
    use_tls = env_bool(environ, "EMAIL_USE_TLS", default=not use_ssl)
    if use_ssl and use_tls:
        raise ConfigurationError(
            "EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on: choose one "
            "(SSL for port 465, TLS for port 587)."
        )
    port = environ.get("EMAIL_PORT", "").strip() or str(465 if use_ssl else 587)
    if not port.isdigit():
        raise ConfigurationError(f"EMAIL_PORT must be a number, not {port!r}.")
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": host,
        "EMAIL_PORT": int(port),
        "EMAIL_HOST_USER": environ.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": environ.get("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
    }


def _console() -> dict[str, object]:
    return {
        "EMAIL_BACKEND": CONSOLE_BACKEND,
        "EMAIL_HOST": "localhost",
        "EMAIL_PORT": 25,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
    }


def _email_settings_from_url(url: str) -> dict[str, object]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in EMAIL_SCHEMES:
        # The URL may hold a password, so only its scheme goes into the message.
        raise ConfigurationError(
            f"EMAIL_URL has an unknown scheme {scheme!r}: use one of "
            f"{', '.join(s + '://' for s in EMAIL_SCHEMES)}."
        )
    if scheme == "console":
        return _console()
    try:
        port = parts.port
    except ValueError:
        raise ConfigurationError("EMAIL_URL has a port that is not a number.") from None
    if not parts.hostname:
        raise ConfigurationError("EMAIL_URL names no host, as in smtp+tls://user:pass@host:587.")
    use_tls, use_ssl = scheme == "smtp+tls", scheme == "smtp+ssl"
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or (587 if use_tls else 465 if use_ssl else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
    }


def postgresql_options(options: Mapping[str, object]) -> dict[str, object]:
    """The connection OPTIONS for PostgreSQL, with just-in-time compilation off.

    PostgreSQL compiles any query its planner costs above jit_above_cost. The status
    of required learning is a large expression per requirement, so a supervisor's team
    page at 50 requirements and 25,000 people planned in 0.3 s, ran in 0.2 s, and spent
    minutes compiling. Short queries with large expressions are this hub's workload,
    which JIT only slows. Any `options` from DATABASE_URL are kept."""
    merged = dict(options)
    merged["options"] = f"{merged.get('options', '')} -c jit=off".strip()
    return merged


def media_storage(environ: Mapping[str, str]) -> dict[str, object]:
    """STORAGES["default"], where uploads, documents and data copies are kept: the
    filesystem (MEDIA_ROOT) unless HUB_MEDIA_STORAGE=s3, which needs
    AWS_STORAGE_BUCKET_NAME and django-storages installed, and takes the optional
    AWS_S3_ENDPOINT_URL (any S3-compatible service), AWS_S3_REGION_NAME,
    AWS_S3_CUSTOM_DOMAIN and AWS_LOCATION (a folder in the bucket). boto3 reads the
    credentials itself (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's
    role), so they never pass through settings.

    Image addresses are unsigned unless AWS_QUERYSTRING_AUTH=1: a signed one expires,
    and cached pages keep them for longer. So the bucket must let anyone read images/
    and original_images/ and nothing else (README "Running more than one instance")."""
    kind = environ.get("HUB_MEDIA_STORAGE", "").strip().lower() or "filesystem"
    if kind == "filesystem":
        return {"BACKEND": FILESYSTEM_STORAGE}
    if kind != "s3":
        raise ConfigurationError(f"HUB_MEDIA_STORAGE must be filesystem or s3, not {kind!r}.")
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        raise ConfigurationError("HUB_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    if not _installed("storages") or not _installed("boto3"):
        raise ConfigurationError(
            "HUB_MEDIA_STORAGE=s3 needs django-storages with boto3: "
            "pip install 'django-storages[s3]'."
        )
    options: dict[str, object] = {
        "bucket_name": bucket,
        # Two uploads with one name must both be kept, as on the filesystem.
        "file_overwrite": False,
        "querystring_auth": env_bool(environ, "AWS_QUERYSTRING_AUTH"),
    }
    for name, option in S3_OPTIONAL.items():
        if value := environ.get(name, "").strip():
            options[option] = value
    return {"BACKEND": S3_STORAGE, "OPTIONS": options}


def _installed(module: str) -> bool:
    return find_spec(module) is not None

"""Production mode is the default and must be safe."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from learning.environment import (
    CONSOLE_BACKEND,
    SMTP_BACKEND,
    ConfigurationError,
    email_settings,
    postgresql_options,
)

ROOT = Path(__file__).resolve().parents[2]


def run_python(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PYTEST", "EMAIL_"))
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_django(args: list[str], **env: str) -> subprocess.CompletedProcess:
    return run_python(["manage.py", *args], **env)


ENTRY_POINTS = {
    "manage.py": ["manage.py", "check"],
    "wsgi": ["-c", "import learning.wsgi"],
    "asgi": ["-c", "import learning.asgi"],
}


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_ALLOWED_HOSTS": "hub.example"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "x" * 60}, "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_mode_refuses_to_start_without_secrets(entry_point, env, missing, tmp_path):
    result = run_python(ENTRY_POINTS[entry_point], HUB_VAR_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    # One line naming what is missing, and no traceback around it.
    assert result.stderr.endswith("\n")
    assert result.stderr.splitlines() == [
        f"Production mode needs {missing} (or set DJANGO_DEBUG=1 for local development)."
    ]
    assert result.stdout == ""


def test_unknown_email_scheme_is_refused_in_one_line(tmp_path):
    result = run_django(
        ["check"],
        DJANGO_DEBUG="1",
        HUB_VAR_DIR=str(tmp_path),
        EMAIL_URL="imap://someone:s3cret@mail.example",
    )
    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1
    assert "EMAIL_URL has an unknown scheme 'imap'" in result.stderr
    assert "s3cret" not in result.stderr


def test_deploy_check_is_clean_in_production_mode(tmp_path):
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECRET_KEY="k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 3,
        DJANGO_ALLOWED_HOSTS="hub.example.org",
        HUB_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_mode_starts_without_secrets(tmp_path):
    result = run_django(["check"], DJANGO_DEBUG="1", HUB_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr


def test_settings_read_email_url(tmp_path):
    names = (
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "EMAIL_USE_SSL",
    )
    result = run_django(
        [
            "shell",
            "--no-imports",
            "-c",
            f"from django.conf import settings; print([getattr(settings, n) for n in {names}])",
        ],
        DJANGO_DEBUG="1",
        HUB_VAR_DIR=str(tmp_path),
        EMAIL_URL="smtp+ssl://hub%40council.example:p%40ss%20word@smtp.council.example:2465",
    )
    assert result.returncode == 0, result.stderr
    assert ast.literal_eval(result.stdout.strip()) == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.council.example",
        2465,
        "hub@council.example",
        "p@ss word",
        False,
        True,
    ]


class TestEmailSettings:
    """learning.environment.email_settings, called directly with a fake environment."""

    def test_nothing_configured_means_the_console(self):
        assert email_settings({})["EMAIL_BACKEND"] == CONSOLE_BACKEND

    @pytest.mark.parametrize(
        ("url", "port", "tls", "ssl"),
        [
            ("smtp://mail.example", 25, False, False),
            ("smtp+tls://mail.example", 587, True, False),
            ("smtp+ssl://mail.example", 465, False, True),
            ("smtp+tls://mail.example:2525", 2525, True, False),
        ],
    )
    def test_scheme_sets_encryption_and_default_port(self, url, port, tls, ssl):
        parsed = email_settings({"EMAIL_URL": url})
        assert parsed["EMAIL_BACKEND"] == SMTP_BACKEND
        assert parsed["EMAIL_HOST"] == "mail.example"
        assert (parsed["EMAIL_PORT"], parsed["EMAIL_USE_TLS"], parsed["EMAIL_USE_SSL"]) == (
            port,
            tls,
            ssl,
        )

    def test_user_and_password_are_url_decoded(self):
        parsed = email_settings({"EMAIL_URL": "smtp+tls://hub%40x.example:a%2Fb%3Ac%40d@m.example"})
        assert parsed["EMAIL_HOST_USER"] == "hub@x.example"
        assert parsed["EMAIL_HOST_PASSWORD"] == "a/b:c@d"

    def test_console_url(self):
        assert email_settings({"EMAIL_URL": "console://"})["EMAIL_BACKEND"] == CONSOLE_BACKEND

    def test_email_url_wins_over_separate_variables(self):
        parsed = email_settings({"EMAIL_URL": "smtp://url.example", "EMAIL_HOST": "var.example"})
        assert parsed["EMAIL_HOST"] == "url.example"

    @pytest.mark.parametrize(
        "url", ["imap://mail.example", "smtps://mail.example", "mail.example", "smtp://"]
    )
    def test_unusable_url_is_refused(self, url):
        with pytest.raises(ConfigurationError) as error:
            email_settings({"EMAIL_URL": url})
        assert "\n" not in str(error.value)
        assert "EMAIL_URL" in str(error.value)

    def test_separate_variables_still_work(self):
        parsed = email_settings(
            {
                "EMAIL_HOST": "smtp.example",
                "EMAIL_HOST_USER": "hub",
                "EMAIL_HOST_PASSWORD": "secret",
            }
        )
        assert parsed == {
            "EMAIL_BACKEND": SMTP_BACKEND,
            "EMAIL_HOST": "smtp.example",
            "EMAIL_PORT": 587,
            "EMAIL_HOST_USER": "hub",
            "EMAIL_HOST_PASSWORD": "secret",
            "EMAIL_USE_TLS": True,
            "EMAIL_USE_SSL": False,
        }

    def test_email_use_ssl_switches_off_tls_and_defaults_to_port_465(self):
        parsed = email_settings({"EMAIL_HOST": "smtp.example", "EMAIL_USE_SSL": "1"})
        assert (parsed["EMAIL_PORT"], parsed["EMAIL_USE_TLS"], parsed["EMAIL_USE_SSL"]) == (
            465,
            False,
            True,
        )

    def test_tls_and_ssl_together_are_refused(self):
        with pytest.raises(ConfigurationError):
            email_settings(
                {"EMAIL_HOST": "smtp.example", "EMAIL_USE_SSL": "1", "EMAIL_USE_TLS": "1"}
            )


SQLITE_READ_THEN_WRITE = """
import threading, time
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (x integer)")

def other_writer():
    with transaction.atomic():
        with connections["default"].cursor() as cursor:
            cursor.execute("INSERT INTO probe VALUES (1)")
        time.sleep(0.5)
    connections["default"].close()

with transaction.atomic():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM probe")
    thread = threading.Thread(target=other_writer)
    thread.start()
    time.sleep(0.2)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO probe VALUES (2)")
thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM probe")
    print("rows", cursor.fetchone()[0])
"""


def test_sqlite_transactions_wait_for_each_other_instead_of_failing(tmp_path):
    """On SQLite (make run, the browser suite) a request that reads, then writes, while
    another writes must wait its turn, not fail with "database is locked"."""
    result = run_django(
        ["shell", "--no-imports", "-c", SQLITE_READ_THEN_WRITE],
        DJANGO_DEBUG="1",
        HUB_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "rows 2" in result.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"DJANGO_ALLOWED_HOSTS": "learning.example.org,www.example.org"},
            "https://learning.example.org",
        ),
        (
            {
                "DJANGO_ALLOWED_HOSTS": "learning.example.org",
                "WAGTAILADMIN_BASE_URL": "https://hub.example.org",
            },
            "https://hub.example.org",
        ),
        ({"DJANGO_DEBUG": "1"}, "http://127.0.0.1:8000"),
    ],
    ids=["production-from-allowed-hosts", "production-set", "development"],
)
def test_the_public_address_is_never_the_development_one_in_production(env, expected, tmp_path):
    result = run_django(
        [
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
        ],
        DJANGO_SECRET_KEY="k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 3,
        HUB_VAR_DIR=str(tmp_path),
        **env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_djangos_messages_reach_the_console_once():
    import logging

    django_log = logging.getLogger("django")
    assert django_log.handlers == [] and django_log.propagate
    assert [type(handler) for handler in logging.getLogger().handlers].count(
        logging.StreamHandler
    ) <= 1


def test_postgresql_connections_turn_jit_off_and_keep_options_from_the_url():
    assert postgresql_options({}) == {"options": "-c jit=off"}
    assert postgresql_options({"sslmode": "require", "options": "-c search_path=hub"}) == {
        "sslmode": "require",
        "options": "-c search_path=hub -c jit=off",
    }


@pytest.mark.django_db
def test_the_running_postgresql_connection_has_jit_off():
    # Compiling the required-learning status expressions took minutes on a team page
    # that runs in a fraction of a second (learning.environment.postgresql_options).
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: CI's PostgreSQL run checks this")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"

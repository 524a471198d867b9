"""Production mode is the default and must be safe."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_django(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PYTEST"))
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_ALLOWED_HOSTS": "hub.example"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "x" * 60}, "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_mode_refuses_to_start_without_secrets(env, missing, tmp_path):
    result = run_django(["check"], HUB_VAR_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    message_lines = [line for line in result.stderr.splitlines() if "Production mode needs" in line]
    assert message_lines, result.stderr
    assert f"Production mode needs {missing} " in message_lines[-1]


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

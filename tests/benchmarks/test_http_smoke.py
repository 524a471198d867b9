"""The HTTP measurement harness end to end, small: gunicorn with gunicorn.conf.py in
production mode on a free port, against a SQLite database built here, two pages and a
handful of requests. It checks that the harness still runs and reports, not speed."""

import json
import os
import subprocess
import sys

import pytest

from tests.benchmarks.http.server import REPO

pytestmark = pytest.mark.benchmark

PERSON = "practitioner@http-smoke.example"


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True)


def test_measures_two_pages_through_gunicorn(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    build = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url,
        "HUB_VAR_DIR": str(tmp_path / "var"),
    }
    build.pop("DJANGO_SETTINGS_MODULE", None)
    manage(build, "migrate", "--noinput", "-v0")
    manage(build, "setup_site")
    manage(
        build,
        "shell",
        "-c",
        "from learning.roles import Role; from tests.factories import make_person; "
        f"make_person(role=Role.PRACTITIONER, email={PERSON!r})",
    )
    (tmp_path / "people.json").write_text(json.dumps({"practitioner": PERSON}))
    output = tmp_path / "http.json"

    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.benchmarks.http.measure",
            "--database-url",
            database_url,
            "--people",
            str(tmp_path / "people.json"),
            "--pages",
            "home",
            "--concurrency",
            "1,2",
            "--requests",
            "5",
            "--min-seconds",
            "0",
            "--workers",
            "2",
            "--static-root",
            str(tmp_path / "static"),
            "--json",
            str(output),
        ],
        cwd=REPO,
        env={**build, "HUB_VAR_DIR": str(tmp_path / "var")},
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    figures = json.loads(output.read_text())
    pages = {page["key"]: page for page in figures["pages"]}
    assert list(pages) == ["bare", "home"]
    assert pages["bare"]["queries"] == 0
    assert pages["home"]["queries"] > 0
    for page in pages.values():
        assert page["problem"] == ""
        assert [level["concurrency"] for level in page["levels"]] == [1, 2]
        for level in page["levels"]:
            assert level["requests"] >= 5 and level["errors"] == 0
            assert level["per_second"] > 0 and level["p99_ms"] >= level["p50_ms"] > 0
            assert level["peak_worker_mb"] > 0
    assert "| home |" in run.stdout

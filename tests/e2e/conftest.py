"""Harness for the browser suite: the real site in its own process, Debian's Chromium
driven by Playwright, and a fresh browser context for each test.

Every test collected under tests/e2e is marked `browser` (deselect them with
`-m "not browser"`). Without /usr/bin/chromium they are skipped, except when
CI=true, where a missing browser is a failure. Playwright's own browser downloads are
never used.

Every browser context the fixtures make is watched for Content Security Policy
violations and Permissions-Policy warnings, on the public site and in the admin alike;
any at all fail the test at teardown, listing them.

Helpers for signing in and checking pages with axe-core are in tests/e2e/helpers.py;
the sessions helpers.sign_in uses come from tests/e2e/session_maker.py, which hub_url
starts next to the site.
"""

from __future__ import annotations

import os

# Playwright's sync API keeps an asyncio event loop in this thread, and Django then
# treats any ORM call made by a test as unsafe. Tests here talk to the site through
# the browser; this only keeps Django from refusing the odd direct query.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.helpers import register_session_source
from tests.e2e.session_maker import SessionMaker

E2E_DIR = Path(__file__).resolve().parent
REPO_ROOT = E2E_DIR.parent.parent

CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHROMIUM_MISSING = (
    "Chromium not found at /usr/bin/chromium: browser tests skipped; "
    "install Debian's chromium package"
)

DEFAULT_TIMEOUT_MS = 10_000
SERVER_START_TIMEOUT_S = 60
SETUP_COMMAND_TIMEOUT_S = 300
LOG_TAIL_LINES = 60


def _running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    # tryfirst: the marker must be there before `-m` deselects anything.
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


# The site -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log_tail(log_path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        text = log_path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def _server_env(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    # The server is a normal development process, not part of the test process.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env["DJANGO_DEBUG"] = "1"
    env["HUB_VAR_DIR"] = str(var_dir)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _manage(args: list[str], env: dict[str, str], log_path: Path) -> None:
    with log_path.open("a") as log:
        log.write(f"\n$ manage.py {' '.join(args)}\n")
        log.flush()
        try:
            result = subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=REPO_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=SETUP_COMMAND_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(
                f"manage.py {' '.join(args)} took over {SETUP_COMMAND_TIMEOUT_S} s; "
                f"log tail:\n{_log_tail(log_path)}",
                pytrace=False,
            )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} exited {result.returncode}; "
            f"log tail:\n{_log_tail(log_path)}",
            pytrace=False,
        )


def _wait_until_serving(url: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(
                f"The site's server exited with {server.returncode} while starting; "
                f"log tail:\n{_log_tail(log_path)}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
            return
        except urllib.error.HTTPError as error:
            # It answers; a 5xx means it is up but broken, which the tests will show.
            if error.code < 500:
                return
            last_error = f"HTTP {error.code}"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last_error = str(error)
        time.sleep(0.25)
    pytest.fail(
        f"The site did not answer at {url} within {SERVER_START_TIMEOUT_S} s "
        f"({last_error}); log tail:\n{_log_tail(log_path)}",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def hub_url(tmp_path_factory):
    """Base URL (no trailing slash) of the site running in its own process: a fresh
    SQLite database in a temporary directory, migrated and loaded with the demo
    partnership, served by `manage.py runserver`. helpers.sign_in gets its sessions
    for this site from a session_maker.SessionMaker on the same database. Under
    pytest-xdist each worker has a site of its own."""
    var_dir = tmp_path_factory.mktemp("hub_e2e")
    log_path = var_dir / "server.log"
    env = _server_env(var_dir)
    _manage(["migrate", "--noinput"], env, log_path)
    _manage(["seed_demo"], env, log_path)

    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    with log_path.open("a") as log:
        log.write(f"\n$ manage.py runserver 127.0.0.1:{port} --noreload\n")
        log.flush()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    sessions = SessionMaker(REPO_ROOT, env, log_path)
    try:
        _wait_until_serving(f"{base_url}/", server, log_path)
        register_session_source(base_url, sessions.new_session_key)
        yield base_url
    finally:
        sessions.close()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


# The browser ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium, headless, for the whole session."""
    if not CHROMIUM_PATH.exists():
        if _running_in_ci():
            pytest.fail(f"{CHROMIUM_MISSING} (CI=true, so this fails the run)", pytrace=False)
        pytest.skip(CHROMIUM_MISSING)

    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


# Security policies ------------------------------------------------------------------

# How Chromium words what it blocks or cannot parse in the console: CSP violations are
# errors naming the policy ("Refused to ..." in older versions), Permissions-Policy
# problems are warnings about the header.
POLICY_CONSOLE_MARKERS = ("Content Security Policy", "Refused to", "Permissions-Policy")

# Runs in every frame before the page's own scripts (an init script is not subject to
# the page's policy), and reports each violation the document sees to Python.
REPORT_VIOLATIONS_SCRIPT = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.hubReportPolicyViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} ` +
    `at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
  );
});
"""


class PolicyWatch:
    """Collects every policy complaint from the browser contexts it is attached to."""

    def __init__(self) -> None:
        self.complaints: list[str] = []

    def attach(self, context) -> None:
        context.expose_binding(
            "hubReportPolicyViolation",
            lambda source, text: self.complaints.append(f"securitypolicyviolation: {text}"),
        )
        context.add_init_script(REPORT_VIOLATIONS_SCRIPT)
        context.on("page", self._watch_console)

    def _watch_console(self, page) -> None:
        def record(message) -> None:
            if any(marker in message.text for marker in POLICY_CONSOLE_MARKERS):
                where = message.location.get("url") or page.url
                self.complaints.append(f"console {message.type} on {where}: {message.text}")

        page.on("console", record)

    def fail_if_any(self) -> None:
        if self.complaints:
            listing = "\n".join(f"- {complaint}" for complaint in self.complaints)
            pytest.fail(
                f"The browser reported {len(self.complaints)} security policy "
                f"problem(s):\n{listing}",
                pytrace=False,
            )


# Pages ---------------------------------------------------------------------------


@pytest.fixture
def new_context(chromium_browser, hub_url):
    """A factory for browser contexts (own cookies and storage), for tests where
    several people work at once. Relative URLs resolve against the site, requests to
    any other host are refused, so no test depends on the network, and every page is
    watched for security policy problems. At teardown the contexts are closed and the
    test fails if the browser reported any problem."""
    hub_origin = urlsplit(hub_url).netloc
    watch = PolicyWatch()
    contexts = []

    def only_the_site(route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in {"http", "https", "ws", "wss"} and url.netloc != hub_origin:
            route.abort()
        else:
            route.continue_()

    def make(*, timeout_ms: int = DEFAULT_TIMEOUT_MS):
        context = chromium_browser.new_context(base_url=hub_url, locale="en-GB")
        contexts.append(context)
        context.set_default_timeout(timeout_ms)
        context.set_default_navigation_timeout(timeout_ms)
        context.route("**/*", only_the_site)
        watch.attach(context)
        return context

    try:
        yield make
    finally:
        for context in contexts:
            context.close()
    watch.fail_if_any()


@pytest.fixture
def page(new_context):
    """A page in a new browser context for one test (see new_context)."""
    return new_context().new_page()

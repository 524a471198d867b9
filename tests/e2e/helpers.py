"""Helpers for browser tests: signing in (with a session the site made, or through the
real forms with a two-factor code when the account has one), checking a page with
axe-core, and adding records a journey needs to the running site's database.

Test modules import them with ``from tests.e2e.helpers import ...``; the fixtures
(server, browser, page) live in tests/e2e/conftest.py. Anything that needs Django is
imported inside the function that uses it: pytest-django has configured Django by the
time a test runs, but not necessarily when this module is first imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Path fragments of allauth's sign-in and second-step pages (learning/urls.py mounts
# allauth under /accounts/; allauth.mfa puts the code page at 2fa/authenticate/).
LOGIN_PATH = "/accounts/login/"
MFA_AUTHENTICATE_PATH = "/accounts/2fa/authenticate/"

# Leave at least this many seconds of a TOTP window for typing and posting the code;
# with less, wait for the next window (allauth accepts only the current one).
_MIN_SECONDS_LEFT_IN_WINDOW = 3.0

# Codes this test session has already sent, as (email, secret, counter). allauth
# refuses a code it has seen before for the same user (it remembers it in the server's
# cache for one period), so a second sign-in inside the same window must wait.
_used_totp_codes: set[tuple[str, str, int]] = set()

# How to get a signed-in session key from each running site, by its base URL
# (conftest.hub_url registers its session_maker.SessionMaker here).
_session_sources: dict[str, Callable[[str], str]] = {}


def demo_password() -> str:
    from learning.demo.partnership import DEMO_PASSWORD

    return DEMO_PASSWORD


def demo_totp_secret() -> str:
    from learning.demo.partnership import DEMO_TOTP_SECRET

    return DEMO_TOTP_SECRET


def fresh_totp_code(email: str, secret: str | None = None) -> str:
    """A code the server will accept now for `email`, never one already sent this
    session: waits for the next 30-second window when needed."""
    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    secret = secret or demo_totp_secret()
    period = mfa_settings.TOTP_PERIOD
    while True:
        now = time.time()
        counter = int(now) // period
        seconds_left = period - (now % period)
        if (email, secret, counter) in _used_totp_codes or seconds_left < (
            _MIN_SECONDS_LEFT_IN_WINDOW
        ):
            time.sleep(seconds_left + 0.2)
            continue
        _used_totp_codes.add((email, secret, counter))
        return format_hotp_value(hotp_value(secret, counter))


def _path(url: str) -> str:
    return urlsplit(url).path


def register_session_source(hub_url: str, new_session_key: Callable[[str], str]) -> None:
    """Let sign_in get sessions for the site at `hub_url` from `new_session_key`, which
    takes an email and returns the key of a new session signed in as that person."""
    _session_sources[hub_url] = new_session_key


def sign_in(page, hub_url: str, email: str) -> None:
    """Sign in as `email` without the sign-in form, for journeys about what comes
    after: the page's browser context gets a new session the site made for that person
    (with the second factor done when they have an authenticator, see
    tests/e2e/session_maker.py), then opens the sign-in page, which sends a signed-in
    person where the form would have. Returns there; fails the test if the site does
    not treat the person as signed in. Journeys about signing in itself use
    sign_in_through_form."""
    import pytest
    from django.conf import settings

    from tests.e2e.session_maker import SessionMakerError

    new_session_key = _session_sources.get(hub_url)
    if new_session_key is None:
        pytest.fail(f"No session source is registered for {hub_url}", pytrace=False)
    try:
        key = new_session_key(email)
    except SessionMakerError as error:
        pytest.fail(f"No session for {email}: {error}", pytrace=False)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": key,
                "url": hub_url,
                "httpOnly": settings.SESSION_COOKIE_HTTPONLY,
                # Django sends no SameSite when the setting is False; browsers then treat it as Lax.
                "sameSite": settings.SESSION_COOKIE_SAMESITE or "Lax",
            }
        ]
    )
    page.goto(f"{hub_url}{LOGIN_PATH}")
    if _path(page.url) in {LOGIN_PATH, MFA_AUTHENTICATE_PATH}:
        pytest.fail(
            f"The session made for {email} did not sign them in; the page says:\n"
            f"{_main_text(page)}",
            pytrace=False,
        )


def sign_in_through_form(
    page,
    hub_url: str,
    email: str,
    password: str | None = None,
    *,
    totp_secret: str | None = None,
) -> None:
    """Sign in with the site's own form: email and password, then the security code
    when the account has an authenticator app. `password` defaults to the demo
    password and `totp_secret` to the demo key. Returns once the browser has left the
    sign-in pages, wherever the site sent it; fails the test if it never does. Slow
    (a real password hash, and up to 30 s waiting for an unused code): use it for
    journeys about signing in, and sign_in for the rest."""
    import pytest

    password = demo_password() if password is None else password
    page.goto(f"{hub_url}{LOGIN_PATH}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()

    if _path(page.url) == LOGIN_PATH:
        pytest.fail(f"Sign-in as {email} was refused; the page says:\n{_main_text(page)}")

    # A code can be rejected if its window closes between typing and the server
    # checking it; the second attempt then uses the next window's code.
    for _attempt in range(2):
        if _path(page.url) != MFA_AUTHENTICATE_PATH:
            return
        page.get_by_label("Security code").fill(fresh_totp_code(email, totp_secret))
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
    if _path(page.url) == MFA_AUTHENTICATE_PATH:
        pytest.fail(f"The security code for {email} was refused:\n{_main_text(page)}")


def _main_text(page) -> str:
    main = page.locator("main")
    text = main.first.inner_text() if main.count() else page.inner_text("body")
    return text.strip()[:1500]


def assert_no_axe_violations(page, *, max_targets: int = 3) -> None:
    """Run axe-core (bundled with axe-playwright-python, injected from disk: nothing
    is fetched) on the page as it is now, and fail listing every violation."""
    import pytest
    from axe_playwright_python.sync_playwright import Axe

    # axe-core should make no requests of its own; watch, so a future version that
    # does (for example to fetch rule help) is caught rather than silently allowed.
    requests_during_run: list[str] = []

    def record(request) -> None:
        # The browser fetches the page's icon by itself, whenever it likes; not axe.
        if urlsplit(request.url).path.rsplit("/", 1)[-1] in ("favicon.svg", "favicon.ico"):
            return
        requests_during_run.append(request.url)

    # Colour contrast measured halfway through a fade (a menu opening, a message
    # appearing) is neither colour: let finite animations and transitions finish first.
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations()
                .filter((animation) => animation.effect
                    && animation.effect.getComputedTiming().iterations !== Infinity)
                .map((animation) => animation.finished.catch(() => null))),
            new Promise((resolve) => setTimeout(resolve, 2000)),
        ])"""
    )
    page.on("request", record)
    try:
        results = Axe().run(page)
    finally:
        page.remove_listener("request", record)
    if requests_during_run:
        pytest.fail(f"axe-core made network requests: {requests_during_run}", pytrace=False)

    violations = results.response["violations"]
    if not violations:
        return
    lines = [f"axe-core found {len(violations)} violation(s) on {page.url}:"]
    for violation in violations:
        nodes = violation.get("nodes", [])
        targets = [" ".join(map(str, node.get("target", []))) for node in nodes[:max_targets]]
        more = f" (+{len(nodes) - max_targets} more)" if len(nodes) > max_targets else ""
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'n/a'}]: {violation['help']}\n"
            f"    {len(nodes)} node(s): {'; '.join(targets)}{more}"
        )
    pytest.fail("\n".join(lines), pytrace=False)


def fill_date(page, question: str, iso_date: str, *, exact: bool = False) -> None:
    """Type an ISO date (2026-01-15) into a GOV.UK date input, found by its legend."""
    year, month, day = iso_date.split("-")
    group = page.get_by_role("group", name=question, exact=exact)
    group.get_by_label("Day").fill(str(int(day)))
    group.get_by_label("Month").fill(str(int(month)))
    group.get_by_label("Year").fill(year)


def click_and_wait(page, locator) -> None:
    """Click something that loads a new page, and wait for it."""
    with page.expect_navigation():
        locator.click()


# Up to five elements whose right edge is past `limit` CSS pixels, for a failure
# message: `page.evaluate(WIDER_THAN, 320) == []` means nothing sticks out.
WIDER_THAN = """(limit) => Array.from(document.querySelectorAll("body *"))
  .filter(el => el.getBoundingClientRect().right > limit + 0.5)
  .slice(0, 5)
  .map(el => `${el.tagName.toLowerCase()}.${el.className}`)"""


REPO_ROOT = Path(__file__).resolve().parents[2]


def _server_var_dir(tmp_path_factory) -> Path:
    """The running site's HUB_VAR_DIR (conftest.hub_url makes it with mktemp)."""
    # mktemp numbers the directory (hub_e2e0) and pytest may add a "current" link to it.
    candidates = sorted(
        {
            path.resolve()
            for path in tmp_path_factory.getbasetemp().glob("hub_e2e*")
            if (path / "server.log").exists()
        }
    )
    if len(candidates) != 1:
        pytest.fail(f"Cannot tell which directory the site runs from: {candidates}")
    return candidates[0]


def run_in_site(tmp_path_factory, code: str, *, what: str) -> str:
    """Run `code` in `manage.py shell` against the running site's database (to add
    records a journey needs); its output. Fails the test, saying `what`, if it fails."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(DJANGO_DEBUG="1", HUB_VAR_DIR=str(_server_var_dir(tmp_path_factory)))
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"{what} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout

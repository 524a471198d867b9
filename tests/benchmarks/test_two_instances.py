"""Two application instances sharing one PostgreSQL database and one Redis, as the
README's production section runs them behind a load balancer: gunicorn twice, on two
ports, with gunicorn.conf.py and production settings (tests/benchmarks/http/server.py).

What must hold across them, each checked through real HTTP:
- a page published while one instance has it cached is fresh on the other at once;
- a sign-in lockout earned on one instance holds on the other;
- a session made by signing in on one instance is signed in on the other, and signing
  out on either ends it for both.

The publish runs in a third process (`manage.py shell` against the same database and
Redis): an editor's publish through the Wagtail admin cannot be posted without a
browser, as a briefing's sections are a StreamField whose form fields are built by
JavaScript. Which process publishes does not matter to the instances: each learns of it
only through the database and Redis, as they would from the other instance.

Needs PostgreSQL and Redis on 127.0.0.1 (skipped, saying which, when either is not
there). It makes and drops its own database, and uses only Redis database REDIS_DB.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from tests.benchmarks.generator.people import NAMED_EMAILS
from tests.benchmarks.http import server
from tests.benchmarks.http.client import Browser, Reply
from tests.factories import PASSWORD

pytestmark = pytest.mark.benchmark

POSTGRES = "postgres://postgres@127.0.0.1:5432"
# A number of its own, so flushing it cannot empty another run's cache.
REDIS_DB = 13
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
# allauth's message for a sign-in refused by the login_failed rate limit.
LOCKED_OUT = "Too many failed login attempts. Try again later."
# The name every request is addressed to, whichever instance answers, as behind a load
# balancer. It matters: the sign-in lockout and the shared fragments are keyed by host,
# port included, so two ports in the Host header would be two sites to them.
PUBLIC_HOST = server.HOST
SIGN_IN = "/accounts/login/"
SIGN_OUT = "/accounts/logout/"


@dataclass
class Cluster:
    a: server.Gunicorn
    b: server.Gunicorn
    env: dict[str, str]


def _redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {error}")
    return client


def _postgres_admin():
    import psycopg

    try:
        return psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES}: {error}")


@pytest.fixture(scope="module")
def redis_db() -> Iterator:
    client = _redis()
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    name = f"two_instances_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = _postgres_admin()
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        # FORCE: a worker's kept-alive connection must not stop the drop.
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, database_url, redis_db) -> Iterator[Cluster]:
    scratch = tmp_path_factory.mktemp("two-instances")
    env = server.production_environment(
        database_url=database_url,
        static_root=scratch / "static",
        workers=2,
        base={**os.environ, "REDIS_URL": REDIS_URL, "HUB_VAR_DIR": str(scratch / "var")},
    )
    _run(env, "-m", "tests.benchmarks.generate", "--size", "small")
    server.collect_static(env, scratch / "static")
    # Nothing the generator's process cached may be what the instances find first.
    redis_db.flushdb()
    with (
        server.Gunicorn(env, server.free_port(), scratch / "a.log") as a,
        server.Gunicorn(env, server.free_port(), scratch / "b.log") as b,
    ):
        yield Cluster(a, b, env)


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args],
        cwd=server.REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _browser(target: server.Gunicorn, cookies: dict[str, str] | None = None) -> Browser:
    browser = Browser(target.base_url, cookies=cookies)
    browser.host = PUBLIC_HOST
    return browser


def _sign_in(browser: Browser, email: str, password: str) -> Reply:
    browser.get(SIGN_IN)  # for the csrftoken cookie
    return _post_sign_in(browser, email, password)


def _signed_in_on(target: server.Gunicorn, cookies: dict[str, str]) -> bool:
    """Whether `cookies` reach the learner's own records on `target` (a session that is
    not signed in is sent to the sign-in page instead)."""
    browser = _browser(target, cookies)
    reply = browser.get(reverse("records:my_learning"))
    browser.close()
    if reply.status == 302:
        assert reply.headers["location"].startswith(SIGN_IN), reply.headers
        return False
    assert reply.status == 200, reply
    return True


def _page(target: server.Gunicorn, path: str, cookies: dict[str, str]) -> str:
    browser = _browser(target, cookies)
    reply = browser.get(path, keep_body=True)
    browser.close()
    assert reply.status == 200, (path, reply.status, reply.headers)
    return _decoded(reply)


def _decoded(reply: Reply) -> str:
    body = reply.body
    if reply.headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


def test_a_session_made_on_one_instance_is_signed_in_on_the_other(cluster):
    on_a = _browser(cluster.a)
    reply = _sign_in(on_a, NAMED_EMAILS["learner"], PASSWORD)
    assert reply.status == 302 and not reply.headers["location"].startswith(SIGN_IN), reply
    cookies = dict(on_a.cookies)
    on_a.close()

    assert _signed_in_on(cluster.b, cookies)
    assert _signed_in_on(cluster.a, cookies)

    # Signing out on B ends the session A had seen too.
    on_b = _browser(cluster.b, cookies)
    on_b.get(SIGN_OUT)
    assert on_b.post(SIGN_OUT, {}, referer=SIGN_OUT).status == 302
    on_b.close()
    assert not _signed_in_on(cluster.a, cookies)


def test_a_sign_in_lockout_on_one_instance_holds_on_the_other(cluster):
    email = NAMED_EMAILS["supervisor"]
    # The instances' environment is this process's, so their limits are these.
    limit = min(rate.amount for rate in parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"]))
    on_a = _browser(cluster.a)
    on_a.get(SIGN_IN)
    for attempt in range(limit):
        reply = _post_sign_in(on_a, email, f"wrong-password-{attempt}")
        assert reply.status == 200 and LOCKED_OUT not in _decoded(reply), attempt
    assert LOCKED_OUT in _decoded(_post_sign_in(on_a, email, PASSWORD))
    on_a.close()

    on_b = _browser(cluster.b)
    on_b.get(SIGN_IN)
    reply = _post_sign_in(on_b, email, PASSWORD)
    on_b.close()
    assert reply.status == 200, "the right password signed in on B despite A's lockout"
    assert LOCKED_OUT in _decoded(reply)


def _post_sign_in(browser: Browser, email: str, password: str) -> Reply:
    """The sign-in form posted, keeping the page it answers with."""
    fields = {
        "login": email,
        "password": password,
        "csrfmiddlewaretoken": browser.cookies["csrftoken"],
    }
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"https://{browser.host}{SIGN_IN}",
    }
    return browser.request(
        "POST", SIGN_IN, body=urlencode(fields).encode(), headers=headers, keep_body=True
    )


PUBLISH = """
import json
from briefings.models import BriefingPage
page = BriefingPage.objects.live().order_by("-first_published_at", "-pk").first().specific
old = {{"title": page.title, "summary": page.summary, "url": page.url}}
if {publish}:
    page.title = {title!r}
    page.summary = {summary!r}
    page.save_revision().publish()
print(json.dumps(old))
"""


def _briefing(env: dict[str, str], *, title: str = "", summary: str = "") -> dict[str, str]:
    code = PUBLISH.format(publish=bool(title), title=title, summary=summary)
    return json.loads(_run(env, "manage.py", "shell", "-c", code).strip().splitlines()[-1])


def test_a_page_published_elsewhere_is_fresh_on_both_instances_at_once(cluster, redis_db):
    on_a = _browser(cluster.a)
    _sign_in(on_a, NAMED_EMAILS["learner"], PASSWORD)
    cookies = dict(on_a.cookies)
    on_a.close()
    before = _briefing(cluster.env)

    # Both instances render and cache the live revision (B's copy is what A finds).
    for target in (cluster.b, cluster.a, cluster.b):
        assert escape(before["summary"]) in _page(target, before["url"], cookies)
        assert escape(before["title"]) in _page(target, "/", cookies)
    for name in ("briefing-article", "home:lists"):
        assert redis_db.keys(f"*hub:shared:{name}:*"), f"{name} was not cached in Redis"

    marker = uuid.uuid4().hex[:8]
    title = f"Working together on hoarding, revised {marker}"
    summary = f"What changed in this revision for every team, edition {marker}."
    _briefing(cluster.env, title=title, summary=summary)

    for target in (cluster.b, cluster.a):
        briefing = _page(target, before["url"], cookies)
        assert summary in briefing and title in briefing
        assert escape(before["summary"]) not in briefing
        assert title in _page(target, "/", cookies)

"""A bounded load driver: a realistic mix of requests from this process against one or
more running instances of the site, spread across them in turn.

    DJANGO_SECRET_KEY=<the servers'> DATABASE_URL=<theirs> python -m tests.benchmarks.http.load \\
        --duration 60 --concurrency 8 --targets http://127.0.0.1:8001,http://127.0.0.1:8002

or, to start the instances itself (gunicorn with gunicorn.conf.py, production settings):

    DATABASE_URL=... python -m tests.benchmarks.http.load --start-servers 2 --duration 60

The mix (MIX): 70% reading learning pages, 15% dashboards (home, My learning, the
team page, the CPD summary), 10% completions and feedback (form posts with the CSRF
token, after a GET of the page that holds the form), 5% reports. It reports requests
per second, p50/p95/p99 and errors overall, per kind, and per time window, so that an
outage shows as errors in the windows it covered and recovery as the windows after.

An error is a connection that failed or an answer outside 2xx/3xx, and also a redirect
to the sign-in page (a session the servers do not accept, as with another secret key,
would otherwise pass as a stream of quick redirects).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.benchmarks.http import server
from tests.benchmarks.http.client import Browser, Reply
from tests.benchmarks.http.signin import load_people, session_cookies, user_by_email
from tests.benchmarks.http.stats import (
    Sample,
    Summary,
    by_kind,
    by_window,
    markdown_table,
    summarise,
    summary_cells,
    window_label,
)

MIX: tuple[tuple[str, int], ...] = (
    ("reading", 70),
    ("dashboards", 15),
    ("completions", 10),
    ("reports", 5),
)


def choose(mix: Sequence[tuple[str, int]], draw: float) -> str:
    """The kind of request for a uniform draw in [0, 1): each kind takes a share of the
    interval in proportion to its weight, in the order given."""
    if not 0 <= draw < 1:
        raise ValueError(f"draw must be in [0, 1), not {draw}")
    total = sum(weight for _, weight in mix)
    edge = 0.0
    for kind, weight in mix:
        edge += weight / total
        if draw < edge:
            return kind
    return mix[-1][0]  # a draw a rounding error below 1


@dataclass(frozen=True)
class Plan:
    """What the load's requests are made of, found in the database before it starts."""

    reading: list[str]  # learning pages' paths
    completable: list[tuple[int, str]]  # (page id, path) completed by confirming
    dashboards: dict[str, list[str]]  # role: paths
    reports: dict[str, list[str]]  # role: paths
    cookies: dict[str, list[dict[str, str]]]  # role: one session per person


def make_plan(people: dict[str, list[str]], pages: int = 200) -> Plan:
    from django.apps import apps
    from django.urls import reverse
    from wagtail.models import Page

    from learning.models import CompletionMethod, LearningPage

    kinds = [model for model in apps.get_models() if issubclass(model, LearningPage)]
    live = Page.objects.live().type(*kinds).order_by("pk").specific()[:pages]
    reading = [page.url for page in live]
    completable = [
        (page.pk, page.url) for page in live if page.completion_method == CompletionMethod.CONFIRM
    ]
    if not reading or not completable:
        raise LookupError("no live learning pages to read or complete in this database")
    reports = [
        reverse("reports:report", args=[slug]) for slug in ("compliance", "reach", "feedback")
    ]
    cookies = {
        role: [session_cookies(user_by_email(email)) for email in emails]
        for role, emails in people.items()
        if role in ("practitioner", "supervisor", "lead", "manager")
    }
    return Plan(
        reading=reading,
        completable=completable,
        dashboards={
            "practitioner": [
                "/",
                reverse("records:my_learning"),
                reverse("records:cpd_summary"),
            ],
            "supervisor": [reverse("supervision:my_team")],
        },
        reports={role: reports for role in ("manager", "lead") if role in cookies},
        cookies=cookies,
    )


class VirtualUser:
    """One client thread: draws a kind of request, sends it to the next target."""

    # A subclass may keep more of each reply (tests/benchmarks/faults keeps error pages).
    browser_class: type[Browser] = Browser

    def __init__(self, plan: Plan, targets: list[str], rng: random.Random, start: float) -> None:
        self.plan = plan
        self.targets = targets
        self.rng = rng
        self.start = start
        self.turn = rng.randrange(len(targets))
        self.browsers: dict[tuple[str, str, int], Browser] = {}
        self.samples: list[Sample] = []

    def browser(self, role: str) -> Browser:
        """A browser for one of the role's people on the next target (in turn)."""
        self.turn += 1
        target = self.targets[self.turn % len(self.targets)]
        person = self.rng.randrange(len(self.plan.cookies[role]))
        key = (target, role, person)
        if key not in self.browsers:
            self.browsers[key] = self.browser_class(target, self.plan.cookies[role][person])
        return self.browsers[key]

    def record(self, kind: str, started: float, reply: Reply) -> Reply:
        self.samples.append(Sample(started - self.start, kind, reply.seconds, succeeded(reply)))
        return reply

    def get(self, kind: str, role: str, path: str) -> Reply:
        started = time.perf_counter()
        return self.record(kind, started, self.browser(role).get(path))

    def act(self, kind: str) -> None:
        actions: dict[str, Callable[[], None]] = {
            "reading": self.read,
            "dashboards": self.dashboard,
            "completions": self.complete,
            "reports": self.report,
        }
        actions[kind]()

    def read(self) -> None:
        self.get("reading", "practitioner", self.rng.choice(self.plan.reading))

    def dashboard(self) -> None:
        role = self.rng.choice(sorted(self.plan.dashboards.keys() & self.plan.cookies.keys()))
        self.get("dashboards", role, self.rng.choice(self.plan.dashboards[role]))

    def complete(self) -> None:
        from django.urls import reverse

        page_id, path = self.rng.choice(self.plan.completable)
        browser = self.browser("practitioner")
        started = time.perf_counter()
        # The page holds the form, and sets the CSRF cookie the post must repeat.
        if not self.record("completions", started, browser.get(path)).ok:
            return
        started = time.perf_counter()
        posted = browser.post(reverse("records:complete", args=[page_id]), {}, referer=path)
        if not self.record("completions", started, posted).ok:
            return
        started = time.perf_counter()
        feedback = {
            "usefulness": str(self.rng.randint(1, 5)),
            "will_change_practice": self.rng.choice(["yes", "not_sure", "no"]),
            "comment": "",
        }
        self.record(
            "completions",
            started,
            browser.post(reverse("records:feedback", args=[page_id]), feedback, referer=path),
        )

    def report(self) -> None:
        role = self.rng.choice(sorted(self.plan.reports))
        self.get("reports", role, self.rng.choice(self.plan.reports[role]))

    def close(self) -> None:
        for browser in self.browsers.values():
            browser.close()


def succeeded(reply: Reply) -> bool:
    location = reply.headers.get("location", "")
    return reply.ok and "/accounts/login/" not in location


def run_load(
    plan: Plan,
    targets: list[str],
    *,
    duration: float,
    concurrency: int,
    seed: int,
    user_class: type[VirtualUser] = VirtualUser,
    stop: threading.Event | None = None,
) -> tuple[list[Sample], float]:
    """Load for `duration` seconds, or until `stop` is set if that comes first."""
    start = time.perf_counter()
    users = [
        user_class(plan, targets, random.Random(seed * 1000 + n), start) for n in range(concurrency)
    ]

    def drive(user: VirtualUser) -> None:
        try:
            while time.perf_counter() - start < duration and not (stop and stop.is_set()):
                user.act(choose(MIX, user.rng.random()))
        finally:
            user.close()

    threads = [threading.Thread(target=drive, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return sorted((s for u in users for s in u.samples), key=lambda s: s.started), elapsed


def _summary_row(label: str, summary: Summary) -> list[str]:
    return [label, *summary_cells(summary)]


def report(samples: list[Sample], elapsed: float, window: float) -> str:
    headers = ["", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms"]
    overall = [_summary_row("all", summarise(samples, elapsed))]
    overall += [_summary_row(kind, s) for kind, s in by_kind(samples, elapsed).items()]
    windows = [
        _summary_row(window_label(n, window), s)
        for n, s in enumerate(by_window(samples, window, elapsed))
    ]
    return (
        markdown_table(["kind", *headers[1:]], overall)
        + "\n\n"
        + markdown_table(["window", *headers[1:]], windows)
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--targets", default="http://127.0.0.1:8000")
    parser.add_argument("--start-servers", type=int, default=0, help="start this many instances")
    parser.add_argument("--workers", type=int, default=3, help="per started instance")
    parser.add_argument("--window", type=float, default=5, help="seconds per reported window")
    parser.add_argument("--people", type=Path, help="JSON file of {role: email or [emails]}")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL (the servers' database)")
    if not args.start_servers and not os.environ.get("DJANGO_SECRET_KEY"):
        parser.error("set DJANGO_SECRET_KEY to the servers' own, or their sessions are not ours")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hub-load-") as scratch, ExitStack() as servers:
        env = server.production_environment(
            database_url=args.database_url,
            static_root=Path(os.environ.get("DJANGO_STATIC_ROOT", Path(scratch) / "static")),
            workers=args.workers,
        )
        os.environ.update(env)
        os.environ.pop("DJANGO_DEBUG", None)
        if args.start_servers:
            server.collect_static(env, Path(env["DJANGO_STATIC_ROOT"]))
        import django

        django.setup()
        from django.db import connection

        plan = make_plan(load_people(args.people))
        connection.close()
        targets = [t.strip() for t in args.targets.split(",") if t.strip()]
        if args.start_servers:
            targets = [
                servers.enter_context(
                    server.Gunicorn(env, server.free_port(), Path(scratch) / f"gunicorn-{n}.log")
                ).base_url
                for n in range(args.start_servers)
            ]
        print(f"load on {', '.join(targets)} for {args.duration:g} s", file=sys.stderr)
        samples, elapsed = run_load(
            plan, targets, duration=args.duration, concurrency=args.concurrency, seed=args.seed
        )
    print(report(samples, elapsed, args.window))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "targets": targets,
                    "duration": elapsed,
                    "concurrency": args.concurrency,
                    "mix": dict(MIX),
                    "overall": asdict(summarise(samples, elapsed)),
                    "kinds": {k: asdict(s) for k, s in by_kind(samples, elapsed).items()},
                    "windows": [asdict(s) for s in by_window(samples, args.window, elapsed)],
                },
                indent=2,
            )
        )
    return 1 if any(not sample.ok for sample in samples) else 0


if __name__ == "__main__":
    raise SystemExit(main())

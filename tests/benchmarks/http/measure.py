"""Each page's speed through real HTTP: gunicorn as production runs it, this process as
the client on the same machine.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub \\
        python -m tests.benchmarks.http.measure --pages all --concurrency 1,4 --requests 200

For each page: the SQL queries of one request (counted in this process, caches warm),
its size, p50/p95/p99 at concurrency 1, requests per second at each higher concurrency
and that as a share of the bare view's, and the gunicorn workers' peak resident memory
while it was requested. A Markdown table goes to stdout, every figure to --json.

People come from --people (a JSON file of {role: email or [emails]}, as the data
generator writes) or are the demo people of `manage.py seed_demo`.

(No __init__.py in this folder, like the rest of tests/: as a regular package named
`http` it would shadow the standard library's whenever pytest puts tests/benchmarks on
sys.path.)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tests.benchmarks.http import server
from tests.benchmarks.http.client import Browser
from tests.benchmarks.http.pages import PageSpec, World, load_world, select_pages
from tests.benchmarks.http.signin import load_people, session_cookies
from tests.benchmarks.http.stats import Sample, markdown_table, number, share, summarise

DEFAULT_JSON = server.REPO / "var" / "benchmarks" / "http.json"


@dataclass
class Level:
    concurrency: int
    requests: int
    errors: int
    seconds: float
    per_second: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    peak_worker_mb: float | None


@dataclass
class PageResult:
    key: str
    title: str
    url: str
    queries: int | None = None
    size_kb: float | None = None
    levels: list[Level] = field(default_factory=list)
    problem: str = ""

    def level(self, concurrency: int) -> Level | None:
        return next((lv for lv in self.levels if lv.concurrency == concurrency), None)


def run_level(
    base_url: str,
    path: str,
    cookies: dict[str, str],
    *,
    concurrency: int,
    requests: int,
    min_seconds: float,
    max_seconds: float,
) -> tuple[list[Sample], float]:
    """`concurrency` clients, each on its own connection, requesting `path` until at
    least `requests` have been sent and `min_seconds` have passed, or `max_seconds`
    have (so a slow page cannot hold the run for ever)."""
    samples: list[Sample] = []
    lock = threading.Lock()
    sent = 0
    start = time.perf_counter()

    def client() -> None:
        nonlocal sent
        browser = Browser(base_url, cookies)
        try:
            while True:
                elapsed = time.perf_counter() - start
                with lock:
                    done = sent >= requests and elapsed >= min_seconds
                    if done or elapsed >= max_seconds:
                        return
                    sent += 1
                reply = browser.get(path)
                sample = Sample(elapsed, path, reply.seconds, reply.status == 200)
                with lock:
                    samples.append(sample)
        finally:
            browser.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, time.perf_counter() - start


def count_queries(path: str, cookies: dict[str, str]) -> tuple[int, int]:
    """The SQL queries of one request through Django's test client in this process
    (after a first request has warmed its caches), and the response's status."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=server.HOST, HTTP_X_FORWARDED_PROTO="https")
    for name, value in cookies.items():
        client.cookies[name] = value
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return len(captured.captured_queries), response.status_code


def measure_page(
    gunicorn: server.Gunicorn,
    page: PageSpec,
    url: str,
    cookies: dict[str, str],
    args: argparse.Namespace,
) -> PageResult:
    result = PageResult(page.key, page.title, url)
    if args.queries:
        result.queries, status = count_queries(url, cookies)
        if status != 200:
            result.problem = f"answered {status} in this process"
            return result
    first = Browser(gunicorn.base_url, cookies).get(url)
    if first.status != 200:
        result.problem = f"answered {first.status}" + (
            f" to {first.headers.get('location')}" if first.headers.get("location") else ""
        )
        return result
    result.size_kb = first.size / 1024
    # Every worker answers it at least once before the clock starts.
    run_level(
        gunicorn.base_url,
        url,
        cookies,
        concurrency=4,
        requests=4 * args.workers,
        min_seconds=0,
        max_seconds=args.max_seconds,
    )
    for concurrency in args.concurrency:
        pids = gunicorn.worker_pids()
        server.reset_peak_memory(pids)
        samples, seconds = run_level(
            gunicorn.base_url,
            url,
            cookies,
            concurrency=concurrency,
            requests=args.requests,
            min_seconds=args.min_seconds,
            max_seconds=args.max_seconds,
        )
        summary = summarise(samples, seconds)
        result.levels.append(
            Level(
                concurrency=concurrency,
                requests=summary.requests,
                errors=summary.errors,
                seconds=round(seconds, 3),
                per_second=summary.per_second,
                p50_ms=summary.p50_ms,
                p95_ms=summary.p95_ms,
                p99_ms=summary.p99_ms,
                peak_worker_mb=server.peak_memory_mb(pids),
            )
        )
    return result


def rate(per_second: float) -> str:
    """Requests per second: whole numbers, but a tenth for the slow pages."""
    return number(per_second, 0 if per_second >= 10 else 1)


def report_table(results: list[PageResult], levels: list[int]) -> str:
    """The Markdown table: percentiles at the lowest concurrency, requests per second
    at each higher one, and the highest as a share of the bare view's."""
    timed, *loaded = sorted(levels)
    top = loaded[-1] if loaded else timed
    bare = next((r.level(top) for r in results if r.key == "bare"), None)
    bare_rate = bare.per_second if bare else None
    headers = [
        "page",
        "queries",
        "KB",
        f"p50 ms (c={timed})",
        f"p95 ms (c={timed})",
        f"p99 ms (c={timed})",
        *[f"req/s at c={c}" for c in [timed, *loaded]],
        f"share of bare view's req/s at c={top}",
        "worker peak MB",
        "errors",
    ]
    rows = []
    for result in results:
        if result.problem:
            rows.append(
                [
                    result.title,
                    number(result.queries, 0),
                    *["-"] * (len(headers) - 3),
                    result.problem,
                ]
            )
            continue
        first = result.level(timed)
        rates = [result.level(c) for c in [timed, *loaded]]
        peak = max((lv.peak_worker_mb for lv in result.levels if lv.peak_worker_mb), default=None)
        rows.append(
            [
                result.title,
                number(result.queries, 0),
                number(result.size_kb),
                number(first.p50_ms),
                number(first.p95_ms),
                number(first.p99_ms),
                *[rate(lv.per_second) for lv in rates],
                share(result.level(top).per_second, bare_rate),
                number(peak, 0),
                str(sum(lv.errors for lv in result.levels)),
            ]
        )
    return markdown_table(headers, rows)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="all", help="comma-separated page keys, or all")
    parser.add_argument("--concurrency", default="1,4", help="comma-separated, e.g. 1,4")
    parser.add_argument("--requests", type=int, default=200, help="at least this many per level")
    parser.add_argument(
        "--min-seconds", type=float, default=3.0, help="at least this long per level"
    )
    parser.add_argument(
        "--max-seconds", type=float, default=60.0, help="at most this long per level"
    )
    parser.add_argument("--people", type=Path, help="JSON file of {role: email or [emails]}")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (WEB_CONCURRENCY)")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument(
        "--static-root", type=Path, help="collected static files, reused when present"
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument(
        "--no-queries", dest="queries", action="store_false", help="skip counting SQL queries"
    )
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL")
    args.concurrency = sorted({int(c) for c in args.concurrency.split(",") if c.strip()})
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    pages = select_pages(args.pages)
    with tempfile.TemporaryDirectory(prefix="hub-http-bench-") as scratch:
        static_root = args.static_root or Path(scratch) / "static"
        env = server.production_environment(
            database_url=args.database_url, static_root=static_root, workers=args.workers
        )
        # This process reads the same database with the same secret key as the server.
        os.environ.update(env)
        os.environ.pop("DJANGO_DEBUG", None)
        # Before Django is set up here: the manifest of static files is read once.
        server.collect_static(env, static_root)
        import django

        django.setup()
        from django.db import connection

        world = load_world(load_people(args.people), {p.role for p in pages if p.role})
        cookies = {role: session_cookies(user) for role, user in world.people.items()}
        urls = {page.key: page.url(world) for page in pages}
        connection.close()

        port = args.port or server.free_port()
        results = []
        with server.Gunicorn(env, port, Path(scratch) / "gunicorn.log") as gunicorn:
            for page in pages:
                page_cookies = cookies[page.role] if page.role else {}
                results.append(measure_page(gunicorn, page, urls[page.key], page_cookies, args))
                print(f"measured {page.title}", flush=True, file=sys.stderr)
            server_log = gunicorn.log(200)

    print(report_table(results, args.concurrency))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                },
                "database": connection.vendor,
                "workers": args.workers,
                "concurrency": args.concurrency,
                "requests_per_level": args.requests,
                "pages": [asdict(result) for result in results],
                "people": _describe(world),
                "server_log_tail": server_log,
            },
            indent=2,
        )
    )
    return 1 if any(r.problem or any(lv.errors for lv in r.levels) for r in results) else 0


def _describe(world: World) -> dict[str, str]:
    return {role: getattr(user, "email", str(user)) for role, user in world.people.items()}


if __name__ == "__main__":
    raise SystemExit(main())

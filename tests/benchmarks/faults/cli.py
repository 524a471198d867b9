"""Fault runs for the hub (issue 15, "Faults"), against a PostgreSQL cluster and a Redis
of the script's own (never the machine's main ones):

    .venv/bin/python -m tests.benchmarks.faults --size small [--runs postgres,redis,reminder]

1. postgres: two gunicorn instances (as load.py --start-servers 2) under load; the
   cluster is stopped for a few seconds and started again. Errors while it is down
   must all be the hub's 503 page, none after it answers again, with no restart; then
   the database is checked for partial records.
2. redis: the same with Redis stopped: the site keeps serving from each process's
   memory (learning.cache_backend) and shares Redis again when it returns.
3. reminder: the reminder task with a failing mail server, two task workers and
   retries (tests.benchmarks.faults.reminder): each digest is sent exactly once.

It creates the cluster (pg_createcluster) and a data set (tests.benchmarks.generate),
or uses --database-url (a database already built on the cluster named by
--cluster-name/--pg-port), and removes what it created unless --keep. Prints Markdown
for docs/benchmarks.md, and writes the figures as JSON with --json. Exits 1 if any
claim did not hold.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict
from pathlib import Path

from tests.benchmarks.faults import integrity, outage, report
from tests.benchmarks.faults import reminder as reminder_run
from tests.benchmarks.faults.services import FaultPostgres, FaultRedis
from tests.benchmarks.http import server
from tests.benchmarks.http.load import Plan, make_plan, run_load
from tests.benchmarks.http.server import REPO

RUNS = ("postgres", "redis", "reminder")
# The generator's named people (generator.people.NAMED_EMAILS) by the roles load.py
# signs in as.
ROLES = {
    "practitioner": "learner",
    "supervisor": "supervisor",
    "lead": "lead",
    "manager": "manager",
}
LOG_MARKERS = {
    "database unreachable lines": "The database cannot be reached",
    "Redis unreachable lines": "Redis cannot be reached",
    "Redis back lines": "Redis is answering again",
    "tracebacks": "Traceback (most recent call last)",
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.faults", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--runs", default=",".join(RUNS), help="comma-separated, of " + ", ".join(RUNS)
    )
    parser.add_argument("--size", choices=("small", "tenth"), default="small")
    parser.add_argument(
        "--database-url", default="", help="an already-built database on the cluster"
    )
    parser.add_argument("--cluster-name", default="hubfaults")
    parser.add_argument("--pg-port", type=int, default=5439)
    parser.add_argument("--redis-port", type=int, default=6390)
    parser.add_argument("--keep", action="store_true", help="leave the cluster and Redis running")
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--before", type=float, default=10, help="seconds of load before the stop")
    parser.add_argument("--outage", type=float, default=5, help="seconds the service is stopped")
    parser.add_argument("--after", type=float, default=15, help="seconds of load after the start")
    parser.add_argument("--window", type=float, default=2.5, help="seconds per reported window")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of unmeasured load first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    args.runs = [name.strip() for name in args.runs.split(",") if name.strip()]
    unknown = set(args.runs) - set(RUNS)
    if unknown or not args.runs:
        parser.error(
            f"--runs takes {', '.join(RUNS)}, not {', '.join(sorted(unknown)) or 'nothing'}"
        )
    if min(args.before, args.outage, args.after, args.window) <= 0:
        parser.error("--before, --outage, --after and --window must be positive")
    if args.database_url and f":{args.pg_port}/" not in args.database_url:
        parser.error(f"--database-url must be on the fault cluster's port {args.pg_port}")
    return args


def build_data(postgres: FaultPostgres, size: str) -> str:
    """The generator's data set in the new cluster; returns its summary line."""
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": postgres.url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.generate", "--size", size],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    return f"built the {size} data set in {time.perf_counter() - started:.0f} s"


class Instances:
    """The gunicorn instances, and what their logs said during one run."""

    def __init__(self, stack: ExitStack, env: dict[str, str], scratch: Path, count: int) -> None:
        self.servers = [
            stack.enter_context(
                server.Gunicorn(env, server.free_port(), scratch / f"gunicorn-{n}.log")
            )
            for n in range(count)
        ]
        self.targets = [instance.base_url for instance in self.servers]

    def pids(self) -> list[int]:
        return [pid for s in self.servers for pid in [s.process.pid, *s.worker_pids()]]

    def log_sizes(self) -> list[int]:
        return [s.log_path.stat().st_size if s.log_path.exists() else 0 for s in self.servers]

    def log_counts(self, since: list[int]) -> dict[str, int]:
        text = ""
        for instance, offset in zip(self.servers, since, strict=True):
            with open(instance.log_path, errors="replace") as log:
                log.seek(offset)
                text += log.read()
        return {name: text.count(marker) for name, marker in LOG_MARKERS.items()}


def fault_run(
    plan: Plan,
    instances: Instances,
    args: argparse.Namespace,
    *,
    stop: Callable[[], None],
    start: Callable[[], None],
    page: bytes,
) -> dict:
    """Load on every instance; `stop` after --before seconds, `start` --outage seconds
    later, and load for --after seconds more."""
    users = outage.watched_users(page)
    # Unmeasured load first: a worker's first requests are slow (imports, caches).
    run_load(plan, instances.targets, duration=args.warmup, concurrency=args.concurrency, seed=0)
    pids, log_sizes = instances.pids(), instances.log_sizes()
    done: dict = {}
    finished = threading.Event()

    def drive() -> None:
        try:
            done["load"] = run_load(
                plan,
                instances.targets,
                # A cap only: the load ends --after seconds after the service answers.
                duration=args.before + args.outage + args.after + 600,
                concurrency=args.concurrency,
                seed=args.seed,
                user_class=users,
                stop=finished,
            )
        except BaseException as error:  # reported in the main thread
            done["error"] = error

    thread = threading.Thread(target=drive)
    began = time.perf_counter()
    thread.start()
    try:
        time.sleep(args.before)
        moments = [time.perf_counter()]
        stop()
        moments.append(time.perf_counter())
        time.sleep(args.outage)
        moments.append(time.perf_counter())
        start()
        moments.append(time.perf_counter())
        time.sleep(args.after)
    finally:
        finished.set()
        thread.join()
    if "error" in done:
        raise done["error"]
    samples, elapsed = done["load"]
    # The load's own clock began a moment after `began`, when its users were made.
    zero = users.instances[0].start if users.instances else began
    window = outage.Outage(*(moment - zero for moment in moments))
    failures = sorted((f for u in users.instances for f in u.failures), key=lambda f: f.started)
    return {
        "outage": window,
        "samples": samples,
        "elapsed": elapsed,
        "failures": failures,
        "phases": outage.by_phase(samples, window, elapsed),
        "same_processes": instances.pids() == pids,
        "log": instances.log_counts(log_sizes),
    }


def section(title: str, run: dict, verdicts: list[outage.Verdict], args, notes: list[str]) -> str:
    verdicts = [
        *verdicts,
        outage.Verdict(
            "no restart: the same gunicorn masters and workers throughout",
            run["same_processes"],
            "process ids compared before and after",
        ),
    ]
    run["verdicts"] = verdicts
    log = ", ".join(f"{count:,} {name}" for name, count in run["log"].items())
    return report.outage_section(
        title,
        outage=run["outage"],
        phases=run["phases"],
        samples=run["samples"],
        elapsed=run["elapsed"],
        window=args.window,
        verdicts=verdicts,
        failures=run["failures"],
        notes=[f"The instances' logs during the run: {log}.", *notes],
    )


def as_json(run: dict) -> dict:
    return {
        "outage": asdict(run["outage"]),
        "elapsed": run["elapsed"],
        "phases": {name: asdict(s) for name, s in run["phases"].items()},
        "failures": dict(outage.statuses(run["failures"])),
        "log": run["log"],
        "verdicts": [asdict(v) for v in run["verdicts"]],
    }


def _close_connections() -> None:
    """This process's own connection, so that the cluster can be stopped and dropped."""
    from django.apps import apps

    if apps.ready:
        from django.db import connections

        connections.close_all()


class Results:
    """The Markdown blocks, the JSON figures and whether every claim held."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.blocks: list[str] = []
        self.data: dict = {"size": args.size, "runs": args.runs}
        self.held = True

    def add(self, name: str, block: str, data: dict, verdicts: list[outage.Verdict]) -> None:
        self.blocks.append(block)
        self.data[name] = data
        self.held &= all(verdict.held for verdict in verdicts)


def database_run(results: Results, plan, instances, args, postgres, page: bytes) -> None:
    run = fault_run(plan, instances, args, stop=postgres.stop, start=postgres.start, page=page)
    verdicts = outage.database_verdicts(run["phases"], run["failures"], run["outage"])
    block = section("PostgreSQL stopped during load", run, verdicts, args, [])
    results.add("postgres", block, as_json(run), run["verdicts"])


def cache_run(results: Results, plan, instances, args, redis, page: bytes) -> None:
    run = fault_run(plan, instances, args, stop=redis.stop, start=redis.start, page=page)
    keys = redis.keys()
    verdicts = [
        *outage.cache_verdicts(run["phases"], run["failures"]),
        outage.Verdict(
            "shared again: the restarted (empty) Redis holds the site's keys",
            keys > 0,
            f"{keys:,} keys at the end",
        ),
    ]
    notes = [
        'Sign-in rate limits fall back as documented (README, "Running more than one '
        'instance"; learning/cache_backend.py): while Redis is down each process counts '
        "failed sign-ins in its own memory, so the limit holds per process rather than "
        "across instances. The load signs in by session, so it makes no sign-in attempts.",
    ]
    block = section("Redis stopped during load", run, verdicts, args, notes)
    results.add("redis", block, as_json(run), run["verdicts"])


def integrity_check(results: Results, before: list[integrity.Finding], since) -> None:
    after = integrity.findings()
    written = integrity.written_since(since)
    verdicts = [
        outage.Verdict(a.rule, a.broken <= b.broken, f"{b.broken} -> {a.broken}")
        for b, a in zip(before, after, strict=True)
    ]
    data = {
        "before": [asdict(f) for f in before],
        "after": [asdict(f) for f in after],
        "written": written,
    }
    results.add("integrity", report.integrity_section(before, after, written), data, verdicts)


def introduction(args: argparse.Namespace, setup: str) -> str:
    text = f"Size {args.size} ({setup})."
    if {"postgres", "redis"} & set(args.runs):
        text += (
            f" {args.instances} instances of gunicorn with {args.workers} workers each share "
            f"the run's PostgreSQL and Redis; load.py's mix at concurrency {args.concurrency} "
            f"after {args.warmup:g} s of unmeasured warm-up; the service stopped for "
            f"{args.outage:g} s after {args.before:g} s of load, and load for {args.after:g} s "
            "after it answered again."
        )
    return text


def prepare(args, postgres: FaultPostgres, redis: FaultRedis, scratch: Path) -> tuple[dict, str]:
    """The cluster with its data (or the one given) and Redis running; Django set up
    in this process as the servers are. Returns the servers' environment and how the
    data came about."""
    if args.database_url:
        if not postgres.exists():
            raise SystemExit(f"no cluster {postgres.version}/{postgres.name} to stop")
        database_url, setup = args.database_url, "an existing database"
    else:
        print(f"creating cluster {postgres.name} on port {postgres.port}", file=sys.stderr)
        postgres.create()
        database_url, setup = postgres.url, build_data(postgres, args.size)
    redis.start()
    # load.py's way: an earlier run's collected files when DJANGO_STATIC_ROOT names them.
    static_root = Path(os.environ.get("DJANGO_STATIC_ROOT", scratch / "static"))
    env = server.production_environment(
        database_url=database_url, static_root=static_root, workers=args.workers
    )
    env["REDIS_URL"] = redis.url
    # Before Django renders anything: the 503 page names collected static files.
    server.collect_static(env, static_root)
    os.environ.update(env)
    os.environ.pop("DJANGO_DEBUG", None)
    import django

    django.setup()
    return env, setup


def run_all(args, postgres, redis, scratch: Path, stack: ExitStack) -> Results:
    env, setup = prepare(args, postgres, redis, scratch)
    from django.db import connections
    from django.template.loader import render_to_string
    from django.utils import timezone

    # Imported once Django is set up: the generator package loads models.
    from tests.benchmarks.generator.people import NAMED_EMAILS

    results = Results(args)
    results.data["setup"] = setup
    results.blocks.append(introduction(args, setup))
    plan = make_plan({role: [NAMED_EMAILS[name]] for role, name in ROLES.items()})
    page = render_to_string("503.html").encode()
    findings_before, began = integrity.findings(), timezone.now()
    connections.close_all()
    if {"postgres", "redis"} & set(args.runs):
        instances = Instances(stack, env, scratch, args.instances)
    if "postgres" in args.runs:
        print("postgres run", file=sys.stderr)
        database_run(results, plan, instances, args, postgres, page)
    if "redis" in args.runs:
        print("redis run", file=sys.stderr)
        cache_run(results, plan, instances, args, redis, page)
    if "postgres" in args.runs:
        integrity_check(results, findings_before, began)
        connections.close_all()
    stack.close()  # the web instances, before the task workers take their turn
    if "reminder" in args.runs:
        print("reminder run", file=sys.stderr)
        result = reminder_run.run(env, scratch)
        data = asdict(result)
        results.add(
            "reminder", report.reminder_section(result), data, reminder_run.verdicts(result)
        )
        connections.close_all()
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    postgres = FaultPostgres(name=args.cluster_name, port=args.pg_port)
    redis = FaultRedis(port=args.redis_port)
    with tempfile.TemporaryDirectory(prefix="hub-faults-") as scratch, ExitStack() as stack:
        try:
            results = run_all(args, postgres, redis, Path(scratch), stack)
        finally:
            stack.close()
            _close_connections()
            if args.keep:
                print(f"kept: {postgres.url} and {redis.url}", file=sys.stderr)
            else:
                if redis.started_here:
                    redis.stop()
                postgres.remove()
    print("\n\n".join(results.blocks))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results.data, indent=2, default=str))
    return 0 if results.held else 1

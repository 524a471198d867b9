"""The benchmark suite's data and its summary table.

`partnership` (session-scoped) builds the small world, counts the queries of every
probe on it, then grows the data to partnership scale for the tests to measure again.
Everything is written inside one transaction that is rolled back at the end of the
session, so nothing leaks into other tests run in the same process; each test runs in
a savepoint inside it, as Django's TestCase does with setUpTestData.

Run with `make bench` (or `pytest -m benchmark tests/benchmarks -s`); the figures are
printed at the end of the run.
"""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.benchmarks.generator.pages import quiet_page_log
from tests.benchmarks.partnership import (
    Partnership,
    build_small_world,
    grow_to_partnership_scale,
)
from tests.benchmarks.probes import (
    DATASET,
    PROBES,
    RESULTS,
    capture_queries,
    resolve,
    signed_in_client,
)


def _count_small_world(world: Partnership) -> None:
    for probe in PROBES:
        url = resolve(probe, world)
        if url is None:
            world.small_queries[probe.name] = "the URL does not exist in this build yet"
            continue
        client = signed_in_client(world, probe.viewer)
        world.small_queries[probe.name] = capture_queries(client, url, probe.expected_text(world))


@pytest.fixture(scope="session")
def partnership(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            started = time.perf_counter()
            with quiet_page_log():
                world = build_small_world()
            cache.clear()
            _count_small_world(world)
            small_done = time.perf_counter()
            with quiet_page_log():
                grow_to_partnership_scale(world)
            cache.clear()
            DATASET.update(world.rows)
            DATASET["seconds to build the small world and count its queries"] = round(
                small_done - started, 1
            )
            DATASET["seconds to grow to partnership scale"] = round(
                time.perf_counter() - small_done, 1
            )
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not RESULTS and not DATASET:
        return
    write = terminalreporter.write_line
    terminalreporter.section("benchmarks at partnership scale")
    for name, value in DATASET.items():
        write(f"  {name:<58} {value:>8,}")
    write("")
    header = f"  {'page':<38} {'queries small':>13} {'queries large':>13} {'seconds':>8}  budget"
    write(header)
    write("  " + "-" * (len(header) - 2))
    for row in RESULTS:
        small = "-" if row.small_queries is None else str(row.small_queries)
        large = "-" if row.queries is None else str(row.queries)
        seconds = "-" if row.seconds is None else f"{row.seconds:.3f}"
        line = f"  {row.name:<38} {small:>13} {large:>13} {seconds:>8}  {row.budget}"
        write(line + (f"  ({row.note})" if row.note else ""))

"""Figures from timed requests, and the Markdown tables they are reported in.

Plain functions of lists, with no Django and no network, so that `make test` checks
them (tests/benchmarks/test_http_harness.py) and the harness cannot rot quietly."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0 to 100) of the values, interpolating linearly between
    the two nearest ranks, so that the 50th of an even count is the mean of the middle
    two. Raises ValueError for no values or p outside 0..100."""
    if not values:
        raise ValueError("no values")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be between 0 and 100, not {p}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    below = math.floor(rank)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (rank - below)


@dataclass(frozen=True)
class Sample:
    """One request: when it started (seconds since the run began), what kind of
    request it was, how long it took (seconds), and whether it succeeded."""

    started: float
    kind: str
    seconds: float
    ok: bool


@dataclass(frozen=True)
class Summary:
    requests: int
    errors: int
    per_second: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None


def summarise(samples: Sequence[Sample], elapsed: float) -> Summary:
    """Throughput over `elapsed` seconds, and percentiles of the successful requests
    (a connection refused in a millisecond is not a fast page)."""
    good = [sample.seconds * 1000 for sample in samples if sample.ok]
    return Summary(
        requests=len(samples),
        errors=sum(1 for sample in samples if not sample.ok),
        per_second=len(samples) / elapsed if elapsed > 0 else 0.0,
        p50_ms=percentile(good, 50) if good else None,
        p95_ms=percentile(good, 95) if good else None,
        p99_ms=percentile(good, 99) if good else None,
    )


def by_window(samples: Iterable[Sample], width: float, duration: float) -> list[Summary]:
    """A summary for each `width` seconds of the run, from the start to `duration`,
    by when each request started: an outage shows as errors in the windows it
    covered, and recovery as the windows after. Empty windows are kept."""
    count = max(1, math.ceil(duration / width))
    buckets: list[list[Sample]] = [[] for _ in range(count)]
    for sample in samples:
        index = min(int(sample.started // width), count - 1)
        buckets[index].append(sample)
    return [summarise(bucket, width) for bucket in buckets]


def by_kind(samples: Iterable[Sample], elapsed: float) -> dict[str, Summary]:
    kinds: dict[str, list[Sample]] = {}
    for sample in samples:
        kinds.setdefault(sample.kind, []).append(sample)
    return {kind: summarise(group, elapsed) for kind, group in sorted(kinds.items())}


def number(value: float | None, places: int = 1) -> str:
    """A figure for a table: thousands separated, '-' when there is none."""
    return "-" if value is None else f"{value:,.{places}f}"


def summary_cells(summary: Summary, *, p99: bool = True) -> list[str]:
    """A summary's figures as table cells: requests, errors, req/s, p50 and p95 (and
    p99 unless left out)."""
    cells = [
        f"{summary.requests:,}",
        f"{summary.errors:,}",
        number(summary.per_second),
        number(summary.p50_ms),
        number(summary.p95_ms),
    ]
    return [*cells, number(summary.p99_ms)] if p99 else cells


def window_label(index: int, width: float) -> str:
    """The `index`th window of `width` seconds (by_window), as "5-10 s"."""
    return f"{index * width:g}-{(index + 1) * width:g} s"


def share(part: float | None, whole: float | None) -> str:
    """`part` as a percentage of `whole`, with enough places to tell small shares apart."""
    if part is None or not whole:
        return "-"
    value = 100 * part / whole
    return f"{value:.2f}%" if value < 1 else f"{value:.1f}%"


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table: the first column left-aligned, the figures right-aligned."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(["---"] + ["---:"] * (len(headers) - 1)) + " |",
    ]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"a row of {len(row)} cells under {len(headers)} headers")
        lines.append("| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |")
    return "\n".join(lines)

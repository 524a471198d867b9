"""What the load saw while a service was stopped: each failed reply kept and judged,
and the requests split into before, during and after the outage.

The classification and the verdicts are plain functions of lists (no Django, no
network), so tests/benchmarks/test_faults_script.py checks them without a cluster."""

from __future__ import annotations

import gzip
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tests.benchmarks.http.client import Browser, Reply
from tests.benchmarks.http.load import VirtualUser, succeeded
from tests.benchmarks.http.stats import Sample, Summary, summarise

PHASES = ("before", "during", "after")
# What a page that leaked an error's insides would show: Python's traceback header,
# Django's debug page, or gunicorn's own "Internal Server Error" for a crashed worker.
LEAK_MARKERS = (b"Traceback (most recent call last)", b"Exception Value", b"Internal Server Error")


@dataclass(frozen=True)
class Outage:
    """When the service was stopped and when it answered again, in seconds since the
    load began: the stop and start commands' beginnings and ends."""

    stopping: float
    stopped: float
    starting: float
    started: float

    def overlaps(self, begin: float, end: float) -> bool:
        return begin < self.started and end > self.stopping


@dataclass(frozen=True)
class Failure:
    """One reply the load counted as an error."""

    started: float
    seconds: float
    kind: str
    status: int  # 0: no answer (the connection failed)
    unavailable_page: bool  # the body is the hub's 503 page
    leaks: bool  # the body shows an error's insides
    detail: str  # the connection error, or where a redirect went


def phase(started: float, seconds: float, outage: Outage) -> str:
    """Before (answered before the stop began), after (sent once the service answered
    again), or during: a request in flight when the service went away is during, and
    so is one sent before the service was back, even if answered after."""
    if started + seconds < outage.stopping:
        return "before"
    if started < outage.started:
        return "during"
    return "after"


def by_phase(samples: Iterable[Sample], outage: Outage, elapsed: float) -> dict[str, Summary]:
    """A summary of each phase, throughput over the phase's own length."""
    groups: dict[str, list[Sample]] = {name: [] for name in PHASES}
    for sample in samples:
        groups[phase(sample.started, sample.seconds, outage)].append(sample)
    lengths = {
        "before": outage.stopping,
        "during": outage.started - outage.stopping,
        "after": max(elapsed - outage.started, 0.0),
    }
    return {name: summarise(groups[name], lengths[name]) for name in PHASES}


def window_phases(width: float, duration: float, outage: Outage) -> list[str]:
    """For each window of `width` seconds (as stats.by_window cuts them), whether it
    lies before the outage, overlaps it, or lies wholly after it. (By when requests
    were sent: one sent just before the stop and failed by it shows in a window
    labelled before, while by_phase counts it as during.)"""
    labels = []
    for n in range(max(1, math.ceil(duration / width))):
        begin, end = n * width, (n + 1) * width
        if outage.overlaps(begin, end):
            labels.append("during")
        else:
            labels.append("before" if end <= outage.stopping else "after")
    return labels


def describe(started: float, kind: str, reply: Reply, unavailable_page: bytes) -> Failure:
    body = decoded(reply)
    return Failure(
        started=started,
        seconds=reply.seconds,
        kind=kind,
        status=reply.status,
        unavailable_page=bool(body) and body.strip() == unavailable_page.strip(),
        leaks=any(marker in body for marker in LEAK_MARKERS),
        detail=reply.error or reply.headers.get("location", ""),
    )


def decoded(reply: Reply) -> bytes:
    encoding = reply.headers.get("content-encoding", "")
    if encoding == "gzip":
        return gzip.decompress(reply.body)
    if encoding == "deflate":
        return zlib.decompress(reply.body)
    return reply.body


def statuses(failures: Iterable[Failure]) -> Counter:
    return Counter(failure.status for failure in failures)


@dataclass(frozen=True)
class Verdict:
    claim: str
    held: bool
    evidence: str


def database_verdicts(
    phases: dict[str, Summary], failures: Sequence[Failure], outage: Outage
) -> list[Verdict]:
    """What the PostgreSQL run must show: no errors before; while it was down, only
    the hub's 503 page and never an error's insides; none after, with no restart."""
    during = [f for f in failures if phase(f.started, f.seconds, outage) == "during"]
    clean = [f for f in during if f.status == 503 and f.unavailable_page and not f.leaks]
    return [
        Verdict(
            "no errors before the outage", phases["before"].errors == 0, _errors(phases, "before")
        ),
        Verdict(
            "the outage was seen (some requests answered 503)",
            bool(clean),
            f"{len(clean):,} of {phases['during'].requests:,} requests during it",
        ),
        Verdict(
            "every error during the outage is the hub's 503 page, with no traceback",
            len(clean) == len(during),
            _status_text(during) or "no errors",
        ),
        Verdict(
            "recovered by itself: no errors once PostgreSQL answered again",
            phases["after"].errors == 0 and phases["after"].requests > 0,
            _errors(phases, "after"),
        ),
    ]


def cache_verdicts(phases: dict[str, Summary], failures: Sequence[Failure]) -> list[Verdict]:
    """What the Redis run must show: the site kept serving throughout."""
    return [
        Verdict(
            f"no errors {name} the outage",
            phases[name].errors == 0 and phases[name].requests > 0,
            _errors(phases, name),
        )
        for name in PHASES
    ]


def _errors(phases: dict[str, Summary], name: str) -> str:
    return f"{phases[name].errors:,} errors in {phases[name].requests:,} requests"


def _status_text(failures: Iterable[Failure]) -> str:
    counts = statuses(failures)
    return ", ".join(
        f"{count:,} x {status or 'no answer'}" for status, count in sorted(counts.items())
    )


class KeepingBrowser(Browser):
    """Keeps the body of a reply that is not a success, to judge what was shown."""

    def request(self, method, path, body=None, headers=None, keep_body=False) -> Reply:
        reply = super().request(method, path, body=body, headers=headers, keep_body=True)
        if reply.ok and not keep_body:
            reply.body = b""
        return reply


class WatchedUser(VirtualUser):
    """load.py's virtual user, also keeping every failed reply as a Failure. Make a
    class per run with watched_users(), which collects its instances."""

    browser_class = KeepingBrowser
    instances: list[WatchedUser]
    unavailable_page: bytes = b""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.failures: list[Failure] = []
        self.instances.append(self)

    def record(self, kind: str, started: float, reply: Reply) -> Reply:
        super().record(kind, started, reply)
        if not succeeded(reply):
            self.failures.append(describe(started - self.start, kind, reply, self.unavailable_page))
        reply.body = b""
        return reply


def watched_users(unavailable_page: bytes) -> type[WatchedUser]:
    return type("RunUser", (WatchedUser,), {"instances": [], "unavailable_page": unavailable_page})

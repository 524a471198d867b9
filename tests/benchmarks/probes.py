"""The pages the benchmarks measure, and how each is measured.

A probe names a URL and who asks for it. `count_queries` gives the number of SQL
queries one request runs once per-process caches are warm; `time_requests` gives the
median wall time of a few requests. The suite measures every probe on the small world
and again at partnership scale (see tests/benchmarks/partnership.py).
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape

from tests.benchmarks.partnership import Partnership

# Generous: the machine is small and busy. A page that needs more has a real problem.
PAGE_BUDGET_SECONDS = 1.5
TIMED_RUNS = 3


@dataclass(frozen=True)
class Probe:
    name: str
    viewer: str  # attribute of Partnership: learner, supervisor or manager
    url: Callable[[Partnership], str]
    # Text the response must hold (or a function of the data giving it), so that a
    # wrong page or an error page never passes as fast.
    expect: str | Callable[[Partnership], str]
    budget_seconds: float = PAGE_BUDGET_SECONDS
    # A defect found by this suite and not yet fixed in the code it measures: the test
    # is an expected failure (strict, so it must be removed once the fix lands).
    known_defect: str = ""

    def expected_text(self, world: Partnership) -> str:
        return self.expect(world) if callable(self.expect) else self.expect


def _page_url(attribute: str) -> Callable[[Partnership], str]:
    return lambda world: getattr(world, attribute).url


def _index_url(model_label: str) -> Callable[[Partnership], str]:
    def url(world: Partnership) -> str:
        from django.apps import apps

        model = apps.get_model(model_label)
        return model.objects.live().get().url

    return url


PROBES: list[Probe] = [
    Probe("My learning", "learner", lambda w: reverse("records:my_learning"), "My learning"),
    Probe(
        "CPD record CSV export",
        "learner",
        lambda w: reverse("records:export_csv"),
        "Certificate code",
    ),
    Probe("CPD summary", "learner", lambda w: reverse("records:cpd_summary"), "CPD summary"),
    Probe(
        "A supervisee's record (supervisor)",
        "supervisor",
        lambda w: reverse("records:person_learning", args=[w.learner.pk]),
        "Learning record",
    ),
    Probe("My team", "supervisor", lambda w: reverse("supervision:my_team"), "My team"),
    Probe(
        "My reflective log",
        "learner",
        lambda w: reverse("reflections:entry_list"),
        "My reflective log",
    ),
    Probe("Home page (signed in)", "learner", lambda w: "/", "What to do next"),
    Probe(
        "Briefing index",
        "learner",
        _index_url("briefings.BriefingIndexPage"),
        "Seven-minute briefings",
    ),
    Probe("A briefing", "learner", _page_url("briefing"), lambda w: w.briefing.title),
    Probe(
        "Review index",
        "learner",
        _index_url("briefings.ReviewIndexPage"),
        "Safeguarding Adults Reviews",
    ),
    Probe(
        "Case study index",
        "learner",
        _index_url("case_studies.CaseStudyIndexPage"),
        "Case studies",
    ),
    Probe(
        "Principle hub (empowerment)",
        "learner",
        lambda w: reverse("principle_detail", args=["empowerment"]),
        "Empowerment",
    ),
    Probe(
        # A word the small world has on a couple of pages and the large one on a
        # page of results, so that a query per result would show.
        "Search (?q=hoarding)",
        "learner",
        lambda w: reverse("search") + "?q=hoarding",
        lambda w: w.briefing.title,
    ),
    Probe(
        "Knowledge-check report (admin)",
        "manager",
        lambda w: reverse("quizzes_check_report"),
        "Knowledge checks",
    ),
    Probe(
        "Knowledge-check report: one check",
        "manager",
        lambda w: reverse("quizzes_check_report_detail", args=[w.check.pk]),
        lambda w: w.check.title,
    ),
    Probe(
        "Anonymisation overrides report",
        "manager",
        lambda w: reverse("anonymisation_overrides"),
        "Anonymisation overrides",
    ),
]


def resolve(probe: Probe, world: Partnership) -> str | None:
    """The probe's URL, or None when the URL does not exist (yet) in this build."""
    try:
        return probe.url(world)
    except NoReverseMatch:
        return None


def signed_in_client(world: Partnership, viewer: str) -> Client:
    client = Client()
    client.force_login(world.person(viewer))
    return client


def fetch(client: Client, url: str, expect: str):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    body = response.content.decode()
    assert expect in body or escape(expect) in body, f"{url} did not show “{expect}”"
    return response


def capture_queries(client: Client, url: str, expect: str) -> list[str]:
    """The SQL of one request, after a first request has warmed the per-process caches
    (content types, site root paths, the session) that later requests reuse."""
    fetch(client, url, expect)
    with CaptureQueriesContext(connection) as captured:
        fetch(client, url, expect)
    return [query["sql"] for query in captured.captured_queries]


def _shape(sql: str) -> str:
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"\(\?(?:, \?)*\)", "(...)", sql)


def grown_queries(small: list[str], large: list[str], limit: int = 5) -> str:
    """The query shapes the large run repeats more often than the small one, most
    repeated first: where to look for a query per row."""
    grown = Counter(map(_shape, large))
    grown.subtract(Counter(map(_shape, small)))
    lines = [f"  +{n} x {shape[:300]}" for shape, n in grown.most_common(limit) if n > 0]
    return "\n".join(lines) or "  (no single shape grew)"


def time_requests(client: Client, url: str, expect: str, runs: int = TIMED_RUNS) -> float:
    """Median seconds for one request (query logging off, caches warm)."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fetch(client, url, expect)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


# Figures for the summary printed at the end of the run --------------------------


@dataclass(frozen=True)
class Row:
    name: str
    small_queries: int | None
    queries: int | None
    seconds: float | None
    budget: str
    note: str = ""


RESULTS: list[Row] = []
DATASET: dict[str, int] = {}

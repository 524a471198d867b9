"""The pages the benchmarks measure, and how each is measured.

A probe names a URL and who asks for it. `capture_queries` gives the SQL one request
runs once per-process caches are warm (for a download, with its whole body read, as a
streamed file reads its rows while it is sent); `time_requests` gives the median wall
time of a few requests. The suite measures every probe on the small world and again at
partnership scale (see tests/benchmarks/partnership.py).

Every page the HTTP benchmarks measure (tests/benchmarks/http/pages.py) has a probe
here, named by its key there, so the query counts the issue asks to be equal at two
sizes cover them all; the report probes take their URLs from there.
"""

from __future__ import annotations

import io
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from openpyxl import load_workbook

from learning.reports.exports import XLSX_TYPE
from tests.benchmarks.http.pages import PAGES, World
from tests.benchmarks.partnership import Partnership
from tests.conftest import HubClient

# Generous: the machine is small and busy. A page that needs more has a real problem.
PAGE_BUDGET_SECONDS = 1.5
TIMED_RUNS = 3


@dataclass(frozen=True)
class Probe:
    name: str
    viewer: str  # attribute of Partnership: learner, supervisor, manager or lead
    url: Callable[[Partnership], str]
    # Text the response must hold (or a function of the data giving it), so that a
    # wrong page or an error page never passes as fast.
    expect: str | Callable[[Partnership], str]
    # The key of the page in tests/benchmarks/http/pages.py this probe measures.
    page: str = ""
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


def _measured(key: str) -> Callable[[Partnership], str]:
    """The URL of a page the HTTP benchmarks measure, found as they find it (for the
    pages whose address depends on no one's data)."""
    spec = next(page for page in PAGES if page.key == key)
    return lambda world: spec.url(World())


def _workbook_text(body: bytes) -> str:
    """Every cell of the workbook, a line per row, so a probe can look for a label."""
    workbook = load_workbook(io.BytesIO(body), read_only=True)
    try:
        return "\n".join(
            "\t".join("" if value is None else str(value) for value in row)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    finally:
        workbook.close()


# Pages the HTTP benchmarks measure that no probe can: nothing signed in, no queries.
UNPROBED_PAGES = frozenset({"bare", "static"})

PROBES: list[Probe] = [
    Probe(
        "My learning",
        "learner",
        lambda w: reverse("records:my_learning"),
        "My learning",
        page="my-learning",
    ),
    Probe(
        "CPD record CSV export",
        "learner",
        lambda w: reverse("records:export_csv"),
        "Certificate code",
    ),
    Probe(
        "CPD summary",
        "learner",
        lambda w: reverse("records:cpd_summary"),
        "CPD summary",
        page="cpd-summary",
    ),
    Probe(
        "A supervisee's record (supervisor)",
        "supervisor",
        lambda w: reverse("records:person_learning", args=[w.learner.pk]),
        "Learning record",
        page="supervisee",
    ),
    Probe(
        "My team", "supervisor", lambda w: reverse("supervision:my_team"), "My team", page="team"
    ),
    Probe(
        "My reflective log",
        "learner",
        lambda w: reverse("reflections:entry_list"),
        "My reflective log",
    ),
    Probe("Home page (signed in)", "learner", lambda w: "/", "What to do next", page="home"),
    Probe(
        "Briefing index",
        "learner",
        _index_url("briefings.BriefingIndexPage"),
        "Seven-minute briefings",
    ),
    Probe(
        "A briefing",
        "learner",
        _page_url("briefing"),
        lambda w: w.briefing.title,
        page="briefing",
    ),
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
        page="search",
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
    # The reports, partnership-wide (no names) and for the lead's organisation (with
    # names: the people not yet complete), and the compliance table's downloads. Each
    # expects text only data gives: a table's caption, a name, a team.
    Probe(
        "Compliance report, partnership",
        "manager",
        _measured("compliance"),
        lambda w: w.organisation.name,
        page="compliance",
    ),
    Probe(
        "Reach report, partnership",
        "manager",
        _measured("reach"),
        "People who have completed each review's learning, by organisation",
        page="reach",
    ),
    Probe(
        "Feedback report, partnership",
        "manager",
        _measured("feedback"),
        "Level 1, reaction: ratings and intentions",
        page="feedback",
    ),
    Probe(
        "Compliance report, one organisation (lead)",
        "lead",
        _measured("compliance-org"),
        "People not yet complete",
        page="compliance-org",
    ),
    Probe(
        "Reach report, one organisation (lead)",
        "lead",
        _measured("reach-org"),
        "People who have completed each review's learning",
        page="reach-org",
    ),
    Probe(
        "Feedback report, one organisation (lead)",
        "lead",
        _measured("feedback-org"),
        "Level 1, reaction: ratings and intentions",
        page="feedback-org",
    ),
    Probe(
        "Compliance by team, CSV export",
        "manager",
        _measured("compliance-csv"),
        lambda w: w.team.name,
        page="compliance-csv",
    ),
    Probe(
        "Compliance by team, Excel export",
        "manager",
        _measured("compliance-xlsx"),
        lambda w: w.team.name,
        page="compliance-xlsx",
    ),
    Probe(
        "People not complete, CSV export (lead)",
        "lead",
        _measured("compliance-people-csv"),
        "Requirement",
        page="compliance-people-csv",
    ),
    Probe(
        "People not complete, Excel export (lead)",
        "lead",
        _measured("compliance-people-xlsx"),
        "Requirement",
        page="compliance-people-xlsx",
    ),
]


def resolve(probe: Probe, world: Partnership) -> str | None:
    """The probe's URL, or None when the URL does not exist (yet) in this build."""
    try:
        return probe.url(world)
    except NoReverseMatch:
        return None


def signed_in_client(world: Partnership, viewer: str) -> HubClient:
    """Signed in as allauth would sign them in: with the second factor that reports
    and the admin need, for the people with an authenticator."""
    client = HubClient()
    client.force_login(world.person(viewer))
    return client


def fetch(client: HubClient, url: str, expect: str) -> None:
    """Request the URL and read the whole body: a streamed response runs its queries
    while it is read. A workbook is read as the text of its cells."""
    response = client.get(url)
    try:
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        raw = b"".join(response.streaming_content) if response.streaming else response.content
    finally:
        response.close()
    body = _workbook_text(raw) if response["Content-Type"] == XLSX_TYPE else raw.decode()
    assert expect in body or escape(expect) in body, f"{url} did not show “{expect}”"


def capture_queries(client: HubClient, url: str, expect: str) -> list[str]:
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


def time_requests(client: HubClient, url: str, expect: str, runs: int = TIMED_RUNS) -> float:
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

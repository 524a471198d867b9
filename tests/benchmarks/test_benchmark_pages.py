"""DESIGN.md: "pages run a fixed number of queries whatever the data size; reports
aggregate in the database". Each key page is requested on the small world and again
at partnership scale (3,000 people, 60,000 completions, ...): it must run no more
queries on the large data than on the small, and answer within its time budget."""

from __future__ import annotations

import pytest

from tests.benchmarks.http.pages import PAGES
from tests.benchmarks.probes import (
    PROBES,
    RESULTS,
    UNPROBED_PAGES,
    Row,
    capture_queries,
    grown_queries,
    resolve,
    signed_in_client,
    time_requests,
)

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]


def _case(probe):
    marks = (
        [pytest.mark.xfail(strict=True, reason=f"known defect: {probe.known_defect}")]
        if probe.known_defect
        else []
    )
    return pytest.param(probe, id=probe.name, marks=marks)


def test_every_measured_page_has_a_probe():
    """The issue asks for equal query counts at two sizes for every page the HTTP
    benchmarks measure: a page added there without a probe here would go uncounted."""
    probed = {probe.page for probe in PROBES if probe.page}
    unprobed = [page.key for page in PAGES if page.key not in probed | UNPROBED_PAGES]
    assert not unprobed, f"pages measured over HTTP with no query-count probe: {unprobed}"
    assert probed <= {page.key for page in PAGES}, "a probe names a page that is not measured"


@pytest.mark.parametrize("probe", [_case(probe) for probe in PROBES])
def test_page_cost_does_not_grow_with_the_data(partnership, probe):
    small = partnership.small_queries[probe.name]
    url = resolve(probe, partnership)
    if isinstance(small, str) or url is None:
        reason = small if isinstance(small, str) else "the URL does not exist in this build yet"
        RESULTS.append(Row(probe.name, None, None, None, "-", note=f"skipped: {reason}"))
        pytest.skip(f"{probe.name}: {reason}")

    client = signed_in_client(partnership, probe.viewer)
    expect = probe.expected_text(partnership)
    large = capture_queries(client, url, expect)
    seconds = time_requests(client, url, expect)
    note = "KNOWN DEFECT, expected to fail: see the test's reason" if probe.known_defect else ""
    RESULTS.append(
        Row(probe.name, len(small), len(large), seconds, f"< {probe.budget_seconds} s", note)
    )

    # Fewer is fine (a page of results may hold fewer page types); more means a query
    # per row somewhere.
    assert len(large) <= len(small), (
        f"{probe.name} ran {len(large)} queries at partnership scale against {len(small)} "
        f"on the small world. Queries that grew:\n{grown_queries(small, large)}"
    )
    assert seconds < probe.budget_seconds, (
        f"{probe.name} took {seconds:.2f} s (median of runs); budget {probe.budget_seconds} s"
    )

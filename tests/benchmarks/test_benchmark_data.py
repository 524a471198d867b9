"""The data really is partnership-sized, and the CPD export stays small in memory.

The first test guards the benchmarks themselves: if the builder stopped making the
data it promises, every page would look fast for the wrong reason."""

from __future__ import annotations

import io
import time
import tracemalloc

import pytest

from learning import permissions
from learning.models import Completion, ExternalCPD
from learning.records import exports, selectors
from tests.benchmarks import bulk as scale
from tests.benchmarks.probes import RESULTS, Row

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

EXPORT_MEMORY_BUDGET_MB = 50


def test_the_data_is_at_partnership_scale(partnership):
    rows = partnership.rows
    assert rows["organisations"] >= scale.ORGANISATIONS
    assert rows["teams"] >= scale.ORGANISATIONS * scale.TEAMS_PER_ORGANISATION
    assert rows["people"] >= 3_000
    assert rows["live learning pages"] >= 60
    assert rows["completions"] >= 55_000
    assert rows["external CPD entries"] >= scale.EXTERNAL_CPD
    assert rows["feedback"] >= scale.FEEDBACK
    assert rows["reflective entries"] >= scale.REFLECTIVE_ENTRIES
    assert rows["entry shares"] >= 3_000
    assert Completion.objects.filter(user=partnership.learner).count() == (
        scale.LEARNER_COMPLETIONS
    )
    assert ExternalCPD.objects.filter(user=partnership.learner).count() == (
        scale.LEARNER_EXTERNAL_CPD
    )
    supervisees = permissions.supervisees_of(partnership.supervisor)
    assert supervisees.count() == scale.SUPERVISEES_PER_SUPERVISOR
    # Sharing is what fills "My team": every supervisee there has entries awaiting review.
    shared = permissions.entries_shared_with(partnership.supervisor).count()
    assert shared >= scale.SUPERVISEES_PER_SUPERVISOR


def test_cpd_export_memory_stays_small(partnership):
    """Building the CSV of a 225-line record (200 completions, 25 external entries)
    as the export view does, with its peak Python memory measured by tracemalloc."""
    out = io.StringIO()
    tracemalloc.start()
    try:
        start = time.perf_counter()
        exports.write_cpd_csv(selectors.cpd_record_for(user=partnership.learner), out)
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    peak_mb = peak / 1_000_000
    lines = out.getvalue().count("\n")
    RESULTS.append(
        Row(
            "CSV export: peak memory",
            None,
            None,
            seconds,
            f"< {EXPORT_MEMORY_BUDGET_MB} MB",
            note=f"{peak_mb:.1f} MB peak for {lines - 1} rows; time under tracemalloc",
        )
    )

    assert lines == 1 + scale.LEARNER_COMPLETIONS + scale.LEARNER_EXTERNAL_CPD
    assert peak_mb < EXPORT_MEMORY_BUDGET_MB

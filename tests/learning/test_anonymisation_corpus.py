"""The anonymisation guard measured against the project's corpus (issue 13): recall of
at least 95% overall and 90% in every category, false alarms on at most 5% of safe text.
Run with ``-s`` to see the per-category figures, or run the measure module directly to
list every miss and false alarm."""

from __future__ import annotations

import pytest

from tests.learning.anonymisation_corpus import measure


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The detector is pure; shadow tests/conftest.py's cache-clearing fixture.
    yield


@pytest.fixture(scope="module")
def figures():
    recall, alarms = measure.measure()
    print("\n" + measure.table(recall, alarms))
    return recall, alarms


def test_the_corpus_is_large_enough() -> None:
    assert len(measure.load("identifying")) >= 300
    assert len(measure.load("safe")) >= 300


def test_recall_overall_is_at_least_95_percent(figures) -> None:
    recall, _ = figures
    misses = [f"{e.source} {e.text!r}" for e, _ in recall["all"].examples]
    assert recall["all"].rate >= 0.95, "\n".join(misses)


def test_recall_in_every_category_is_at_least_90_percent(figures) -> None:
    recall, _ = figures
    low = {name: f"{t.rate:.1%}" for name, t in recall.items() if t.rate < 0.90}
    assert not low, low


def test_false_alarms_are_at_most_5_percent(figures) -> None:
    _, alarms = figures
    flagged = [f"{e.source} {e.text!r}" for e, _ in alarms["all"].examples]
    assert alarms["all"].rate <= 0.05, "\n".join(flagged)


# Corpus categories whose identifiers no override may cover: the guard must report them
# as a strong kind, or two people could agree to publish an NHS number as a "place".
STRONG_CATEGORIES = frozenset(
    {
        "nhs_number",
        "ni_number",
        "postcode",
        "phone_number",
        "email",
        "street_address",
        "bank_details",
        "date_of_birth",
    }
)


def test_strong_identifiers_are_reported_as_strong_kinds() -> None:
    from learning.anonymisation import find_identifiers

    examples = [e for e in measure.load("identifying") if e.category in STRONG_CATEGORIES]
    weak = []
    for example in examples:
        start = example.text.index(example.identifier)
        end = start + len(example.identifier)
        overlapping = [f for f in find_identifiers(example.text) if f.start < end and f.end > start]
        if not any(f.kind.strong for f in overlapping):
            weak.append(f"{example.source} {[(str(f.kind), f.text) for f in overlapping]}")
    assert len(examples) >= 300
    assert len(weak) / len(examples) <= 0.01, "\n".join(weak)

"""The feedback report's long tables are shown a page at a time on the web page (every
row still in the report and its exports), and a writer's name is still taken out of
their text when the name is looked for without a regular expression first."""

from __future__ import annotations

import pytest

from learning.reports import feedback
from learning.reports.feedback_texts import NAME_REMOVED, _without_writer
from learning.reports.tables import PagedRows
from tests.learning.reports import test_feedback as feedback_tests
from tests.learning.reports.test_feedback import _export_rows, _get, _report

# The feedback tests' partnership, built once for this module too.
_partnership = feedback_tests._partnership
partnership = feedback_tests.partnership

COMMENTS_NEWEST_FIRST = [
    "Useful refresher",
    f"Really helpful. {NAME_REMOVED}",
    "More on &lt;b&gt;consent&lt;/b&gt; please",
    "Clear and practical",
]


def test_short_tables_stay_lists():
    rows = [{"item": "A"}, {"item": "B"}]
    assert feedback.in_pages(rows, "comments_page", 2) is rows


def test_long_tables_are_paged_and_keep_every_row(partnership, monkeypatch):
    monkeypatch.setattr(feedback, "TEXTS_PER_PAGE", 1)
    monkeypatch.setattr(feedback, "ITEMS_PER_PAGE", 2)
    report = _report()
    comments = report.table("comments")
    assert isinstance(comments.rows, PagedRows)
    assert next(iter(comments.rows))["comment"] == "Useful refresher"
    assert len(list(comments.rows)) == 4
    assert isinstance(report.table("levels").rows, PagedRows)  # 3 items, 2 a page


def test_page_shows_one_page_of_comments_with_links_to_the_rest(client, partnership, monkeypatch):
    monkeypatch.setattr(feedback, "TEXTS_PER_PAGE", 1)
    first = _get(client, partnership["manager"]).decode()
    assert COMMENTS_NEWEST_FIRST[0] in first
    assert not any(comment in first for comment in COMMENTS_NEWEST_FIRST[1:])
    assert "comments_page=2" in first and "Rows 1 to 1 of 4" in first
    third = _get(client, partnership["manager"], comments_page=3).decode()
    assert COMMENTS_NEWEST_FIRST[2] in third and COMMENTS_NEWEST_FIRST[0] not in third
    # A page number past the end, or not a number, shows a real page, never an error.
    manager = partnership["manager"]
    assert COMMENTS_NEWEST_FIRST[3] in _get(client, manager, comments_page=99).decode()
    assert COMMENTS_NEWEST_FIRST[0] in _get(client, manager, comments_page="x").decode()
    exported = _export_rows(
        _get(client, partnership["manager"], export="csv", table="comments"), "csv"
    )
    assert len(exported) == 1 + 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks, ann ADAMS", f"Thanks, {NAME_REMOVED}"),
        ("From Ann", f"From {NAME_REMOVED}"),
        ("ann@example.org wrote this", f"{NAME_REMOVED} wrote this"),
        ("Annotated and planned", "Annotated and planned"),
        ("ann will annotate", "ann will annotate"),  # a first name alone keeps its capital
        ("Signed ANN ADAMS", f"Signed {NAME_REMOVED}"),
    ],
)
def test_writer_name_taken_out(text, expected):
    assert (
        _without_writer(text, first_name="Ann", last_name="Adams", email="ann@example.org")
        == expected
    )


def test_name_matched_without_case_beyond_ascii():
    # The Kelvin sign is K to a regular expression ignoring case: still taken out.
    signed = "Best, \u212aate Kerr"
    assert _without_writer(signed, first_name="Kate", last_name="Kerr", email="k@x.org") == (
        f"Best, {NAME_REMOVED}"
    )

"""The reach report's table of each review by organisation is shown a page at a time
on the web page, with the same rows as unpaged (small numbers withheld over all of
them) in the report and its exports, and the chart beside it drawn from every review.
The page size is patched to three rows: the test partnership's two reviews by three
organisations and the total make eight."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from learning.reports import tables
from learning.reports.filters import ReportFilters
from learning.reports.reach import reach_report
from learning.reports.tables import PagedRows
from tests.learning.reports import test_reach as reach_tests
from tests.learning.reports.test_reach import BOARD, _export_rows, _get

# The reach tests' partnership, built once for this module too.
_partnership = reach_tests._partnership
partnership = reach_tests.partnership

PER_PAGE = 3


def _report():
    return reach_report(scope=BOARD, filters=ReportFilters(), today=timezone.localdate())


def _drawn(report) -> list[str]:
    """The charts' SVG, without the ids numbered afresh for each chart drawn."""
    return [re.sub(r"hub-chart-\d+", "", chart.svg) for chart in report.charts]


@pytest.mark.django_db
def test_the_organisations_table_is_paged_with_the_same_rows_and_chart(partnership, monkeypatch):
    whole = _report()
    monkeypatch.setattr(tables, "ROWS_PER_PAGE", PER_PAGE)
    paged = _report()
    rows = paged.table("organisations").rows
    assert isinstance(rows, PagedRows) and rows.parameter == "organisations_page"
    assert list(rows) == whole.table("organisations").rows
    assert len(whole.table("organisations").rows) == 8
    assert _drawn(paged) == _drawn(whole) and "40.9%" in _drawn(paged)[0]


@pytest.mark.django_db
def test_the_page_shows_one_page_and_the_export_every_row(client, partnership, monkeypatch):
    whole = _report().table("organisations")
    monkeypatch.setattr(tables, "ROWS_PER_PAGE", PER_PAGE)
    html = _get(client, partnership["manager"], organisations_page=3).content.decode()
    section = html[html.index('id="table-organisations"') : html.index('id="table-weeks-')]
    assert "Rows 7 to 8 of 8" in section and "organisations_page=2" in section
    assert "in the table below, across its pages." in html
    shown = whole.text_rows()
    assert shown[6][0] in section and shown[0][0] not in section
    assert _get(client, partnership["manager"], organisations_page="x").status_code == 200
    exported = _export_rows(
        _get(client, partnership["manager"], export="csv", table="organisations"), "csv"
    )
    assert exported == [whole.header(), *shown]

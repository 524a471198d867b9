"""The compliance report's long tables (each requirement by organisation or team, and
every team partnership-wide) are shown a page at a time on the web page, with every row
still in the report and its exports, the rows the same as unpaged (small numbers
withheld over all of them); the overall table and the trend, which the charts draw,
are never paged. The page size is patched to one row so that the test partnership's
short tables run to several pages."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.utils import timezone

from learning.permissions import ReportScope
from learning.reports import tables
from learning.reports.compliance import compliance_report
from learning.reports.filters import ReportFilters
from learning.reports.tables import PagedRows, in_pages
from tests.learning.reports import test_compliance as compliance_tests

# The compliance tests' partnership, built once for this module too.
_partnership = compliance_tests._partnership
partnership = compliance_tests.partnership

BOARD = ReportScope(organisation_id=None, names=False)


def test_a_table_that_fits_on_a_page_stays_a_list():
    rows = [{"n": n} for n in range(tables.ROWS_PER_PAGE)]
    assert in_pages(rows, "n_page") is rows


def test_a_long_table_is_paged_and_keeps_every_row():
    rows = [{"n": n} for n in range(7)]
    paged = in_pages(rows, "n_page", 3)
    assert isinstance(paged, PagedRows)
    assert paged.parameter == "n_page" and paged.per_page == 3 and paged.count() == 7
    assert paged[3:6] == rows[3:6]
    assert list(paged) == rows


def _report():
    return compliance_report(scope=BOARD, filters=ReportFilters(), today=timezone.localdate())


@pytest.mark.django_db
def test_long_tables_are_paged_with_the_same_rows_and_charted_tables_are_not(
    partnership, monkeypatch
):
    whole = _report()
    monkeypatch.setattr(tables, "ROWS_PER_PAGE", 1)
    paged = _report()
    for slug, parameter in (("requirements", "requirements_page"), ("teams", "teams_page")):
        rows = paged.table(slug).rows
        assert isinstance(rows, PagedRows) and rows.parameter == parameter
        assert list(rows) == whole.table(slug).rows
        assert len(whole.table(slug).rows) > 1
    # The charts draw these: every row, always.
    for slug in ("overall", "trend"):
        assert paged.table(slug).rows == whole.table(slug).rows
        assert isinstance(paged.table(slug).rows, list) and len(paged.table(slug).rows) > 1
    assert _drawn(paged) == _drawn(whole)


def _drawn(report) -> list[str]:
    """The charts' SVG, without the ids numbered afresh for each chart drawn."""
    return [re.sub(r"hub-chart-\d+", "", chart.svg) for chart in report.charts]


@pytest.mark.django_db
def test_the_page_shows_one_page_of_each_and_the_exports_every_row(
    client, partnership, monkeypatch
):
    whole = _report()
    teams = [row["group"] for row in whole.table("teams").rows]
    monkeypatch.setattr(tables, "ROWS_PER_PAGE", 1)
    client.force_login(partnership["manager"])
    html = client.get("/reports/compliance/", {"teams_page": 2}).content.decode()
    teams_section = html[html.index('id="table-teams"') : html.index('id="table-requirements"')]
    assert teams[1] in teams_section and teams[0] not in teams_section
    assert f"Rows 2 to 2 of {len(teams)}" in teams_section
    assert "teams_page=3" in teams_section and "requirements_page=2" in html
    # A page past the end, or not a number, is a page, never an error.
    assert client.get("/reports/compliance/", {"teams_page": 99}).status_code == 200
    assert client.get("/reports/compliance/", {"requirements_page": "x"}).status_code == 200
    for slug in ("teams", "requirements"):
        response = client.get("/reports/compliance/", {"export": "csv", "table": slug})
        content = b"".join(response.streaming_content) if response.streaming else response.content
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        table = whole.table(slug)
        assert rows == [table.header(), *table.text_rows()]

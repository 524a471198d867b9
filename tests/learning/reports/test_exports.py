"""A report table's exports, cell by cell: the CSV holds the text the page shows, the
workbook holds the same figures as numbers, shares as percentages and dates as dates,
and typed-in text opens as text in both."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from learning.reports.exports import csv_response, xlsx_bytes
from learning.reports.suppression import SUPPRESSED
from learning.reports.tables import Column, ReportTable
from learning.spreadsheets import DATE_FORMAT, PERCENT_FORMAT
from tests.learning.xlsx_helpers import xlsx_as_shown, xlsx_rows, xlsx_values

COLUMNS = [
    Column("item", "Learning item"),
    Column("name", "Name", kind="link"),
    Column("people", "People", numeric=True),
    Column("mean", "Mean rating", numeric=True),
    Column("share", "Share complete", numeric=True, kind="percent"),
    Column("rag", "Against target", kind="rag"),
    Column("due", "Due"),
]


def _table() -> ReportTable:
    return ReportTable(
        slug="people",
        caption="People by team",
        columns=COLUMNS,
        rows=[
            {
                "item": '=HYPERLINK("http://evil.example","x")',
                "name": ("Ann Adams", "/records/people/1/"),
                "people": 12,
                "mean": 4.3,
                "share": 87.5,
                "rag": "amber",
                "due": date(2026, 3, 2),
            },
            {
                "item": "Making safeguarding personal",
                "name": ("+44 1234", "/records/people/2/"),
                "people": SUPPRESSED,
                "mean": SUPPRESSED,
                "share": SUPPRESSED,
                "rag": "",
                "due": None,
            },
            {"item": "Consent", "name": None, "people": 0, "mean": None, "share": 14.3},
        ],
    )


def _csv(table: ReportTable) -> list[list[str]]:
    response = csv_response(table, "people")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_workbook_holds_figures_as_numbers_and_the_rest_as_text():
    content = xlsx_bytes(_table())
    assert xlsx_values(content) == [
        [column.label for column in COLUMNS],
        [
            '\'=HYPERLINK("http://evil.example","x")',
            "Ann Adams",
            12,
            4.3,
            0.875,
            "Amber",
            # openpyxl reads every date back as a datetime at midnight.
            datetime(2026, 3, 2),
        ],
        [
            "Making safeguarding personal",
            "'+44 1234",
            "fewer than 5",
            "fewer than 5",
            "fewer than 5",
            "",
            "",
        ],
        ["Consent", "", 0, "", 0.143, "", ""],
    ]
    first = xlsx_rows(content)[1]
    assert [cell.number_format for cell in first[2:5]] == ["General", "General", PERCENT_FORMAT]
    assert first[6].number_format == DATE_FORMAT


def test_formula_like_text_is_still_neutralised_in_the_workbook():
    rows = xlsx_rows(xlsx_bytes(_table()))
    for cell in (rows[1][0], rows[2][1]):
        assert cell.data_type == "s"
        assert cell.value.startswith("'")


def test_the_workbook_shows_what_the_csv_and_the_page_show():
    table = _table()
    on_screen = [table.header(), *table.text_rows()]
    # The page shows typed-in text as it was typed; both files mark a formula as text.
    on_screen[1][0] = "'" + on_screen[1][0]
    on_screen[2][1] = "'" + on_screen[2][1]
    assert _csv(table) == on_screen
    assert xlsx_as_shown(xlsx_bytes(table)) == on_screen


def test_the_csv_is_the_text_of_the_page():
    assert _csv(_table())[1:] == [
        [
            '\'=HYPERLINK("http://evil.example","x")',
            "Ann Adams",
            "12",
            "4.3",
            "87.5%",
            "Amber",
            "2 March 2026",
        ],
        ["Making safeguarding personal", "'+44 1234", *["fewer than 5"] * 3, "", ""],
        ["Consent", "", "0", "", "14.3%", "", ""],
    ]

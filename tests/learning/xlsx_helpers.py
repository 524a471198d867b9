"""Reading an Excel export back, to check it holds the page's figures as numbers and
dates (not their text) and shows them as the page does."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell

from learning.reports.suppression import NEARLY_ALL, SUPPRESSED
from learning.reports.tables import ReportTable
from learning.spreadsheets import DATE_FORMAT, PERCENT_FORMAT


def xlsx_rows(content: bytes) -> list[list[Cell]]:
    """The cells of the workbook's only sheet, row by row."""
    workbook = load_workbook(io.BytesIO(content))
    assert len(workbook.worksheets) == 1
    return [list(row) for row in workbook.active.iter_rows()]


def xlsx_values(content: bytes) -> list[list[object]]:
    """The cells' values, blanks as ""."""
    return [
        ["" if cell.value is None else cell.value for cell in row] for row in xlsx_rows(content)
    ]


def as_shown(cell: Cell) -> str:
    """The cell as the page shows it: 87.5 formatted as a percentage as "87.5%", 2.0 as
    "2", a date as "2 March 2026". Text is compared as it is."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        raise AssertionError(f"{cell.coordinate} is a bool, which no page shows")
    if isinstance(value, int | float):
        if cell.number_format == PERCENT_FORMAT:
            return f"{round(value * 100, 10):g}%"
        assert cell.number_format == "General", cell.number_format
        return f"{value:g}"
    if isinstance(value, datetime):
        assert cell.number_format == DATE_FORMAT, cell.number_format
        return value.date().strftime("%-d %B %Y")
    assert isinstance(value, str), f"{cell.coordinate} holds {value!r}"
    return value


def xlsx_as_shown(content: bytes) -> list[list[str]]:
    return [[as_shown(cell) for cell in row] for row in xlsx_rows(content)]


def column_types(content: bytes) -> list[set[str]]:
    """For each column, below the header, the kinds of cell it holds: "number",
    "percent", "date", "text" or "blank"."""

    def kind(cell: Cell) -> str:
        if cell.value is None:
            return "blank"
        if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
            return "percent" if cell.number_format == PERCENT_FORMAT else "number"
        if isinstance(cell.value, date):
            return "date"
        return "text"

    rows = xlsx_rows(content)[1:]
    return [{kind(row[index]) for row in rows} for index in range(len(rows[0]))] if rows else []


def assert_typed_as_the_table(content: bytes, table: ReportTable) -> None:
    """Each figure column of the export holds numbers (percentages in a percent column),
    with a withheld figure's text ("fewer than 5", "all but fewer than 5") the only text
    in it; other columns hold text or dates."""
    withheld_texts = {str(SUPPRESSED), str(NEARLY_ALL)}
    rows = xlsx_rows(content)
    assert [cell.value for cell in rows[0]] == table.header()
    for index, column in enumerate(table.columns):
        for row in rows[1:]:
            cell = row[index]
            if column.numeric and isinstance(cell.value, str):
                assert cell.value in withheld_texts, (column.key, cell.value)
            elif column.numeric and cell.value is not None:
                assert isinstance(cell.value, int | float), (column.key, cell.value)
                expected = PERCENT_FORMAT if column.kind == "percent" else "General"
                assert cell.number_format == expected, (column.key, cell.number_format)
            elif not column.numeric:
                assert cell.value is None or isinstance(cell.value, str | datetime), (
                    column.key,
                    cell.value,
                )

"""What a report returns: tables of rows, each with its columns, and charts drawn
from the same rows. Templates render a `Report`; learning.reports.exports writes its
tables as CSV and Excel, so an export is exactly what is on screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString

from learning.reports.suppression import SUPPRESSED_TEXT, is_suppressed


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False
    # "percent" adds a % sign; "link" expects a (text, url) pair; "rag" is green, amber
    # or red, shown as a coloured tag and exported as the word.
    kind: str = ""


@dataclass
class ReportTable:
    """One table: a caption, columns, and rows as dicts keyed by column key."""

    slug: str
    caption: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    empty_text: str = "Nothing to show for these filters."
    notes: list[str] = field(default_factory=list)

    def cell_text(self, row: dict, column: Column) -> str:
        """The cell as plain text, as exports write it."""
        value = row.get(column.key)
        if is_suppressed(value):
            return SUPPRESSED_TEXT
        if value is None:
            return ""
        if column.kind == "link" and isinstance(value, tuple):
            return str(value[0])
        if column.kind == "rag":
            return str(value).capitalize()
        if column.kind == "percent":
            return f"{value:g}%"
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def text_rows(self) -> list[list[str]]:
        return [[self.cell_text(row, column) for column in self.columns] for row in self.rows]

    def header(self) -> list[str]:
        return [column.label for column in self.columns]


@dataclass
class Chart:
    """An SVG drawn on the server (learning.reports.charts) with the slug of the table
    holding its data, which the page shows beside it."""

    title: str
    svg: SafeString
    table_slug: str


@dataclass
class Report:
    slug: str
    title: str
    description: str
    tables: list[ReportTable] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    summary: list[tuple[str, Any]] = field(default_factory=list)

    def table(self, slug: str) -> ReportTable:
        for table in self.tables:
            if table.slug == slug:
                return table
        raise KeyError(slug)

    def chart_for(self, slug: str) -> Chart | None:
        return next((chart for chart in self.charts if chart.table_slug == slug), None)

"""What a report returns: tables of rows, each with its columns, and charts drawn
from the same rows. Templates render a `Report`; learning.reports.exports writes its
tables as CSV and Excel, so an export is exactly what is on screen."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.paginator import Page
from django.utils.safestring import SafeString

from learning.reports.suppression import is_suppressed
from learning.spreadsheets import is_number


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False
    # "percent" adds a % sign; "link" expects a (text, url) pair; "rag" is green, amber
    # or red, shown as a coloured tag and exported as the word.
    kind: str = ""


class LazyRows:
    """A table's rows read from the database only when iterated, a chunk at a time, and
    again on each pass: for a table whose rows grow with the number of people (one per
    person and requirement), so that an export streams them without holding them all,
    and building a report for an export of another table never reads them. A template's
    `{% for %}` reads them once into a list, as a page must."""

    def __init__(self, source: Callable[[], Iterable[dict]]) -> None:
        self._source = source

    def __iter__(self) -> Iterator[dict]:
        return iter(self._source())


class PagedRows(LazyRows):
    """LazyRows a web page shows one page of: Django's Paginator counts them with
    `count()` and reads a page by slicing, each one query in SQL (a count, and a
    LIMIT/OFFSET), so a page of a 100,000-row table reads its 100 rows, while an export
    still iterates every row. `parameter` is the query parameter holding the page
    number, so that it keeps the filters and other tables' pages beside it."""

    def __init__(
        self,
        source: Callable[[], Iterable[dict]],
        *,
        count: Callable[[], int],
        window: Callable[[int, int], list[dict]],
        parameter: str,
        per_page: int,
    ) -> None:
        super().__init__(source)
        self._count = count
        self._window = window
        self.parameter = parameter
        self.per_page = per_page

    def count(self) -> int:
        return self._count()

    def __getitem__(self, rows: slice) -> list[dict]:
        # Paginator only ever asks for a slice [bottom:top] with both ends set.
        start = rows.start or 0
        return self._window(start, rows.stop - start)


class RowPages(PagedRows):
    """Finished rows, all in memory, that a web page shows a page at a time. Unlike
    rows read from the database, they can be kept as they are (a report snapshot,
    learning.reports.snapshots)."""

    def __init__(self, rows: list[dict], *, parameter: str, per_page: int) -> None:
        self._rows = rows
        self.parameter = parameter
        self.per_page = per_page

    def __iter__(self) -> Iterator[dict]:
        return iter(self._rows)

    def count(self) -> int:
        return len(self._rows)

    def __getitem__(self, rows: slice) -> list[dict]:
        return self._rows[rows.start or 0 : rows.stop]


# Rows a web page shows of a long table at a time (exports have them all).
ROWS_PER_PAGE = 50


def in_pages(
    rows: list[dict], parameter: str, per_page: int | None = None
) -> list[dict] | PagedRows:
    """Finished rows (suppression already applied over all of them), shown `per_page`
    at a time on a web page when there are more, the page number in the query
    parameter `parameter`; a table that fits on one page stays a plain list. A
    partnership's report runs to thousands of rows (each requirement or review by each
    organisation): rendered whole, a page of about a megabyte. Never for a table a
    chart beside it reads a page of. `per_page` is ROWS_PER_PAGE unless given."""
    per_page = per_page or ROWS_PER_PAGE
    if len(rows) <= per_page:
        return rows
    return RowPages(rows, parameter=parameter, per_page=per_page)


@dataclass
class ReportTable:
    """One table: a caption, columns, and rows as dicts keyed by column key (a list, or
    LazyRows for a table as long as the number of people)."""

    slug: str
    caption: str
    columns: list[Column]
    rows: list[dict] | LazyRows = field(default_factory=list)
    empty_text: str = "Nothing to show for these filters."
    notes: list[str] = field(default_factory=list)
    # The page of PagedRows a web page shows (set by the view); None shows every row.
    page: Page | None = None
    # For a table naming people: the ids of everyone in it, read when it is exported
    # (learning.audit.downloads.record_people_in_download).
    people_ids: Callable[[], Iterable[int]] | None = None

    @property
    def shown_rows(self) -> list[dict] | LazyRows:
        """The rows a web page shows: its page of them, or all of them."""
        return self.page.object_list if self.page is not None else self.rows

    @property
    def page_numbers(self) -> list:
        """The page's pagination links: the first and last pages and those around the
        current one, with Paginator.ELLIPSIS between (a lead's table may run to a
        thousand pages)."""
        if self.page is None:
            return []
        return list(self.page.paginator.get_elided_page_range(self.page.number))

    def cell_text(self, row: dict, column: Column) -> str:
        """The cell as plain text, as exports write it."""
        value = row.get(column.key)
        if is_suppressed(value):
            return str(value)
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
        if _is_day(value):
            return value.strftime("%-d %B %Y")
        return str(value)

    def cell_value(self, row: dict, column: Column) -> Any:
        """The cell as a spreadsheet should hold it: a number or a date as itself (a
        percentage as the figure shown, 87.5 for "87.5%"), anything else as the text
        `cell_text` gives, "fewer than 5" for a suppressed figure included."""
        value = row.get(column.key)
        if (is_number(value) and column.kind in ("", "percent")) or (
            _is_day(value) and not column.kind
        ):
            return value
        return self.cell_text(row, column)

    def text_rows(self) -> list[list[str]]:
        return list(self.iter_text_rows())

    def value_rows(self) -> list[list[Any]]:
        """The rows as `cell_value` gives them, column for column with `text_rows`."""
        return list(self.iter_value_rows())

    def iter_text_rows(self) -> Iterator[list[str]]:
        """`text_rows` one row at a time, for a file written as the rows are read."""
        for row in self.rows:
            yield [self.cell_text(row, column) for column in self.columns]

    def iter_value_rows(self) -> Iterator[list[Any]]:
        """`value_rows` one row at a time."""
        for row in self.rows:
            yield [self.cell_value(row, column) for column in self.columns]

    def header(self) -> list[str]:
        return [column.label for column in self.columns]


def _is_day(value: Any) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


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

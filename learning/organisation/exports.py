"""The people table as CSV (streamed, so a large organisation never waits on one big
response) and as an Excel workbook: the filtered rows of every page, the columns the
page shows, text through learning.spreadsheets.spreadsheet_safe. The workbook holds
the CPD hours as numbers, so that a lead can sum and sort them."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

from learning.organisation.selectors import HEADINGS, PersonRow, person_row
from learning.spreadsheets import spreadsheet_safe, xlsx_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows read from the database at a time while streaming.
CHUNK_SIZE = 500


# Where PersonRow.cells() has the hours as text, which the workbook holds as a number.
HOURS_COLUMN = HEADINGS.index("CPD hours this year")


def _rows(people: QuerySet) -> Iterator[PersonRow]:
    for person in people.iterator(chunk_size=CHUNK_SIZE):
        yield person_row(person)


def _csv_rows(people: QuerySet) -> Iterator[list[str]]:
    yield [spreadsheet_safe(heading) for heading in HEADINGS]
    for row in _rows(people):
        yield [spreadsheet_safe(cell) for cell in row.cells()]


def _values(row: PersonRow) -> list[object]:
    values: list[object] = list(row.cells())
    # The same rounding as records.selectors.hours, which the page shows: 1.5, 0.7, 2.
    values[HOURS_COLUMN] = round(row.cpd_minutes / 60, 1)
    return values


class _Echo:
    """A file whose write() hands the line back, for csv.writer to stream through."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so Excel reads accented names as UTF-8
    for row in rows:
        yield writer.writerow(row)


def csv_response(people: QuerySet, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _csv_lines(_csv_rows(people)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(people: QuerySet, filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="People")
    sheet.append([xlsx_cell(sheet, heading) for heading in HEADINGS])
    for row in _rows(people):
        sheet.append([xlsx_cell(sheet, value) for value in _values(row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response

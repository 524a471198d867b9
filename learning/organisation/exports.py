"""The people table as CSV (streamed, so a large organisation never waits on one big
response) and as an Excel workbook: the filtered rows of every page, the columns the
page shows, every cell through learning.spreadsheets.spreadsheet_safe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

from learning.organisation.selectors import HEADINGS, person_row
from learning.spreadsheets import spreadsheet_safe

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows read from the database at a time while streaming.
CHUNK_SIZE = 500


def _rows(people: QuerySet) -> Iterator[list[str]]:
    yield [spreadsheet_safe(heading) for heading in HEADINGS]
    for person in people.iterator(chunk_size=CHUNK_SIZE):
        yield [spreadsheet_safe(cell) for cell in person_row(person).cells()]


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
        _csv_lines(_rows(people)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(people: QuerySet, filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="People")
    for row in _rows(people):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response

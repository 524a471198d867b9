"""A report table as CSV (streamed) or Excel, cell for cell what the page shows. The
CSV holds the text of the page; the workbook holds its figures as numbers, shares as
Excel percentages and dates as dates, so they can be summed and charted, and the rest
as the same text. Text goes through learning.spreadsheets.spreadsheet_safe in both.

Both are written as the rows are read (a table of one row per person and requirement
reads its rows from the database in chunks: tables.LazyRows), so a worker's memory
does not grow with the table: the CSV is sent a chunk at a time, and the workbook is
built on disk (openpyxl's write-only mode) and sent from there. The view records the
download before either is returned, so before a byte of the file is sent."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterator
from typing import IO

from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from openpyxl import Workbook

from learning.reports.tables import ReportTable
from learning.spreadsheets import spreadsheet_safe, xlsx_cell

EXPORT_FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The CSV goes out in pieces of about this many characters: one per line would be a
# write to the socket per row, the whole file would be the whole file in memory.
CSV_CHUNK_CHARACTERS = 64 * 1024


def csv_chunks(table: ReportTable) -> Iterator[str]:
    """The table as CSV text, in pieces of about CSV_CHUNK_CHARACTERS."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # so Excel reads the file as UTF-8
    writer.writerow([spreadsheet_safe(text) for text in table.header()])
    for row in table.iter_text_rows():
        writer.writerow([spreadsheet_safe(text) for text in row])
        if buffer.tell() >= CSV_CHUNK_CHARACTERS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_response(table: ReportTable, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_chunks(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def write_xlsx(table: ReportTable, file: IO[bytes]) -> None:
    """The table as a workbook of one sheet, written to `file` row by row."""
    workbook = Workbook(write_only=True)
    # Excel refuses these characters in a sheet's name, and more than 31 of any.
    sheet = workbook.create_sheet(
        title=re.sub(r"[\[\]:*?/\\]", " ", table.caption)[:31] or "Report"
    )
    sheet.append([xlsx_cell(sheet, label) for label in table.header()])
    percent = [column.kind == "percent" for column in table.columns]
    for row in table.iter_value_rows():
        sheet.append(
            [
                xlsx_cell(sheet, value, percent=is_percent)
                for value, is_percent in zip(row, percent, strict=True)
            ]
        )
    workbook.save(file)


def xlsx_bytes(table: ReportTable) -> bytes:
    """The whole workbook in memory: for reading one back in tests, never for a response."""
    buffer = io.BytesIO()
    write_xlsx(table, buffer)
    return buffer.getvalue()


def xlsx_response(table: ReportTable, filename: str) -> FileResponse:
    # A file with no name on disk: it goes when the response closes it, or at once
    # should writing fail.
    file = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    try:
        write_xlsx(table, file)
        file.seek(0)
    except BaseException:
        file.close()
        raise
    return FileResponse(
        file, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE
    )


def export_response(table: ReportTable, filename: str, export_format: str) -> HttpResponseBase:
    if export_format == "xlsx":
        return xlsx_response(table, filename)
    return csv_response(table, filename)

"""A report table as CSV (streamed) or Excel, cell for cell what the page shows. The
CSV holds the text of the page; the workbook holds its figures as numbers, shares as
Excel percentages and dates as dates, so they can be summed and charted, and the rest
as the same text. Text goes through learning.spreadsheets.spreadsheet_safe in both."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

from learning.reports.tables import ReportTable
from learning.spreadsheets import spreadsheet_safe, xlsx_cell

EXPORT_FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(table: ReportTable) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so Excel reads the file as UTF-8
    yield writer.writerow([spreadsheet_safe(text) for text in table.header()])
    for row in table.text_rows():
        yield writer.writerow([spreadsheet_safe(text) for text in row])


def csv_response(table: ReportTable, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_bytes(table: ReportTable) -> bytes:
    workbook = Workbook(write_only=True)
    # Excel refuses these characters in a sheet's name, and more than 31 of any.
    sheet = workbook.create_sheet(
        title=re.sub(r"[\[\]:*?/\\]", " ", table.caption)[:31] or "Report"
    )
    sheet.append([xlsx_cell(sheet, label) for label in table.header()])
    percent = [column.kind == "percent" for column in table.columns]
    for row in table.value_rows():
        sheet.append(
            [
                xlsx_cell(sheet, value, percent=is_percent)
                for value, is_percent in zip(row, percent, strict=True)
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(table: ReportTable, filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(table), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def export_response(table: ReportTable, filename: str, export_format: str) -> HttpResponse:
    if export_format == "xlsx":
        return xlsx_response(table, filename)
    return csv_response(table, filename)

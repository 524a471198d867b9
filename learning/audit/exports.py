"""The audit log as CSV, written row by row as it is read, so a log of any length
streams without being held in memory. Every cell goes through spreadsheet_safe: a
summary can quote what someone typed."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone

from learning.audit.summaries import ReadableSummaries
from learning.models import AuditEntry
from learning.spreadsheets import spreadsheet_safe

HEADINGS = (
    "When",
    "Who acted",
    "Who acted: email address",
    "Action",
    "Whose records",
    "Whose records: email address",
    "What",
    "Record type",
    "Record id",
    "Details",
    "From where (IP address)",
    "Address used",
)

# Rows fetched from the database at a time: memory stays flat, round trips stay few.
CHUNK_SIZE = 2000


class _Line:
    """A file-like object that hands back what csv.writer writes to it."""

    def write(self, text: str) -> str:
        return text


def _person(user) -> tuple[str, str]:
    if user is None:
        return "", ""
    return user.get_full_name(), user.email


def entry_row(entry: AuditEntry, summaries: ReadableSummaries | None = None) -> list[str]:
    """One entry as CSV cells, as safe to open in a spreadsheet as to read."""
    summaries = summaries or ReadableSummaries()
    actor_name, actor_email = _person(entry.actor)
    if entry.actor is None:
        actor_name = "The hub"
    subject_name, subject_email = _person(entry.subject)
    cells = [
        timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
        actor_name,
        actor_email,
        entry.get_action_display(),
        subject_name,
        subject_email,
        summaries(entry),
        entry.target_type,
        entry.target_id,
        json.dumps(entry.detail, sort_keys=True) if entry.detail else "",
        entry.ip_address or "",
        entry.path,
    ]
    return [spreadsheet_safe(cell) for cell in cells]


def csv_lines(entries: Iterable[AuditEntry]) -> Iterator[str]:
    """The CSV text: a heading line, then one line per entry."""
    writer = csv.writer(_Line())
    yield "\ufeff"  # so Excel reads accented names as UTF-8
    yield writer.writerow([spreadsheet_safe(heading) for heading in HEADINGS])
    summaries = ReadableSummaries()
    for entry in entries:
        yield writer.writerow(entry_row(entry, summaries))


def csv_response(entries: QuerySet[AuditEntry], filename: str) -> StreamingHttpResponse:
    """The entries as a CSV download, read from the database in chunks as it streams."""
    response = StreamingHttpResponse(
        csv_lines(entries.iterator(chunk_size=CHUNK_SIZE)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response

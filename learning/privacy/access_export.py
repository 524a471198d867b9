"""Subject access: a copy of everything the hub holds about one person, as a ZIP.

For each section every exporter gives (learning.privacy.registry) the ZIP holds a JSON
file (complete, for machines) and a CSV file (for people, each cell through
learning.spreadsheets.spreadsheet_safe), and a README.txt saying what each file holds.
Rows are written as they are read, to a temporary file, then saved through Django's
storage under a random name: no record is held whole in memory, and the file's name
gives nothing away (it is not the export's id, which appears in addresses).

The lifecycle: `request_export` records the request (PENDING) and queues the task
(learning.privacy.tasks), `build_export` writes the file (READY, or FAILED), the person
or an administrator downloads it for EXPORT_LIFETIME, then it expires and its file goes.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import tempfile
import uuid
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from learning.audit.services import record
from learning.models import AccessExport, AccessExportStatus, AuditAction, User
from learning.privacy.registry import ExportSection, exporters
from learning.spreadsheets import spreadsheet_safe

logger = logging.getLogger(__name__)

EXPORT_LIFETIME = timedelta(days=7)
# A copy still being prepared this long after it was asked for will not be finished:
# even three years of records take seconds (tests/benchmarks/test_access_export_speed.py).
ABANDONED_AFTER = timedelta(hours=1)
STORAGE_FOLDER = "access-exports"

ALREADY_PENDING = (
    "A copy of your data is already being prepared. You can ask for another once it is ready."
)


# A person's own copies in a day: each is a file kept for a week, so a cap keeps one
# account (or a script using it) from filling the disk.
OWN_COPIES_PER_DAY = 3
LIMIT_REACHED = (
    f"You have asked for {OWN_COPIES_PER_DAY} copies of your data in the last 24 hours, "
    "which is as many as the hub makes in a day. Download one of those, or ask again "
    "tomorrow."
)


class ExportLimitReached(Exception):
    """The person has asked for as many copies as the hub makes in a day."""


class ExportAlreadyPending(Exception):
    """The person already has a copy being prepared."""


# --- Writing the file


def _plain(value: Any) -> Any:
    """A value as JSON holds it: dates as ISO 8601, ids and decimals as text."""
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal | Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _cell(value: Any) -> str:
    """A value as the CSV shows it to a person: dates and times written out in UK time
    ("14 December 2025 15:00"), yes or no, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{moment:%-d %B %Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    value = _plain(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return spreadsheet_safe("; ".join(value))
    if isinstance(value, list | dict):
        return spreadsheet_safe(json.dumps(value, ensure_ascii=False))
    return spreadsheet_safe(value)


def _write_section(archive: zipfile.ZipFile, section: ExportSection) -> int:
    """Write one section as <name>.json (in the archive) and <name>.csv (through a
    temporary file, since a ZIP takes one open member at a time); return the row count."""
    count = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as csv_file:
        with archive.open(f"{section.name}.json", "w") as raw_json:
            json_out = io.TextIOWrapper(raw_json, encoding="utf-8")
            writer: csv.DictWriter | None = None
            json_out.write("[")
            for row in section.rows:
                plain = {key: _plain(value) for key, value in row.items()}
                json_out.write(",\n " if count else "\n ")
                json_out.write(json.dumps(plain, ensure_ascii=False))
                if writer is None:
                    writer = csv.DictWriter(csv_file, fieldnames=list(plain), extrasaction="ignore")
                    writer.writeheader()
                writer.writerow({key: _cell(value) for key, value in row.items()})
                count += 1
            json_out.write("\n]\n" if count else "]\n")
            json_out.flush()
            json_out.detach()
        csv_file.seek(0)
        with archive.open(f"{section.name}.csv", "w") as raw_csv:
            # A byte-order mark, so spreadsheet programs read the file as UTF-8.
            raw_csv.write("\ufeff".encode())
            while chunk := csv_file.read(64 * 1024):
                raw_csv.write(chunk.encode("utf-8"))
    return count


def _readme(subject: User, made_at: datetime, contents: list[tuple[ExportSection, int]]) -> str:
    lines = [
        "A copy of everything the Safeguarding Learning Hub holds about you",
        "",
        f"For: {subject.get_full_name() or subject.email}",
        f"Made: {timezone.localtime(made_at):%d %B %Y at %H:%M %Z}",
        "",
        "Each kind of record is here twice: a .json file, complete and for use by other",
        "software, and a .csv file to open in a spreadsheet. A file with no rows means",
        "the hub holds no records of that kind about you.",
        "",
        "Other people appear only by name, where they are part of your records (for",
        "example the supervisor who commented on your entry). Dates and times are UK time.",
        "",
        "Files with your records:",
    ]
    for section, count in contents:
        if count:
            noun = "record" if count == 1 else "records"
            lines += ["", f"{section.name}.json, {section.name}.csv ({count} {noun})"]
            lines.append(f"  {section.title}")
    empty = [section for section, count in contents if not count]
    if empty:
        lines += [
            "",
            "",
            "The hub holds no records of these kinds about you (the files are empty):",
        ]
        for section in empty:
            lines += ["", f"{section.name}.json, {section.name}.csv", f"  {section.title}"]
    return "\n".join(lines) + "\n"


def sections_for(subject: User) -> Iterable[ExportSection]:
    for _key, exporter in exporters():
        yield from exporter(subject)


def section_titles(subject: User) -> list[str]:
    """What a copy holds, in words, for the My data page (builds no rows)."""
    return [section.title for section in sections_for(subject)]


def write_archive(subject: User, out: IO[bytes], *, made_at: datetime | None = None) -> int:
    """Write the ZIP of everything held about `subject` to `out`; return its section count."""
    made_at = made_at or timezone.now()
    contents: list[tuple[ExportSection, int]] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for section in sections_for(subject):
            contents.append((section, _write_section(archive, section)))
        archive.writestr("README.txt", _readme(subject, made_at, contents))
    return len(contents)


# --- The lifecycle


def request_export(*, subject: User, requested_by: User, reason: str = "") -> AccessExport:
    """Record a request for a copy of `subject`'s data, audited, and queue its building.
    Refused while a copy the same person asked for is still being prepared, so a double
    click (or a script) makes one file, not many."""
    from learning.privacy.tasks import build_access_export

    own = subject.pk == requested_by.pk
    with transaction.atomic():
        # Locking the person's row makes two requests at once queue, not both pass.
        User.objects.select_for_update().filter(pk=subject.pk).first()
        give_up_abandoned(AccessExport.objects.filter(subject=subject))
        pending = AccessExport.objects.filter(subject=subject, status=AccessExportStatus.PENDING)
        if pending.filter(requested_by=requested_by).exists():
            raise ExportAlreadyPending
        if (
            own
            and AccessExport.objects.filter(
                subject=subject,
                requested_by=subject,
                requested_at__gt=timezone.now() - timedelta(days=1),
            ).count()
            >= OWN_COPIES_PER_DAY
        ):
            raise ExportLimitReached
        export = AccessExport.objects.create(
            subject=subject, requested_by=requested_by, reason=reason
        )
        summary = (
            "Requested a copy of their own data" if own else "Produced a copy of the person's data"
        )
        record(
            AuditAction.ACCESS_EXPORT_REQUESTED,
            summary=summary,
            subject=subject,
            target=export,
            detail={"reason": reason} if reason else {},
            actor=requested_by,
        )
    # Queued after the request is saved: the database backend's worker reads it, and the
    # immediate backend (development, tests) builds the file now.
    try:
        build_access_export.enqueue(export_id=str(export.pk))
    except Exception:
        logger.exception("Could not queue the access export %s", export.pk)
        _mark_failed(export.pk)
    export.refresh_from_db()
    return export


def give_up_abandoned(exports: QuerySet[AccessExport], now: datetime | None = None) -> int:
    """Mark as failed every copy of `exports` still being prepared long after it was
    asked for (its worker was stopped, or never ran), so the person may ask again
    instead of being told forever that one is on its way. Returns how many."""
    cutoff = (now or timezone.now()) - ABANDONED_AFTER
    return exports.filter(status=AccessExportStatus.PENDING, requested_at__lt=cutoff).update(
        status=AccessExportStatus.FAILED, finished_at=now or timezone.now()
    )


def _mark_failed(export_id: Any) -> None:
    AccessExport.objects.filter(pk=export_id, status=AccessExportStatus.PENDING).update(
        status=AccessExportStatus.FAILED, finished_at=timezone.now()
    )


def build_export(export_id: str) -> str:
    """Build the file of a pending export: READY with its size and expiry, or FAILED
    (logged) if anything goes wrong. Returns the resulting status."""
    export = (
        AccessExport.objects.select_related("subject")
        .filter(pk=export_id, status=AccessExportStatus.PENDING)
        .first()
    )
    if export is None:
        return "missing"
    name = f"{STORAGE_FOLDER}/{uuid.uuid4().hex}.zip"
    saved = ""
    try:
        with tempfile.TemporaryFile() as out:
            write_archive(export.subject, out)
            size = out.tell()
            out.seek(0)
            saved = default_storage.save(name, File(out, name=name))
        now = timezone.now()
        # Only if still pending: a person erased while their copy was being built has
        # had it expired, and the copy (made from their records before erasure) goes.
        made_ready = AccessExport.objects.filter(
            pk=export.pk, status=AccessExportStatus.PENDING
        ).update(
            status=AccessExportStatus.READY,
            file_name=saved,
            size_bytes=size,
            finished_at=now,
            expires_at=now + EXPORT_LIFETIME,
        )
        if not made_ready:
            default_storage.delete(saved)
            return "withdrawn"
        return AccessExportStatus.READY
    except Exception:
        logger.exception("Could not build the access export %s", export.pk)
        if saved:
            default_storage.delete(saved)
        _mark_failed(export.pk)
        return AccessExportStatus.FAILED


def is_downloadable(export: AccessExport, now: datetime | None = None) -> bool:
    return (
        export.status == AccessExportStatus.READY
        and bool(export.file_name)
        and export.expires_at is not None
        and export.expires_at > (now or timezone.now())
    )


def expire(export: AccessExport) -> None:
    """Remove an export's file and mark it expired."""
    if export.file_name:
        default_storage.delete(export.file_name)
    AccessExport.objects.filter(pk=export.pk).update(
        status=AccessExportStatus.EXPIRED, file_name=""
    )
    export.status, export.file_name = AccessExportStatus.EXPIRED, ""


def expire_stale(exports: Iterable[AccessExport] | None = None) -> int:
    """Expire every ready export past its date (or those of `exports`); return how many."""
    candidates = (
        exports
        if exports is not None
        else AccessExport.objects.filter(
            status=AccessExportStatus.READY, expires_at__lte=timezone.now()
        )
    )
    now, count = timezone.now(), 0
    for export in candidates:
        if export.status == AccessExportStatus.READY and not is_downloadable(export, now):
            expire(export)
            count += 1
    return count


def open_download(export: AccessExport, *, downloaded_by: User) -> IO[bytes] | None:
    """The export's file, opened for streaming, with the download audited; None if it
    is no longer there (expired or removed), and then nothing is recorded."""
    try:
        stream = default_storage.open(export.file_name, "rb")
    except OSError:
        return None
    try:
        record(
            AuditAction.ACCESS_EXPORT_DOWNLOADED,
            summary=(
                "Downloaded a copy of their own data"
                if downloaded_by.pk == export.subject_id
                else "Downloaded the copy of the person's data"
            ),
            subject=export.subject,
            target=export,
            actor=downloaded_by,
        )
    except BaseException:
        stream.close()
        raise
    return stream


def download_name(export: AccessExport, prefix: str = "my-data") -> str:
    made = timezone.localtime(export.finished_at or export.requested_at)
    return f"{prefix}-{made:%Y-%m-%d}.zip"

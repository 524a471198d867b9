"""Auditing a file leaving the hub: every export or download (CSV, XLSX, PDF, xAPI
JSON) writes one EXPORTED entry before the response is returned, or, for a streamed
file, before streaming starts. Detail says which report, in what format, with which
filters, so the entry shows what the file held without holding it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.http import HttpRequest

from learning.audit.services import record, record_many
from learning.models.audit import AuditAction

# Filters whose value is whatever someone typed, which may be a person's name: the
# entry says a search was made, never what it was (entries outlive erasure).
FREE_TEXT_FILTERS = frozenset({"q", "search", "query", "name", "email", "actor", "subject"})
SEARCHED = "(a search, not recorded)"


def _plain(value: Any) -> Any:
    """A filter's value as JSON can hold it: a chosen row by its name (a person by their
    account id), a date as ISO."""
    if isinstance(value, get_user_model()):
        return value.pk
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def describe_filters(filters: Mapping[str, Any] | Any | None) -> dict[str, Any]:
    """The filters in use (a mapping or a dataclass of them), leaving out those not set."""
    if filters is None:
        return {}
    if dataclasses.is_dataclass(filters) and not isinstance(filters, type):
        items = [(each.name, getattr(filters, each.name)) for each in dataclasses.fields(filters)]
    else:
        items = list(filters.items())
    return {
        name: SEARCHED if name in FREE_TEXT_FILTERS else _plain(value)
        for name, value in items
        if value not in (None, "", [], (), set())
    }


def record_download(
    request: HttpRequest,
    *,
    what: str,
    report: str,
    file_format: str,
    filters: Mapping[str, Any] | Any | None = None,
    subject: Any = None,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """Record that `what` ("Northmoor Council's people table") is about to be downloaded
    as `file_format`. `subject` is the person when the file is one person's record.
    Raises AuditWriteFailed."""
    record(
        AuditAction.EXPORTED,
        summary=f"Downloaded {what} as {file_format.upper()}",
        subject=subject,
        detail={
            "format": file_format,
            "report": report,
            "filters": describe_filters(filters),
            **(extra or {}),
        },
        request=request,
    )


def record_people_in_download(
    request: HttpRequest, people_ids: Iterable[int], *, what: str, file_format: str
) -> None:
    """Record, for each person whose records are in a file about to be downloaded (a
    lead's people table, xAPI statements), that they were: so "whose" is each person
    named in it, and their copy of their data says so. The downloader's own row writes
    nothing. One INSERT a few hundred people. Raises AuditWriteFailed."""
    record_many(
        AuditAction.EXPORTED,
        summary=f"The person's records were in {what}, downloaded as {file_format.upper()}",
        subject_ids=(pk for pk in people_ids if pk != request.user.pk),
        request=request,
        detail={"in": what, "format": file_format},
    )

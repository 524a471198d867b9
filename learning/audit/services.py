"""Writing the audit trail.

`record` writes one entry and is called inside the action's own transaction (services
wrap their writes in transaction.atomic), so if the entry cannot be written the action is
rolled back too. For reads (a supervisor opening a record) the entry is written before
the page is built; if it fails, the page is not shown. Either way the failure is raised
as AuditWriteFailed, which learning.audit.http turns into a 503 page: nothing happens
unrecorded, and nobody sees a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.db import DatabaseError, connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from learning.audit.context import current_request
from learning.models.audit import AuditAction, AuditEntry


class AuditWriteFailed(Exception):
    """The audit entry for an action could not be written, so the action must not
    happen (or, for a read, must not be shown)."""


def _client_ip(request: HttpRequest) -> str | None:
    # allauth's adapter honours HUB_TRUSTED_PROXY_COUNT, as its rate limits do.
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # A malformed forwarded header must not stop the action.
        return request.META.get("REMOTE_ADDR") or None


def _target(target: models.Model | None) -> tuple[str, str]:
    if target is None:
        return "", ""
    return target._meta.label_lower, str(target.pk)


def record(
    action: AuditAction,
    *,
    summary: str,
    subject: Any = None,
    target: models.Model | None = None,
    detail: dict[str, Any] | None = None,
    actor: Any = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Write one audit entry: `actor` did `action` to `target`, part of `subject`'s
    records. The actor and address default to those of the request being served (none
    for a command or the retention schedule). Raises AuditWriteFailed if it cannot be
    written."""
    request = request or current_request()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    target_type, target_id = _target(target)
    try:
        with transaction.atomic():
            return AuditEntry.objects.create(
                actor=actor,
                action=action,
                subject=subject if subject is not None and subject.pk else None,
                target_type=target_type,
                target_id=target_id,
                summary=summary[:500],
                detail=detail or {},
                ip_address=_client_ip(request) if request is not None else None,
                # Without the query string, which may hold a search for a name.
                path=request.path[:500] if request is not None else "",
            )
    except DatabaseError as error:
        raise AuditWriteFailed(str(error)) from error


def record_many(
    action: AuditAction,
    *,
    summary: str,
    subject_ids: Iterable[int],
    request: HttpRequest,
    detail: dict[str, Any] | None = None,
) -> int:
    """Write one entry for each of `subject_ids` (a list of people on one page), who and
    from where as `record`. Returns how many. Raises AuditWriteFailed if they cannot be
    written.

    One INSERT of many rows, written here rather than with bulk_create: the ORM spends
    about 50 µs a row preparing each field's value, which for a page of 50 people was
    most of the write (tests/benchmarks/test_audit_write_speed.py). Only adds rows, so
    the model's append-only guards have nothing to refuse."""
    ids = list(dict.fromkeys(subject_ids))
    if not ids:
        return 0
    user = getattr(request, "user", None)
    actor_id = user.pk if user is not None and user.is_authenticated else None
    ops = connection.ops
    shared = {
        "at": ops.adapt_datetimefield_value(timezone.now()),
        "actor_id": actor_id,
        "action": str(action),
        "target_type": "",
        "target_id": "",
        "summary": summary[:500],
        "detail": json.dumps(detail or {}),
        "ip_address": ops.adapt_ipaddressfield_value(_client_ip(request)),
        "path": request.path[:500],
    }
    columns = [*shared, "subject_id"]
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    # Only the model's own table and column names, quoted: nothing from the request.
    sql_head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608
        ops.quote_name(AuditEntry._meta.db_table),
        ", ".join(ops.quote_name(column) for column in columns),
    )
    # As many rows a statement as the database takes parameters for (Django knows: 99
    # rows of 10 on SQLite), and at most _ROWS_PER_INSERT.
    per_insert = max(1, min(_ROWS_PER_INSERT, ops.bulk_batch_size(columns, ids)))
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for start in range(0, len(ids), per_insert):
                chunk = ids[start : start + per_insert]
                params = [value for pk in chunk for value in (*shared.values(), pk)]
                cursor.execute(sql_head + ", ".join([row] * len(chunk)), params)
    except DatabaseError as error:
        raise AuditWriteFailed(str(error)) from error
    return len(ids)


# A statement's size where the database sets no limit of its own (PostgreSQL).
_ROWS_PER_INSERT = 500

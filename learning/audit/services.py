"""Writing the audit trail.

`record` writes one entry and is called inside the action's own transaction (services
wrap their writes in transaction.atomic), so if the entry cannot be written the action is
rolled back too. For reads (a supervisor opening a record) the entry is written before
the page is built; if it fails, the page is not shown. Either way the failure is raised
as AuditWriteFailed, which learning.audit.http turns into a 503 page: nothing happens
unrecorded, and nobody sees a traceback.
"""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError, models, transaction
from django.http import HttpRequest

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

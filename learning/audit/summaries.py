"""Entries' summaries as people read them. An entry holds account numbers, never names
(it outlives everyone's erasure), so "Supervisors changed: added user 7" is shown with
the supervisors' names as they are now ("an erased person" once erased), and an
administrator's stated reason or reference is shown beside what they did."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from learning.models import AuditAction, AuditEntry, User

ERASED_OR_GONE = "an erased person"


class ReadableSummaries:
    """Call with an entry for its summary in words. Names are looked up once: all of a
    page's with `preload`, or as entries needing them come (a CSV read in chunks)."""

    def __init__(self) -> None:
        self._names: dict[int, str] = {}

    def preload(self, entries: Iterable[AuditEntry]) -> None:
        self._look_up({pk for entry in entries for pk in _supervisor_ids(entry)})

    def __call__(self, entry: AuditEntry) -> str:
        summary = entry.summary
        detail = entry.detail or {}
        if entry.action == AuditAction.SUPERVISORS_CHANGED:
            self._look_up(set(_supervisor_ids(entry)) - self._names.keys())
            summary = "Supervisors changed: " + "; ".join(
                f"{key} " + ", ".join(self._names.get(pk, ERASED_OR_GONE) for pk in detail[key])
                for key in ("added", "removed")
                if detail.get(key)
            )
        reason = detail.get("reason")
        if isinstance(reason, str) and reason:
            summary = f"{summary} (reason or reference given: {reason})"
        return summary

    def _look_up(self, ids: set[int]) -> None:
        if not ids:
            return
        for pk, first, last in User.objects.filter(pk__in=ids).values_list(
            "pk", "first_name", "last_name"
        ):
            self._names[pk] = f"{first} {last}".strip() or ERASED_OR_GONE


def _supervisor_ids(entry: AuditEntry) -> list[int]:
    if entry.action != AuditAction.SUPERVISORS_CHANGED:
        return []
    detail: dict[str, Any] = entry.detail or {}
    return [pk for key in ("added", "removed") for pk in detail.get(key, []) if isinstance(pk, int)]

"""A team session's history: every recording, change and deletion is kept in Wagtail's
audit log (ModelLogEntry, whose object_id is text, so a session's UUID fits), and the
entries outlive the session they describe.

`log_*` write one entry each; `history_for` reads them back as plain sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from learning.models import TeamSession

CREATE, EDIT, DELETE = "wagtail.create", "wagtail.edit", "wagtail.delete"


def _name(person) -> str:
    return person.get_full_name() or person.email


def _names(people) -> list[str]:
    return sorted(_name(person) for person in people)


def log_created(*, session: TeamSession, user, attendees) -> None:
    log(
        instance=session,
        action=CREATE,
        user=user,
        data={
            "item": session.page_title,
            "date": session.delivered_on.isoformat(),
            "minutes": session.minutes,
            "attendees": _names(attendees),
        },
    )


def edit_changes(
    *,
    before_date: date,
    before_minutes: int,
    before_notes: str,
    session: TeamSession,
    added,
    removed,
) -> dict:
    """What an edit changed, for the log: only the parts that did change."""
    changes: dict = {}
    if before_date != session.delivered_on:
        changes["date"] = {"from": before_date.isoformat(), "to": session.delivered_on.isoformat()}
    if before_minutes != session.minutes:
        changes["minutes"] = {"from": before_minutes, "to": session.minutes}
    if added:
        changes["attendees_added"] = _names(added)
    if removed:
        changes["attendees_removed"] = _names(removed)
    if before_notes != session.group_reflection:
        changes["notes_changed"] = True
    return changes


def log_edited(*, session: TeamSession, user, changes: dict) -> None:
    log(instance=session, action=EDIT, user=user, data=changes)


def log_deleted(*, session: TeamSession, user, attendees, completions_removed: int) -> None:
    log(
        instance=session,
        action=DELETE,
        user=user,
        data={
            "item": session.page_title,
            "date": session.delivered_on.isoformat(),
            "attendees": _names(attendees),
            "completions_removed": completions_removed,
        },
    )


# ---------------------------------------------------------------------------
# Reading it back
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryItem:
    when: datetime
    who: str
    what: list[str]


def _day(value: str) -> str:
    parsed = parse_date(value or "")
    return date_format(parsed, "j F Y") if parsed else value


def _minutes(value: int) -> str:
    return f"{value} minute{'' if value == 1 else 's'}"


def describe(action: str, data: dict) -> list[str]:
    """The entry in sentences, in the service's own words."""
    if action == CREATE:
        return [
            f"Recorded the session on {_day(data.get('date', ''))}, "
            f"{_minutes(data.get('minutes', 0))}",
            f"Attended: {', '.join(data.get('attendees', [])) or 'nobody'}",
        ]
    if action == DELETE:
        return [f"Deleted the session and {data.get('completions_removed', 0)} learning records"]
    lines = []
    if "date" in data:
        lines.append(
            f"Date changed from {_day(data['date']['from'])} to {_day(data['date']['to'])}"
        )
    if "minutes" in data:
        lines.append(
            f"Duration changed from {_minutes(data['minutes']['from'])} "
            f"to {_minutes(data['minutes']['to'])}"
        )
    if data.get("attendees_added"):
        lines.append(f"Added: {', '.join(data['attendees_added'])}")
    if data.get("attendees_removed"):
        lines.append(f"Removed: {', '.join(data['attendees_removed'])}")
    if data.get("notes_changed"):
        lines.append("Group reflection changed")
    return lines or ["Saved with no changes"]


def entries_for(session_id) -> list[ModelLogEntry]:
    """Every log entry about the session, oldest first, even after it was deleted."""
    return list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(TeamSession),
            object_id=str(session_id),
        )
        .select_related("user")
        .order_by("timestamp", "pk")
    )


def history_for(session_id) -> list[HistoryItem]:
    return [
        HistoryItem(
            when=entry.timestamp,
            who=_name(entry.user) if entry.user else "Someone no longer on the hub",
            what=describe(entry.action, entry.data or {}),
        )
        for entry in entries_for(session_id)
    ]

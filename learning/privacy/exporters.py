"""The platform's own exporters: every kind of record learning/ holds about a person,
as the sections of their subject access export (learning.privacy.registry). The
learning record is here; the account (invitations, sign-in, notifications, overrides
and the audit trail) is in learning.privacy.account_exporters.

Other people appear only by name, and only where they are part of the person's own
record (a supervisor who commented, the colleague who delivered a session): never by
email address, id or anything they wrote about someone else. Rows are built from
`.values()` querysets read with `.iterator()`, so a long record is never held in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from learning.models import (
    Completion,
    EntryComment,
    EntryShare,
    Exemption,
    ExternalCPD,
    Feedback,
    Profile,
    ReflectiveEntry,
    ReflectiveEntryVersion,
    RequirementAssignment,
    TeamSession,
    User,
)
from learning.privacy.registry import ExportSection, register_exporter
from learning.roles import roles_of

# For another person with no name on record: their email address is not theirs to give.
UNNAMED = "(no name recorded)"
HUB = "the hub"


def person_name(first: str | None, last: str | None) -> str:
    """Another person as the export may show them: by name only."""
    return f"{first or ''} {last or ''}".strip() or UNNAMED


def _name_of(row: dict[str, Any], prefix: str) -> str:
    if row.get(f"{prefix}__id") is None and f"{prefix}__id" in row:
        return ""
    return person_name(row.get(f"{prefix}__first_name"), row.get(f"{prefix}__last_name"))


def _people(prefix: str) -> list[str]:
    return [f"{prefix}__id", f"{prefix}__first_name", f"{prefix}__last_name"]


def _label(choices, value: str) -> str:
    return str(dict(choices.choices).get(value, value))


# --- Profile and registration


def _profile_rows(user: User) -> Iterator[dict[str, Any]]:
    profile = Profile.objects.filter(user=user).select_related("organisation", "team").first()
    supervisors = list(profile.supervisors.values("first_name", "last_name")) if profile else []
    # The people this person supervises: the same relation, looked at from the other end.
    supervisees = (
        Profile.objects.filter(supervisors=user)
        .order_by("user__last_name", "user__first_name", "pk")
        .values("user__first_name", "user__last_name")
    )
    yield {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "joined": user.date_joined,
        "last_signed_in": user.last_login,
        "active": user.is_active,
        "deactivated_at": user.deactivated_at,
        "roles": sorted(role.value for role in roles_of(user)),
        "organisation": profile.organisation.name if profile and profile.organisation else "",
        "team": profile.team.name if profile and profile.team else "",
        "job_title": profile.job_title if profile else "",
        "registration_body": profile.get_registration_body_display() if profile else "",
        "registration_number": profile.registration_number if profile else "",
        "registration_renewal_date": profile.registration_renewal_date if profile else None,
        "supervisors": [person_name(s["first_name"], s["last_name"]) for s in supervisors],
        "supervises": [
            person_name(s["user__first_name"], s["user__last_name"]) for s in supervisees
        ],
        "receives_reminder_emails": profile.receives_digests if profile else None,
        "emails_when_a_supervisor_responds": (
            profile.emails_supervision_activity if profile else None
        ),
    }


def export_profile(user: User) -> list[ExportSection]:
    return [
        ExportSection(
            "profile",
            "Your account and profile: name, email address, organisation, team, roles, "
            "professional registration, your supervisors, the people you supervise (by "
            "name) and email settings.",
            _profile_rows(user),
        )
    ]


# --- Learning records


def _completion_rows(user: User) -> Iterator[dict[str, Any]]:
    from learning.models import CompletionHow

    rows = Completion.objects.filter(user=user).order_by("completed_at", "pk")
    for row in rows.values(
        "page_title", "cycle", "how", "minutes", "completed_at", "certificate_code",
        "team_session__delivered_on",
    ).iterator(chunk_size=500):  # fmt: skip
        yield {
            "learning": row["page_title"],
            "cycle": row["cycle"],
            "how": _label(CompletionHow, row["how"]),
            "minutes": row["minutes"],
            "completed_at": row["completed_at"],
            "certificate_code": row["certificate_code"],
            "team_session_on": row["team_session__delivered_on"],
        }


def _external_rows(user: User) -> Iterator[dict[str, Any]]:
    from learning.models import CPDType

    rows = ExternalCPD.objects.filter(user=user).order_by("date", "pk")
    for row in rows.values(
        "title", "provider", "date", "minutes", "type", "participatory", "what_learned",
        "created_at",
    ).iterator(chunk_size=500):  # fmt: skip
        yield {**row, "type": _label(CPDType, row["type"])}


def _feedback_rows(user: User) -> Iterator[dict[str, Any]]:
    from learning.models import UsedInPractice, WillChangePractice

    rows = Feedback.objects.filter(user=user).order_by("created_at", "pk")
    for row in rows.values(
        "page__title", "usefulness", "will_change_practice", "comment", "created_at",
        "updated_at", "practice_impact__used_in_practice", "practice_impact__example",
        "practice_impact__answered_at",
    ).iterator(chunk_size=500):  # fmt: skip
        used = row["practice_impact__used_in_practice"]
        yield {
            "learning": row["page__title"],
            "usefulness_1_to_5": row["usefulness"],
            "will_change_practice": _label(WillChangePractice, row["will_change_practice"]),
            "comment": row["comment"],
            "given_at": row["created_at"],
            "changed_at": row["updated_at"],
            "used_in_practice": _label(UsedInPractice, used) if used else "",
            "example_of_use": row["practice_impact__example"] or "",
            "follow_up_answered_at": row["practice_impact__answered_at"],
        }


def export_records(user: User) -> list[ExportSection]:
    return [
        ExportSection(
            "completions",
            "Learning you completed: each item, refresher cycle, how, CPD minutes, when, "
            "and its certificate code.",
            _completion_rows(user),
        ),
        ExportSection(
            "external_cpd",
            "CPD you recorded from elsewhere, including credit for sessions you delivered.",
            _external_rows(user),
        ),
        ExportSection(
            "feedback",
            "Your feedback on learning items, with your answers to the follow-up question "
            "“Have you used this in your practice?”.",
            _feedback_rows(user),
        ),
    ]


# --- Reflective entries, their versions, shares and comments


def _entry_rows(user: User) -> Iterator[dict[str, Any]]:
    from learning.models import EntryStatus, EntryStructure, ReviewStatus

    rows = ReflectiveEntry.objects.filter(author=user).order_by("created_at", "pk")
    for row in rows.values(
        "id", "title", "body", "structure", "status", "page__title", "question_text",
        "principle__name", "review_status", "reviewed_on", *_people("reviewed_by"),
        *_people("signed_off_by"), "signed_off_at", "created_at", "updated_at",
    ).iterator(chunk_size=500):  # fmt: skip
        yield {
            "entry": row["id"],
            "title": row["title"],
            "text": row["body"],
            "structure": _label(EntryStructure, row["structure"]),
            "status": _label(EntryStatus, row["status"]),
            "learning": row["page__title"] or "",
            "question": row["question_text"],
            "principle": row["principle__name"] or "",
            "review_status": _label(ReviewStatus, row["review_status"]),
            "reviewed_on": row["reviewed_on"],
            "reviewed_by": _name_of(row, "reviewed_by"),
            "signed_off_by": _name_of(row, "signed_off_by"),
            "signed_off_at": row["signed_off_at"],
            "created_at": row["created_at"],
            "changed_at": row["updated_at"],
        }


def _version_rows(user: User) -> Iterator[dict[str, Any]]:
    rows = ReflectiveEntryVersion.objects.filter(entry__author=user).order_by("entry", "number")
    for row in rows.values("entry_id", "number", "title", "body", "saved_at").iterator(
        chunk_size=500
    ):
        yield {
            "entry": row["entry_id"],
            "version": row["number"],
            "title": row["title"],
            "text": row["body"],
            "saved_at": row["saved_at"],
        }


def _share_rows(user: User) -> Iterator[dict[str, Any]]:
    rows = EntryShare.objects.filter(entry__author=user).order_by("shared_at", "pk")
    for row in rows.values(
        "entry_id", "entry__title", *_people("supervisor"), "shared_at", "withdrawn_at"
    ).iterator(chunk_size=500):
        yield {
            "entry": row["entry_id"],
            "entry_title": row["entry__title"],
            "shared_with": _name_of(row, "supervisor"),
            "shared_at": row["shared_at"],
            "withdrawn_at": row["withdrawn_at"],
        }


def _comment_rows(user: User) -> Iterator[dict[str, Any]]:
    # Comments on the person's entries (a supervisor's, by name, and the person's own
    # replies), then the comments the person wrote on entries shared with them: those
    # are theirs, but the entry, its title and its author are someone else's.
    on_own = EntryComment.objects.filter(entry__author=user).order_by("created_at", "pk")
    for row in on_own.values(
        "entry_id", "entry__title", "author_id", *_people("author"), "body", "created_at",
        "entry_version__number",
    ).iterator(chunk_size=500):  # fmt: skip
        yield {
            "on": "your entry",
            "entry": row["entry_id"],
            "entry_title": row["entry__title"],
            "written_by": "you" if row["author_id"] == user.pk else _name_of(row, "author"),
            "text": row["body"],
            "written_at": row["created_at"],
            "entry_version_read": row["entry_version__number"],
        }
    on_others = (
        EntryComment.objects.filter(author=user)
        .exclude(entry__author=user)
        .order_by("created_at", "pk")
    )
    for row in on_others.values("body", "created_at").iterator(chunk_size=500):
        yield {
            "on": "an entry shared with you",
            "entry": "",
            "entry_title": "",
            "written_by": "you",
            "text": row["body"],
            "written_at": row["created_at"],
            "entry_version_read": None,
        }


def export_reflections(user: User) -> list[ExportSection]:
    return [
        ExportSection(
            "reflective_entries",
            "Your reflective log entries as they are now, with their review and sign-off.",
            _entry_rows(user),
        ),
        ExportSection(
            "reflective_entry_versions",
            "Every earlier version of each reflective entry, by entry and version number.",
            _version_rows(user),
        ),
        ExportSection(
            "entry_shares",
            "Who you shared each entry with (by name), when, and when you withdrew it.",
            _share_rows(user),
        ),
        ExportSection(
            "entry_comments",
            "Comments on your entries (the writer by name) and your replies; and "
            "comments you wrote on entries others shared with you (without their entry).",
            _comment_rows(user),
        ),
    ]


# --- Team sessions


def _sessions_attended(user: User) -> Iterator[dict[str, Any]]:
    rows = TeamSession.objects.filter(attendees=user).order_by("delivered_on", "pk")
    for row in rows.values(
        "page_title", "delivered_on", "minutes", *_people("delivered_by"), "team__name"
    ).iterator(chunk_size=500):
        yield {
            "learning": row["page_title"],
            "on": row["delivered_on"],
            "minutes": row["minutes"],
            "delivered_by": _name_of(row, "delivered_by"),
            "team": row["team__name"] or "",
        }


def _sessions_delivered(user: User) -> Iterator[dict[str, Any]]:
    from django.db.models import Count

    rows = (
        TeamSession.objects.filter(delivered_by=user)
        .annotate(attendee_count=Count("attendees"))
        .order_by("delivered_on", "pk")
    )
    for row in rows.values(
        "page_title", "delivered_on", "minutes", "team__name", "attendee_count",
        "group_reflection", "created_at",
    ).iterator(chunk_size=500):  # fmt: skip
        yield {
            "learning": row["page_title"],
            "on": row["delivered_on"],
            "minutes": row["minutes"],
            "team": row["team__name"] or "",
            "people_attending": row["attendee_count"],
            "group_reflection": row["group_reflection"],
            "recorded_at": row["created_at"],
        }


def export_team_sessions(user: User) -> list[ExportSection]:
    return [
        ExportSection(
            "team_sessions_attended",
            "Team sessions you attended: the learning, date, minutes and who delivered it.",
            _sessions_attended(user),
        ),
        ExportSection(
            "team_sessions_delivered",
            "Team sessions you delivered, with how many attended and the group reflection "
            "you recorded.",
            _sessions_delivered(user),
        ),
    ]


# --- Required learning


def _assignment_rows(user: User) -> Iterator[dict[str, Any]]:
    rows = RequirementAssignment.objects.filter(user=user).order_by("assigned_on", "pk")
    yield from (
        {"requirement": row["requirement__title"], "assigned_on": row["assigned_on"]}
        for row in rows.values("requirement__title", "assigned_on").iterator(chunk_size=500)
    )


def _exemption_rows(user: User) -> Iterator[dict[str, Any]]:
    rows = Exemption.objects.filter(user=user).order_by("created_at", "pk")
    for row in rows.values(
        "requirement__title", "reason", "ends_on", *_people("created_by"), "created_at"
    ).iterator(chunk_size=500):
        yield {
            "requirement": row["requirement__title"] or "All required learning",
            "reason": row["reason"],
            "exempt_until": row["ends_on"],
            "granted_by": _name_of(row, "created_by"),
            "granted_at": row["created_at"],
        }


def export_required_learning(user: User) -> list[ExportSection]:
    return [
        ExportSection(
            "required_learning_assignments",
            "When each requirement came to apply to you.",
            _assignment_rows(user),
        ),
        ExportSection(
            "required_learning_exemptions",
            "Exemptions from required learning: which, why, until when and who granted it.",
            _exemption_rows(user),
        ),
    ]


EXPORTERS = {
    "learning.01_profile": export_profile,
    "learning.02_records": export_records,
    "learning.03_reflections": export_reflections,
    "learning.04_team_sessions": export_team_sessions,
    "learning.06_required_learning": export_required_learning,
}


def register() -> None:
    """Register the platform's exporters: these, the account's
    (learning.privacy.account_exporters) and the editor's
    (learning.privacy.editorial_exporters)."""
    from learning.privacy import account_exporters, editorial_exporters

    for key, exporter in {
        **EXPORTERS,
        **account_exporters.EXPORTERS,
        **editorial_exporters.EXPORTERS,
    }.items():
        register_exporter(key, exporter)

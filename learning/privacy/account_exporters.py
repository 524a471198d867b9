"""The account's exporters for the subject access export: invitations, sign-in history
(allauth), notifications and reminder emails, anonymisation overrides, the audit trail
and the copies of the person's data made before. The same rules as
learning.privacy.exporters: other people by name only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q

from learning.audit.summaries import ReadableSummaries
from learning.models import (
    AccessExport,
    AccessExportStatus,
    AnonymisationOverride,
    AuditAction,
    AuditEntry,
    DigestKind,
    DigestSent,
    Feedback,
    Invitation,
    InvitationConfirmation,
    Notification,
    Requirement,
    User,
)
from learning.privacy.exporters import HUB, _label, _name_of, _people, person_name
from learning.privacy.registry import ExportSection

# --- Invitations


def _you_or_name(person: User | None, user: User) -> str:
    if person is None:
        return ""
    return "you" if person.pk == user.pk else person_name(person.first_name, person.last_name)


def _invitation_row(invitation: Invitation, user: User, direction: str) -> dict[str, Any]:
    return {
        "direction": direction,
        # Only the person's own address: an invitee's address is the invitee's.
        "email": invitation.email if direction == "sent to you" else "",
        "organisation": invitation.organisation.name,
        "team": invitation.team.name if invitation.team else "",
        "role": invitation.role,
        "invited_by": _you_or_name(invitation.invited_by, user),
        "sent_at": invitation.created_at,
        "last_sent_at": invitation.sent_at,
        "expires_at": invitation.expires_at,
        "status": invitation.status,
        "accepted_at": invitation.accepted_at,
        "withdrawn_at": invitation.revoked_at,
        "withdrawn_by": _you_or_name(invitation.revoked_by, user),
        "administrator_confirmation": _label(InvitationConfirmation, invitation.confirmation),
        "confirmed_or_declined_by": _you_or_name(invitation.decided_by, user),
        "confirmed_or_declined_at": invitation.decided_at,
    }


def _invitation_rows(user: User) -> Iterator[dict[str, Any]]:
    people = ("organisation", "team", "invited_by", "revoked_by", "decided_by")
    to_them = Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user))
    # Invitations the person sent, withdrew, or confirmed or declined as an administrator.
    by_them = Invitation.objects.filter(
        Q(invited_by=user) | Q(revoked_by=user) | Q(decided_by=user)
    ).exclude(pk__in=to_them.values("pk"))
    for invitation in to_them.select_related(*people):
        yield _invitation_row(invitation, user, "sent to you")
    for invitation in by_them.select_related(*people):
        sent = invitation.invited_by_id == user.pk
        yield _invitation_row(
            invitation, user, "sent by you" if sent else "withdrawn, confirmed or declined by you"
        )


def export_invitations(user: User) -> list[ExportSection]:
    return [
        ExportSection(
            "invitations",
            "Invitations to join the hub sent to you, and those you sent, withdrew, "
            "confirmed or declined (without the invited person's email address): who "
            "sent each, when, and whether it was accepted, withdrawn or confirmed.",
            _invitation_rows(user),
        )
    ]


# --- Sign-in history


def _email_rows(user: User) -> Iterator[dict[str, Any]]:
    from allauth.account.models import EmailAddress

    yield from (
        EmailAddress.objects.filter(user=user).order_by("pk").values("email", "verified", "primary")
    )


def _authenticator_rows(user: User) -> Iterator[dict[str, Any]]:
    from allauth.mfa.models import Authenticator

    # Type and dates only: the secret and recovery codes stay where they are.
    for row in (
        Authenticator.objects.filter(user=user)
        .order_by("pk")
        .values("type", "created_at", "last_used_at")
    ):
        yield {**row, "type": _label(Authenticator.Type, row["type"])}


def _social_rows(user: User) -> Iterator[dict[str, Any]]:
    from allauth.socialaccount.models import SocialAccount

    yield from (
        SocialAccount.objects.filter(user=user)
        .order_by("pk")
        .values("provider", "uid", "date_joined", "last_login")
    )


def _sign_in_rows(user: User) -> Iterator[dict[str, Any]]:
    rows = AuditEntry.objects.filter(subject=user, action=AuditAction.SIGNED_IN).order_by("at")
    for row in rows.values("at", "detail", "ip_address").iterator(chunk_size=500):
        provider = (row["detail"] or {}).get("provider")
        yield {
            "signed_in_at": row["at"],
            # learning.audit.receivers.audit_sign_in names the provider of a single
            # sign-on; every other sign-in was with the hub's password (and code).
            "how": f"single sign-on ({provider})" if provider else "password",
            "from_address": row["ip_address"],
        }


def export_sign_in(user: User) -> list[ExportSection]:
    return [
        ExportSection(
            "email_addresses",
            "Your email addresses on the hub, verified or not.",
            _email_rows(user),
        ),
        ExportSection(
            "authenticators",
            "Your two-factor authentication methods: type and dates only (never the "
            "secret or codes).",
            _authenticator_rows(user),
        ),
        ExportSection(
            "single_sign_on_accounts",
            "Accounts with your organisation's identity provider linked to yours.",
            _social_rows(user),
        ),
        ExportSection(
            "sign_ins", "Each time you signed in, and from which address.", _sign_in_rows(user)
        ),
    ]


# --- Notifications and reminder emails


def _notifications_received(user: User) -> Iterator[dict[str, Any]]:
    from learning.models import NotificationKind

    rows = Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    for row in rows.values(
        "kind", *_people("actor"), "entry_title", "entry__title", "created_at", "read_at"
    ).iterator(chunk_size=500):
        # A notice that an entry was deleted is about someone else's entry (a
        # supervisee's): its title is their words, not the recipient's.
        deleted = row["kind"] == NotificationKind.DELETED
        yield {
            "what": _label(NotificationKind, row["kind"]),
            "by": _name_of(row, "actor"),
            "entry_title": "" if deleted else (row["entry__title"] or row["entry_title"]),
            "at": row["created_at"],
            "read_at": row["read_at"],
        }


def _notifications_sent(user: User) -> Iterator[dict[str, Any]]:
    from learning.models import NotificationKind

    # What and when only: the entry (and its title) belongs to the person told.
    rows = Notification.objects.filter(actor=user).order_by("created_at", "pk")
    for row in rows.values("kind", "created_at").iterator(chunk_size=500):
        yield {"what": _label(NotificationKind, row["kind"]), "at": row["created_at"]}


# A team digest lists each supervisee's items under their account id: another person's.
_OTHER_PEOPLE_KEYS = frozenset({"person", "person_id", "user", "user_id", "email"})


def _without_people(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    return {key: value for key, value in item.items() if key not in _OTHER_PEOPLE_KEYS}


def _learner_digest_item(item: Any, titles: dict[int, str], pages: dict[int, str]) -> Any:
    """A reminder's line as the person read it: the requirement or page by its title,
    not by a number only the hub understands."""
    if not isinstance(item, dict):
        return item
    readable = _without_people(item)
    if "requirement" in readable:
        readable["requirement"] = titles.get(readable["requirement"], "(since removed)")
    if "impact_feedback" in readable:
        readable = {"impact_question_about": pages.get(readable["impact_feedback"], "")}
    return readable


def _digest_rows(user: User) -> Iterator[dict[str, Any]]:
    # Requirements are few (a board sets tens), and the person's own feedback is theirs.
    titles = dict(Requirement.objects.values_list("pk", "title"))
    pages = dict(Feedback.objects.filter(user=user).values_list("pk", "page__title"))
    rows = DigestSent.objects.filter(user=user).order_by("sent_at", "pk")
    for row in rows.values("kind", "sent_on", "sent_at", "items").iterator(chunk_size=500):
        items = row["items"] or []
        if row["kind"] == DigestKind.SUPERVISOR:
            # Each line is a supervisee's outstanding learning: theirs, not the
            # supervisor's, so only how much the email listed.
            people = {item.get("person") for item in items if isinstance(item, dict)}
            listed: Any = [{"people_listed": len(people), "lines": len(items)}] if items else []
        else:
            listed = [_learner_digest_item(item, titles, pages) for item in items]
        yield {**row, "kind": _label(DigestKind, row["kind"]), "items": listed}


def export_notifications(user: User) -> list[ExportSection]:
    return [
        ExportSection(
            "notifications_received",
            "What the hub told you about your shared entries, and who acted (by name).",
            _notifications_received(user),
        ),
        ExportSection(
            "notifications_sent",
            "Notifications your actions sent to others: what and when only.",
            _notifications_sent(user),
        ),
        ExportSection(
            "reminder_emails",
            "Reminder digests emailed to you and what each listed.",
            _digest_rows(user),
        ),
    ]


# --- Anonymisation overrides


def _override_rows(user: User) -> Iterator[dict[str, Any]]:
    rows = AnonymisationOverride.objects.filter(
        Q(proposed_by=user) | Q(confirmed_by=user) | Q(declined_by=user)
    ).order_by("created_at", "pk")
    for row in rows.values(
        "page__title", "kind", "location", "reason", "proposed_by_id",
        "confirmed_by_id", "created_at", "confirmed_at", "declined_at",
    ).iterator(chunk_size=500):  # fmt: skip
        proposed = row["proposed_by_id"] == user.pk
        yield {
            "page": row["page__title"],
            "your_part": "proposed"
            if proposed
            else ("confirmed" if row["confirmed_by_id"] == user.pk else "declined"),
            "finding": row["kind"],
            # Not the identifier's text: it may be about someone in the page's story.
            "where": row["location"],
            # The reason is the proposer's words.
            "reason": row["reason"] if proposed else "",
            "proposed_at": row["created_at"],
            "confirmed_at": row["confirmed_at"],
            "declined_at": row["declined_at"],
        }


def export_overrides(user: User) -> list[ExportSection]:
    return [
        ExportSection(
            "anonymisation_overrides",
            "Anonymisation overrides you proposed, confirmed or declined.",
            _override_rows(user),
        )
    ]


# --- The audit trail


def _audit_about(user: User) -> Iterator[dict[str, Any]]:
    # Supervisors by name and an administrator's reference, as the log shows them.
    summaries = ReadableSummaries()
    rows = AuditEntry.objects.filter(subject=user).order_by("at", "pk")
    for row in rows.values(
        "at", "action", "actor_id", *_people("actor"), "summary", "detail", "target_type",
        "ip_address",
    ).iterator(chunk_size=500):  # fmt: skip
        own = row["actor_id"] == user.pk
        summary = summaries(
            AuditEntry(action=row["action"], summary=row["summary"], detail=row["detail"])
        )
        yield {
            "at": row["at"],
            "action": _label(AuditAction, row["action"]),
            "by": "you" if own else (_name_of(row, "actor") or HUB),
            "summary": summary,
            "record_type": row["target_type"],
            # Another person's network address is theirs, not the subject's.
            "from_address": row["ip_address"] if own else None,
        }


def _audit_by(user: User) -> Iterator[dict[str, Any]]:
    # What the person did to others' records or to nobody's: the action, when and the
    # kind of record only. A summary may name the other person.
    rows = AuditEntry.objects.filter(actor=user).exclude(subject=user).order_by("at", "pk")
    for row in rows.values("at", "action", "target_type", "ip_address").iterator(chunk_size=500):
        yield {
            "at": row["at"],
            "action": _label(AuditAction, row["action"]),
            "record_type": row["target_type"],
            "from_address": row["ip_address"],
        }


def export_audit(user: User) -> list[ExportSection]:
    return [
        ExportSection(
            "audit_about_you",
            "The audit trail of your records: who did what to them, and when.",
            _audit_about(user),
        ),
        ExportSection(
            "audit_by_you",
            "What you did on the hub that the audit trail records about other people's "
            "records or none: the action and when, without the other person.",
            _audit_by(user),
        ),
    ]


# --- Copies of the person's data


def _copy_rows(user: User) -> Iterator[dict[str, Any]]:
    rows = AccessExport.objects.filter(Q(subject=user) | Q(requested_by=user)).order_by(
        "requested_at", "pk"
    )
    for row in rows.values(
        "subject_id", *_people("requested_by"), "reason", "status", "requested_at",
        "finished_at", "expires_at",
    ).iterator(chunk_size=500):  # fmt: skip
        yours = row["subject_id"] == user.pk
        asked = row["requested_by__id"] == user.pk
        yield {
            # A copy an administrator produced of someone else's data: not whose.
            "copy_of": "you" if yours else "another person",
            "requested_by": "you" if asked else _name_of(row, "requested_by"),
            # An administrator's reference for a letter is theirs; only the person's own.
            "reason": row["reason"] if yours and asked else "",
            "status": _label(AccessExportStatus, row["status"]),
            "requested_at": row["requested_at"],
            "ready_at": row["finished_at"],
            "expires_at": row["expires_at"],
        }


def export_copies(user: User) -> list[ExportSection]:
    return [
        ExportSection(
            "copies_of_your_data",
            "Each copy of your data asked for, by you or by an administrator (by name), "
            "with when and what became of it; and copies of others' data you produced, "
            "without whose.",
            _copy_rows(user),
        )
    ]


EXPORTERS = {
    "learning.07_invitations": export_invitations,
    "learning.08_sign_in": export_sign_in,
    "learning.09_notifications": export_notifications,
    "learning.10_anonymisation_overrides": export_overrides,
    "learning.11_audit": export_audit,
    "learning.12_copies_of_your_data": export_copies,
}

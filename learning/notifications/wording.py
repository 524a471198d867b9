"""How a notification reads, in one place for the page and the email."""

from __future__ import annotations

from learning.models import NotificationKind

# What the actor did, after their name. The entry itself is named by the caller:
# by its title on the hub, by a link only in an email.
_DID = {
    NotificationKind.COMMENTED: "commented on",
    NotificationKind.REVIEWED: "marked as reviewed",
    NotificationKind.DISCUSSED: "marked as discussed in supervision",
    NotificationKind.SIGNED_OFF: "signed off",
    # To a supervisor, from the author: the hub says this, nothing is emailed.
    NotificationKind.DELETED: "deleted an entry they had shared with you:",
}

# Subject lines: the kind of response, never the entry's title or text.
_SUBJECT = {
    NotificationKind.COMMENTED: "Your supervisor commented on your reflective log entry",
    NotificationKind.REVIEWED: "Your supervisor reviewed your reflective log entry",
    NotificationKind.DISCUSSED: (
        "Your supervisor marked your reflective log entry as discussed in supervision"
    ),
    NotificationKind.SIGNED_OFF: "Your supervisor signed off your reflective log entry",
}


def actor_name(actor) -> str:
    """The supervisor's name; an account since deleted reads as "Your supervisor"."""
    return str(actor) if actor is not None else "Your supervisor"


def did(kind: str) -> str:
    """ "commented on", "signed off"...: what a supervisor (or, for a deletion, the
    author) did to an entry."""
    return _DID[NotificationKind(kind)]


def subject(kind: str) -> str:
    return _SUBJECT[NotificationKind(kind)]

"""Writes for notifications: telling an entry's author that a supervisor responded,
telling supervisors that an entry shared with them was deleted, and marking what a
person has seen as read.

The email says who did what and links to the entry on the hub. It never carries the
entry's title or text, nor the comment: email is less safe than the site, so it says
only that there is something to read there.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from learning.models import Notification, NotificationKind, Profile, ReflectiveEntry
from learning.notifications import wording
from learning.person_facts import forget_person_facts
from learning.reminders.selectors import absolute_url
from learning.tasks import send_notification_email


def wants_email(person) -> bool:
    """Is the person to be emailed about supervisors' responses? Active, with an address,
    and not opted out (an account without a profile keeps the default: yes)."""
    if not person.is_active or not person.email:
        return False
    setting = (
        Profile.objects.filter(user=person)
        .values_list("emails_supervision_activity", flat=True)
        .first()
    )
    return setting is not False


def email_body(*, notification: Notification) -> str:
    """The plain-text email: who did what, when the entry was written, and a link."""
    entry = notification.entry
    link = absolute_url(reverse("reflections:entry_detail", args=[entry.pk]))
    settings_link = absolute_url(reverse("records:reminder_settings"))
    day = timezone.localdate(entry.created_at)
    written = f"{day.day} {day:%B %Y}"
    return (
        f"Hello {notification.recipient.first_name or notification.recipient},\n\n"
        f"{wording.actor_name(notification.actor)} has {wording.did(notification.kind)} "
        f"an entry in your reflective log (the entry you started on {written}).\n\n"
        "Read it on the Safeguarding Learning Hub (you will need to sign in):\n"
        f"{link}\n\n"
        "We do not put what you or your supervisor wrote in emails. You can see every "
        "response on the hub's Notifications page.\n\n"
        "To stop these emails, sign in and change your email settings:\n"
        f"{settings_link}\n"
    )


def _enqueue_email(notification: Notification) -> None:
    send_notification_email.enqueue(
        subject=wording.subject(notification.kind),
        body=email_body(notification=notification),
        to=[notification.recipient.email],
    )


def notify_supervision_action(*, entry: ReflectiveEntry, actor, kind: str) -> Notification | None:
    """Tell the entry's author that `actor` responded to it (`kind`, a NotificationKind):
    one notification on the hub and, if they want emails, one email queued once the
    transaction commits (so a rolled-back action sends nothing). Returns None, and does
    nothing, when the author acted on their own entry."""
    kind = NotificationKind(kind)
    author = entry.author
    if actor is not None and actor.pk == author.pk:
        return None
    notification = Notification.objects.create(
        recipient=author, actor=actor, kind=kind, entry=entry, entry_title=entry.title
    )
    if wants_email(author):
        transaction.on_commit(lambda: _enqueue_email(notification))
    return notification


def notify_entry_deleted(*, title: str, author, supervisors: Iterable) -> list[Notification]:
    """Tell each supervisor an entry was shared with that its author deleted it: one
    notification each on the hub, naming the entry by `title` as it has no row left to
    point at. No email: there is nothing left to read on the hub."""
    people = {person.pk: person for person in supervisors if person.pk != author.pk}
    return Notification.objects.bulk_create(
        Notification(
            recipient=person,
            actor=author,
            kind=NotificationKind.DELETED,
            entry=None,
            entry_title=title[: Notification._meta.get_field("entry_title").max_length],
        )
        for person in people.values()
    )


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (it stays read: opening it again changes nothing)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        forget_person_facts(notification.recipient)
    return notification


def notifications_mark_read_for_entry(*, recipient, entry: ReflectiveEntry | None) -> int:
    """Mark read every notification of the person's about this entry (they have now seen
    it); return how many changed. Anyone but the recipient changes nothing, and no entry
    (a deleted one) matches nothing rather than every deleted entry's notifications."""
    if entry is None:
        return 0
    forget_person_facts(recipient)
    return Notification.objects.filter(
        recipient=recipient, entry=entry, read_at__isnull=True
    ).update(read_at=timezone.now())


def notifications_mark_all_read(*, recipient) -> int:
    """Mark all the person's notifications read; return how many changed."""
    forget_person_facts(recipient)
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).update(
        read_at=timezone.now()
    )

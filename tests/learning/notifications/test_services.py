"""Each supervision action tells the author once, on the hub and (unless they opted
out) by an email that links to the entry and carries none of its text."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from learning.models import EntryStatus, Notification, NotificationKind, Profile, ReviewStatus
from learning.notifications import services as notifications
from learning.reflections import services
from tests.learning.notifications.conftest import BASE_URL, ENTRY_BODY, ENTRY_TITLE
from tests.learning.reflections.factories import make_supervisee, shared_entry

pytestmark = pytest.mark.django_db

COMMENT = "You handled the conversation with her daughter really well."


def comment(entry, supervisor):
    return services.comment_add(entry=entry, author=supervisor, body=COMMENT)


def review(entry, supervisor, status=ReviewStatus.REVIEWED):
    return services.entry_mark_reviewed(
        entry=entry, supervisor=supervisor, status=status, on=timezone.localdate()
    )


def sign_off(entry, supervisor):
    return services.entry_sign_off(entry=entry, supervisor=supervisor)


ACTIONS = {
    NotificationKind.COMMENTED: comment,
    NotificationKind.REVIEWED: review,
    NotificationKind.DISCUSSED: lambda entry, who: review(entry, who, ReviewStatus.DISCUSSED),
    NotificationKind.SIGNED_OFF: sign_off,
}


@pytest.mark.parametrize("kind", list(ACTIONS))
def test_each_action_notifies_the_author_once_and_emails_them_once(
    kind, entry, author, supervisor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ACTIONS[kind](entry, supervisor)

    notification = Notification.objects.get()
    assert (notification.recipient, notification.actor, notification.kind) == (
        author,
        supervisor,
        kind,
    )
    assert notification.entry == entry and notification.read_at is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [author.email]


@pytest.mark.parametrize(
    ("kind", "subject", "sentence"),
    [
        (
            NotificationKind.COMMENTED,
            "Your supervisor commented on your reflective log entry",
            "Rachel Hughes has commented on an entry in your reflective log",
        ),
        (
            NotificationKind.REVIEWED,
            "Your supervisor reviewed your reflective log entry",
            "Rachel Hughes has marked as reviewed an entry in your reflective log",
        ),
        (
            NotificationKind.SIGNED_OFF,
            "Your supervisor signed off your reflective log entry",
            "Rachel Hughes has signed off an entry in your reflective log",
        ),
    ],
)
def test_the_email_says_who_did_what_with_a_link_and_none_of_the_text(
    kind, subject, sentence, entry, supervisor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ACTIONS[kind](entry, supervisor)

    message = mailoutbox[0]
    assert message.subject == subject
    assert message.body.startswith("Hello Jordan,\n")
    assert sentence in message.body
    entry_url = BASE_URL + reverse("reflections:entry_detail", args=[entry.pk])
    assert f"\n{entry_url}\n" in message.body
    assert BASE_URL + reverse("records:reminder_settings") in message.body
    assert not message.alternatives  # plain text only
    for private in (ENTRY_TITLE, ENTRY_BODY, COMMENT, "Mrs B", "daughter"):
        assert private not in message.subject
        assert private not in message.body


def test_an_author_who_opted_out_is_told_on_the_hub_but_not_emailed(
    entry, author, supervisor, mailoutbox, django_capture_on_commit_callbacks
):
    Profile.objects.filter(user=author).update(emails_supervision_activity=False)

    with django_capture_on_commit_callbacks(execute=True):
        comment(entry, supervisor)

    assert Notification.objects.filter(recipient=author).count() == 1
    assert mailoutbox == []


@pytest.mark.parametrize("change", [{"is_active": False}, {"email": ""}])
def test_no_email_to_someone_who_left_or_has_no_address(
    change, entry, author, supervisor, mailoutbox, django_capture_on_commit_callbacks
):
    type(author).objects.filter(pk=author.pk).update(**change)
    entry.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        comment(entry, supervisor)

    assert Notification.objects.count() == 1
    assert mailoutbox == []


def test_the_authors_own_reply_tells_nobody(
    entry, author, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(entry=entry, author=author, body="Thank you, I will.")

    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_marking_it_the_same_way_twice_tells_the_author_once(
    entry, supervisor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review(entry, supervisor)
        review(entry, supervisor)

    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1


def test_changing_reviewed_to_discussed_tells_the_author_again(
    entry, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review(entry, supervisor)
        review(entry, supervisor, ReviewStatus.DISCUSSED)

    assert list(Notification.objects.values_list("kind", flat=True)) == [
        NotificationKind.DISCUSSED,
        NotificationKind.REVIEWED,
    ]


def test_a_refused_action_tells_nobody(
    author, supervisor, mailoutbox, django_capture_on_commit_callbacks
):
    draft = shared_entry(author, supervisor, status=EntryStatus.DRAFT)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        sign_off(draft, supervisor)

    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_signing_off_twice_tells_the_author_once(
    entry, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_off(entry, supervisor)
        with pytest.raises(ValidationError):
            sign_off(entry, supervisor)

    assert Notification.objects.count() == 1


def test_marking_read_touches_only_the_recipients_own(entry, author, supervisor):
    other = make_supervisee(supervisor)
    theirs = shared_entry(other, supervisor)
    comment(entry, supervisor)
    comment(theirs, supervisor)

    assert notifications.notifications_mark_all_read(recipient=author) == 1
    assert notifications.notifications_mark_all_read(recipient=author) == 0
    assert Notification.objects.get(recipient=other).read_at is None


def test_marking_read_for_an_entry_leaves_other_entries_unread(author, supervisor, entry):
    second = shared_entry(author, supervisor)
    comment(entry, supervisor)
    review(entry, supervisor)
    comment(second, supervisor)

    changed = notifications.notifications_mark_read_for_entry(recipient=author, entry=entry)

    assert changed == 2
    assert Notification.objects.get(entry=second).read_at is None

"""Notifications about an entry its author has since deleted: the supervisor is told it
has gone, and every notification about it still reads right, named by the title it had,
marked "(deleted)" and with no link to follow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learning.models import Notification, NotificationKind
from learning.notifications import services as notifications
from learning.reflections import deletion, services
from tests.learning.notifications.conftest import ENTRY_TITLE

pytestmark = pytest.mark.django_db

LIST_URL = "/notifications/"


@pytest.fixture
def deleted(entry, author, supervisor):
    """The supervisor commented, then the author deleted the entry."""
    services.comment_add(entry=entry, author=supervisor, body="Well done.")
    deletion.entry_delete(entry=entry, author=author)
    return entry


def test_a_response_keeps_the_entry_title(entry, supervisor):
    services.comment_add(entry=entry, author=supervisor, body="Well done.")

    assert Notification.objects.get(kind=NotificationKind.COMMENTED).entry_title == ENTRY_TITLE


def test_the_supervisor_is_told_without_a_link(client, deleted, supervisor):
    client.force_login(supervisor)

    response = client.get(LIST_URL)

    body = response.content.decode()
    assert response.status_code == 200
    assert (
        f"Jordan Ellis deleted an entry they had shared with you: {ENTRY_TITLE} (deleted)" in body
    )
    told = Notification.objects.get(recipient=supervisor, kind=NotificationKind.DELETED)
    assert reverse("notifications:open", args=[told.pk]) not in body
    assert "You have 1 unread notification." in body


def test_the_authors_earlier_notifications_still_list(client, deleted, author):
    client.force_login(author)

    response = client.get(LIST_URL)

    body = response.content.decode()
    assert response.status_code == 200
    assert f"Rachel Hughes commented on {ENTRY_TITLE} (deleted)" in body
    earlier = Notification.objects.get(recipient=author)
    assert reverse("notifications:open", args=[earlier.pk]) not in body
    assert reverse("reflections:entry_detail", args=[deleted.pk]) not in body


def test_a_notification_from_before_titles_were_kept_still_reads(client, author, supervisor):
    Notification.objects.create(
        recipient=supervisor, actor=author, kind=NotificationKind.DELETED, entry=None
    )
    client.force_login(supervisor)

    body = client.get(LIST_URL).content.decode()

    assert "Jordan Ellis deleted an entry they had shared with you: an entry (deleted)" in body


def test_opening_one_marks_it_read_and_stays_on_the_list(client, deleted, supervisor):
    told = Notification.objects.get(recipient=supervisor)
    client.force_login(supervisor)

    response = client.get(reverse("notifications:open", args=[told.pk]), follow=True)

    assert response.redirect_chain == [(LIST_URL, 302)]
    assert "That entry has been deleted, so there is nothing to open." in (
        response.content.decode()
    )
    told.refresh_from_db()
    assert told.read_at is not None


def test_no_entry_marks_nothing_read(deleted, author):
    assert notifications.notifications_mark_read_for_entry(recipient=author, entry=None) == 0
    assert Notification.objects.get(recipient=author).read_at is None


def test_mark_all_read_clears_them(client, deleted, supervisor):
    client.force_login(supervisor)

    client.post(reverse("notifications:mark_all_read"))

    assert not Notification.objects.filter(recipient=supervisor, read_at__isnull=True).exists()

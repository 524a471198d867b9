"""The Notifications page: a person's own notifications, newest first; opening one
marks it read and goes to the entry; "Mark all as read" is a POST; the unread count
for the header."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from learning.models import Notification, NotificationKind, ReviewStatus
from learning.reflections import services
from tests.learning.notifications.conftest import ENTRY_TITLE
from tests.learning.reflections.factories import make_supervisee, shared_entry

pytestmark = pytest.mark.django_db

LIST_URL = "/notifications/"
MARK_ALL_URL = "/notifications/mark-all-read/"


@pytest.fixture
def responded(entry, supervisor):
    """The supervisor commented, then marked the entry reviewed."""
    services.comment_add(entry=entry, author=supervisor, body="Well done.")
    services.entry_mark_reviewed(
        entry=entry, supervisor=supervisor, status=ReviewStatus.REVIEWED, on=timezone.localdate()
    )
    return entry


@pytest.fixture
def someone_elses(supervisor):
    other = make_supervisee(supervisor, first_name="Sam", last_name="Other")
    theirs = shared_entry(other, supervisor, title="Sam's private thoughts")
    services.comment_add(entry=theirs, author=supervisor, body="Noted.")
    return Notification.objects.get(recipient=other)


def test_the_addresses():
    assert reverse("notifications:list") == LIST_URL
    assert reverse("notifications:mark_all_read") == MARK_ALL_URL
    assert reverse("notifications:open", args=[7]) == "/notifications/7/"


def test_lists_only_the_persons_own_newest_first(client, author, responded, someone_elses):
    client.force_login(author)

    response = client.get(LIST_URL)

    body = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert '<h1 class="govuk-heading-xl">Notifications</h1>' in body
    reviewed = body.index("Rachel Hughes marked as reviewed")
    commented = body.index("Rachel Hughes commented on")
    assert reviewed < commented
    assert body.count(ENTRY_TITLE) == 2
    assert "You have 2 unread notifications." in body
    assert "Sam&#x27;s private thoughts" not in body and "Sam's private thoughts" not in body
    assert reverse("notifications:open", args=[someone_elses.pk]) not in body


def test_says_so_when_there_are_none(client, author):
    client.force_login(author)

    body = client.get(LIST_URL).content.decode()

    assert "You have no notifications." in body
    assert "Mark all as read" not in body


def test_opening_one_marks_the_entrys_notifications_read_and_goes_to_it(client, author, responded):
    client.force_login(author)
    first = Notification.objects.filter(recipient=author).first()

    response = client.get(reverse("notifications:open", args=[first.pk]))

    assert response.status_code == 302
    assert response.url == reverse("reflections:entry_detail", args=[responded.pk])
    assert not Notification.objects.filter(recipient=author, read_at__isnull=True).exists()
    assert client.get(response.url).status_code == 200


def test_an_entry_no_longer_shared_is_still_reached_by_its_author(
    client, author, supervisor, responded
):
    services.entry_withdraw_share(entry=responded, author=author)
    client.force_login(author)
    notification = Notification.objects.filter(recipient=author).first()

    response = client.get(reverse("notifications:open", args=[notification.pk]), follow=True)

    assert response.status_code == 200
    assert ENTRY_TITLE in response.content.decode()


def test_someone_elses_notification_is_not_found_and_stays_unread(client, author, someone_elses):
    client.force_login(author)

    response = client.get(reverse("notifications:open", args=[someone_elses.pk]))

    assert response.status_code == 404
    someone_elses.refresh_from_db()
    assert someone_elses.read_at is None


def test_no_such_notification_is_not_found(client, author):
    client.force_login(author)

    assert client.get(reverse("notifications:open", args=[999999])).status_code == 404


def test_mark_all_as_read_marks_only_the_persons_own(client, author, responded, someone_elses):
    client.force_login(author)

    response = client.post(MARK_ALL_URL)

    assert response.status_code == 302 and response.url == LIST_URL
    assert not Notification.objects.filter(recipient=author, read_at__isnull=True).exists()
    someone_elses.refresh_from_db()
    assert someone_elses.read_at is None
    body = client.get(LIST_URL).content.decode()
    assert "All your notifications are marked as read." in body
    assert "You have read all your notifications." in body
    assert "Mark all as read" not in body


def test_mark_all_as_read_refuses_a_get(client, author, responded):
    client.force_login(author)

    response = client.get(MARK_ALL_URL)

    assert response.status_code == 405
    assert Notification.objects.filter(recipient=author, read_at__isnull=True).count() == 2


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", LIST_URL), ("get", "/notifications/1/"), ("post", MARK_ALL_URL)],
)
def test_signed_out_visitors_are_sent_to_sign_in(client, method, url):
    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_post_to_the_list_is_refused(client, author):
    client.force_login(author)

    assert client.post(LIST_URL).status_code == 405


class TestUnreadCount:
    TEMPLATE = Template('{% include "learning/notifications/header_link.html" %}')

    def render(self, user) -> str:
        request = RequestFactory().get("/")
        request.user = user
        return self.TEMPLATE.render(Context({"request": request}))

    def test_the_header_link_shows_the_unread_count(self, author, responded):
        html = self.render(author)

        assert f'href="{LIST_URL}"' in html
        assert '>2<span class="govuk-visually-hidden"> unread</span>' in html

    def test_no_count_once_all_are_read(self, author, responded):
        Notification.objects.update(read_at=timezone.now())

        html = self.render(author)

        assert "Notifications" in html and "unread" not in html

    def test_nothing_for_a_signed_out_visitor(self):
        from django.contrib.auth.models import AnonymousUser

        assert self.render(AnonymousUser()).strip() == ""

    def test_the_home_page_line_counts_in_words(self, author, responded):
        request = RequestFactory().get("/")
        request.user = author
        html = Template('{% include "learning/notifications/unread_banner.html" %}').render(
            Context({"request": request})
        )

        assert "You have 2 unread notifications</a> from your supervisor." in html


def test_kinds_read_in_plain_words(entry, supervisor):
    from learning.notifications import wording

    assert [wording.did(kind) for kind in NotificationKind] == [
        "commented on",
        "marked as reviewed",
        "marked as discussed in supervision",
        "signed off",
        "deleted an entry they had shared with you:",
    ]
    assert wording.actor_name(None) == "Your supervisor"


def test_the_home_page_says_how_many_are_unread_and_reading_the_entry_clears_them(
    client, author, supervisor, responded
):
    client.force_login(author)
    home = client.get("/")
    assert "You have 2 unread notifications" in home.content.decode()

    # The supervisor opening the entry reads nothing of the author's.
    client.force_login(supervisor)
    assert client.get(f"/reflections/{responded.pk}/").status_code == 200
    assert Notification.objects.filter(recipient=author, read_at__isnull=True).count() == 2

    # The author seeing the entry, from the log or an email, has seen what was done.
    client.force_login(author)
    assert client.get(f"/reflections/{responded.pk}/").status_code == 200
    assert not Notification.objects.filter(recipient=author, read_at__isnull=True).exists()
    assert "unread notification" not in client.get("/").content.decode()

"""An author deletes their own reflective entry: every version, comment and share goes,
each supervisor it is shared with now is told once on the hub, and a signed-off entry
is refused until the signing supervisor reopens it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from learning.models import (
    AuditAction,
    AuditEntry,
    EntryComment,
    EntryShare,
    EntryStatus,
    Notification,
    NotificationKind,
    ReflectiveEntry,
    ReflectiveEntryVersion,
)
from learning.reflections import deletion, services
from tests.learning.reflections.factories import make_entry, make_supervisor, shared_entry

pytestmark = pytest.mark.django_db


def delete_url(entry) -> str:
    return reverse("reflections:reflection_delete", args=[entry.pk])


@pytest.fixture
def second_supervisor(author):
    person = make_supervisor(first_name="Priya", last_name="Shah")
    author.profile.supervisors.add(person)
    return person


@pytest.fixture
def discussed(author, supervisor, second_supervisor):
    """Final, edited twice, shared with two supervisors, one comment and one reply, and
    a share withdrawn from a third supervisor."""
    entry = shared_entry(
        author, supervisor, title="Mrs B and the door", body="First go.", status=EntryStatus.FINAL
    )
    services.entry_update(entry=entry, author=author, title=entry.title, body="Second go.")
    services.entry_update(entry=entry, author=author, title=entry.title, body="Third go.")
    services.entry_share(entry=entry, author=author, supervisors=[second_supervisor])
    services.comment_add(entry=entry, author=supervisor, body="Did she agree?")
    services.comment_add(entry=entry, author=author, body="She did.")
    former = make_supervisor(first_name="Old", last_name="Manager")
    author.profile.supervisors.add(former)
    services.entry_share(entry=entry, author=author, supervisors=[former])
    services.entry_withdraw_share(entry=entry, author=author, supervisors=[former])
    return entry


# ---------------------------------------------------------------------------
# The service
# ---------------------------------------------------------------------------


def test_what_it_would_remove(discussed, supervisor, second_supervisor):
    removing = deletion.entry_deletion(discussed)

    assert removing.earlier_versions == 2
    assert removing.comments == 2
    assert {person.pk for person in removing.supervisors} == {supervisor.pk, second_supervisor.pk}


def test_removes_the_entry_its_versions_comments_and_shares(discussed, author):
    other = make_entry(author, title="Another entry")
    entry_id = discussed.pk

    deletion.entry_delete(entry=discussed, author=author)

    assert not ReflectiveEntry.objects.filter(pk=entry_id).exists()
    assert not ReflectiveEntryVersion.objects.filter(entry_id=entry_id).exists()
    assert not EntryComment.objects.filter(entry_id=entry_id).exists()
    assert not EntryShare.objects.filter(entry_id=entry_id).exists()
    # Nothing of the author's other entries goes with it.
    assert ReflectiveEntry.objects.filter(pk=other.pk).exists()
    assert ReflectiveEntryVersion.objects.filter(entry=other).count() == 1


def test_tells_each_supervisor_it_is_shared_with_now_once(
    discussed, author, supervisor, second_supervisor
):
    deletion.entry_delete(entry=discussed, author=author)

    told = Notification.objects.filter(kind=NotificationKind.DELETED)
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        [supervisor.pk, second_supervisor.pk]
    )
    for notification in told:
        assert notification.actor_id == author.pk
        assert notification.entry_id is None
        assert notification.entry_title == "Mrs B and the door"
    # The supervisor whose share was withdrawn is not told.
    assert told.count() == 2


def test_earlier_notifications_keep_the_title_and_lose_the_link(discussed, author, supervisor):
    commented = Notification.objects.get(recipient=author, kind=NotificationKind.COMMENTED)
    assert commented.entry_title == "Mrs B and the door"

    deletion.entry_delete(entry=discussed, author=author)

    commented.refresh_from_db()
    assert commented.entry_id is None
    assert commented.entry_title == "Mrs B and the door"


def test_an_unshared_draft_tells_nobody(author):
    entry = make_entry(author, title="Just for me")

    removed = deletion.entry_delete(entry=entry, author=author)

    assert removed.supervisors == [] and removed.earlier_versions == 0
    assert not Notification.objects.exists()
    assert not ReflectiveEntry.objects.exists()


def test_only_the_author(discussed, supervisor):
    with pytest.raises(PermissionDenied):
        deletion.entry_delete(entry=discussed, author=supervisor)

    assert ReflectiveEntry.objects.filter(pk=discussed.pk).exists()


def test_refuses_a_signed_off_entry_and_changes_nothing(discussed, author, supervisor):
    services.entry_sign_off(entry=discussed, supervisor=supervisor)
    audit_before = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as refused:
        deletion.entry_delete(entry=discussed, author=author)

    assert refused.value.code == "locked"
    assert ReflectiveEntry.objects.filter(pk=discussed.pk).exists()
    assert ReflectiveEntryVersion.objects.filter(entry=discussed).count() == 3
    assert not Notification.objects.filter(kind=NotificationKind.DELETED).exists()
    assert AuditEntry.objects.count() == audit_before


def test_refuses_on_the_fresh_state_not_a_stale_object(discussed, author, supervisor):
    stale = ReflectiveEntry.objects.get(pk=discussed.pk)
    services.entry_sign_off(entry=discussed, supervisor=supervisor)

    with pytest.raises(ValidationError):
        deletion.entry_delete(entry=stale, author=author)

    assert stale.is_locked


def test_allowed_once_reopened(discussed, author, supervisor):
    services.entry_sign_off(entry=discussed, supervisor=supervisor)
    services.entry_reopen(entry=discussed, supervisor=supervisor)

    deletion.entry_delete(entry=discussed, author=author)

    assert not ReflectiveEntry.objects.filter(pk=discussed.pk).exists()


def test_records_one_audit_entry_naming_the_entry_without_its_title_or_text(discussed, author):
    entry_id = str(discussed.pk)

    deletion.entry_delete(entry=discussed, author=author)

    audit = AuditEntry.objects.get(action=AuditAction.ENTRY_DELETED)
    assert (audit.actor_id, audit.subject_id) == (author.pk, author.pk)
    assert (audit.target_type, audit.target_id) == ("learning.reflectiveentry", entry_id)
    assert audit.detail["earlier_versions"] == 2 and audit.detail["comments"] == 2
    # The log outlives erasure, so it holds nothing the author wrote, not even the title.
    assert "Mrs B and the door" not in audit.summary + str(audit.detail)
    assert "Third go" not in audit.summary + str(audit.detail)


# ---------------------------------------------------------------------------
# The pages
# ---------------------------------------------------------------------------


def test_the_entry_page_offers_deletion_to_its_author_only(client, discussed, author, supervisor):
    client.force_login(author)
    page = client.get(reverse("reflections:entry_detail", args=[discussed.pk])).content.decode()
    assert f'href="{delete_url(discussed)}">Delete entry</a>' in page
    assert "govuk-button--warning" in page

    client.force_login(supervisor)
    page = client.get(reverse("reflections:entry_detail", args=[discussed.pk])).content.decode()
    assert delete_url(discussed) not in page


def test_a_signed_off_entry_page_offers_no_deletion(client, discussed, author, supervisor):
    services.entry_sign_off(entry=discussed, supervisor=supervisor)
    client.force_login(author)

    page = client.get(reverse("reflections:entry_detail", args=[discussed.pk])).content.decode()

    assert delete_url(discussed) not in page


def test_the_confirmation_names_what_will_go(client, discussed, author):
    client.force_login(author)

    response = client.get(delete_url(discussed))

    body = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Are you sure you want to delete “Mrs B and the door”?" in body
    assert "2 earlier versions of its text" in body
    assert "2 comments on it" in body
    assert "It is shared with Rachel Hughes and Priya Shah." in body
    assert "Old Manager" not in body
    assert '<form method="post" novalidate>' in body
    # Showing the page deletes nothing.
    assert ReflectiveEntry.objects.filter(pk=discussed.pk).exists()


def test_the_confirmation_of_a_private_draft(client, author):
    entry = make_entry(author, title="Just for me")
    client.force_login(author)

    body = client.get(delete_url(entry)).content.decode()

    assert "no earlier versions" in body
    assert "no comments" in body
    assert "It is not shared with anyone" in body


def test_posting_deletes_and_goes_back_to_the_log(client, discussed, author):
    client.force_login(author)

    response = client.post(delete_url(discussed), follow=True)

    assert response.redirect_chain == [(reverse("reflections:entry_list"), 302)]
    body = response.content.decode()
    assert "“Mrs B and the door” has been deleted" in body
    assert "We have told Rachel Hughes, Priya Shah it has gone." in body
    assert not ReflectiveEntry.objects.filter(pk=discussed.pk).exists()
    # Their last entry gone, the log does not claim they never wrote one.
    assert "Your reflective log has no entries." in body


def test_others_get_404_and_nothing_goes(client, discussed, supervisor, second_supervisor):
    outsider = make_supervisor(first_name="Not", last_name="Theirs")
    for person in (supervisor, second_supervisor, outsider):
        client.force_login(person)
        assert client.get(delete_url(discussed)).status_code == 404
        assert client.post(delete_url(discussed)).status_code == 404

    assert ReflectiveEntry.objects.filter(pk=discussed.pk).exists()


def test_signed_off_is_refused_with_the_reason(client, discussed, author, supervisor):
    services.entry_sign_off(entry=discussed, supervisor=supervisor)
    client.force_login(author)

    for response in (
        client.get(delete_url(discussed), follow=True),
        client.post(delete_url(discussed), follow=True),
    ):
        assert response.redirect_chain[-1][0] == reverse(
            "reflections:entry_detail", args=[discussed.pk]
        )
        assert "so it cannot be deleted" in response.content.decode()

    assert ReflectiveEntry.objects.filter(pk=discussed.pk).exists()


def test_a_post_without_the_csrf_token_is_refused(discussed, author):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(author)

    response = client.post(delete_url(discussed))

    assert response.status_code == 403
    assert ReflectiveEntry.objects.filter(pk=discussed.pk).exists()


def test_other_methods_are_refused(client, discussed, author):
    client.force_login(author)

    assert client.put(delete_url(discussed)).status_code == 405
    assert client.delete(delete_url(discussed)).status_code == 405
    assert ReflectiveEntry.objects.filter(pk=discussed.pk).exists()


def test_a_signed_out_visitor_is_sent_to_sign_in(client, discussed):
    response = client.post(delete_url(discussed))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert ReflectiveEntry.objects.filter(pk=discussed.pk).exists()

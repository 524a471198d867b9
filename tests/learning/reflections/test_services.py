"""Writes to the reflective log: entries and their versions, sharing, comments,
review, sign-off and reopening."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning.models import (
    EntryShare,
    EntryStatus,
    EntryStructure,
    Principle,
    ReflectiveEntryVersion,
    ReviewStatus,
)
from learning.reflections import services
from tests.learning.reflections.factories import (
    make_entry,
    make_supervisee,
    make_supervisor,
    shared_entry,
)

pytestmark = pytest.mark.django_db


def _codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


class TestEntryCreate:
    def test_free_entry_is_a_private_draft_with_version_one(self, author):
        entry = services.entry_create(author=author, title="  After the visit ", body="Notes")

        assert entry.title == "After the visit"
        assert entry.status == EntryStatus.DRAFT
        assert entry.structure == EntryStructure.FREE
        assert entry.page is None and entry.question_id == "" and entry.question_text == ""
        versions = list(entry.versions.values_list("number", "title", "body"))
        assert versions == [(1, "After the visit", "Notes")]
        assert not EntryShare.objects.filter(entry=entry).exists()

    def test_question_text_and_principle_are_copied_from_the_page(
        self, author, learning_page, question
    ):
        entry = services.entry_create(
            author=author,
            title="On listening",
            body="Body",
            page=learning_page,
            question_id=question["id"],
            structure=EntryStructure.GIBBS,
        )

        assert entry.question_text == question["text"]
        assert entry.principle.slug == "empowerment"
        assert entry.page_id == learning_page.pk
        assert entry.structure == EntryStructure.GIBBS

    def test_question_text_survives_the_page_changing(self, author, learning_page, question):
        entry = services.entry_create(
            author=author, title="T", body="B", page=learning_page, question_id=question["id"]
        )
        learning_page.reflective_questions[0].value["text"] = "A reworded question?"
        learning_page.save_revision().publish()

        entry.refresh_from_db()
        assert entry.question_text == question["text"]

    def test_unknown_question_is_refused(self, author, learning_page):
        with pytest.raises(ValidationError) as caught:
            services.entry_create(
                author=author, title="T", body="B", page=learning_page, question_id="not-an-id"
            )
        assert _codes(caught.value) == {"unknown_question"}

    def test_question_without_a_page_is_refused(self, author, question):
        with pytest.raises(ValidationError):
            services.entry_create(author=author, title="T", body="B", question_id=question["id"])

    def test_against_a_principle(self, author):
        principle = Principle.objects.get(slug="proportionality")
        entry = services.entry_create(author=author, title="T", body="B", principle=principle)
        assert entry.principle == principle

    @pytest.mark.parametrize(
        ("title", "body", "code"),
        [
            ("T", "   ", "required"),
            ("", "B", "required"),
            ("T", "x" * 20_001, "max_length"),
            ("x" * 201, "B", "max_length"),
        ],
        ids=["empty-body", "empty-title", "long-body", "long-title"],
    )
    def test_bad_text_is_refused(self, author, title, body, code):
        with pytest.raises(ValidationError) as caught:
            services.entry_create(author=author, title=title, body=body)
        assert code in _codes(caught.value)

    def test_body_of_exactly_the_limit_is_accepted(self, author):
        entry = services.entry_create(author=author, title="T", body="x" * 20_000)
        assert len(entry.body) == 20_000

    def test_unknown_status_is_refused(self, author):
        with pytest.raises(ValidationError):
            services.entry_create(author=author, title="T", body="B", status="published")


class TestEntryUpdate:
    def test_each_save_keeps_the_previous_text_as_a_version(self, author):
        entry = make_entry(author, title="First", body="One")

        services.entry_update(entry=entry, author=author, title="Second", body="Two")
        services.entry_update(
            entry=entry, author=author, title="Third", body="Three", status=EntryStatus.FINAL
        )

        entry.refresh_from_db()
        assert (entry.title, entry.body, entry.status) == ("Third", "Three", EntryStatus.FINAL)
        assert list(entry.versions.values_list("number", "title", "body")) == [
            (1, "First", "One"),
            (2, "Second", "Two"),
            (3, "Third", "Three"),
        ]

    def test_only_the_author_may_edit(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        with pytest.raises(PermissionDenied):
            services.entry_update(entry=entry, author=supervisor, title="Mine", body="Now")
        entry.refresh_from_db()
        assert entry.title == "What I took from it"

    def test_a_locked_entry_is_refused_and_unchanged(self, author, supervisor):
        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        services.entry_sign_off(entry=entry, supervisor=supervisor)

        with pytest.raises(ValidationError) as caught:
            services.entry_update(entry=entry, author=author, title="Changed", body="Changed")

        assert _codes(caught.value) == {"locked"}
        entry.refresh_from_db()
        assert entry.title == "What I took from it"
        assert entry.versions.count() == 1

    def test_lock_is_checked_against_the_database_not_a_stale_object(self, author, supervisor):
        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        stale = type(entry).objects.get(pk=entry.pk)
        services.entry_sign_off(entry=entry, supervisor=supervisor)

        with pytest.raises(ValidationError):
            services.entry_update(entry=stale, author=author, title="Changed", body="Changed")
        assert stale.is_locked  # the caller's object now shows the lock

    def test_empty_body_is_refused_and_nothing_saved(self, author):
        entry = make_entry(author)
        with pytest.raises(ValidationError):
            services.entry_update(entry=entry, author=author, title="T", body="")
        assert ReflectiveEntryVersion.objects.filter(entry=entry).count() == 1


class TestSharing:
    def test_share_with_own_supervisor_emails_them_once(
        self, author, supervisor, django_capture_on_commit_callbacks
    ):
        entry = make_entry(author, title="Something private about Mrs B")

        with django_capture_on_commit_callbacks(execute=True):
            shares = services.entry_share(
                entry=entry, author=author, supervisors=[supervisor], link_base="https://hub.test"
            )
        with django_capture_on_commit_callbacks(execute=True):
            again = services.entry_share(entry=entry, author=author, supervisors=[supervisor])

        assert [share.supervisor for share in shares] == [supervisor]
        assert again == []
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [supervisor.email]
        assert f"https://hub.test/reflections/{entry.pk}/" in message.body
        # The email points at the entry; it never carries what was written.
        assert "Mrs B" not in message.body + message.subject
        assert "listened" not in message.body

    def test_no_email_when_the_share_is_rolled_back(
        self, author, supervisor, django_capture_on_commit_callbacks
    ):
        from django.db import transaction

        entry = make_entry(author)
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            services.entry_share(entry=entry, author=author, supervisors=[supervisor])
            raise RuntimeError("something later failed")
        assert mail.outbox == []
        assert not EntryShare.objects.exists()

    def test_only_own_supervisors(self, author):
        someone_else = make_supervisor()
        entry = make_entry(author)
        with pytest.raises(ValidationError) as caught:
            services.entry_share(entry=entry, author=author, supervisors=[someone_else])
        assert _codes(caught.value) == {"not_supervisor"}
        assert not EntryShare.objects.exists()

    def test_only_the_author_shares(self, author, supervisor):
        entry = make_entry(author)
        with pytest.raises(PermissionDenied):
            services.entry_share(entry=entry, author=supervisor, supervisors=[supervisor])

    def test_nobody_chosen_is_refused(self, author):
        with pytest.raises(ValidationError):
            services.entry_share(entry=make_entry(author), author=author, supervisors=[])

    def test_withdraw_keeps_a_dated_record_and_can_be_shared_again(
        self, author, supervisor, django_capture_on_commit_callbacks
    ):
        entry = shared_entry(author, supervisor)

        assert services.entry_withdraw_share(entry=entry, author=author) == 1
        share = EntryShare.objects.get(entry=entry)
        assert share.withdrawn_at is not None

        with django_capture_on_commit_callbacks(execute=True):
            services.entry_share(entry=entry, author=author, supervisors=[supervisor])
        assert EntryShare.objects.filter(entry=entry).count() == 2
        assert EntryShare.objects.filter(entry=entry, withdrawn_at__isnull=True).count() == 1
        assert len(mail.outbox) == 1  # a new share is news again

    def test_withdraw_from_one_supervisor_only(self, author, supervisor):
        second = make_supervisor()
        author.profile.supervisors.add(second)
        entry = make_entry(author)
        services.entry_share(entry=entry, author=author, supervisors=[supervisor, second])

        services.entry_withdraw_share(entry=entry, author=author, supervisors=[second])

        active = EntryShare.objects.filter(entry=entry, withdrawn_at__isnull=True)
        assert [share.supervisor for share in active] == [supervisor]

    def test_only_the_author_withdraws(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        with pytest.raises(PermissionDenied):
            services.entry_withdraw_share(entry=entry, author=supervisor)


class TestComments:
    def test_comment_points_at_the_version_read(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        first = services.comment_add(entry=entry, author=supervisor, body="Good start")
        services.entry_update(entry=entry, author=author, title="T2", body="B2")
        reply = services.comment_add(entry=entry, author=author, body="Thanks, I added more")

        assert first.entry_version.number == 1
        assert first.entry_version.body == "I *listened* more carefully."
        assert reply.entry_version.number == 2

    def test_supervisor_cannot_comment_on_an_unshared_entry(self, author, supervisor):
        entry = make_entry(author)
        with pytest.raises(PermissionDenied):
            services.comment_add(entry=entry, author=supervisor, body="Hello")

    def test_supervisor_cannot_comment_after_the_share_is_withdrawn(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        services.entry_withdraw_share(entry=entry, author=author)
        with pytest.raises(PermissionDenied):
            services.comment_add(entry=entry, author=supervisor, body="Hello")

    def test_author_replies_only_while_it_is_shared(self, author, supervisor):
        entry = make_entry(author)
        with pytest.raises(PermissionDenied):
            services.comment_add(entry=entry, author=author, body="Talking to myself")

    def test_another_supervisor_cannot_comment(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        with pytest.raises(PermissionDenied):
            services.comment_add(entry=entry, author=make_supervisor(), body="Hello")

    @pytest.mark.parametrize("body", ["", "   ", "x" * 5001], ids=["empty", "blank", "long"])
    def test_bad_comment_is_refused(self, author, supervisor, body):
        entry = shared_entry(author, supervisor)
        with pytest.raises(ValidationError):
            services.comment_add(entry=entry, author=supervisor, body=body)
        assert not entry.comments.exists()


class TestReview:
    def test_mark_discussed_with_a_date(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        today = timezone.localdate()

        services.entry_mark_reviewed(
            entry=entry, supervisor=supervisor, status=ReviewStatus.DISCUSSED, on=today
        )

        entry.refresh_from_db()
        assert entry.review_status == ReviewStatus.DISCUSSED
        assert entry.reviewed_on == today
        assert entry.reviewed_by == supervisor

    def test_future_date_is_refused(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        with pytest.raises(ValidationError):
            services.entry_mark_reviewed(
                entry=entry,
                supervisor=supervisor,
                status=ReviewStatus.REVIEWED,
                on=timezone.localdate() + timedelta(days=1),
            )

    def test_date_before_the_entry_was_written_is_refused(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        with pytest.raises(ValidationError):
            services.entry_mark_reviewed(
                entry=entry,
                supervisor=supervisor,
                status=ReviewStatus.REVIEWED,
                on=timezone.localdate() - timedelta(days=3),
            )

    def test_unknown_status_is_refused(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        with pytest.raises(ValidationError):
            services.entry_mark_reviewed(
                entry=entry, supervisor=supervisor, status="", on=timezone.localdate()
            )

    def test_the_author_cannot_review_their_own_entry(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        with pytest.raises(PermissionDenied):
            services.entry_mark_reviewed(
                entry=entry, supervisor=author, status="reviewed", on=timezone.localdate()
            )

    def test_a_supervisor_no_longer_named_loses_access(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        author.profile.supervisors.remove(supervisor)
        with pytest.raises(PermissionDenied):
            services.entry_mark_reviewed(
                entry=entry, supervisor=supervisor, status="reviewed", on=timezone.localdate()
            )


class TestSignOff:
    def test_sign_off_locks_and_only_the_signer_reopens(self, author, supervisor):
        second = make_supervisor()
        author.profile.supervisors.add(second)
        entry = make_entry(author, status=EntryStatus.FINAL)
        services.entry_share(entry=entry, author=author, supervisors=[supervisor, second])

        services.entry_sign_off(entry=entry, supervisor=supervisor)
        entry.refresh_from_db()
        assert entry.is_locked and entry.signed_off_by == supervisor

        with pytest.raises(PermissionDenied):
            services.entry_reopen(entry=entry, supervisor=second)
        with pytest.raises(PermissionDenied):
            services.entry_reopen(entry=entry, supervisor=author)
        entry.refresh_from_db()
        assert entry.is_locked

        services.entry_reopen(entry=entry, supervisor=supervisor)
        entry.refresh_from_db()
        assert not entry.is_locked and entry.signed_off_by is None
        services.entry_update(entry=entry, author=author, title="Editable", body="Again")

    def test_a_draft_cannot_be_signed_off(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        with pytest.raises(ValidationError) as caught:
            services.entry_sign_off(entry=entry, supervisor=supervisor)
        assert _codes(caught.value) == {"draft"}

    def test_signing_off_twice_is_refused(self, author, supervisor):
        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        services.entry_sign_off(entry=entry, supervisor=supervisor)
        with pytest.raises(ValidationError):
            services.entry_sign_off(entry=entry, supervisor=supervisor)

    def test_unshared_entry_cannot_be_signed_off(self, author, supervisor):
        entry = make_entry(author, status=EntryStatus.FINAL)
        with pytest.raises(PermissionDenied):
            services.entry_sign_off(entry=entry, supervisor=supervisor)

    def test_reopening_an_open_entry_is_refused(self, author, supervisor):
        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        with pytest.raises(ValidationError):
            services.entry_reopen(entry=entry, supervisor=supervisor)

    def test_someone_elses_supervisee_is_not_signed_off(self, author, supervisor):
        other_supervisor = make_supervisor()
        other_person = make_supervisee(other_supervisor)
        entry = shared_entry(other_person, other_supervisor, status=EntryStatus.FINAL)
        with pytest.raises(PermissionDenied):
            services.entry_sign_off(entry=entry, supervisor=supervisor)

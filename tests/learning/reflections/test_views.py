"""The reflective log through the site: writing, reading, sharing, comments, review,
sign-off, and the link from a page's reflective question."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning.models import (
    EntryComment,
    EntryShare,
    EntryStatus,
    ReflectiveEntry,
    ReviewStatus,
)
from learning.next_steps import next_steps_for
from learning.reflections import services
from learning.reflections.forms import UNKNOWN_QUESTION
from tests.learning.reflections.factories import (
    make_entry,
    make_supervisee,
    make_supervisor,
    shared_entry,
)

pytestmark = pytest.mark.django_db


def _url(name: str, entry=None) -> str:
    return reverse(f"reflections:{name}", args=[entry.pk] if entry is not None else [])


def _signed_in(client, user):
    client.force_login(user)
    return client


class TestLog:
    def test_lists_only_the_authors_own_entries(self, client, author, supervisor):
        make_entry(author, title="Mine about Mrs B")
        make_entry(make_supervisee(supervisor), title="A colleague's entry")

        response = _signed_in(client, author).get(_url("entry_list"))

        assert response.status_code == 200
        body = response.content.decode()
        assert "Mine about Mrs B" in body
        assert "A colleague&#x27;s entry" not in body and "A colleague's entry" not in body
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]

    def test_anonymous_visitors_are_sent_to_sign_in(self, client):
        response = client.get(_url("entry_list"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


class TestWriting:
    def test_new_entry_for_a_question_shows_the_question(
        self, client, author, learning_page, question
    ):
        response = _signed_in(client, author).get(
            _url("entry_create"), {"page": learning_page.pk, "question": question["id"]}
        )

        assert response.status_code == 200
        body = response.content.decode()
        assert question["text"] in body
        assert f'value="{question["id"]}"' in body
        assert "Reflecting on Listening to Mrs B" in body
        # Switching structure posts the same form, so the page and question go with it.
        assert f'name="page" value="{learning_page.pk}"' in body
        assert 'name="switch_structure" value="gibbs"' in body

    def test_choosing_gibbs_prefills_the_headings(self, client, author):
        response = _signed_in(client, author).get(_url("entry_create"), {"structure": "gibbs"})

        form = response.context["form"]
        assert form.initial["body"].startswith("# Description\n")
        assert "# Action plan" in form.initial["body"]
        assert form.initial["structure"] == "gibbs"
        assert "# Description" in response.content.decode()

    def test_unknown_question_on_the_link_warns_rather_than_fails(
        self, client, author, learning_page
    ):
        response = _signed_in(client, author).get(
            _url("entry_create"), {"page": learning_page.pk, "question": "gone"}
        )
        assert response.status_code == 200
        assert "We could not find that reflective question" in response.content.decode()
        assert response.context["form"].initial["question"] == ""

    @pytest.mark.parametrize("page", ["x", "0", "99999999999999999999"])
    def test_nonsense_page_on_the_link_warns(self, client, author, page):
        response = _signed_in(client, author).get(_url("entry_create"), {"page": page})
        assert response.status_code == 200
        assert "We could not find the page" in response.content.decode()

    def test_saving_a_question_entry(self, client, author, learning_page, question):
        response = _signed_in(client, author).post(
            _url("entry_create"),
            {
                "title": "On asking",
                "body": "# What?\n\nI asked Mrs B.",
                "status": "final",
                "structure": "what_so_what",
                "page": learning_page.pk,
                "question": question["id"],
            },
        )

        entry = ReflectiveEntry.objects.get(author=author)
        assert response.status_code == 302
        assert response["Location"] == _url("entry_detail", entry)
        assert entry.question_text == question["text"]
        assert entry.structure == "what_so_what"
        assert entry.status == EntryStatus.FINAL
        assert entry.versions.count() == 1

    def test_posting_an_unknown_question_gives_a_form_error(self, client, author, learning_page):
        response = _signed_in(client, author).post(
            _url("entry_create"),
            {
                "title": "T",
                "body": "B",
                "status": "draft",
                "page": learning_page.pk,
                "question": "no-such-id",
            },
        )
        assert response.status_code == 400
        assert UNKNOWN_QUESTION in response.content.decode()
        assert "There is a problem" in response.content.decode()
        assert not ReflectiveEntry.objects.exists()

    def test_empty_body_gives_an_error_and_keeps_the_title(self, client, author):
        response = _signed_in(client, author).post(
            _url("entry_create"), {"title": "Keep me", "body": "", "status": "draft"}
        )
        body = response.content.decode()
        assert response.status_code == 400
        assert "Write your reflection" in body
        assert 'value="Keep me"' in body
        assert "<title>Error:" in body

    def test_edit_saves_a_new_version(self, client, author):
        entry = make_entry(author)
        response = _signed_in(client, author).post(
            _url("entry_edit", entry), {"title": "Better title", "body": "More", "status": "final"}
        )
        assert response.status_code == 302
        entry.refresh_from_db()
        assert entry.title == "Better title" and entry.status == "final"
        assert entry.versions.count() == 2

    def test_locked_entry_edit_is_refused_with_a_message(self, client, author, supervisor):
        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        services.entry_sign_off(entry=entry, supervisor=supervisor)
        client = _signed_in(client, author)

        response = client.get(_url("entry_edit", entry), follow=True)
        assert response.redirect_chain[-1][0] == _url("entry_detail", entry)
        assert "signed off by your supervisor" in response.content.decode()
        assert "Change this entry" not in response.content.decode()

        response = client.post(
            _url("entry_edit", entry), {"title": "Sneaky", "body": "Edit", "status": "final"}
        )
        assert response.status_code == 302
        entry.refresh_from_db()
        assert entry.title == "What I took from it"

    def test_supervisor_cannot_edit(self, client, author, supervisor):
        entry = shared_entry(author, supervisor)
        response = _signed_in(client, supervisor).get(_url("entry_edit", entry))
        assert response.status_code == 404


class TestReading:
    def test_unknown_entry_is_404(self, client, author):
        response = _signed_in(client, author).get(
            reverse("reflections:entry_detail", args=[uuid.uuid4()])
        )
        assert response.status_code == 404

    def test_unshared_entry_is_404_for_the_supervisor(self, client, author, supervisor):
        entry = make_entry(author)
        assert _signed_in(client, supervisor).get(_url("entry_detail", entry)).status_code == 404

    def test_withdrawn_share_is_404_for_the_supervisor(self, client, author, supervisor):
        entry = shared_entry(author, supervisor)
        client = _signed_in(client, supervisor)
        assert client.get(_url("entry_detail", entry)).status_code == 200
        services.entry_withdraw_share(entry=entry, author=author)
        assert client.get(_url("entry_detail", entry)).status_code == 404

    def test_script_in_the_body_never_becomes_markup(self, client, author, supervisor):
        entry = shared_entry(
            author,
            supervisor,
            body="Hello <script>alert('x')</script> and [link](javascript:alert(1))",
        )
        services.comment_add(
            entry=entry, author=supervisor, body="<script>steal()</script> **well done**"
        )
        comment = entry.comments.get()

        for user, url in (
            (author, _url("entry_detail", entry)),
            (supervisor, _url("entry_detail", entry)),
            (supervisor, reverse("reflections:comment_detail", args=[comment.pk])),
        ):
            client.force_login(user)
            body = client.get(url).content.decode()
            assert "<script>" not in body
            assert "javascript:" not in body
            assert "&lt;script&gt;" in body
        assert "<strong>well done</strong>" in body

    def test_markdown_is_rendered(self, client, author):
        entry = make_entry(author, body="# Description\n\n- one\n- two\n\n*emphasis*")
        body = _signed_in(client, author).get(_url("entry_detail", entry)).content.decode()
        assert "<h3>Description</h3>" in body
        assert "<li>one</li>" in body
        assert "<em>emphasis</em>" in body


class TestSharingViews:
    def test_share_page_offers_only_own_supervisors(self, client, author, supervisor):
        make_supervisor(first_name="Not", last_name="Mine")
        entry = make_entry(author)
        response = _signed_in(client, author).get(_url("entry_share", entry))
        body = response.content.decode()
        assert response.status_code == 200
        assert "Rachel Hughes" in body
        assert "Not Mine" not in body

    def test_share_emails_the_supervisor(
        self, client, author, supervisor, django_capture_on_commit_callbacks
    ):
        entry = make_entry(author)
        with django_capture_on_commit_callbacks(execute=True):
            response = _signed_in(client, author).post(
                _url("entry_share", entry), {"supervisors": [supervisor.pk]}
            )
        assert response.status_code == 302
        assert EntryShare.objects.filter(entry=entry, supervisor=supervisor).exists()
        assert len(mail.outbox) == 1
        assert f"http://testserver/reflections/{entry.pk}/" in mail.outbox[0].body

    def test_sharing_with_a_stranger_is_a_form_error(self, client, author):
        stranger = make_supervisor()
        entry = make_entry(author)
        response = _signed_in(client, author).post(
            _url("entry_share", entry), {"supervisors": [stranger.pk]}
        )
        assert response.status_code == 400
        assert "Choose from the people listed" in response.content.decode()
        assert not EntryShare.objects.exists()

    def test_without_a_supervisor_the_page_says_so(self, client):
        from tests.factories import make_person

        loner = make_person()
        entry = make_entry(loner)
        response = _signed_in(client, loner).get(_url("entry_share", entry))
        assert "No supervisor is named on your profile" in response.content.decode()

    def test_withdraw(self, client, author, supervisor):
        entry = shared_entry(author, supervisor)
        response = _signed_in(client, author).post(
            _url("entry_withdraw", entry), {"supervisors": [supervisor.pk]}
        )
        assert response.status_code == 302
        assert not EntryShare.objects.filter(withdrawn_at__isnull=True).exists()

    def test_withdraw_with_nothing_chosen(self, client, author, supervisor):
        entry = shared_entry(author, supervisor)
        response = _signed_in(client, author).post(_url("entry_withdraw", entry), {})
        assert response.status_code == 400
        assert "Choose who should no longer see it" in response.content.decode()


class TestSupervision:
    def test_comment_review_and_the_author_sees_both(self, client, author, supervisor):
        entry = shared_entry(author, supervisor)
        client = _signed_in(client, supervisor)

        response = client.post(_url("entry_comment", entry), {"body": "Have you asked *her*?"})
        assert response.status_code == 302
        response = client.post(
            _url("entry_review", entry),
            {"status": "discussed", "on": timezone.localdate().isoformat()},
        )
        assert response.status_code == 302

        client.force_login(author)
        body = client.get(_url("entry_detail", entry)).content.decode()
        assert "Have you asked <em>her</em>?" in body
        assert "Discussed in supervision by Rachel Hughes" in body
        assert "on version 1" in body
        assert "the entry has changed since" not in body

        response = client.post(_url("entry_comment", entry), {"body": "Yes, on Tuesday"})
        assert response.status_code == 302
        assert list(entry.comments.values_list("author", flat=True)) == [supervisor.pk, author.pk]

    def test_comment_shows_when_the_entry_changed_and_links_the_version_read(
        self, client, author, supervisor
    ):
        entry = shared_entry(author, supervisor, body="First thoughts")
        comment = services.comment_add(entry=entry, author=supervisor, body="Say more")
        services.entry_update(entry=entry, author=author, title="T", body="Second thoughts")
        client = _signed_in(client, supervisor)

        body = client.get(_url("entry_detail", entry)).content.decode()
        assert "the entry has changed since" in body
        assert reverse("reflections:comment_detail", args=[comment.pk]) in body

        body = client.get(reverse("reflections:comment_detail", args=[comment.pk])).content.decode()
        assert "First thoughts" in body
        assert "Second thoughts" not in body

    def test_empty_comment_shows_the_entry_with_an_error(self, client, author, supervisor):
        entry = shared_entry(author, supervisor)
        response = _signed_in(client, supervisor).post(_url("entry_comment", entry), {"body": ""})
        assert response.status_code == 400
        assert "Write your comment" in response.content.decode()
        assert not EntryComment.objects.exists()

    def test_review_with_a_future_date_is_refused(self, client, author, supervisor):
        entry = shared_entry(author, supervisor)
        response = _signed_in(client, supervisor).post(
            _url("entry_review", entry), {"status": "reviewed", "on": "2999-01-01"}
        )
        assert response.status_code == 400
        entry.refresh_from_db()
        assert entry.review_status == ReviewStatus.NOT_REVIEWED

    def test_sign_off_and_reopen(self, client, author, supervisor):
        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        client = _signed_in(client, supervisor)

        assert client.get(_url("entry_reopen", entry)).status_code == 404
        assert client.post(_url("entry_sign_off", entry)).status_code == 302
        entry.refresh_from_db()
        assert entry.is_locked

        second = make_supervisor()
        author.profile.supervisors.add(second)
        services.entry_share(entry=entry, author=author, supervisors=[second])
        client.force_login(second)
        assert client.get(_url("entry_detail", entry)).status_code == 200
        assert client.post(_url("entry_reopen", entry)).status_code == 404
        entry.refresh_from_db()
        assert entry.is_locked

        client.force_login(supervisor)
        assert client.post(_url("entry_reopen", entry)).status_code == 302
        entry.refresh_from_db()
        assert not entry.is_locked

    def test_sign_off_page_for_a_draft_explains(self, client, author, supervisor):
        entry = shared_entry(author, supervisor)
        response = _signed_in(client, supervisor).get(_url("entry_sign_off", entry))
        assert response.status_code == 200
        assert "still a draft" in response.content.decode()


class TestElsewhere:
    def test_reflective_question_links_to_the_new_entry_form(
        self, client, author, learning_page, question
    ):
        expected = f"{_url('entry_create')}?page={learning_page.pk}&amp;question={question['id']}"

        assert expected not in client.get(learning_page.url).content.decode()
        body = _signed_in(client, author).get(learning_page.url).content.decode()
        assert expected in body
        assert "Reflect on this question" in body

    def test_supervisor_is_told_how_many_entries_wait(self, author, supervisor):
        shared_entry(author, supervisor)
        shared_entry(author, supervisor, title="Second")
        reviewed = shared_entry(author, supervisor, title="Third")
        services.entry_mark_reviewed(
            entry=reviewed, supervisor=supervisor, status="reviewed", on=timezone.localdate()
        )

        titles = [step.title for step in next_steps_for(supervisor)]
        assert "2 reflective entries are waiting for your review" in titles
        author_titles = [step.title for step in next_steps_for(author)]
        assert not any("waiting for your review" in title for title in author_titles)

    def test_navigation_offers_my_team_to_supervisors_only(self, client, author, supervisor):
        body = _signed_in(client, supervisor).get(_url("entry_list")).content.decode()
        assert reverse("supervision:my_team") in body
        body = _signed_in(client, author).get(_url("entry_list")).content.decode()
        assert f'href="{reverse("supervision:my_team")}"' not in body
        assert f'href="{_url("entry_list")}"' in body

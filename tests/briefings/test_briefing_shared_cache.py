"""A briefing's shared part (everything in its article) is rendered once per published
revision and cached for every reader (learning.shared_cache); the reader's own part
(completed or not, feedback) never is."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.records import services as records
from learning.roles import Role
from learning.shared_cache.version import content_version
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _publish_new_summary(page, summary: str) -> None:
    page.summary = summary
    page.save_revision().publish()


def test_a_second_reader_is_served_the_article_from_the_cache(client, make_briefing):
    page = make_briefing(summary="Shared words for every reader.")
    first, second = make_person(), make_person()
    client.force_login(first)
    cold = _queries(client, page.url)
    client.force_login(second)
    warm = _queries(client, page.url)
    assert warm < cold
    assert "Shared words for every reader." in client.get(page.url).text


def test_publishing_an_edit_is_seen_at_once_by_every_reader(client, make_briefing):
    page = make_briefing(summary="The first wording.")
    reader = make_person()
    client.force_login(reader)
    assert "The first wording." in client.get(page.url).text
    before = content_version()

    _publish_new_summary(page, "The corrected wording.")

    assert content_version() > before
    for person in (reader, make_person()):
        client.force_login(person)
        text = client.get(page.url).text
        assert "The corrected wording." in text
        assert "The first wording." not in text


def test_a_readers_own_completion_is_never_shown_to_another_reader(client, make_briefing):
    page = make_briefing()
    done, not_done = make_person(), make_person()
    records.completion_record(user=done, page=page, how="confirmed")

    client.force_login(done)
    assert "You completed this on" in client.get(page.url).text
    # The article is cached now; the second reader shares it but not the first's record.
    client.force_login(not_done)
    text = client.get(page.url).text
    assert "You completed this on" not in text
    assert "Record your learning" in text


def test_a_readers_own_lines_follow_their_record_at_once(client, make_briefing):
    page = make_briefing()
    reader = make_person()
    client.force_login(reader)
    assert "I have read this" in client.get(page.url).text
    assert "I have read this" in client.get(page.url).text  # their lines, now kept
    client.post(reverse("records:complete", args=[page.pk]))
    text = client.get(page.url).text
    assert "You completed this on" in text
    assert "Tell us what you thought" in text
    records.feedback_save(user=reader, page=page, usefulness=5, will_change_practice="yes")
    text = client.get(page.url).text
    assert "You rated this 5 out of 5" in text
    assert "Tell us what you thought" not in text


def test_signed_out_and_signed_in_readers_get_their_own_article(client, make_briefing, principles):
    question = {"text": "Who else knows this person?", "principle": principles["partnership"]}
    page = make_briefing(reflective_questions=[("question", question)])
    # Warm the signed-out article first: it has no "Reflect on this question" links.
    signed_out = client.get(page.url).text
    client.force_login(make_person())
    signed_in = client.get(page.url).text
    assert "Who else knows this person?" in signed_out
    assert "Reflect on this question" not in signed_out
    assert "Reflect on this question" in signed_in


def test_the_print_view_is_its_own_fragment(client, make_briefing):
    page = make_briefing()
    client.force_login(make_person())
    screen = client.get(page.url).text
    printed = client.get(page.url, {"print": "1"}).text
    assert "From the Safeguarding Learning Hub" in printed
    assert "From the Safeguarding Learning Hub" not in screen


def test_a_preview_of_a_draft_is_never_served_from_or_put_in_the_cache(
    client, make_briefing, sign_in_with_mfa
):
    page = make_briefing(summary="The published wording.")
    client.force_login(make_person())
    client.get(page.url)  # the live article is cached
    page.summary = "A draft nobody has approved."
    page.save_revision()

    sign_in_with_mfa(Role.SAB_MANAGER)
    preview = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert preview.status_code == 200
    assert "A draft nobody has approved." in preview.text

    client.force_login(make_person())
    assert "The published wording." in client.get(page.url).text
    assert "A draft nobody has approved." not in client.get(page.url).text


def test_an_instance_with_its_own_cache_never_serves_a_stale_article(
    client, make_briefing, settings
):
    """Two application instances, each with its own local cache: the content version
    comes from the database, so a publish on one is fresh on the other."""
    page = make_briefing(summary="Before the edit.")
    client.force_login(make_person())
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "b"}
    }
    assert "Before the edit." in client.get(page.url).text  # instance B caches it

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "a"}
    }
    _publish_new_summary(page, "After the edit.")  # published through instance A

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "b"}
    }
    text = client.get(page.url).text
    assert "After the edit." in text
    assert "Before the edit." not in text
    cache.clear()


def test_unpublishing_the_review_removes_its_link_from_cached_briefings(
    client, make_briefing, make_review
):
    review = make_review(title="Review of Adult Q")
    page = make_briefing(review=review)
    client.force_login(make_person())
    assert "Review of Adult Q" in client.get(page.url).text

    review.unpublish()

    assert "Review of Adult Q" not in client.get(page.url).text


def test_the_feedback_questions_are_built_once_per_revision(client, make_briefing, monkeypatch):
    """The unanswered questions are the same for everyone: the form behind them is made
    when they are first rendered, and not again while they are cached."""
    from learning.records.forms import FeedbackForm

    page = make_briefing()
    made = []
    original_init = FeedbackForm.__init__

    def counting_init(self, *args, **kwargs):
        made.append(self)
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(FeedbackForm, "__init__", counting_init)
    readers = [make_person(), make_person()]
    texts = []
    for reader in readers:
        records.completion_record(user=reader, page=page, how="confirmed")
        client.force_login(reader)
        texts.append(client.get(page.url).text)
    for text in texts:
        assert "Tell us what you thought" in text
        for field in ("usefulness", "will_change_practice", "comment"):
            assert f'name="{field}"' in text
    assert len(made) == 1

"""The demo seeder loads the reviews and briefings once, published."""

from __future__ import annotations

import pytest
from wagtail import hooks
from wagtail.models import Page

from briefings.demo import seed_briefings
from briefings.demo_data import BRIEFINGS, REVIEWS
from briefings.models import (
    BriefingIndexPage,
    BriefingPage,
    ReviewIndexPage,
    SafeguardingAdultsReviewPage,
)
from briefings.wagtail_hooks import load_demo_briefings
from learning.site_setup import ensure_site_pages

pytestmark = pytest.mark.django_db


def _seed() -> list[Page]:
    return seed_briefings(ensure_site_pages())


@pytest.fixture(scope="class")
def _seeded(class_shared_data):
    return class_shared_data.build(_seed)


@pytest.fixture
def created(_seeded, class_shared_data, db) -> list[Page]:
    """The pages the seeder made on an empty site."""
    return class_shared_data.copy(_seeded)


@pytest.mark.usefixtures("_seeded")
class TestSeeded:
    """The demo reviews and briefings, seeded once for the class (a dozen Wagtail
    publishes), each test in a savepoint of it; the tests that need a site without
    them are outside it."""

    def test_seeder_creates_both_indexes_and_publishes_everything(self, home, created):
        assert len(created) == len(REVIEWS) + len(BRIEFINGS)
        for model in (BriefingIndexPage, ReviewIndexPage):
            index = model.objects.get()
            assert index.live and index.get_parent().pk == home.pk
        pages = [*BriefingPage.objects.all(), *SafeguardingAdultsReviewPage.objects.all()]
        assert {p.slug for p in pages} == {d["slug"] for d in [*REVIEWS, *BRIEFINGS]}
        assert all(p.live and not p.has_unpublished_changes for p in pages)
        # Published through a revision, as an editor's page would be.
        assert all(p.live_revision_id for p in pages)

    def test_seeded_briefing_holds_the_demo_data(self):
        data = BRIEFINGS[0]
        page = BriefingPage.objects.get(slug=data["slug"])
        assert len(page.sections) == 7
        assert [s.value.heading_text() for s in page.sections] == [
            s["heading"] for s in data["sections"]
        ]
        assert page.review.slug == data["review"]
        assert sorted(p.slug for p in page.principles.all()) == sorted(data["principles"])
        assert sorted(a.slug for a in page.abuse_types.all()) == sorted(data["abuse_types"])
        assert sorted(t.name for t in page.themes.all()) == sorted(data["themes"])
        assert len(page.reflective_questions) == len(data["reflective_questions"])

    def test_seeded_review_holds_the_demo_data(self):
        data = REVIEWS[0]
        review = SafeguardingAdultsReviewPage.objects.get(slug=data["slug"])
        assert review.pseudonym == data["pseudonym"]
        assert review.year_published == data["year"]
        assert review.review_type == data["review_type"]
        assert [c.value for c in review.key_findings] == data["findings"]
        assert [c.value for c in review.recommendations] == data["recommendations"]
        assert review.report_url == data["report_url"]
        assert [(q["text"], q["principle"].slug) for q in review.reflective_question_items()] == [
            (q["text"], q["principle"]) for q in data["reflective_questions"]
        ]
        # Reviews take the principles of the briefings that teach them.
        assert review.principles.exists()
        assert {b.slug for b in review.briefings.all()} == {
            b["slug"] for b in BRIEFINGS if b["review"] == data["slug"]
        }

    @pytest.mark.parametrize("model", [BriefingPage, SafeguardingAdultsReviewPage])
    def test_every_seeded_page_carries_reflective_questions(self, model):
        pages = model.objects.all()
        assert pages.exists()
        for page in pages:
            questions = page.reflective_question_items()
            assert questions, f"{page.slug} has no reflective questions"
            # Each question is tied to a principle the page is tagged with, so the
            # principle hub that lists it is one the page also appears on.
            tagged = set(page.principles.values_list("pk", flat=True))
            assert all(q["text"] and q["principle"].pk in tagged for q in questions)

    def test_seeder_is_idempotent_and_keeps_editors_changes(self, home):
        count = Page.objects.count()
        page = BriefingPage.objects.get(slug=BRIEFINGS[1]["slug"])
        page.title = "Edited by the board"
        page.save_revision().publish()

        assert seed_briefings(home) == []
        assert Page.objects.count() == count
        assert BriefingPage.objects.get(pk=page.pk).title == "Edited by the board"

    def test_seeder_recreates_only_what_is_missing(self, home):
        BriefingPage.objects.get(slug=BRIEFINGS[2]["slug"]).delete()
        created = seed_briefings(home)
        assert [p.slug for p in created] == [BRIEFINGS[2]["slug"]]

    def test_seeded_pages_render(self, client):
        assert f">{len(BRIEFINGS)} briefings</h2>" in client.get("/briefings/").content.decode()
        assert f">{len(REVIEWS)} reviews</h2>" in client.get("/reviews/").content.decode()
        for page in [*BriefingPage.objects.all(), *SafeguardingAdultsReviewPage.objects.all()]:
            assert client.get(page.url).status_code == 200


def test_a_refused_publish_is_raised_not_hidden(home, monkeypatch):
    from learning.publishing_guard import services as guard

    monkeypatch.setattr(
        guard, "unresolved_findings", lambda page, revision=None: ["a possible identifier"]
    )
    with pytest.raises(guard.AnonymisationError) as caught:
        seed_briefings(home)
    assert any("While publishing the demo page" in note for note in caught.value.__notes__)
    # Nothing half-seeded is left behind.
    assert not BriefingPage.objects.exists()
    assert not SafeguardingAdultsReviewPage.objects.exists()


def test_seeder_is_registered_for_seed_demo(home):
    assert load_demo_briefings in hooks.get_hooks("register_demo_content")
    load_demo_briefings(home=home)
    assert BriefingPage.objects.count() == len(BRIEFINGS)

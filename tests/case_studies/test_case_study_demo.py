"""The demo seeder loads the four case studies once."""

from __future__ import annotations

import pytest
from wagtail import hooks

from case_studies.demo import seed_case_studies
from case_studies.demo_data import CASE_STUDIES
from case_studies.models import CaseStudyIndexPage, CaseStudyPage
from case_studies.wagtail_hooks import load_demo_case_studies
from learning.site_setup import ensure_site_pages

pytestmark = pytest.mark.django_db


def _seed() -> list[CaseStudyPage]:
    return seed_case_studies(ensure_site_pages())


@pytest.fixture(scope="class")
def _seeded(class_shared_data):
    return class_shared_data.build(_seed)


@pytest.fixture
def created(_seeded, class_shared_data, db) -> list[CaseStudyPage]:
    """The pages the seeder made on an empty site."""
    return class_shared_data.copy(_seeded)


@pytest.mark.usefixtures("_seeded")
class TestSeeded:
    """The demo case studies, seeded once for the class (each a Wagtail publish), each
    test in a savepoint of it; the test that needs a site without them is outside it."""

    def test_seeder_creates_the_index_and_publishes_every_case_study(self, home, created):
        assert len(created) == len(CASE_STUDIES) == 4
        index = CaseStudyIndexPage.objects.get()
        assert index.live and index.get_parent().pk == home.pk
        pages = CaseStudyPage.objects.child_of(index)
        assert {p.slug for p in pages} == {data["slug"] for data in CASE_STUDIES}
        assert all(p.live and p.has_unpublished_changes is False for p in pages)

    def test_seeded_case_study_holds_the_demo_data(self):
        data = CASE_STUDIES[0]
        page = CaseStudyPage.objects.get(slug=data["slug"])
        assert page.partner_types == data["partners"]
        assert page.partner_type_labels() == [
            "Local authority",
            "Police",
            "Voluntary sector",
            "Care provider",
            "Other",
        ]
        assert [c.value["achieved"] for c in page.desired_outcomes] == [
            o["achieved"] for o in data["desired_outcomes"]
        ]
        assert [c.value["principle"].slug for c in page.principles_in_practice] == [
            p["principle"] for p in data["principles_in_practice"]
        ]
        assert sorted(p.slug for p in page.principles.all()) == sorted(data["principles"])
        assert sorted(a.slug for a in page.abuse_types.all()) == sorted(data["abuse_types"])
        assert sorted(t.name for t in page.themes.all()) == sorted(data["themes"])
        assert len(page.reflective_questions) == len(data["reflective_questions"])

    def test_every_seeded_case_study_carries_reflective_questions(self):
        for page in CaseStudyPage.objects.all():
            questions = page.reflective_question_items()
            assert questions, f"{page.slug} has no reflective questions"
            assert all(q["text"] and q["principle"] for q in questions)

    def test_seeder_is_idempotent_and_keeps_editors_changes(self, home):
        page = CaseStudyPage.objects.get(slug=CASE_STUDIES[1]["slug"])
        page.title = "Edited by the board"
        page.save_revision().publish()

        assert seed_case_studies(home) == []
        assert CaseStudyIndexPage.objects.count() == 1
        assert CaseStudyPage.objects.count() == 4
        assert CaseStudyPage.objects.get(pk=page.pk).title == "Edited by the board"

    def test_seeder_recreates_only_what_is_missing(self, home):
        CaseStudyPage.objects.get(slug=CASE_STUDIES[2]["slug"]).delete()
        created = seed_case_studies(home)
        assert [p.slug for p in created] == [CASE_STUDIES[2]["slug"]]
        assert CaseStudyPage.objects.count() == 4

    def test_seeded_pages_render(self, client):
        index = CaseStudyIndexPage.objects.get()
        assert "4 case studies" in client.get(index.url).content.decode()
        for page in CaseStudyPage.objects.all():
            assert client.get(page.url).status_code == 200


def test_seeder_is_registered_for_seed_demo(home):
    assert load_demo_case_studies in hooks.get_hooks("register_demo_content")
    load_demo_case_studies(home=home)
    assert CaseStudyPage.objects.count() == 4

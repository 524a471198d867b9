"""The demo seeder: a check for each demo briefing, attached to it, and a myth-buster."""

from __future__ import annotations

import pytest
from wagtail import hooks

from briefings.demo import seed_briefings
from quizzes.demo import seed_quizzes
from quizzes.demo_data import KNOWLEDGE_CHECKS, MYTH_BUSTER
from quizzes.models import KnowledgeCheckPage, MythBusterPage
from quizzes.scoring import right_keys
from quizzes.snapshot import build_snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(home):
    seed_briefings(home)
    return seed_quizzes(home)


def test_a_published_check_for_each_demo_briefing(seeded):
    checks = KnowledgeCheckPage.objects.live().select_related("checks_page")
    assert {check.checks_page.slug for check in checks} == set(KNOWLEDGE_CHECKS)
    for check in checks:
        data = KNOWLEDGE_CHECKS[check.checks_page.slug]
        assert check.title == data["title"]
        assert check.pass_mark == data["pass_mark"]
        assert len(check.questions) == len(data["questions"])
        assert check.principles.exists()
        assert check.completion_method == "check"


def test_demo_answers_survive_the_conversion(seeded):
    check = KnowledgeCheckPage.objects.get(checks_page__slug="self-neglect-and-hoarding")
    data = KNOWLEDGE_CHECKS["self-neglect-and-hoarding"]["questions"]
    snapshot = build_snapshot(check)
    for question, source in zip(snapshot["questions"], data, strict=True):
        right_texts = {o["text"] for o in question["options"] if o["key"] in right_keys(question)}
        assert right_texts == {o["text"] for o in source["options"] if o["correct"]}


def test_myth_buster(seeded):
    buster = MythBusterPage.objects.live().get(slug=MYTH_BUSTER["slug"])
    assert len(buster.myths) == len(MYTH_BUSTER["myths"])
    first = buster.myths[0].value
    assert first["correct_answer"] == MYTH_BUSTER["myths"][0]["answer"]
    assert first["read_more"].slug == MYTH_BUSTER["myths"][0]["read_more"]
    assert first["principle"].slug == MYTH_BUSTER["myths"][0]["principle"]


def test_seeding_twice_changes_nothing(seeded, home):
    count = KnowledgeCheckPage.objects.count() + MythBusterPage.objects.count()
    assert seed_quizzes(home) == []
    assert KnowledgeCheckPage.objects.count() + MythBusterPage.objects.count() == count


def test_without_briefings_only_the_myth_buster_is_made(home):
    created = seed_quizzes(home)
    assert [type(page) for page in created] == [MythBusterPage]


def test_seeder_is_registered():
    names = [hook.__module__ for hook in hooks.get_hooks("register_demo_content")]
    assert "quizzes.wagtail_hooks" in names
    assert names.index("quizzes.wagtail_hooks") > names.index("briefings.wagtail_hooks")

"""The demo seeder: a check for each demo briefing, attached to it, and a myth-buster."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from briefings.demo import seed_briefings
from learning.models import Completion, CompletionHow, User
from learning.site_setup import ensure_site_pages
from quizzes.demo import seed_quizzes
from quizzes.demo_activity import ATTEMPT_PEOPLE, seed_check_attempts
from quizzes.demo_data import KNOWLEDGE_CHECKS, MYTH_BUSTER
from quizzes.models import Attempt, KnowledgeCheckPage, MythBusterPage
from quizzes.scoring import right_keys
from quizzes.snapshot import build_snapshot
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def _seed():
    home = ensure_site_pages()
    seed_briefings(home)
    return seed_quizzes(home)


def _seed_with_staff():
    _seed()
    people = [make_person() for _ in range(40)]
    joined = timezone.now() - timedelta(days=500)
    User.objects.filter(pk__in=[person.pk for person in people]).update(date_joined=joined)
    return list(User.objects.filter(pk__in=[person.pk for person in people]))


@pytest.fixture(scope="class")
def _seeded(class_shared_data):
    return class_shared_data.build(_seed)


@pytest.fixture(scope="class")
def _seeded_staff(class_shared_data):
    return class_shared_data.build(_seed_with_staff)


@pytest.fixture
def seeded(_seeded, class_shared_data, db):
    return class_shared_data.copy(_seeded)


@pytest.mark.usefixtures("_seeded")
class TestSeeded:
    """The demo briefings and quizzes, seeded once for the class (a dozen Wagtail
    publishes); the tests without them are outside it."""

    def test_a_published_check_for_each_demo_briefing(self, seeded):
        checks = KnowledgeCheckPage.objects.live().select_related("checks_page")
        assert {check.checks_page.slug for check in checks} == set(KNOWLEDGE_CHECKS)
        for check in checks:
            data = KNOWLEDGE_CHECKS[check.checks_page.slug]
            assert check.title == data["title"]
            assert check.pass_mark == data["pass_mark"]
            assert len(check.questions) == len(data["questions"])
            assert check.principles.exists()
            assert check.completion_method == "check"

    def test_demo_answers_survive_the_conversion(self, seeded):
        check = KnowledgeCheckPage.objects.get(checks_page__slug="self-neglect-and-hoarding")
        data = KNOWLEDGE_CHECKS["self-neglect-and-hoarding"]["questions"]
        snapshot = build_snapshot(check)
        for question, source in zip(snapshot["questions"], data, strict=True):
            right_texts = {
                o["text"] for o in question["options"] if o["key"] in right_keys(question)
            }
            assert right_texts == {o["text"] for o in source["options"] if o["correct"]}

    def test_myth_buster(self, seeded):
        buster = MythBusterPage.objects.live().get(slug=MYTH_BUSTER["slug"])
        assert len(buster.myths) == len(MYTH_BUSTER["myths"])
        first = buster.myths[0].value
        assert first["correct_answer"] == MYTH_BUSTER["myths"][0]["answer"]
        assert first["read_more"].slug == MYTH_BUSTER["myths"][0]["read_more"]
        assert first["principle"].slug == MYTH_BUSTER["myths"][0]["principle"]

    def test_seeding_twice_changes_nothing(self, seeded, home):
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


def test_nobody_and_no_checks_mean_no_attempts(home):
    assert seed_check_attempts([]) == []
    assert seed_check_attempts([make_person()]) == []


@pytest.mark.usefixtures("_seeded_staff")
class TestDemoAttempts:
    """Demo staff's attempts, made through the services after learning's seed (the
    seeded site and the forty staff are built once for the class)."""

    @pytest.fixture
    def staff(self, _seeded_staff, class_shared_data):
        return class_shared_data.copy(_seeded_staff)

    def test_about_thirty_people_pass_and_fail_with_answers(self, staff):
        made = seed_check_attempts(staff)
        assert made
        attempts = Attempt.objects.filter(user__in=staff)
        assert attempts.values("user").distinct().count() == ATTEMPT_PEOPLE
        assert attempts.filter(passed=True).exists() and attempts.filter(passed=False).exists()
        now = timezone.now()
        for attempt in attempts.prefetch_related("answers"):
            assert attempt.is_finished
            assert attempt.started_at < attempt.finished_at < now
            assert attempt.finished_at > attempt.user.date_joined
            assert len(attempt.answers.all()) == attempt.question_count
            assert sum(a.correct for a in attempt.answers.all()) == attempt.correct_count

    def test_a_pass_completes_the_briefing_not_the_check(self, staff):
        seed_check_attempts(staff)
        passed = Attempt.objects.filter(user__in=staff, passed=True).select_related("page")
        completions = Completion.objects.filter(user__in=staff)
        assert not completions.filter(page__in=KnowledgeCheckPage.objects.all()).exists()
        for attempt in passed:
            completion = completions.get(user=attempt.user, page=attempt.page.checks_page_id)
            assert completion.how == CompletionHow.PASSED_CHECK
            assert completion.completed_at <= attempt.finished_at

    def test_a_second_run_adds_nothing(self, staff):
        seed_check_attempts(staff)
        count = Attempt.objects.count()
        assert seed_check_attempts(staff) == []
        assert Attempt.objects.count() == count

    def test_the_hook_is_registered(self):
        # By module: importing quizzes.wagtail_hooks here would register its hooks
        # again, ahead of the other apps'.
        names = [hook.__module__ for hook in hooks.get_hooks("register_demo_activity")]
        assert names == ["quizzes.wagtail_hooks"]

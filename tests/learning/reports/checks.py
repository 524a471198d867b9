"""Knowledge checks and attempts for the report tests (the feedback report's level 2
and the knowledge-check report). Tests may use quizzes; the platform may not."""

from __future__ import annotations

import itertools

from django.utils.text import slugify

from learning.site_setup import ensure_site_pages
from quizzes import services
from quizzes.demo import ensure_check_index
from quizzes.models import Attempt, KnowledgeCheckPage
from tests.quizzes.helpers import answers_for, single, true_false

_numbers = itertools.count(1)

QUESTIONS = (
    single("Who decides what the person wants?", right="The person", wrong=("Their family",)),
    true_false("Capacity is assumed unless shown otherwise.", answer="true"),
)


def make_check(title: str, *, checks_page=None, questions=QUESTIONS) -> KnowledgeCheckPage:
    """A published check (pass mark 100%) under the check index, attached to
    `checks_page` when given."""
    index = ensure_check_index(ensure_site_pages())
    page = KnowledgeCheckPage(
        title=title,
        slug=f"{slugify(title)}-{next(_numbers)}",
        summary="Two quick questions.",
        questions=list(questions),
        pass_mark=100,
        shuffle_options=False,
        checks_page=checks_page,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def take(check: KnowledgeCheckPage, person, *, wrong: tuple[int, ...] = ()) -> Attempt:
    """A finished attempt by `person`, answering the questions numbered in `wrong`
    (from 1) wrongly and the rest rightly."""
    attempt = services.start_attempt(user=person, check=check)
    overrides = {}
    for number in wrong:
        question = attempt.snapshot["questions"][number - 1]
        overrides[question["id"]] = [o["key"] for o in question["options"] if not o["correct"]][:1]
    finished, _ = services.finish_attempt(
        attempt=attempt, answers=answers_for(attempt, overrides=overrides)
    )
    return finished

"""Test data for the reflective log, supervision and the permission table: a
published learning page with reflective questions, supervised people and entries.

Plain functions (not fixtures) so that tests/learning/reflections, .../supervision and
test_permissions_table.py share them without a conftest above their folders. The
platform never imports the content apps; its tests need a concrete learning page, and
a case study is the simplest one there is.
"""

from __future__ import annotations

import itertools

from wagtail.rich_text import RichText

from learning.models import Principle, ReflectiveEntry
from learning.reflections import services
from learning.roles import Role
from learning.site_setup import ensure_site_pages
from tests.factories import make_person

_numbers = itertools.count(1)

QUESTIONS = (
    ("What did the person want to happen, and how did you find out?", "empowerment"),
    ("Which other agency could have helped sooner?", "partnership"),
)


def make_learning_page(*, title: str | None = None, questions=QUESTIONS, **fields):
    """A published case study carrying the given (text, principle slug) questions."""
    from case_studies.demo import ensure_case_study_index
    from case_studies.models import CaseStudyPage

    principles = Principle.objects.in_bulk(field_name="slug")
    index = ensure_case_study_index(ensure_site_pages())
    number = next(_numbers)
    page = CaseStudyPage(
        title=title or f"Reflective learning item {number}",
        slug=f"reflective-learning-item-{number}",
        summary="A short piece of learning about safeguarding adults.",
        situation="<p>Mr A lives alone and was finding it hard to cope.</p>",
        desired_outcomes=[("outcome", {"outcome": "I want to stay at home.", "achieved": "fully"})],
        what_was_done="<p>A social worker visited twice.</p>",
        principles_in_practice=[
            (
                "principle",
                {"principle": principles["empowerment"], "text": RichText("<p>He led it.</p>")},
            )
        ],
        reflective_questions=[
            ("question", {"text": text, "principle": principles[slug]}) for text, slug in questions
        ],
        **fields,
    )
    page.principles = [principles["empowerment"]]
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_supervisor(**fields):
    return make_person(role=Role.SUPERVISOR, **fields)


def make_supervisee(supervisor, **fields):
    """A practitioner in the supervisor's organisation who names them as supervisor."""
    person = make_person(
        role=Role.PRACTITIONER, organisation=supervisor.profile.organisation, **fields
    )
    person.profile.supervisors.add(supervisor)
    return person


def make_entry(author, **fields) -> ReflectiveEntry:
    values = {"title": "What I took from it", "body": "I *listened* more carefully."}
    values.update(fields)
    return services.entry_create(author=author, **values)


def shared_entry(author, supervisor, **fields) -> ReflectiveEntry:
    entry = make_entry(author, **fields)
    services.entry_share(entry=entry, author=author, supervisors=[supervisor])
    return entry

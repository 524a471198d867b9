"""Loads the demo knowledge checks and myth-buster (quizzes.demo_data) under an index
page below the home page.

Each check is attached to the demo briefing whose slug keys it in KNOWLEDGE_CHECKS,
so it runs after the briefings app's seeder (hooks run in app order). A check whose
briefing is missing is skipped. Idempotent: pages are looked up by slug and only what
is missing is created, so an editor's changes to demo pages survive a second run.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page

from learning.editorial import demo_reviewers, publish_through_workflow
from learning.learnable import learnable_pages
from learning.models import Principle
from quizzes.demo_data import KNOWLEDGE_CHECKS, MYTH_BUSTER
from quizzes.models import KnowledgeCheckIndexPage, KnowledgeCheckPage, MythBusterPage

INDEX_SLUG = "test-your-knowledge"
INDEX_TITLE = "Test your knowledge"
INDEX_INTRO = (
    "<p>Short knowledge checks that go with each seven-minute briefing, and myth-busters "
    "that test common beliefs about adult safeguarding. Your answers are marked as soon "
    "as you submit them, with an explanation for each.</p>"
)
CHECK_SLUG_SUFFIX = "-check"
CHECK_CPD_MINUTES = 5
APPROVAL_COMMENT = "Demo content, checked for the demo."


def _publish(page: Page) -> None:
    # Submitted by the demo SAB editor and approved by the demo SAB manager, as an
    # editor's page would be; published directly when there are no such users.
    editor, approver = demo_reviewers()
    publish_through_workflow(page, editor=editor, approver=approver, comment=APPROVAL_COMMENT)


def ensure_check_index(home: Page) -> KnowledgeCheckIndexPage:
    """The index under the home page, created and published if missing."""
    index = KnowledgeCheckIndexPage.objects.child_of(home).first()
    if index is None:
        index = KnowledgeCheckIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, intro=INDEX_INTRO)
        home.add_child(instance=index)
        _publish(index)
    return index


def _options(question: dict) -> list[dict]:
    return [{"text": o["text"], "correct": bool(o["correct"])} for o in question["options"]]


def _fixed_answer(question: dict) -> str:
    """The right option of a true/false or myth/reality question, as its choice key."""
    right = [o["text"] for o in question["options"] if o["correct"]]
    return right[0].strip().lower()


def question_block(question: dict, principles: dict[str, Principle]) -> tuple[str, dict]:
    """One demo question as a (block type, value) pair for the `questions` stream."""
    kind = question["type"]
    value = {
        "explanation": question["explanation"],
        "principle": principles.get(question["principle"]) if question["principle"] else None,
    }
    if kind in ("single", "multiple"):
        value.update(text=question["text"], options=_options(question))
    elif kind == "true_false":
        value.update(text=question["text"], correct_answer=_fixed_answer(question))
    elif kind == "myth_reality":
        value.update(statement=question["text"], correct_answer=_fixed_answer(question))
    else:
        raise ValueError(f"Unknown demo question type {kind!r}")
    return kind, value


def build_check(briefing: Page, data: dict, principles: dict[str, Principle]) -> KnowledgeCheckPage:
    """An unsaved check of `briefing` from one KNOWLEDGE_CHECKS entry."""
    briefing = briefing.specific
    page = KnowledgeCheckPage(
        title=data["title"],
        slug=f"{briefing.slug}{CHECK_SLUG_SUFFIX}",
        summary=f"Five questions on “{briefing.title}”, marked as soon as you submit.",
        intro=(
            "<p>Read the briefing first. Each answer is explained once you submit, and you "
            "can try again as often as you like.</p>"
        ),
        checks_page=briefing,
        pass_mark=data["pass_mark"],
        shuffle_options=True,
        cpd_minutes=CHECK_CPD_MINUTES,
        questions=[question_block(question, principles) for question in data["questions"]],
    )
    tested = {q["principle"] for q in data["questions"] if q["principle"]}
    page.principles = [principles[slug] for slug in sorted(tested)] or list(
        briefing.principles.all()
    )
    page.abuse_types = list(briefing.abuse_types.all())
    return page


def build_myth_buster(principles: dict[str, Principle]) -> MythBusterPage:
    """An unsaved myth-buster from MYTH_BUSTER. A "read more" slug naming a published
    learning page links to it; one naming a principle is covered by the statement's
    principle, whose page every card links to."""
    slugs = {myth["read_more"] for myth in MYTH_BUSTER["myths"]}
    pages = {page.slug: page for page in learnable_pages().filter(slug__in=slugs).live()}
    page = MythBusterPage(
        title=MYTH_BUSTER["title"],
        slug=MYTH_BUSTER["slug"],
        summary=MYTH_BUSTER["summary"],
        cpd_minutes=10,
        myths=[
            (
                "myth",
                {
                    "statement": myth["statement"],
                    "correct_answer": myth["answer"],
                    "explanation": myth["explanation"],
                    "principle": principles.get(myth["principle"]),
                    "read_more": pages.get(myth["read_more"]),
                },
            )
            for myth in MYTH_BUSTER["myths"]
        ],
    )
    page.principles = [
        principles[slug] for slug in sorted({m["principle"] for m in MYTH_BUSTER["myths"]})
    ]
    return page


@transaction.atomic
def seed_quizzes(home: Page) -> list[Page]:
    """Create and publish the demo checks and myth-buster that are missing; returns
    those created."""
    index = ensure_check_index(home)
    principles = Principle.objects.in_bulk(field_name="slug")
    existing = set(
        Page.objects.type(KnowledgeCheckPage, MythBusterPage).values_list("slug", flat=True)
    )
    briefings = {
        page.slug: page
        for page in learnable_pages()
        .not_type(KnowledgeCheckPage, MythBusterPage)
        .filter(slug__in=list(KNOWLEDGE_CHECKS))
    }
    # A briefing an editor has already written a check for keeps that one.
    checked = set(KnowledgeCheckPage.objects.values_list("checks_page_id", flat=True))
    created: list[Page] = []
    for briefing_slug, data in KNOWLEDGE_CHECKS.items():
        briefing = briefings.get(briefing_slug)
        if (
            briefing is None
            or briefing.pk in checked
            or f"{briefing_slug}{CHECK_SLUG_SUFFIX}" in existing
        ):
            continue
        page = build_check(briefing, data, principles)
        index.add_child(instance=page)
        _publish(page)
        created.append(page)
    if MYTH_BUSTER["slug"] not in existing:
        page = build_myth_buster(principles)
        index.add_child(instance=page)
        _publish(page)
        created.append(page)
    return created

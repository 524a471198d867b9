"""Loads the demo reviews and briefings (briefings.demo_data) under the home page.

Idempotent: the two index pages, each review and each briefing are looked up by slug
(under their index) and only what is missing is created, so an editor's changes to
demo pages survive a second run. Every page is published the way an editor's is: the
demo SAB editor submits it to the SAB review workflow and the demo SAB manager approves
it (learning.editorial.publish_through_workflow), so it passes the same anonymisation
check; a refusal is raised, not hidden, since demo text that fails the check needs
fixing.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page

from briefings.blocks import section_value
from briefings.demo_data import BRIEFINGS, REVIEWS
from briefings.models import (
    BriefingIndexPage,
    BriefingPage,
    ReviewIndexPage,
    SafeguardingAdultsReviewPage,
)
from learning.editorial import demo_reviewers, publish_through_workflow
from learning.models import AbuseType, Principle

BRIEFING_INDEX_SLUG = "briefings"
BRIEFING_INDEX_INTRO = (
    "<p>Seven-minute briefings: the essentials of a safeguarding topic in seven short "
    "sections, ready to read alone or print for a team meeting.</p>"
)
REVIEW_INDEX_SLUG = "reviews"
REVIEW_INDEX_INTRO = (
    "<p>Safeguarding Adults Reviews commissioned by the board: what each review found, "
    "what it recommended and the briefings that teach its learning.</p>"
)


APPROVAL_COMMENT = "Demo content, checked for the demo."


def _publish(page: Page) -> None:
    editor, approver = demo_reviewers()
    try:
        publish_through_workflow(page, editor=editor, approver=approver, comment=APPROVAL_COMMENT)
    except Exception as error:
        error.add_note(f"While publishing the demo page “{page.slug}”.")
        raise


def _ensure_index(home: Page, model: type[Page], *, title: str, slug: str, intro: str) -> Page:
    index = model.objects.child_of(home).first()
    if index is None:
        index = model(title=title, slug=slug, intro=intro)
        home.add_child(instance=index)
        _publish(index)
    return index


def ensure_briefing_index(home: Page) -> BriefingIndexPage:
    """The briefing index under the home page, created and published if missing."""
    return _ensure_index(
        home,
        BriefingIndexPage,
        title="Seven-minute briefings",
        slug=BRIEFING_INDEX_SLUG,
        intro=BRIEFING_INDEX_INTRO,
    )


def ensure_review_index(home: Page) -> ReviewIndexPage:
    """The review catalogue under the home page, created and published if missing."""
    return _ensure_index(
        home,
        ReviewIndexPage,
        title="Safeguarding Adults Reviews",
        slug=REVIEW_INDEX_SLUG,
        intro=REVIEW_INDEX_INTRO,
    )


def _review_principle_slugs(review_slug: str) -> list[str]:
    # The demo reviews name no principles of their own (a review page must have at
    # least one): they take those of the briefings that teach their learning.
    slugs: dict[str, None] = {}
    for briefing in BRIEFINGS:
        if briefing.get("review") == review_slug:
            slugs.update(dict.fromkeys(briefing["principles"]))
    return list(slugs)


def _tag(page, *, principle_slugs, abuse_type_slugs, themes, principles) -> None:
    # A KeyError here means the demo data names a principle that was never seeded.
    page.principles = [principles[slug] for slug in principle_slugs]
    page.abuse_types = list(AbuseType.objects.filter(slug__in=abuse_type_slugs))
    page.themes.add(*themes)


def _reflective_questions(data: dict, principles: dict[str, Principle]) -> list:
    return [
        ("question", {"text": item["text"], "principle": principles[item["principle"]]})
        for item in data["reflective_questions"]
    ]


def build_review(data: dict, principles: dict[str, Principle]) -> SafeguardingAdultsReviewPage:
    """An unsaved review page from one REVIEWS entry."""
    page = SafeguardingAdultsReviewPage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        pseudonym=data["pseudonym"],
        board=data["board"],
        year_published=data["year"],
        review_type=data["review_type"],
        key_findings=[("finding", text) for text in data["findings"]],
        recommendations=[("recommendation", text) for text in data["recommendations"]],
        report_url=data.get("report_url", ""),
        reflective_questions=_reflective_questions(data, principles),
    )
    _tag(
        page,
        principle_slugs=data.get("principles") or _review_principle_slugs(data["slug"]),
        abuse_type_slugs=data["abuse_types"],
        themes=data["themes"],
        principles=principles,
    )
    return page


def build_briefing(
    data: dict,
    principles: dict[str, Principle],
    reviews: dict[str, SafeguardingAdultsReviewPage],
) -> BriefingPage:
    """An unsaved briefing page from one BRIEFINGS entry, linked to its review by slug."""
    review_slug = data.get("review")
    page = BriefingPage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        cpd_minutes=data["cpd_minutes"],
        review=reviews[review_slug] if review_slug else None,
        sections=[
            ("section", section_value(section["heading"], section["body"]))
            for section in data["sections"]
        ],
        reflective_questions=_reflective_questions(data, principles),
    )
    _tag(
        page,
        principle_slugs=data["principles"],
        abuse_type_slugs=data["abuse_types"],
        themes=data["themes"],
        principles=principles,
    )
    return page


@transaction.atomic
def seed_briefings(home: Page) -> list[Page]:
    """Create and publish the demo reviews and briefings that are missing (and the two
    index pages); returns the pages created, reviews first."""
    review_index = ensure_review_index(home)
    briefing_index = ensure_briefing_index(home)
    principles = Principle.objects.in_bulk(field_name="slug")
    created: list[Page] = []

    reviews = {
        page.slug: page for page in SafeguardingAdultsReviewPage.objects.child_of(review_index)
    }
    for data in REVIEWS:
        if data["slug"] in reviews:
            continue
        page = build_review(data, principles)
        review_index.add_child(instance=page)
        _publish(page)
        reviews[page.slug] = page
        created.append(page)

    existing = set(BriefingPage.objects.child_of(briefing_index).values_list("slug", flat=True))
    for data in BRIEFINGS:
        if data["slug"] in existing:
            continue
        page = build_briefing(data, principles, reviews)
        briefing_index.add_child(instance=page)
        _publish(page)
        created.append(page)
    return created

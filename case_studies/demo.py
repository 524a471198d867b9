"""Loads the demo case studies (case_studies.demo_data) under the home page.

Idempotent: the index and each case study are looked up by slug and only what is
missing is created, so an editor's changes to demo pages survive a second run.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page
from wagtail.rich_text import RichText

from case_studies.demo_data import CASE_STUDIES
from case_studies.models import CaseStudyIndexPage, CaseStudyPage
from learning.editorial import demo_reviewers, publish_through_workflow
from learning.models import AbuseType, Principle

INDEX_SLUG = "case-studies"
INDEX_INTRO = (
    "<p>Anonymised examples of Making Safeguarding Personal in practice: what each person "
    "wanted, what partners did and how far the person's outcomes were achieved.</p>"
)
APPROVAL_COMMENT = "Demo content, checked for the demo."


def _publish(page: Page) -> None:
    # Submitted by the demo SAB editor and approved by the demo SAB manager, as an
    # editor's page would be; published directly when there are no such users.
    editor, approver = demo_reviewers()
    publish_through_workflow(page, editor=editor, approver=approver, comment=APPROVAL_COMMENT)


def ensure_case_study_index(home: Page) -> CaseStudyIndexPage:
    """The case study index under the home page, created and published if missing."""
    index = CaseStudyIndexPage.objects.child_of(home).first()
    if index is None:
        index = CaseStudyIndexPage(title="Case studies", slug=INDEX_SLUG, intro=INDEX_INTRO)
        home.add_child(instance=index)
        _publish(index)
    return index


def build_case_study(data: dict) -> CaseStudyPage:
    """An unsaved case study page from one CASE_STUDIES entry."""
    principles = Principle.objects.in_bulk(field_name="slug")

    def principle(slug: str) -> Principle:
        # A KeyError here means the demo data names a principle that was never seeded.
        return principles[slug]

    page = CaseStudyPage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        situation=data["situation"],
        desired_outcomes=[
            ("outcome", {"outcome": item["outcome"], "achieved": item["achieved"]})
            for item in data["desired_outcomes"]
        ],
        what_was_done=data["what_was_done"],
        principles_in_practice=[
            (
                "principle",
                {"principle": principle(item["principle"]), "text": RichText(item["text"])},
            )
            for item in data["principles_in_practice"]
        ],
        supported_success=data["supported_success"],
        barriers=data["barriers"],
        conditions_for_success=data["conditions_for_success"],
        partner_types=list(data["partners"]),
        reflective_questions=[
            ("question", {"text": item["text"], "principle": principle(item["principle"])})
            for item in data["reflective_questions"]
        ],
    )
    page.principles = [principle(slug) for slug in data["principles"]]
    page.abuse_types = list(AbuseType.objects.filter(slug__in=data["abuse_types"]))
    page.themes.add(*data["themes"])
    return page


@transaction.atomic
def seed_case_studies(home: Page) -> list[CaseStudyPage]:
    """Create and publish the demo case studies that are missing; returns those created."""
    index = ensure_case_study_index(home)
    existing = set(CaseStudyPage.objects.values_list("slug", flat=True))
    created = []
    for data in CASE_STUDIES:
        if data["slug"] in existing:
            continue
        page = build_case_study(data)
        index.add_child(instance=page)
        _publish(page)
        created.append(page)
    return created

"""The partnership's learnable pages: the demo content, built and published by the
content apps' own seeders, then copied through Wagtail until the target number of live
pages is reached.

A size may start from the least content instead (`Size.demo_content` False): one
review, the briefing that teaches it with its knowledge check, and one case study, from
the same demo data and builders, so every kind of page the records point at is there.
Publishing costs most of a small build, and the demo content is twenty pages; the
copies that make up the target are made the same way at every size.

Copying a live page (Page.copy with keep_live) gives the copy its own published
revision, search entry and references, as an editor's copy would. It is the faster of
the two ways measured: about 0.5 s a page against 0.8 s for building the page again
from the demo data with add_child and save_revision().publish() (PostgreSQL, this
machine). A knowledge check attached to a briefing is copied with the briefing and
attached to the copy, so the share of checks stays as in the demo content.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from itertools import count

from wagtail import hooks
from wagtail.models import Page

from briefings import demo as briefing_demo
from briefings.demo_data import BRIEFINGS, REVIEWS
from case_studies import demo as case_study_demo
from case_studies.demo_data import CASE_STUDIES
from learning.learnable import learnable_pages
from learning.models import Principle
from learning.site_setup import ensure_site_pages
from quizzes import demo as quiz_demo
from quizzes.demo_data import KNOWLEDGE_CHECKS
from quizzes.models import KnowledgeCheckPage


@contextmanager
def quiet_page_log():
    """Wagtail logs every page created, edited and published at INFO: noise here."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def build_pages(target: int, *, demo_content: bool = True) -> int:
    """The demo content (or the least content, see the module's docstring), then copies
    until `target` learnable pages are live (or the content alone, if it has that many).
    Returns the number of live pages."""
    with quiet_page_log():
        home = ensure_site_pages()
        if not learnable_pages().live().exists():
            if demo_content:
                for seeder in hooks.get_hooks("register_demo_content"):
                    seeder(home=home)
            else:
                _build_least_content(home)
        live = learnable_pages().live().count()
        if live >= target:
            return live
        checks = {check.checks_page_id: check for check in KnowledgeCheckPage.objects.live()}
        originals = [
            page
            for page in learnable_pages().live().order_by("path").specific()
            if not isinstance(page, KnowledgeCheckPage) or page.checks_page_id is None
        ]
        for round_number in count(1):
            for page in originals:
                copy = _copy(page, round_number)
                live += 1
                check = checks.get(page.pk)
                if check is not None and live < target:
                    _copy(check, round_number, checks_page=copy)
                    live += 1
                if live >= target:
                    return live
    return live  # pragma: no cover (the loop returns)


def _build_least_content(home: Page) -> None:
    principles = Principle.objects.in_bulk(field_name="slug")
    # The first demo briefing that has both a review and a knowledge check.
    briefing_data = next(
        data for data in BRIEFINGS if data.get("review") and data["slug"] in KNOWLEDGE_CHECKS
    )
    review_data = next(data for data in REVIEWS if data["slug"] == briefing_data["review"])
    review = briefing_demo.build_review(review_data, principles)
    _publish_under(briefing_demo.ensure_review_index(home), review)
    briefing = briefing_demo.build_briefing(briefing_data, principles, {review.slug: review})
    _publish_under(briefing_demo.ensure_briefing_index(home), briefing)
    check = quiz_demo.build_check(briefing, KNOWLEDGE_CHECKS[briefing.slug], principles)
    _publish_under(quiz_demo.ensure_check_index(home), check)
    case_study = case_study_demo.build_case_study(CASE_STUDIES[0])
    _publish_under(case_study_demo.ensure_case_study_index(home), case_study)


def _publish_under(parent: Page, page: Page) -> None:
    parent.add_child(instance=page)
    page.save_revision().publish()


def _copy(page: Page, round_number: int, **attrs) -> Page:
    return page.copy(
        to=page.get_parent(),
        update_attrs={
            "slug": f"{page.slug}-{round_number}",
            # "(copy N)", not "(N)": a bare number after a condition in a title reads to the
            # anonymisation guard as an exact age ("... learning from Brian (10)").
            "title": f"{page.title} (copy {round_number + 1})",
            **attrs,
        },
        keep_live=True,
        copy_revisions=False,
        log_action=None,
    )
